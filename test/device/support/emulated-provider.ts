import type * as pulumi from "@pulumi/pulumi";
/** A provider process against the emulator, as the engine starts one for each deployment. */
import type { EmulatorAccount } from "../../../emulator";
import { resetProviderProcess as resetProcessState } from "../../../provider/process-state";
import { emulatorConfig } from "../../support/emulator";

export { emulatorConfig };

/**
 * Starts a fresh provider process for `provider` against `emu` (as the engine does for each deployment), with the
 * emulator's counters at zero; returns the lines the process logs, which are captured instead of printed.
 */
export async function freshProviderProcess(
  emu: EmulatorAccount,
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

/**
 * A later deployment of `provider` against `emu`: a new provider process, whose reads see the account as it is now,
 * with the emulator's counters at zero.
 */
export async function nextDeployment(
  emu: EmulatorAccount,
  provider: { configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> },
): Promise<void> {
  resetProcessState();
  await provider.configure({ config: emulatorConfig(emu) });
  emu.admin.resetCounters();
}
