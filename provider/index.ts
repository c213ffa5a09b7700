/**
 * pulumi-hapn: Hapn GPS trackers as Pulumi resources.
 *
 * - {@link Device}: adopt a tracker by IMEI and manage its labels; refresh shows hand edits as drift.
 * - {@link Boundary}: a geofence (GeoJSON Polygon), created or adopted by id; refresh shows hand edits as drift.
 * - Lookups ({@link getDevice}, {@link getDevices}, {@link getDeviceStatus} and their `…Output` forms): read the
 *   account from a program without managing anything.
 * - {@link HapnClient}: the token-refreshing Hapn API client the provider uses, for scripts of your own.
 * - The local emulator is exported separately, from `pulumi-hapn/emulator`.
 */
export { Device } from "./device/resource";
export type { DeviceArgs } from "./device/resource";
export type { DeletePolicy, DeviceFacts, DeviceOutputs, DeviceRecord, OnMissing } from "./device/state";
export type { Labels } from "./device/labels";
export { Boundary } from "./boundary/resource";
export type { BoundaryArgs } from "./boundary/resource";
export { HapnDynamicResource, type StoredKind } from "./stored-provider";
export type { BoundaryDeletePolicy, BoundaryOutputs } from "./boundary/state";
export type { BoundaryField } from "./boundary/fields";
export type { Polygon } from "./boundary/geometry";
export { getDevice, getDeviceOutput } from "./lookups/device";
export type { DeviceLookupArgs } from "./lookups/device";
export { getDevices, getDevicesOutput } from "./lookups/devices";
export type { DeviceFilter, GetDevicesArgs, GetDevicesResult } from "./lookups/devices";
export { getDeviceStatus, getDeviceStatusOutput } from "./lookups/device-status";
export { HapnClient, HapnError, Redactor } from "./client";
export type {
  EngineCheck,
  FetchFunction,
  FetchInit,
  FetchResponse,
  HapnClientOptions,
  HapnClientStats,
  HapnErrorCode,
  HapnErrorOptions,
  HeaderReader,
  ListOptions,
  PageOptions,
  RedactedCause,
} from "./client";
export type {
  Boundary as HapnBoundary,
  BoundaryInput,
  Device as HapnDevice,
  DeviceLabelField,
  DeviceModel,
  DevicePatch,
  DeviceStatus,
  Page,
  PolygonCoordinates,
} from "./types";
export { DEVICE_LABEL_FIELDS } from "./types";
export { ROUTES, DEFAULT_API_URL, DEFAULT_AUTH_URL } from "./routes";
export { isValidImei } from "./imei";
