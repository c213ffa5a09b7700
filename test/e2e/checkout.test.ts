/**
 * A clean copy of this repository, used as the README says: the example project run in place (an npm workspace,
 * with @pulumi/random and its plugin), the tarball built with the README's pack recipe, and the root Pulumi.yaml,
 * which must run examples/fleet rather than the library. All through the `pulumi` binary and its language host.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type RunningEmulator } from "../../emulator";
import { startTestEmulator } from "../support/emulator";
import { ProjectStack } from "../../scripts/lib/project-stack";
import { PulumiSandbox } from "../../scripts/lib/pulumi-sandbox";
import { README_RECIPES, readmeBlock } from "../../scripts/lib/readme-blocks";
import { DEVICE_TYPE, emulatorEnv, storedProviders } from "./support/emulator-env";
import { storedProviderText } from "../../provider/stored-provider";

const REPO = path.resolve(__dirname, "../..");
const VAN = "862785041422448";

/**
 * Copies what a clone of the working tree would hold: tracked files and untracked ones git does not ignore (so
 * uncommitted work is tested too), without node_modules, dist or any other build output.
 */
function cleanCopy(destination: string): void {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: REPO,
    encoding: "utf8",
  })
    .split("\0")
    .filter((f) => f && fs.existsSync(path.join(REPO, f)));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(destination, file)), { recursive: true });
    fs.copyFileSync(path.join(REPO, file), path.join(destination, file));
  }
}

describe("a clean copy of the repository", () => {
  const clone = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-clone-"));
  const sandbox = PulumiSandbox.create("hapn-clone-");
  let emu: RunningEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator({ devices: 8, seed: 5 });
    cleanCopy(clone);
  });
  afterAll(async () => {
    await emu?.stop();
    sandbox.dispose();
    fs.rmSync(clone, { recursive: true, force: true });
  });

  it("runs examples/fleet in place with the README's commands, @pulumi/random included", async () => {
    const r = await sandbox.shell(readmeBlock(README_RECIPES.exampleFromCheckout), {
      cwd: clone,
      env: emulatorEnv(emu),
    });
    expect({ code: r.code, output: r.stdout + r.stderr }).toMatchObject({ code: 0 });
    const stack = ProjectStack.existing(sandbox, path.join(clone, "examples", "fleet"), "dev");
    const resources = await stack.resources();
    expect(resources.map((x) => x.type)).toEqual(
      expect.arrayContaining([DEVICE_TYPE, "random:index/randomPet:RandomPet"]),
    );
    const outputs = await stack.outputs();
    expect(outputs.fleetTag).toMatch(/^[a-z]+-[a-z]+$/);
    expect(outputs.trackers).toEqual({ [VAN]: { name: "Van #2", model: "OBD Vehicle Tracker" } });
    // Loaded through the workspace link (outside node_modules), the stored provider is still the one line.
    const [stored] = storedProviders(resources, DEVICE_TYPE);
    expect(stored).toBe(storedProviderText("device"));
  });

  it("packs the tarball the README's install line names", async () => {
    const r = await sandbox.shell(readmeBlock(README_RECIPES.pack), { cwd: clone });
    expect({ code: r.code, output: r.stdout + r.stderr }).toMatchObject({ code: 0 });
    const named = /\.\/(pulumi-hapn-[\d.]+\.tgz)/.exec(readmeBlock(README_RECIPES.install))?.[1];
    expect(named).toBeDefined();
    expect(fs.existsSync(path.join(clone, named as string))).toBe(true);
  });

  it("runs the fleet program from the root Pulumi.yaml, not the library", async () => {
    const devices = emu.admin.listDevices().slice(1, 3);
    const stack = await ProjectStack.init(sandbox, clone, "root");
    await stack.setConfig(
      {
        "hapn:apiUrl": emu.apiUrl,
        "hapn:authUrl": emu.authUrl,
        "hapn:clientId": emu.clientId,
        devices: JSON.stringify(devices.map((d, i) => ({ key: `root-${i}`, imei: d.imei, name: `Root ${i}` }))),
        randomTag: "false",
      },
      { "hapn:clientSecret": emu.clientSecret },
    );
    emu.admin.resetCounters();
    await stack.must(["up", "--yes"]);
    expect(emu.admin.counters().apiRequests).toBeGreaterThan(0);
    for (const [i, d] of devices.entries()) expect(emu.admin.getDevice(d.imei)?.name).toBe(`Root ${i}`);
    const outputs = await stack.outputs();
    expect(outputs).toMatchObject({ fleetTag: "" });
    expect(Object.keys(outputs).sort()).toEqual(["fleetTag", "trackers"]);
    const resources = await stack.resources();
    expect(resources.filter((x) => x.type === DEVICE_TYPE)).toHaveLength(2);
    for (const stored of storedProviders(resources, DEVICE_TYPE)) expect(stored).toBe(storedProviderText("device"));
    await stack.must(["destroy", "--yes"]);
  });
});
