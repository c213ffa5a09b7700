import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "../..");

/** Runs the README's main-job command, `npm run demo`, and collects what it prints. */
function runDemo(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", "demo"], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The demo's stack config files and temp folders that could be left behind. */
const leftovers = () => fs.readdirSync(path.join(REPO, "examples", "fleet")).filter((f) => /^Pulumi\.demo-/.test(f));

/**
 * The README's main job, twice at once: each run has its own backend, Pulumi home and stack, so neither sees the
 * other, both tell the whole drift story, and neither leaves a stack config file behind.
 */
describe("npm run demo", () => {
  it("two demos at once both adopt, catch the hand edit naming device and field, reconcile, destroy and clean up", async () => {
    const runs = await Promise.all([runDemo(), runDemo()]);
    for (const { code, stdout, stderr } of runs) {
      expect({ code, stderr }).toMatchObject({ code: 0 });
      expect(stdout).toMatch(/\[demo 3\/8\] pulumi up: \{"create":7\}; fleet tag "[a-z]+-[a-z]+"; 1 token request/);
      expect(stdout).toMatch(/\[demo 5\/8\] .*exit 7 \(drift\)/);
      expect(stdout).toMatch(/tracker-2 \(IMEI \d{15}\) would be updated:\n\s+color: "#ff0000" in Hapn, "#1f77b4"/);
      expect(stdout).toMatch(/name: "Renamed in the Hapn app" in Hapn, "Unit 2" in the program/);
      expect(stdout).toMatch(/\[demo 6\/8\] pulumi up --refresh: \{"same":6,"update":1\}/);
      expect(stdout).toMatch(/\[demo 7\/8\] .*exit 0 \(no drift\)/);
      expect(stdout).toMatch(/\[demo 8\/8\] pulumi destroy: the stack is empty; all 25 trackers stay/);
      expect(stdout).toMatch(/demo: done; stack removed, emulator stopped, temp backend and Pulumi home deleted\n$/);
    }
    expect(leftovers()).toEqual([]);
  });
});
