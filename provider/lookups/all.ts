/**
 * Every lookup, for what is derived from all of them: the functions of the `hapn` provider plugin
 * (`hapn:index:getDevice`, …) and the package schema that documents them.
 */
import type { AnyLookup } from "./definition";
import { GET_DEVICE } from "./device";
import { GET_DEVICE_STATUS } from "./device-status";
import { GET_DEVICES } from "./devices";

/** The lookups, in the order the schema lists them. */
export const LOOKUPS: readonly AnyLookup[] = [GET_DEVICE, GET_DEVICES, GET_DEVICE_STATUS];
