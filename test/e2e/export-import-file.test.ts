/**
 * `hapn-export --import-file` into a stack on the `hapn` provider plugin, under the real `pulumi` binary: the
 * README's recipe runs as written in a TypeScript project that loads the plugin from this repository's plugin/
 * folder and has the generated SDK as `@pulumi/hapn`. `pulumi import --file` records every device and boundary of
 * the account with no write, the program it generates declares them under the exported names, and that program's
 * first `up` changes nothing.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type RunningEmulator } from "../../emulator";
import { type ProjectStack } from "../../scripts/lib/project-stack";
import { PulumiSandbox } from "../../scripts/lib/pulumi-sandbox";
import { README_RECIPES, readmeBlock } from "../../scripts/lib/readme-blocks";
import { startTestEmulator } from "../support/emulator";
import { feature } from "../support/polygons";
import { writesOf } from "./support/account-writes";
import { buildPackage, writeProject } from "./support/disk-project";
import { emulatorEnv } from "./support/emulator-env";
import { expectOk } from "./support/expect-ok";
import { accountStack, installSdk, loadPlugin } from "./support/plugin-project";

describe("hapn-export --import-file, then pulumi import --file on a plugin stack", () => {
  const sandbox = PulumiSandbox.create("hapn-import-file-");
  let emu: RunningEmulator;
  let projectDir: string;
  let stack: ProjectStack;
  const writes = () => writesOf(emu);

  beforeAll(async () => {
    await buildPackage();
    emu = await startTestEmulator({ devices: 4, seed: 29 });
    emu.admin.addBoundary({ name: "Depot", location: "Dock 4", color: "#aa00bb", geometry: feature(1, 0, 0.5) });
    emu.admin.addBoundary({ name: "Yard", geometry: feature(2, 0, 0.5) });
    projectDir = writeProject("hapn-import-file", "");
    installSdk(projectDir);
    loadPlugin(projectDir);
    stack = await accountStack(sandbox, projectDir, "dev", emu);
  });

  afterAll(async () => {
    await emu?.stop();
    sandbox.dispose();
    if (projectDir) fs.rmSync(projectDir, { recursive: true, force: true });
  });

  it("imports every device and boundary with 0 writes; the generated program's first up changes nothing", async () => {
    emu.admin.resetCounters();
    const r = await sandbox.shell(readmeBlock(README_RECIPES.importFile), {
      cwd: projectDir,
      env: emulatorEnv(emu),
    });
    expectOk(r);
    expect(writes()).toBe(0);
    const devices = emu.admin.listDevices();
    const boundaries = emu.admin.listBoundaries();
    const resources = (await stack.resources()).filter((res) => res.type.startsWith("hapn:index:"));
    expect(resources.map((res) => [res.type, res.urn.split("::").pop(), res.id]).sort()).toEqual(
      [
        ...devices.map((d) => ["hapn:index:Device", `tracker-${d.imei}`, d.imei]),
        ...boundaries.map((b) => ["hapn:index:Boundary", `boundary-${b.boundaryId}`, String(b.boundaryId)]),
      ].sort(),
    );
    const program = fs.readFileSync(path.join(projectDir, "index.ts"), "utf8");
    expect(program).toContain(`new hapn.Device("tracker-${devices[0].imei}"`);
    expect(program).toContain(`new hapn.Boundary("boundary-${boundaries[0].boundaryId}"`);
    // The recipe's last line ran the generated program with --expect-no-changes; say it once more, refreshed.
    expectOk(await stack.run(["preview", "--refresh", "--expect-no-changes"]));
    expect(writes()).toBe(0);
  });
});
