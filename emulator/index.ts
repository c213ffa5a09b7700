/**
 * Public entry point of the Hapn emulator (`pulumi-hapn/emulator`): start one in-process with
 * {@link startEmulator}, or run the `hapn-emulator` command. See docs/emulator.md.
 */
export { startEmulator, type EmulatorAccount, type RunningEmulator } from "./server";
export { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, type AccountOptions, type EmulatorOptions } from "./options";
export { AdminError, type AdminDevicePatch, type EmulatorAdmin, type EmulatorHealth } from "./admin";
export type {
  DownMode,
  FaultOptions,
  FaultState,
  FaultTarget,
  OneShotFault,
  RandomFault,
  OneShotKind,
  QuotaOptions,
  RateLimitOptions,
} from "./fault-options";
export type { CounterSnapshot, HandledListener, Outcome } from "./counters";
export type { Logger } from "./log";
export {
  EXAMPLE_DEVICE,
  EMULATED_CLIENT_ID,
  MODELS,
  modelReportsBattery,
  seedFleet,
  type EmulatedModel,
} from "./fleet";
export { statusReport, type WireStatus } from "./status-report";
export type {
  Boundary,
  BoundaryInput,
  Device as HapnDevice,
  DeviceModel,
  PolygonCoordinates,
  RouteName,
} from "../provider/api-model";
export { isLoopbackAddress } from "./http-util";
