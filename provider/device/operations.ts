/**
 * Compatibility entry point: states written by pulumi-hapn 0.1.0 store a forwarder that requires this file
 * (`pulumi-hapn/dist/provider/device/operations.js`) and calls these functions. Keep it, and keep it exported
 * from package.json, for as long as such states may exist; new states use `state/v1`.
 */
import { device as deviceOperations } from "../state/v1";

export const configure = deviceOperations.configure;
export const check = deviceOperations.check;
export const diff = deviceOperations.diff;
export const create = deviceOperations.create;
export const read = deviceOperations.read;
export const update = deviceOperations.update;
export const remove = deviceOperations.delete;
