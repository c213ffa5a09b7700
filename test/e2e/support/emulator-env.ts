import type { RunningEmulator } from "../../../emulator";

/**
 * The environment a user's shell would have when pointed at `emu`: the credentials the README's recipes read
 * (`$HAPN_CLIENT_ID`, `$HAPN_CLIENT_SECRET`) and the endpoints as environment fallbacks of `hapn:apiUrl` and
 * `hapn:authUrl`, which the provider process inherits from the CLI.
 */
export function emulatorEnv(emu: RunningEmulator): Record<string, string> {
  return {
    HAPN_CLIENT_ID: emu.clientId,
    HAPN_CLIENT_SECRET: emu.clientSecret,
    HAPN_API_URL: emu.apiUrl,
    HAPN_AUTH_URL: emu.authUrl,
  };
}

/** The `__provider` text every resource of `type` stores in its outputs. */
export function storedProviders(resources: Array<{ type: string; outputs?: Record<string, unknown> }>, type: string) {
  return resources.filter((r) => r.type === type).map((r) => String(r.outputs?.__provider));
}

/** The type token of a Device in state. */
export const DEVICE_TYPE = "pulumi-nodejs:dynamic/hapn:Device";
