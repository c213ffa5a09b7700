/**
 * Installing the `hapn` plugin as users do, from the tarball this repository builds: the README's recipe runs as
 * written (`npm run pack-plugin`, then `pulumi plugin install resource hapn v<version> --file <tarball>`) into a
 * sandbox Pulumi home outside the checkout whose plugin cache starts empty, and the README's YAML program, with no
 * `plugins.providers` entry (nothing but the installed plugin can serve `hapn`, and automatic plugin downloads are
 * off) manages a Device and a Boundary and reads a lookup against the emulator. The steps build on each other.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as YAML from "yaml";
import { type RunningEmulator } from "../../emulator";
import { VERSION } from "../../provider/client/version";
import { ProjectStack } from "../../scripts/lib/project-stack";
import { type CommandResult, PulumiSandbox } from "../../scripts/lib/pulumi-sandbox";
import { README_RECIPES, readmeBlock } from "../../scripts/lib/readme-blocks";
import { pluginTarballName } from "../../scripts/lib/plugin/tarball-name";
import { setEmulatorConfig, startTestEmulator } from "../support/emulator";
import { expectOk } from "./support/expect-ok";

const REPO = path.resolve(__dirname, "../..");

describe("the hapn plugin installed from its tarball with `pulumi plugin install --file`", () => {
  const sandbox = PulumiSandbox.create("hapn-plugin-install-");
  const projectDir = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-plugin-installed-"));
  const tarball = path.join(REPO, pluginTarballName(VERSION));
  const plugins = path.join(sandbox.dir, "home", "plugins");
  const installed = path.join(plugins, `resource-hapn-v${VERSION}`);
  const printed: CommandResult[] = [];
  let emu: RunningEmulator;
  let stack: ProjectStack;
  let van: string;
  let other: string;

  beforeAll(async () => {
    // The sandbox's own plugin cache, empty: not the toolchain's shared one, which `plugin install` would write to.
    fs.rmSync(plugins, { force: true });
    fs.mkdirSync(plugins);
    emu = await startTestEmulator({ devices: 3, seed: 23 });
    [van, other] = emu.admin.listDevices().map((d) => d.imei);
    // The README's YAML program, as written: no plugins.providers entry, so only the installed plugin serves it.
    const program = readmeBlock(README_RECIPES.yamlProgram);
    expect(YAML.parse(program).plugins).toBeUndefined();
    fs.writeFileSync(path.join(projectDir, "Pulumi.yaml"), program);
    stack = await ProjectStack.init(sandbox, projectDir, "dev");
    await setEmulatorConfig(stack, emu);
    await stack.setConfig({ vanImei: van, otherImei: other });
  });

  afterAll(async () => {
    fs.rmSync(tarball, { force: true }); // the one file written into the checkout (ignored by git)
    for (const dir of [projectDir, sandbox.dir]) fs.rmSync(dir, { recursive: true, force: true });
    await emu?.stop();
  });

  it("cannot run the program before the plugin is installed (nothing else provides hapn)", async () => {
    const r = await stack.run(["preview"]);
    printed.push(r);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain("no resource plugin 'pulumi-resource-hapn' found in the workspace");
    expect(emu.admin.counters().apiRequests).toBe(0);
  });

  it("packs and installs the plugin with the README's commands", async () => {
    const r = await sandbox.shell(readmeBlock(README_RECIPES.pluginInstall), { cwd: REPO });
    printed.push(r);
    expectOk(r);
    expect(fs.existsSync(tarball)).toBe(true);
    const list = await sandbox.exec("pulumi", ["plugin", "ls", "--json"], { cwd: projectDir });
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ name: "hapn", kind: "resource", version: VERSION }),
    ]);
    // An executable plugin, not a folder the CLI would `npm install` into; nothing in it points at the checkout.
    expect(fs.statSync(path.join(installed, "pulumi-resource-hapn")).mode & 0o111).not.toBe(0);
    expect(fs.existsSync(path.join(installed, "PulumiPlugin.yaml"))).toBe(false);
    const entries = fs.readdirSync(installed, { recursive: true, withFileTypes: true });
    expect(entries.filter((e) => e.isSymbolicLink())).toEqual([]);
    expect(
      fs.existsSync(path.join(installed, "node_modules", "@pulumi", "pulumi", "proto", "provider_grpc_pb.js")),
    ).toBe(true);
    expect(fs.existsSync(path.join(installed, "node_modules", "typescript"))).toBe(false); // no dev dependencies
  });

  it("runs a program with no plugins.providers entry on the installed plugin", async () => {
    emu.admin.resetCounters();
    const up = await stack.run(["up", "--yes", "--skip-preview"]);
    printed.push(up);
    expectOk(up);
    expect(emu.admin.getDevice(van)).toMatchObject({ name: "Van 7", color: "#00aa11" });
    const yard = emu.admin.listBoundaries().find((b) => b.name === "Yard");
    expect(yard).toMatchObject({ location: "Dock 4, Hamburg" });
    expect(await stack.outputs()).toEqual({
      vanName: "Van 7",
      yardId: yard?.boundaryId,
      otherName: emu.admin.getDevice(other)!.name,
    });
    expect((await stack.resources()).map((r) => r.type)).toEqual(
      expect.arrayContaining(["pulumi:providers:hapn", "hapn:index:Device", "hapn:index:Boundary"]),
    );
  });

  it("finds no drift on a refreshing preview, and destroys", async () => {
    const preview = await stack.run(["preview", "--refresh", "--expect-no-changes"]);
    printed.push(preview);
    expectOk(preview);
    const destroy = await stack.run(["destroy", "--yes", "--skip-preview"]);
    printed.push(destroy);
    expectOk(destroy);
    expect(emu.admin.listBoundaries().find((b) => b.name === "Yard")).toBeUndefined();
  });

  it("keeps the client secret out of the state and everything the CLI printed", async () => {
    printed.push({ code: 0, stdout: await stack.exportText(), stderr: "" });
    const text = printed.map((r) => r.stdout + r.stderr).join("\n");
    expect(text).toContain("hapn:index:Device");
    expect(text).not.toContain(emu.clientSecret);
  });
});
