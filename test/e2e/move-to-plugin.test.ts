/**
 * Moving a stack from the dynamic `Device` (pulumi-hapn, type `pulumi-nodejs:dynamic/hapn:Device`) to the plugin's
 * `hapn:index:Device` (the generated TypeScript SDK, `@pulumi/hapn`) under the real `pulumi` binary: the quick start's
 * program runs `up` on the dynamic provider, then the README's moved program (the same labels, an alias to the old
 * type) runs `up` with the plugin loaded from this repository's plugin/ folder. Nothing is replaced, nothing is
 * written to the account, and the drift check is clean afterwards. The steps build on each other, in order.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type RunningEmulator } from "../../emulator";
import { type ProjectStack } from "../../scripts/lib/project-stack";
import { PulumiSandbox } from "../../scripts/lib/pulumi-sandbox";
import { README_RECIPES, readmeBlock } from "../../scripts/lib/readme-blocks";
import { startTestEmulator } from "../support/emulator";
import { writesOf } from "./support/account-writes";
import { buildPackage, writeProject } from "./support/disk-project";
import { accountStack, installSdk, loadPlugin } from "./support/plugin-project";

/** The quick start's tracker, which the seeded emulator always has. */
const VAN = "862785041422448";

describe("moving a dynamic-provider stack to the hapn plugin", () => {
  const sandbox = PulumiSandbox.create("hapn-move-to-plugin-");
  let emu: RunningEmulator;
  let projectDir: string;
  let stack: ProjectStack;
  const writes = () => writesOf(emu);
  const must = (args: string[]) => stack.must(args);

  beforeAll(async () => {
    await buildPackage();
    emu = await startTestEmulator({ devices: 3, seed: 23 });
    projectDir = writeProject("hapn-move-to-plugin", readmeBlock(README_RECIPES.quickStartProgram));
    installSdk(projectDir);
    stack = await accountStack(sandbox, projectDir, "dev", emu);
  });

  afterAll(async () => {
    await emu?.stop();
    sandbox.dispose();
    if (projectDir) fs.rmSync(projectDir, { recursive: true, force: true });
  });

  it("starts from the quick start's program on the dynamic provider", async () => {
    await must(["up", "--yes", "--skip-preview"]);
    expect(emu.admin.getDevice(VAN)).toMatchObject({ name: "Van #2", color: "#579db5" });
    const types = (await stack.resources()).map((r) => r.type);
    expect(types).toContain("pulumi-nodejs:dynamic/hapn:Device");
  });

  it("moves to hapn:index:Device with the README's program: no replace, 0 writes", async () => {
    const before = await stack.outputs();
    const stored = async () => (await stack.resources()).find((r) => r.urn.endsWith("::van-2"))!;
    const storedBefore = (await stored()).outputs;
    fs.writeFileSync(path.join(projectDir, "index.ts"), readmeBlock(README_RECIPES.moveToPluginProgram));
    loadPlugin(projectDir);
    emu.admin.resetCounters();
    const preview = await must(["preview", "--diff"]);
    expect(preview.stdout).toMatch(/Resources:\s+2 unchanged\s*$/);
    await must(["up", "--yes", "--skip-preview"]);
    expect(writes()).toBe(0);
    // The same resource: nothing was created, replaced or updated.
    expect(await stack.lastChanges()).toEqual({ same: 2 });
    const resources = await stack.resources();
    const van = resources.find((r) => r.urn.endsWith("::van-2"));
    expect(van).toMatchObject({ type: "hapn:index:Device", id: VAN });
    expect(resources.map((r) => r.type)).not.toContain("pulumi-nodejs:dynamic/hapn:Device");
    expect(await stack.outputs()).toEqual(before);
    expect((await stored()).outputs).toEqual(storedBefore); // the state the dynamic provider stored, as it was
  });

  it("passes the drift check afterwards, with 0 writes", async () => {
    emu.admin.resetCounters();
    await must(["preview", "--refresh", "--expect-no-changes"]);
    await must(["refresh", "--yes", "--skip-preview"]);
    await must(["up", "--yes", "--expect-no-changes"]);
    expect(writes()).toBe(0);
  });

  it("reports a hand edit with hapn-drift, one row per field, as on a dynamic stack", async () => {
    emu.admin.editDevice(VAN, { name: "Hand edit" });
    const r = await sandbox.exec("npx", ["hapn-drift", "--stack", "dev"], { cwd: projectDir });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/Drift \(stack dev\): 1 field on 1 resource differ/);
    expect(r.stdout).toMatch(/van-2 +Device +862785041422448 +name +"Van #2" +"Hand edit"/);
  });

  it("shows the hand edit in the CLI's own diff, naming the field", async () => {
    const r = await must(["preview", "--refresh", "--diff"]);
    expect(r.stdout).toMatch(/~ hapn:index:Device: \(update\)[\s\S]*~ name\s*: "Hand edit" => "Van #2"/);
  });
});
