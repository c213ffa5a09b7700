import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DRIFT_RECIPE, SETUP_RECIPE } from "../../cli/export/generate";
import { type RunningEmulator } from "../../emulator";
import { packPackage } from "../../scripts/lib/packaged-project";
import { startTestEmulator } from "../support/emulator";
import { ProjectStack } from "../../scripts/lib/project-stack";
import { PulumiSandbox } from "../../scripts/lib/pulumi-sandbox";
import { README_RECIPES, readmeBlock } from "../../scripts/lib/readme-blocks";
import { feature } from "../support/polygons";
import { EXPORTED_FILES } from "../support/exported-project";
import { emulatorEnv } from "./support/emulator-env";
import { expectOk } from "./support/expect-ok";

/** The routes that change the account. */
const WRITES = ["updateDevice", "createBoundary", "updateBoundary", "deleteBoundary"] as const;
const NO_WRITES = { updateDevice: 0, createBoundary: 0, updateBoundary: 0, deleteBoundary: 0 };

/**
 * The README's export as a user follows it, entirely outside this repository: a project of their own with the
 * packed tarball installed by the README's install line, `hapn-export` run there on a seeded account of 250 devices
 * and 5 boundaries, then the generated project set up exactly as its own README says (its own `npm install`, with
 * @pulumi/pulumi from the registry and pulumi-hapn from the tarball; stack, config, `pulumi up`) under the real
 * `pulumi` binary: the first `up` adopts everything with no write, and its drift check is clean.
 */
describe("hapn-export → the generated project, set up as its README says", () => {
  const sandbox = PulumiSandbox.create("hapn-export-");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-export-work-"));
  const userProject = path.join(work, "my-project");
  const projectDir = path.join(userProject, "hapn-fleet");
  let emu: RunningEmulator;
  const writes = () => {
    const { byRoute } = emu.admin.counters();
    return Object.fromEntries(WRITES.map((r) => [r, Object.values(byRoute[r] ?? {}).reduce((a, b) => a + b, 0)]));
  };
  const generatedRecipe = (name: string) =>
    readmeBlock(name, fs.readFileSync(path.join(projectDir, "README.md"), "utf8"));

  beforeAll(async () => {
    emu = await startTestEmulator({ devices: 250, seed: 12 });
    for (let i = 0; i < 5; i++) {
      emu.admin.addBoundary({
        name: `Site ${i}`,
        ...(i % 2 === 0 && { location: `Street ${i}`, color: "#aa00bb" }),
        geometry: feature(i, 0, 0.5),
      });
    }
    // The user's project: the README's install line, with the tarball `npm pack` made beside it.
    fs.mkdirSync(userProject);
    fs.writeFileSync(path.join(userProject, "package.json"), JSON.stringify({ name: "my-project", private: true }));
    packPackage(userProject);
    expectOk(await sandbox.shell(readmeBlock(README_RECIPES.install), { cwd: userProject }));
  });

  afterAll(async () => {
    await emu?.stop();
    sandbox.dispose();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("exports the account with the README's command, depending on the tarball the user installed", async () => {
    emu.admin.resetCounters();
    const r = await sandbox.shell(readmeBlock(README_RECIPES.export), { cwd: userProject, env: emulatorEnv(emu) });
    expect(r).toMatchObject({ code: 0, stdout: expect.stringContaining("250 devices and 5 boundaries") });
    expect(r.stderr).toMatch(/devices: 250 read/);
    expect(fs.readdirSync(projectDir).sort()).toEqual(EXPORTED_FILES);
    const pkg = JSON.parse(fs.readFileSync(path.join(projectDir, "package.json"), "utf8"));
    expect(pkg.dependencies["pulumi-hapn"]).toMatch(/^file:\.\.\/pulumi-hapn-\d+\.\d+\.\d+\.tgz$/);
    expect(writes()).toEqual(NO_WRITES);
  });

  it("refuses to export again into the same folder", async () => {
    const r = await sandbox.shell(readmeBlock(README_RECIPES.export), { cwd: userProject, env: emulatorEnv(emu) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already exists and is not empty/);
  });

  it("installs on its own and adopts everything on the first pulumi up with 0 writes to the account", async () => {
    emu.admin.resetCounters();
    // Only the secret comes from the environment; endpoints and client id are in the README's config lines.
    expectOk(
      await sandbox.shell(generatedRecipe(SETUP_RECIPE), {
        cwd: projectDir,
        env: { HAPN_CLIENT_SECRET: emu.clientSecret },
      }),
    );
    expect(fs.realpathSync(path.join(projectDir, "node_modules", "@pulumi", "pulumi"))).toContain(projectDir);
    const stack = ProjectStack.existing(sandbox, projectDir, "prod");
    expect(await stack.lastChanges()).toEqual({ create: 256 });
    expect(writes()).toEqual(NO_WRITES);
    expect(await stack.outputs()).toEqual({ managed: { devices: 250, boundaries: 5 } });
  });

  it("passes its README's drift check right after, without a write", async () => {
    emu.admin.resetCounters();
    expectOk(await sandbox.shell(generatedRecipe(DRIFT_RECIPE), { cwd: projectDir }));
    expect(writes()).toEqual(NO_WRITES);
  });

  it("destroys the stack and leaves the account as it was", async () => {
    await ProjectStack.existing(sandbox, projectDir, "prod").must(["destroy", "--yes"]);
    expect(emu.admin.listDevices()).toHaveLength(250);
    expect(emu.admin.listBoundaries()).toHaveLength(5);
  });
});
