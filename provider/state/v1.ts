/**
 * The entry point that Pulumi state refers to. Every Device's state stores a small forwarder whose code says
 * `require("pulumi-hapn/dist/provider/state/v1.js")` (the closure serializer names a package module by its file
 * path): this file must never move or be renamed, and what it exports must keep working for every state written
 * since. It dispatches by resource kind; a new kind is a new export, an incompatible change is a new `v2` file.
 * It is also published as `pulumi-hapn/state/v1`.
 */
export { deviceOperations as device } from "../device/provider";
