/**
 * pulumi-hapn: Hapn GPS trackers as Pulumi resources.
 *
 * - {@link Device}: adopt a tracker by IMEI and manage its labels; refresh shows hand edits as drift.
 * - {@link HapnClient}: the token-refreshing Hapn API client the provider uses, for scripts of your own.
 * - The local emulator is exported separately, from `pulumi-hapn/emulator`.
 */
export { Device } from "./device/resource";
export type { DeviceArgs } from "./device/resource";
export type { DeletePolicy, DeviceFacts, DeviceOutputs, DeviceRecord, OnMissing } from "./device/state";
export type { Labels } from "./device/labels";
export { HapnClient, HapnError, Redactor } from "./client";
export type {
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
  Boundary,
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
