import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type RunningEmulator } from "../../emulator";
import { startTestEmulator } from "../support/emulator";
import { ProjectStack } from "../../scripts/lib/project-stack";
import { PulumiSandbox } from "../../scripts/lib/pulumi-sandbox";
import { README_RECIPES, readmeBlock } from "../../scripts/lib/readme-blocks";
import { feature } from "../support/polygons";
import { buildPackage, linkNodeModules } from "./support/disk-project";
import { EXPORTED_FILES } from "../support/exported-project";

/** The routes that change the account. */
const WRITES = ["updateDevice", "createBoundary", "updateBoundary", "deleteBoundary"] as const;

/**
 * The README's export recipe on a seeded account of 250 devices and 5 boundaries, then the generated project under
 * the real `pulumi` binary: the first `up` adopts everything with no write, and a refreshed preview finds nothing.
 */
describe("hapn-export → pulumi up on the generated project", () => {
  const sandbox = PulumiSandbox.create("hapn-export-");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-export-work-"));
  let emu: RunningEmulator;
  let stack: ProjectStack;
  const projectDir = path.join(work, "hapn-fleet");
  const hapnEnv = () => ({
    HAPN_CLIENT_ID: emu.clientId,
    HAPN_CLIENT_SECRET: emu.clientSecret,
    HAPN_API_URL: emu.apiUrl,
    HAPN_AUTH_URL: emu.authUrl,
  });
  const writes = () => {
    const { byRoute } = emu.admin.counters();
    return Object.fromEntries(WRITES.map((r) => [r, Object.values(byRoute[r] ?? {}).reduce((a, b) => a + b, 0)]));
  };

  beforeAll(async () => {
    await buildPackage();
    emu = await startTestEmulator({ devices: 250, seed: 12 });
    for (let i = 0; i < 5; i++) {
      emu.admin.addBoundary({
        name: `Site ${i}`,
        ...(i % 2 === 0 && { location: `Street ${i}`, color: "#aa00bb" }),
        geometry: feature(i, 0, 0.5),
      });
    }
    linkNodeModules(work);
  });

  afterAll(async () => {
    await emu?.stop();
    sandbox.dispose();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("exports the account with the README's command", async () => {
    emu.admin.resetCounters();
    const r = await sandbox.shell(readmeBlock(README_RECIPES.export), {
      cwd: work,
      env: hapnEnv(),
    });
    expect(r).toMatchObject({ code: 0, stdout: expect.stringContaining("250 devices and 5 boundaries") });
    expect(r.stderr).toMatch(/devices: 250 read/);
    expect(fs.readdirSync(projectDir).sort()).toEqual(EXPORTED_FILES);
    expect(writes()).toEqual({ updateDevice: 0, createBoundary: 0, updateBoundary: 0, deleteBoundary: 0 });
  });

  it("refuses to export again into the same folder", async () => {
    const r = await sandbox.shell(readmeBlock(README_RECIPES.export), {
      cwd: work,
      env: hapnEnv(),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already exists and is not empty/);
  });

  it("adopts everything on the first pulumi up with 0 writes to the account", async () => {
    // `npm install` of the generated project, as the repo's packages.
    linkNodeModules(projectDir);
    stack = await ProjectStack.init(sandbox, projectDir, "prod");
    await stack.setConfig(
      { "hapn:apiUrl": emu.apiUrl, "hapn:authUrl": emu.authUrl, "hapn:clientId": emu.clientId },
      { "hapn:clientSecret": emu.clientSecret },
    );
    emu.admin.resetCounters();
    await stack.must(["up", "--yes"]);
    expect(await stack.lastChanges()).toEqual({ create: 256 });
    expect(writes()).toEqual({ updateDevice: 0, createBoundary: 0, updateBoundary: 0, deleteBoundary: 0 });
    expect(await stack.outputs()).toEqual({ managed: { devices: 250, boundaries: 5 } });
  });

  it("passes a refreshed no-change preview right after", async () => {
    emu.admin.resetCounters();
    await stack.must(["preview", "--refresh", "--expect-no-changes"]);
    expect(writes()).toEqual({ updateDevice: 0, createBoundary: 0, updateBoundary: 0, deleteBoundary: 0 });
  });

  it("destroys the stack and leaves the account as it was", async () => {
    await stack.must(["destroy", "--yes"]);
    expect(emu.admin.listDevices()).toHaveLength(250);
    expect(emu.admin.listBoundaries()).toHaveLength(5);
  });
});
