import type * as pulumi from "@pulumi/pulumi";
import type { RunningEmulator } from "../../../emulator";

/** A dynamic-provider config pointing at the emulator, as the engine would pass it to `configure`. */
export function emulatorConfig(emu: RunningEmulator, overrides: Record<string, string> = {}): pulumi.dynamic.Config {
  const values: Record<string, string> = {
    "hapn:apiUrl": emu.apiUrl,
    "hapn:authUrl": emu.authUrl,
    "hapn:clientId": emu.clientId,
    "hapn:clientSecret": emu.clientSecret,
    ...overrides,
  };
  return {
    get: (key: string) => values[key],
    require: (key: string) => {
      if (values[key] === undefined) throw new Error(`missing ${key}`);
      return values[key];
    },
  };
}

/**
 * Forgets what the provider keeps per process (settings, the shared client and its device snapshot, IMEIs adopted
 * in this process), as if the next operation ran in a new provider process.
 */
export function newProviderProcess(): void {
  const g = globalThis as Record<string, unknown>;
  for (const key of ["__pulumiHapnSettings", "__pulumiHapnSharedClients", "__pulumiHapnAdoptedInProcess"])
    delete g[key];
}
