import * as pulumi from "@pulumi/pulumi";
import type { RunningEmulator } from "../../../emulator";
import { resetProviderProcess as resetProcessState } from "../../../provider/process-state";
import { emulatorSettings } from "../../support/emulator";

/**
 * Makes this test process look like a Pulumi program of a stack whose `hapn:*` config points at `emu` (the client
 * secret set as a secret, as `pulumi config set --secret` does), in a fresh process state.
 */
export function programWithConfig(emu: RunningEmulator, overrides: Record<string, string> = {}): void {
  void pulumi.runtime.setMocks(
    { newResource: (args) => ({ id: args.name, state: args.inputs }), call: () => ({}) },
    "lookups",
    "test",
    false,
  );
  pulumi.runtime.setAllConfig(emulatorSettings(emu, overrides), ["hapn:clientSecret"]);
  resetProcessState();
}

/** The value of an Output, for assertions. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}
