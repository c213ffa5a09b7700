/** What the end-to-end tests read out of stacks; the emulator's environment comes from test/support/emulator.ts. */
export { emulatorEnv } from "../../support/emulator";

/** The `__provider` text every resource of `type` stores in its outputs. */
export function storedProviders(resources: Array<{ type: string; outputs?: Record<string, unknown> }>, type: string) {
  return resources.filter((r) => r.type === type).map((r) => String(r.outputs?.__provider));
}

/** The type token of a Device in state. */
export const DEVICE_TYPE = "pulumi-nodejs:dynamic/hapn:Device";
