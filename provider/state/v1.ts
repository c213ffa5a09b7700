/**
 * The entry point that Pulumi state refers to. Every Device's and Boundary's state stores provider code that says
 * `require("pulumi-hapn/state/v1")` (../stored-provider.ts; development builds of 0.2.0 stored a longer forwarder
 * calling the same methods): that package subpath must always exist, and what it exports must keep working for
 * every state written since. It dispatches by
 * resource kind; a new kind is a new export, an incompatible change is a new `state/v2` subpath.
 */
export { deviceOperations as device } from "../device/provider";
export { boundaryOperations as boundary } from "../boundary/provider";
