import type { CommandResult } from "../../../scripts/lib/pulumi-sandbox";

/**
 * Expects a command to have exited 0; on failure Jest shows everything it printed, not only the code (a
 * `toMatchObject` on the code alone would leave the output out of its diff).
 */
export function expectOk(r: CommandResult): void {
  expect({ code: r.code, output: r.stdout + r.stderr }).toEqual({
    code: 0,
    output: r.code === 0 ? r.stdout + r.stderr : "(a command that exits 0)",
  });
}
