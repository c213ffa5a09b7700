/**
 * The main job (`npm run demo`): the emulator with a seeded fleet, then the examples/fleet project on disk under
 * the `pulumi` binary and its Node.js language host, as a user runs it: `pulumi up` → a hand edit through the
 * emulator's admin API → the README's CI drift check fails and names the device and field → `pulumi up --refresh`
 * reconciles → the drift check passes → `pulumi destroy`. Each run has its own backend, passphrase, Pulumi home and
 * stack name, so demos running at once never meet; every line it prints is checked before it is printed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../emulator";
import { driftReport } from "./lib/drift-report";
import { ensureFreshBuild } from "./lib/fresh-build";
import { ProjectStack } from "./lib/project-stack";
import { PulumiSandbox } from "./lib/pulumi-sandbox";
import { README_RECIPES, readmeBlock } from "./lib/readme-blocks";

const REPO = path.resolve(__dirname, "..");
const PROJECT = path.join(REPO, "examples", "fleet");

const step = (n: number, text: string) => console.log(`[demo ${n}/8] ${text}`);
const detail = (text: string) => console.log(`           ${text}`);

async function main(): Promise<void> {
  // The example resolves pulumi-hapn to this checkout's dist/ (an npm workspace link): build it from the source.
  await ensureFreshBuild(REPO);
  const sandbox = PulumiSandbox.create("hapn-demo-");
  const emu = await startEmulator({ port: 0, devices: 25, seed: 1 });
  let stack: ProjectStack | undefined;
  let removed: { code: number; stderr: string } | undefined;
  try {
    const version = (await sandbox.exec("pulumi", ["version"], { cwd: REPO })).stdout.trim();
    step(1, `toolchain: node ${process.version}, pulumi ${version}; project ${path.relative(REPO, PROJECT)}`);
    const fleet = emu.admin.listDevices().slice(0, 5);
    step(2, `emulator at ${emu.url} with ${emu.admin.listDevices().length} seeded trackers; managing ${fleet.length}`);
    const devices = fleet.map((d, i) => ({
      key: `tracker-${i + 1}`,
      imei: d.imei,
      name: i === 0 ? "Van #2" : `Unit ${i + 1}`,
      description: "Managed by Pulumi",
      color: "#1f77b4",
    }));
    stack = await ProjectStack.init(sandbox, PROJECT, `demo-${process.pid}-${path.basename(sandbox.dir)}`);
    await stack.setConfig(
      {
        "hapn:apiUrl": emu.apiUrl,
        "hapn:authUrl": emu.authUrl,
        "hapn:clientId": emu.clientId,
        devices: JSON.stringify(devices),
        team: "logistics",
      },
      { "hapn:clientSecret": emu.clientSecret },
    );

    await stack.must(["up", "--yes"]);
    const tag = (await stack.outputs()).fleetTag;
    step(
      3,
      `pulumi up: ${JSON.stringify(await stack.lastChanges())}; fleet tag "${tag}"; ${emu.admin.counters().tokenRequests} token request(s)`,
    );

    const edited = devices[1];
    emu.admin.editDevice(edited.imei, { name: "Renamed in the Hapn app", color: "#ff0000" });
    step(4, `someone renames ${edited.key} (${edited.imei}) and recolors it in the Hapn app (emulator admin API)`);

    // The README's CI recipe, word for word.
    const recipe = readmeBlock(README_RECIPES.driftCheck);
    const drift = await sandbox.shell(recipe, { cwd: PROJECT });
    if (drift.code !== 7)
      throw new Error(`the drift check should exit 7, got ${drift.code}:\n${drift.stdout}${drift.stderr}`);
    step(5, `\`${recipe.trim()}\`: exit 7 (drift), as CI should; it reports:`);
    for (const entry of driftReport(drift.stdout)) {
      detail(`${entry.name} (IMEI ${entry.id}) would be updated:`);
      for (const f of entry.fields) detail(`  ${f.field}: ${f.live} in Hapn, ${f.desired} in the program`);
    }

    await stack.must(["up", "--refresh", "--run-program", "--yes"]);
    const now = emu.admin.getDevice(edited.imei);
    if (now?.name !== edited.name || now.color !== edited.color) throw new Error(`${edited.key} was not reconciled`);
    step(
      6,
      `pulumi up --refresh: ${JSON.stringify(await stack.lastChanges())}; ${edited.key} is "${now.name}" ${now.color} again`,
    );

    const clean = await sandbox.shell(recipe, { cwd: PROJECT });
    if (clean.code !== 0)
      throw new Error(`the drift check still fails (exit ${clean.code}):\n${clean.stdout}${clean.stderr}`);
    step(7, "the drift check again: exit 0 (no drift)");

    await stack.must(["destroy", "--yes"]);
    const left = emu.admin.listDevices().length;
    step(8, `pulumi destroy: the stack is empty; all ${left} trackers stay in the account (hardware is never deleted)`);
  } finally {
    removed = await stack?.remove();
    await emu.stop();
    sandbox.dispose();
    // `stack rm` deletes the stack's config file; after a failure it may still be there.
    const configFile = stack && path.join(PROJECT, `Pulumi.${stack.name}.yaml`);
    if (configFile && fs.existsSync(configFile)) fs.rmSync(configFile);
  }
  if (removed && removed.code !== 0) throw new Error(`pulumi stack rm failed: ${removed.stderr.trim()}`);
  console.log("demo: done; stack removed, emulator stopped, temp backend and Pulumi home deleted");
}

main().catch((e: unknown) => {
  console.error(`demo: FAILED: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
