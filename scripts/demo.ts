/**
 * The main job (`npm run demo`): the emulator with a seeded fleet, then the examples/fleet program under the real
 * Pulumi CLI on a throwaway file backend: up → a hand edit through the emulator's admin API → the CI drift check
 * (`preview --refresh --expect-no-changes`) fails and names the device and field → up reconciles → the drift
 * check passes. One line per step; processes and temp state are cleaned up.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator } from "../emulator";
import { driftReport } from "./lib/drift-report";
import { InlineStack } from "./lib/inline-stack";
import { createProject, packPackage } from "./lib/packaged-project";

const REPO = path.resolve(__dirname, "..");
const EXAMPLE = path.join(REPO, "examples", "fleet", "index.ts");

const step = (n: number, text: string) => console.log(`[demo ${n}/7] ${text}`);
const detail = (text: string) => console.log(`           ${text}`);

async function main(): Promise<void> {
  const pulumiVersion = execFileSync("pulumi", ["version"]).toString().trim();
  step(1, `toolchain: node ${process.version}, pulumi ${pulumiVersion}; packing pulumi-hapn and installing it`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-demo-"));
  // The example runs in a project that installed the packed package, as a user's project would.
  const workDir = createProject(packPackage(tmp));
  const program = path.join(workDir, "index.ts");
  fs.copyFileSync(EXAMPLE, program);

  const emu = await startEmulator({ port: 0, devices: 25, seed: 1 });
  let stack: InlineStack | undefined;
  try {
    const fleet = emu.admin.listDevices().slice(0, 5);
    step(2, `emulator at ${emu.url} with ${emu.admin.listDevices().length} seeded trackers; managing ${fleet.length}`);
    const devices = fleet.map((d, i) => ({
      key: `tracker-${i + 1}`,
      imei: d.imei,
      name: i === 0 ? "Van #2" : `Unit ${i + 1}`,
      description: "Managed by Pulumi",
      color: "#1f77b4",
    }));
    stack = await InlineStack.create({
      projectName: "hapn-fleet",
      stackName: "demo",
      workDir,
      program: async () => {
        delete require.cache[require.resolve(program)];
        return require(program);
      },
      config: {
        "hapn:apiUrl": emu.apiUrl,
        "hapn:authUrl": emu.authUrl,
        "hapn:clientId": emu.clientId,
        devices: JSON.stringify(devices),
        team: "logistics",
        // The @pulumi/random plugin cannot be downloaded on an offline machine; see README.
        randomTag: "false",
      },
      secrets: { "hapn:clientSecret": emu.clientSecret },
    });

    const up = await stack.up();
    if (!up.ok) throw new Error(`pulumi up failed:\n${up.output}`);
    step(3, `pulumi up: ${JSON.stringify(up.changes)}; ${emu.admin.counters().tokenRequests} token request(s)`);

    const edited = devices[1];
    const res = await fetch(`${emu.url}/_admin/devices/${edited.imei}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Renamed in the Hapn app", color: "#ff0000" }),
    });
    if (!res.ok) throw new Error(`admin edit failed: ${res.status} ${await res.text()}`);
    step(4, `someone renames ${edited.key} (${edited.imei}) and recolors it in the Hapn app (emulator admin API)`);

    const drift = await stack.preview({ refresh: true, expectNoChanges: true, diff: true });
    if (drift.ok) throw new Error("the drift check passed, but a device was edited by hand");
    step(5, "pulumi preview --refresh --expect-no-changes: FAILS, as CI should; it reports:");
    for (const entry of driftReport(drift.output)) {
      detail(`${entry.name} (IMEI ${entry.id}) would be updated:`);
      for (const f of entry.fields) detail(`  ${f.field}: ${f.live} in Hapn, ${f.desired} in the program`);
    }

    const fix = await stack.up({ refresh: true });
    if (!fix.ok) throw new Error(`pulumi up failed:\n${fix.output}`);
    const now = emu.admin.getDevice(edited.imei);
    step(6, `pulumi up --refresh: ${JSON.stringify(fix.changes)}; ${edited.key} is "${now?.name}" ${now?.color} again`);

    const clean = await stack.preview({ refresh: true, expectNoChanges: true });
    if (!clean.ok) throw new Error(`the drift check still fails:\n${clean.output}`);
    step(7, "pulumi preview --refresh --expect-no-changes: passes (no drift)");
  } finally {
    const destroyed = await stack?.destroy();
    await stack?.dispose();
    await emu.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
    if (destroyed && !destroyed.ok) console.error(`demo: destroy failed:\n${destroyed.output}`);
  }
  console.log("demo: done; stack destroyed (trackers stay in the account), emulator stopped, temp state removed");
}

main().catch((e: unknown) => {
  console.error(`demo: FAILED: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
