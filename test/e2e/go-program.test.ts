/**
 * A Go program on the generated Go SDK (sdk/go) under the real `pulumi` binary and the Go language host, against
 * the emulator: the README's main.go and its go.mod commands run as written, the project loads the `hapn` plugin
 * from this repository's plugin/ folder, and the program manages a Device and a Boundary and reads a lookup. The
 * steps build on each other, in order. The first `up` compiles the Pulumi Go SDK (about 1.5 minutes on 2 cores);
 * Go's own module and build caches (GOMODCACHE, GOCACHE) keep later runs fast and are never cleaned here.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type RunningEmulator } from "../../emulator";
import { ProjectStack } from "../../scripts/lib/project-stack";
import { type CommandResult, PulumiSandbox } from "../../scripts/lib/pulumi-sandbox";
import { README_RECIPES, readmeBlock } from "../../scripts/lib/readme-blocks";
import { setEmulatorConfig, startTestEmulator } from "../support/emulator";
import { buildPackage } from "./support/disk-project";
import { writesOf } from "./support/account-writes";
import { expectOk } from "./support/expect-ok";

const REPO = path.resolve(__dirname, "../..");
/** The import path of the SDK's package, as the README's program imports it. */
const SDK_PACKAGES = "example.com/pulumi-hapn/sdk/go/...";

describe("a Go program on the generated Go SDK under the real Pulumi CLI", () => {
  const sandbox = PulumiSandbox.create("hapn-go-");
  const projectDir = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-go-program-"));
  const printed: CommandResult[] = [];
  let emu: RunningEmulator;
  let stack: ProjectStack;
  let van: string;
  let other: string;
  const must = async (args: string[]) => {
    const r = await stack.run(args);
    printed.push(r);
    expectOk(r);
    return r;
  };
  const go = async (args: string[]) => {
    const r = await sandbox.exec("go", args, { cwd: projectDir });
    printed.push(r);
    expectOk(r);
    return r;
  };
  const yard = () => emu.admin.listBoundaries().find((b) => b.name === "Yard");

  beforeAll(async () => {
    await buildPackage(); // the plugin folder runs dist/
    emu = await startTestEmulator({ devices: 3, seed: 23 });
    [van, other] = emu.admin.listDevices().map((d) => d.imei);
    fs.writeFileSync(path.join(projectDir, "main.go"), readmeBlock(README_RECIPES.goProgram));
    fs.writeFileSync(
      path.join(projectDir, "Pulumi.yaml"),
      `name: hapn-go\nruntime: go\nplugins:\n  providers:\n    - name: hapn\n      path: ${path.join(REPO, "plugin")}\n`,
    );
    const mod = await sandbox.shell(readmeBlock(README_RECIPES.goModule), {
      cwd: projectDir,
      env: { PULUMI_HAPN: REPO },
    });
    printed.push(mod);
    expectOk(mod);
    stack = await ProjectStack.init(sandbox, projectDir, "dev");
    await setEmulatorConfig(stack, emu);
    await stack.setConfig({ vanImei: van, otherImei: other });
  });

  afterAll(async () => {
    await emu?.stop();
    sandbox.dispose();
    fs.rmSync(projectDir, { recursive: true, force: true });
  });

  it("requires the SDK from the checkout, which builds and passes go vet", async () => {
    const goMod = fs.readFileSync(path.join(projectDir, "go.mod"), "utf8");
    expect(goMod).toContain(`example.com/pulumi-hapn/sdk/go => ${path.join(REPO, "sdk", "go")}`);
    await go(["build", SDK_PACKAGES]);
    await go(["vet", SDK_PACKAGES, "."]);
  });

  it("creates the Device and the Boundary and reads the lookup, through the plugin", async () => {
    await must(["up", "--yes", "--skip-preview"]);
    expect(emu.admin.getDevice(van)).toMatchObject({ name: "Van 7", color: "#00aa11" });
    expect(yard()).toMatchObject({ location: "Dock 4, Hamburg" });
    expect(await stack.outputs()).toEqual({
      vanName: "Van 7",
      yardId: yard()!.boundaryId,
      otherName: emu.admin.getDevice(other)!.name,
    });
    const types = (await stack.resources()).map((r) => r.type);
    expect(types).toEqual(
      expect.arrayContaining(["hapn:index:Device", "hapn:index:Boundary", "pulumi:providers:hapn"]),
    );
  });

  it("changes nothing on the next up, with a refresh, and writes nothing", async () => {
    emu.admin.resetCounters();
    await must(["preview", "--refresh", "--expect-no-changes"]);
    await must(["up", "--yes", "--expect-no-changes"]);
    expect(writesOf(emu)).toBe(0);
  });

  it("keeps the client secret out of the state, the outputs and every log", async () => {
    printed.push({ code: 0, stdout: await stack.exportText(), stderr: "" });
    printed.push(await stack.run(["stack", "output", "--json", "--show-secrets"]));
    const text = printed.map((r) => r.stdout + r.stderr).join("\n");
    expect(text).toContain(van); // the scan covers real output
    expect(text).not.toContain(emu.clientSecret);
  });

  it("deletes the Boundary and leaves the tracker on destroy", async () => {
    await must(["destroy", "--yes", "--skip-preview"]);
    expect(yard()).toBeUndefined();
    expect(emu.admin.getDevice(van)).toMatchObject({ name: "Van 7" });
  });
});
