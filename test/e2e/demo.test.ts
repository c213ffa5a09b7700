import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";

/** The README's main-job command keeps working: the demo runs end to end and tells the drift story. */
describe("npm run demo", () => {
  it("adopts the fleet, catches the hand edit naming device and field, reconciles, and cleans up", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", path.resolve(__dirname, "../../scripts/demo.ts")],
      { cwd: path.resolve(__dirname, "../.."), env: process.env, timeout: 300_000 },
    );
    expect(stdout).toMatch(/\[demo 3\/7\] pulumi up: \{"create":6\}; 1 token request/);
    expect(stdout).toMatch(/\[demo 5\/7\] .*FAILS/);
    expect(stdout).toMatch(/tracker-2 \(IMEI \d{15}\) would be updated:\n\s+color: "#ff0000" in Hapn, "#1f77b4"/);
    expect(stdout).toMatch(/name: "Renamed in the Hapn app" in Hapn, "Unit 2" in the program/);
    expect(stdout).toMatch(/\[demo 7\/7\] .*passes/);
    expect(stdout).toMatch(/demo: done/);
  });
});
