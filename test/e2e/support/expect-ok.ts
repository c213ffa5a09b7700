import type { CommandResult } from "../../../scripts/lib/pulumi-sandbox";

/** Expects a command to have exited 0; on failure Jest shows everything it printed, not only the code. */
export function expectOk(r: CommandResult): void {
  expect({ code: r.code, output: r.stdout + r.stderr }).toMatchObject({ code: 0 });
}
