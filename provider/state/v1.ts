/**
 * The entry point that Pulumi state refers to. Every Device's, Boundary's and DeviceFleet's state stores provider code that says
 * `require("pulumi-hapn/state/v1")` (../stored-provider.ts; development builds of 0.2.0 stored a longer forwarder
 * calling the same methods): that package subpath must always exist, and what it exports must keep working for
 * every state written since. It dispatches by resource kind, each served by the dynamic-provider host's adapter
 * over the kind's definition; a new kind is a new export, an incompatible change is a new `state/v2` subpath.
 */
import { BOUNDARY } from "../boundary/kind";
import { DEVICE } from "../device/kind";
import { DEVICE_FLEET } from "../fleet/kind";
import { dynamicProvider } from "../hosts/dynamic-provider";

/** The Device's provider object (`exports.handler = () => require("pulumi-hapn/state/v1").device`). */
export const device = dynamicProvider(DEVICE);
/** The Boundary's provider object. */
export const boundary = dynamicProvider(BOUNDARY);
/** The DeviceFleet's provider object. */
export const deviceFleet = dynamicProvider(DEVICE_FLEET);
