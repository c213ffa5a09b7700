import type * as pulumi from "@pulumi/pulumi";
import type { RunningEmulator } from "../../../emulator";
import { resetProviderProcess as resetProcessState } from "../../../provider/process-state";

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
 * Starts a fresh provider process for `provider` against `emu` (as the engine does for each deployment), with the
 * emulator's counters at zero; returns the lines the process logs, which are captured instead of printed.
 */
export async function freshProviderProcess(
  emu: RunningEmulator,
  provider: { configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> },
): Promise<string[]> {
  resetProcessState();
  await provider.configure({ config: emulatorConfig(emu) });
  emu.admin.resetCounters();
  const logs: string[] = [];
  jest.spyOn(console, "log").mockImplementation((m: string) => void logs.push(m));
  jest.spyOn(console, "warn").mockImplementation((m: string) => void logs.push(m));
  return logs;
}
