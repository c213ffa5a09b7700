/**
 * pulumi-hapn: Hapn GPS trackers as Pulumi resources. Like `@pulumi/random`, the root exports what a program
 * uses: the resources, the lookups, their types, and the API client.
 *
 * - {@link Device}: adopt a tracker by IMEI and manage its labels; refresh shows hand edits as drift.
 * - {@link DeviceFleet}: many trackers (IMEI → labels) in one resource, for fleets of thousands.
 * - {@link Boundary}: a geofence (GeoJSON Polygon), created or adopted by id; refresh shows hand edits as drift.
 * - Lookups ({@link getDevice}, {@link getDevices}, {@link getDeviceStatus} and their `…Output` forms): read the
 *   account from a program without managing anything.
 * - {@link HapnClient}: the token-refreshing Hapn API client the provider uses, for scripts of your own.
 *
 * Elsewhere: our model of the Hapn API (routes, IMEI and field rules) in `pulumi-hapn/api-model`, the local
 * emulator in `pulumi-hapn/emulator`, and the entry point stored state requires in `pulumi-hapn/state/v1`.
 */
export { Device } from "./device/resource";
export type { DeviceArgs, DeviceStoredFacts } from "./device/resource";
export type { DeletePolicy, DeviceFacts, DeviceInputs, DeviceOutputs, DeviceRecord, OnMissing } from "./device/state";
export type { Labels } from "./device/labels";
export { DeviceFleet } from "./fleet/resource";
export type { DeviceFleetArgs, DeviceFleetLabels } from "./fleet/resource";
export type { FleetInputs, FleetLabels, FleetMap, FleetOutputs, FleetRecord } from "./fleet/state";
export { Boundary } from "./boundary/resource";
export type { BoundaryArgs } from "./boundary/resource";
export type { BoundaryDeletePolicy, BoundaryInputs, BoundaryOutputs } from "./boundary/state";
export type { ArgsOf, OutputsOf } from "./resource-class";
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
  BoundaryField,
  BoundaryInput,
  Device as HapnDevice,
  DeviceLabelField,
  DeviceModel,
  DevicePatch,
  DeviceStatus,
  Page,
  PolygonCoordinates,
} from "./api-model/wire-types";
export type { Polygon } from "./api-model/geometry";
export type { ApiDialect, RouteOverride } from "./api-model/dialect";
export type { Route, RouteConfidence, RouteName } from "./api-model/routes";
