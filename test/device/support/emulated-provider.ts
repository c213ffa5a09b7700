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
