/** `npm run test:live` (scripts/test-live.sh): skips with one line without credentials; passes against an emulator. */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { emulatorEnv, startTestEmulator } from "../support/emulator";

const root = path.resolve(__dirname, "../..");

/**
 * Runs `npm run test:live` with `env` on top of a clean environment (no HAPN_* from the caller), asynchronously so
 * that an emulator in this process keeps answering.
 */
function testLive(env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("HAPN_")));
  const child = spawn("npm", ["run", "--silent", "test:live"], { cwd: root, env: { ...base, ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on("close", (status) => resolve({ status, stdout, stderr })));
}

describe("npm run test:live", () => {
  it("skips with one clear line without HAPN_LIVE or credentials", async () => {
    const cases: Record<string, string>[] = [
      {},
      { HAPN_LIVE: "1", HAPN_CLIENT_ID: "id" },
      { HAPN_CLIENT_ID: "id", HAPN_CLIENT_SECRET: "s" },
    ];
    for (const env of cases) {
      const run = await testLive(env);
      expect(run.status).toBe(0);
      expect(run.stdout.trim().split("\n")).toEqual([expect.stringMatching(/^test:live skipped: set HAPN_LIVE=1/)]);
    }
  });

  it("runs the whole suite against the emulator's URL and credentials, and passes", async () => {
    const emu = await startTestEmulator({ devices: 4 });
    try {
      const imei = emu.admin.listDevices()[2];
      const before = emu.admin.getDevice(imei.imei);
      const run = await testLive({ ...emulatorEnv(emu), HAPN_LIVE: "1", HAPN_LIVE_WRITE_IMEI: imei.imei });
      expect(run.stderr).toMatch(/API contract \(live: HAPN_\* endpoint\)/);
      expect(run.stderr).toMatch(/Tests:\s+11 passed, 11 total/);
      expect(run.status).toBe(0);
      expect(emu.admin.counters().byRoute.updateDevice?.["200"]).toBe(2); // the write check ran, and restored
      expect(emu.admin.getDevice(imei.imei)?.name).toBe(before?.name);
    } finally {
      await emu.stop();
    }
  });
});
