/**
 * Installing the generated TypeScript SDK (`@pulumi/hapn`) into a user's own project, as the README says: in a fresh
 * `pulumi new typescript`-style project outside the checkout, the README's recipe runs as written (`npm run
 * pack-sdk` of the checkout, then a real `npm install` of the tarball from the registry), so the project's
 * node_modules is its own, with nothing linked to this repository's. A program importing the installed SDK then
 * type-checks and runs `pulumi up` with the plugin loaded from this checkout's plugin/ folder against the emulator,
 * and a refreshing preview finds nothing to change. The steps build on each other, in order.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type RunningEmulator } from "../../emulator";
import { sdkTarballName } from "../../scripts/pack-sdk";
import { type ProjectStack } from "../../scripts/lib/project-stack";
import { type CommandResult, PulumiSandbox } from "../../scripts/lib/pulumi-sandbox";
import { README_RECIPES, readmeBlock } from "../../scripts/lib/readme-blocks";
import { startTestEmulator } from "../support/emulator";
import { buildPackage } from "./support/disk-project";
import { expectOk } from "./support/expect-ok";
import { newTypeScriptProject } from "./support/new-typescript-project";
import { accountStack, loadPlugin } from "./support/plugin-project";

const REPO = path.resolve(__dirname, "../..");
const SDK_VERSION = (
  JSON.parse(fs.readFileSync(path.join(REPO, "sdk/nodejs/package.json"), "utf8")) as { version: string }
).version;

/**
 * A program on the installed SDK: a Device with its labels, and lookups (one read through its typed result), all
 * through the default provider.
 */
const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as hapn from "@pulumi/hapn";

const config = new pulumi.Config();
const van = new hapn.Device("van", { imei: config.require("vanImei"), name: "Packed van", color: "#11aa55" });

export const vanName = van.name;
// A lookup's typed result: \`tsc\` checks the path through DeviceInfo.
export const vanModel = hapn.getDeviceOutput({ imei: config.require("vanImei") }).model.name;
export const otherName = hapn.getDeviceOutput({ imei: config.require("otherImei") }).name;
`;

describe("the TypeScript SDK packed from the checkout and npm-installed into a user's project", () => {
  const sandbox = PulumiSandbox.create("hapn-sdk-install-");
  const projectDir = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-sdk-user-"));
  const modules = path.join(projectDir, "node_modules");
  const printed: CommandResult[] = [];
  let emu: RunningEmulator;
  let stack: ProjectStack;
  /** The tracker the program labels, and the one it looks up. */
  let imeis: { vanImei: string; otherImei: string };

  beforeAll(async () => {
    await buildPackage(); // the plugin folder runs dist/
    emu = await startTestEmulator({ devices: 3, seed: 29 });
    const [vanImei, otherImei] = emu.admin.listDevices().map((d) => d.imei);
    imeis = { vanImei, otherImei };
    newTypeScriptProject(projectDir);
    loadPlugin(projectDir);
    fs.writeFileSync(path.join(projectDir, "index.ts"), PROGRAM);
  });

  afterAll(async () => {
    await emu?.stop();
    sandbox.dispose();
    fs.rmSync(projectDir, { recursive: true, force: true });
  });

  it("packs the SDK and installs it with the README's recipe, from the registry, not from this checkout", async () => {
    const started = Date.now();
    const r = await sandbox.shell(readmeBlock(README_RECIPES.sdkInstall), {
      cwd: projectDir,
      env: { PULUMI_HAPN: REPO },
    });
    printed.push(r);
    expectOk(r);
    console.log(`sdk-install recipe (pack + npm install): ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // The tarball holds what tsc compiled, with its package.json, and none of the TypeScript sources.
    const tarball = path.join(projectDir, sdkTarballName(SDK_VERSION));
    const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n");
    expect(files).toEqual(
      expect.arrayContaining(["package/package.json", "package/index.js", "package/index.d.ts", "package/LICENSE"]),
    );
    expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);

    // Both packages are real folders in the project's own node_modules: installed, not linked to the checkout.
    for (const name of ["@pulumi/pulumi", "@pulumi/hapn"]) {
      const dir = path.join(modules, name);
      expect(fs.lstatSync(path.join(modules, "@pulumi")).isSymbolicLink()).toBe(false);
      expect(fs.lstatSync(dir).isDirectory()).toBe(true);
      expect(fs.realpathSync(dir).startsWith(fs.realpathSync(projectDir))).toBe(true);
    }
    // One @pulumi/pulumi for the program and the SDK: the SDK's resources register with the program's runtime.
    expect(fs.existsSync(path.join(modules, "@pulumi/hapn/node_modules/@pulumi/pulumi"))).toBe(false);
    const manifest = JSON.parse(fs.readFileSync(path.join(projectDir, "package.json"), "utf8"));
    expect(manifest.dependencies).toEqual({
      "@pulumi/hapn": `file:${sdkTarballName(SDK_VERSION)}`,
      "@pulumi/pulumi": expect.stringMatching(/^\^3\./),
    });
  });

  it("type-checks the program against the installed SDK's declarations", async () => {
    const r = await sandbox.exec("npx", ["tsc", "--noEmit", "-p", "."], { cwd: projectDir });
    printed.push(r);
    expectOk(r);
  });

  it("labels the tracker with `pulumi up` on the installed SDK and the checkout's plugin", async () => {
    stack = await accountStack(sandbox, projectDir, "dev", emu);
    await stack.setConfig(imeis);
    printed.push(await stack.must(["up", "--yes", "--skip-preview"]));
    expect(emu.admin.getDevice(imeis.vanImei)).toMatchObject({ name: "Packed van", color: "#11aa55" });
    expect(await stack.outputs()).toEqual({
      vanName: "Packed van",
      vanModel: emu.admin.getDevice(imeis.vanImei)!.model.name,
      otherName: emu.admin.getDevice(imeis.otherImei)!.name,
    });
    expect((await stack.resources()).map((r) => r.type)).toEqual(
      expect.arrayContaining(["pulumi:providers:hapn", "hapn:index:Device"]),
    );
  });

  it("finds no changes on a refreshing preview", async () => {
    printed.push(await stack.must(["preview", "--refresh", "--expect-no-changes"]));
  });

  it("keeps the client secret out of the state and everything the CLI printed", async () => {
    printed.push({ code: 0, stdout: await stack.exportText(), stderr: "" });
    const text = printed.map((r) => r.stdout + r.stderr).join("\n");
    expect(text).toContain("hapn:index:Device");
    expect(text).not.toContain(emu.clientSecret);
  });
});
