/**
 * Moving a stack from the dynamic provider (pulumi-hapn's classes, types `pulumi-nodejs:dynamic/hapn:*`) to the
 * plugin's `hapn:index:*` (the generated TypeScript SDK, `@pulumi/hapn`) under the real `pulumi` binary: the quick
 * start's program, with a Boundary and a DeviceFleet beside it, runs `up` on the dynamic provider; then the README's
 * moved program (the same labels, an alias to the old type) runs `up` with the plugin loaded from this repository's
 * plugin/ folder. Nothing is replaced or updated, nothing is written to the account, the stored state is the same,
 * and the drift check is clean afterwards; hand edits then show in `hapn-drift` (per field and per fleet tracker)
 * and in the CLI's own diff. The steps build on each other, in order.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type RunningEmulator } from "../../emulator";
import { type ProjectStack } from "../../scripts/lib/project-stack";
import { PulumiSandbox } from "../../scripts/lib/pulumi-sandbox";
import { README_RECIPES, readmeBlock } from "../../scripts/lib/readme-blocks";
import { dynamicType } from "../../provider/stored-provider";
import { startTestEmulator } from "../support/emulator";
import { square } from "../support/polygons";
import { writesOf } from "./support/account-writes";
import { buildPackage, writeProject } from "./support/disk-project";
import { accountStack, installSdk, loadPlugin } from "./support/plugin-project";

/** The quick start's tracker, which the seeded emulator always has. */
const VAN = "862785041422448";
/** The yard's polygon, as both programs write it. */
const YARD = JSON.stringify(square(9.96, 53.54, 0.01));

/**
 * A Boundary and a DeviceFleet beside the quick start's Device, as the program before the move (pulumi-hapn's
 * classes) and after it (the SDK's, each with an alias to its dynamic type) declare them: they move the same way.
 */
const others = (fleetImei: string, aliased: boolean) => {
  const alias = (kind: string) => (aliased ? `, { aliases: [{ type: "pulumi-nodejs:dynamic/hapn:${kind}" }] }` : "");
  return `
new hapn.Boundary("yard", { name: "Yard", geometry: ${YARD} }${alias("Boundary")});
new hapn.DeviceFleet("rentals", { devices: { "${fleetImei}": { name: "Rental 1" } } }${alias("DeviceFleet")});
`;
};

describe("moving a dynamic-provider stack to the hapn plugin", () => {
  const sandbox = PulumiSandbox.create("hapn-move-to-plugin-");
  let emu: RunningEmulator;
  let projectDir: string;
  let stack: ProjectStack;
  let fleetImei: string;
  const writes = () => writesOf(emu);
  const must = (args: string[]) => stack.must(args);

  beforeAll(async () => {
    await buildPackage();
    emu = await startTestEmulator({ devices: 3, seed: 23 });
    fleetImei = emu.admin.listDevices().find((d) => d.imei !== VAN)!.imei;
    const before = readmeBlock(README_RECIPES.quickStartProgram) + others(fleetImei, false);
    projectDir = writeProject("hapn-move-to-plugin", before);
    installSdk(projectDir);
    stack = await accountStack(sandbox, projectDir, "dev", emu);
  });

  afterAll(async () => {
    await emu?.stop();
    sandbox.dispose();
    if (projectDir) fs.rmSync(projectDir, { recursive: true, force: true });
  });

  it("starts from the quick start's program (and a Boundary and a DeviceFleet) on the dynamic provider", async () => {
    await must(["up", "--yes", "--skip-preview"]);
    expect(emu.admin.getDevice(VAN)).toMatchObject({ name: "Van #2", color: "#579db5" });
    expect(emu.admin.getDevice(fleetImei)).toMatchObject({ name: "Rental 1" });
    const types = (await stack.resources()).map((r) => r.type);
    expect(types).toEqual(expect.arrayContaining(["Device", "Boundary", "DeviceFleet"].map(dynamicType)));
  });

  it("moves to hapn:index:* with the README's program: no replace, 0 writes", async () => {
    const before = await stack.outputs();
    const stored = async () =>
      Object.fromEntries(
        (await stack.resources())
          .filter((r) => r.id && !r.type.startsWith("pulumi:"))
          .map((r) => [r.urn.split("::").pop(), r.outputs]),
      );
    const storedBefore = await stored();
    expect(Object.keys(storedBefore).sort()).toEqual(["rentals", "van-2", "yard"]);
    const after = readmeBlock(README_RECIPES.moveToPluginProgram) + others(fleetImei, true);
    fs.writeFileSync(path.join(projectDir, "index.ts"), after);
    loadPlugin(projectDir);
    emu.admin.resetCounters();
    const preview = await must(["preview", "--diff"]);
    expect(preview.stdout).toMatch(/Resources:\s+4 unchanged\s*$/);
    await must(["up", "--yes", "--skip-preview"]);
    expect(writes()).toBe(0);
    // The same resource: nothing was created, replaced or updated.
    expect(await stack.lastChanges()).toEqual({ same: 4 });
    const resources = await stack.resources();
    const van = resources.find((r) => r.urn.endsWith("::van-2"));
    expect(van).toMatchObject({ type: "hapn:index:Device", id: VAN });
    const types = resources.map((r) => r.type);
    expect(types).toEqual(
      expect.arrayContaining(["hapn:index:Device", "hapn:index:Boundary", "hapn:index:DeviceFleet"]),
    );
    expect(types.filter((t) => t.startsWith("pulumi-nodejs:"))).toEqual([]);
    expect(await stack.outputs()).toEqual(before);
    expect(await stored()).toEqual(storedBefore); // the state the dynamic provider stored, as it was
  });

  it("passes the drift check afterwards, with 0 writes", async () => {
    emu.admin.resetCounters();
    await must(["preview", "--refresh", "--expect-no-changes"]);
    await must(["refresh", "--yes", "--skip-preview"]);
    await must(["up", "--yes", "--expect-no-changes"]);
    expect(writes()).toBe(0);
  });

  it("reports hand edits with hapn-drift, one row per field and per fleet tracker, as on a dynamic stack", async () => {
    emu.admin.editDevice(VAN, { name: "Hand edit" });
    emu.admin.editDevice(fleetImei, { name: "Rental edit" });
    const yard = emu.admin.listBoundaries().find((b) => b.name === "Yard")!;
    emu.admin.editBoundary(yard.boundaryId, { name: "Yard (moved)" });
    const r = await sandbox.exec("npx", ["hapn-drift", "--stack", "dev"], { cwd: projectDir });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/Drift \(stack dev\): 3 fields on 3 resources differ/);
    expect(r.stdout).toMatch(/van-2 +Device +862785041422448 +name +"Van #2" +"Hand edit"/);
    expect(r.stdout).toMatch(new RegExp(`yard +Boundary +${yard.boundaryId} +name +"Yard" +"Yard \\(moved\\)"`));
    expect(r.stdout).toMatch(
      new RegExp(`rentals +DeviceFleet +\\S+ +devices\\["${fleetImei}"\\]\\.name +"Rental 1" +"Rental edit"`),
    );
  });

  it("shows the hand edits in the CLI's own diff, naming the field, and the fleet's tracker and label", async () => {
    const r = await must(["preview", "--refresh", "--diff"]);
    expect(r.stdout).toMatch(/~ hapn:index:Device: \(update\)[\s\S]*~ name\s*: "Hand edit" => "Van #2"/);
    // The plugin's detailedDiff path devices["<imei>"].name, as the CLI draws it.
    expect(r.stdout).toMatch(
      new RegExp(
        `~ hapn:index:DeviceFleet: \\(update\\)[\\s\\S]*~ "?${fleetImei}"?\\s*: \\{[\\s\\S]*~ name\\s*: "Rental edit" => "Rental 1"`,
      ),
    );
  });
});
