/**
 * A user's own project, as the README says to make it: a TypeScript Pulumi project that installs the packed
 * tarball, run by the `pulumi` binary and its Node.js language host. Once with the tsconfig of today's
 * `pulumi new typescript` and once with the older one (`commonjs` / `node` resolution); both must type-check and
 * run, `pulumi-hapn/emulator` imports included. The README's recipes (install, quick start, drift check, secret
 * rotation, renaming) are read out of README.md and run verbatim against the emulator.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { type RunningEmulator } from "../../emulator";
import { startTestEmulator } from "../support/emulator";
import { packPackage } from "../../scripts/lib/packaged-project";
import { ProjectStack } from "../../scripts/lib/project-stack";
import { PulumiSandbox } from "../../scripts/lib/pulumi-sandbox";
import { README_RECIPES, readmeBlock } from "../../scripts/lib/readme-blocks";
import { DEVICE_TYPE, emulatorEnv, storedProviders } from "./support/emulator-env";
import { expectOk } from "./support/expect-ok";
import { newTypeScriptProject, TSCONFIGS } from "./support/new-typescript-project";
import { storedProviderText } from "../../provider/stored-provider";

const REPO = path.resolve(__dirname, "../..");
const VAN = "862785041422448"; // the documented example device; the emulator always seeds it

/** The quick-start program, plus imports of the emulator and API-model entry points (values and a type). */
const PROGRAM_WITH_EMULATOR_IMPORTS = `${readmeBlock(README_RECIPES.quickStartProgram)}
import { startEmulator, type EmulatorOptions } from "pulumi-hapn/emulator";
import { isValidImei, ROUTES } from "pulumi-hapn/api-model";
const emulatorDefaults: EmulatorOptions = { port: 0 };
export const emulatorEntry = typeof startEmulator === "function" && emulatorDefaults.port === 0;
export const apiModelEntry = isValidImei("862785041422448") && ROUTES.getDevice.path === "/devices/{imei}";
`;

describe("a fresh project that installs the packed package", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-fresh-"));
  let emu: RunningEmulator;
  let tarball: string;

  beforeAll(async () => {
    emu = await startTestEmulator({ devices: 6, seed: 11 });
    tarball = packPackage(tmp);
  });
  afterAll(async () => {
    await emu?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  // One sandbox (backend, passphrase, Pulumi home) per project, kept for the day-two steps below.
  const sandboxes = {
    today: PulumiSandbox.create("hapn-fresh-today-"),
    older: PulumiSandbox.create("hapn-fresh-older-"),
  };
  afterAll(() => Object.values(sandboxes).forEach((s) => s.dispose()));

  describe.each(Object.entries(TSCONFIGS))("with the %s pulumi new typescript tsconfig", (variant, options) => {
    const dir = path.join(tmp, variant);
    const sandbox = sandboxes[variant as keyof typeof TSCONFIGS];

    it("installs with the README's install line, type-checks, and runs the quick start", async () => {
      newTypeScriptProject(dir, options);
      // The recipe names the tarball `npm pack` writes for this version.
      fs.copyFileSync(tarball, path.join(dir, path.basename(tarball)));
      expectOk(await sandbox.shell(readmeBlock(README_RECIPES.install), { cwd: dir }));
      fs.writeFileSync(path.join(dir, "index.ts"), PROGRAM_WITH_EMULATOR_IMPORTS);
      expectOk(await sandbox.exec("npx", ["tsc", "--noEmit", "-p", "."], { cwd: dir }));

      expectOk(await sandbox.shell(readmeBlock(README_RECIPES.quickStart), { cwd: dir, env: emulatorEnv(emu) }));
    });

    it("stores the Device with the one-line provider that requires the installed package by name", async () => {
      const resources = JSON.parse((await sandbox.pulumi(["stack", "export", "--stack", "dev"], { cwd: dir })).stdout)
        .deployment.resources;
      const [stored] = storedProviders(resources, DEVICE_TYPE);
      expect(stored).toBe(storedProviderText("device"));
      const outputs = JSON.parse((await sandbox.pulumi(["stack", "output", "--json"], { cwd: dir })).stdout);
      expect(outputs).toEqual({ model: "OBD Vehicle Tracker", emulatorEntry: true, apiModelEntry: true });
    });

    it("the README's jq line reads each Device's facts out of `pulumi stack export`", async () => {
      const r = await sandbox.shell(readmeBlock(README_RECIPES.factsFromState), { cwd: dir });
      expectOk(r);
      const lines = r.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line));
      expect(lines).toEqual([
        {
          imei: VAN,
          facts: expect.objectContaining({
            inAccount: true,
            managedFields: expect.arrayContaining(["name"]),
            model: { name: "OBD Vehicle Tracker", description: expect.any(String) },
            status: expect.any(String),
          }),
        },
      ]);
    });
  });

  describe("day two, in the project with today's tsconfig", () => {
    const dir = path.join(tmp, "today");
    const sandbox = sandboxes.today;
    const stack = ProjectStack.existing(sandbox, dir, "dev"); // made by the quick start above
    const drift = () => sandbox.shell(readmeBlock(README_RECIPES.driftCheck), { cwd: dir });

    beforeAll(async () => {
      // From here on the endpoints are stack config, not environment; the program is the plain quick start.
      await stack.setConfig({ "hapn:apiUrl": emu.apiUrl, "hapn:authUrl": emu.authUrl });
      fs.writeFileSync(path.join(dir, "index.ts"), readmeBlock(README_RECIPES.quickStartProgram));
      await stack.must(["up", "--yes"]);
    });

    it("the drift check passes on a clean stack and fails with exit 7 naming device and field after a hand edit", async () => {
      expectOk(await drift());
      emu.admin.editDevice(VAN, { name: "Renamed in the Hapn app" });
      // The large-fleet form (state written once) finds the same drift.
      const large = await sandbox.shell(readmeBlock(README_RECIPES.driftCheckLarge), { cwd: dir });
      for (const found of [await drift(), large]) {
        expect(found.code).toBe(7);
        expect(found.stdout).toMatch(
          /~ pulumi-nodejs:dynamic\/hapn:Device: \(update\)\n\s+\[id=862785041422448\]\n\s+\[urn=\S+::van-2\]/,
        );
        expect(found.stdout).toMatch(/name\s*: "Renamed in the Hapn app" => "Van #2"/);
      }
      await stack.must(["up", "--refresh", "--run-program", "--yes"]);
      expect(emu.admin.getDevice(VAN)?.name).toBe("Van #2");
      expectOk(await drift());
    });

    it("uses the current secret after a rotation, and the rotation recipe saves it for refresh and destroy", async () => {
      const old = emu.clientSecret;
      emu.admin.rotateClientSecret(`${old}-rotated`);
      const stale = await drift();
      expect(stale.code).not.toBe(0);
      expect(stale.code).not.toBe(7);
      expect(stale.stdout + stale.stderr).toMatch(/Hapn rejected the client credentials .*invalid_client/);
      expect(stale.stdout + stale.stderr).not.toContain(old);

      // The config alone is enough for the drift check, because it runs the program.
      await stack.setConfig({}, { "hapn:clientSecret": emu.clientSecret });
      expectOk(await drift());
      // Without --run-program a refresh uses the settings saved in state by the last up: still the old secret.
      expect((await stack.run(["refresh", "--preview-only"])).code).not.toBe(0);

      const rotate = readmeBlock(README_RECIPES.rotateSecret);
      expectOk(await sandbox.shell(rotate, { cwd: dir, env: { NEW_HAPN_CLIENT_SECRET: emu.clientSecret } }));
      expectOk(await stack.run(["refresh", "--preview-only", "--expect-no-changes"]));
      expectOk(await drift());
    });

    it("reads a state whose Device stored its name (`__deviceName`, as earlier versions did) with no diff", async () => {
      const exported = JSON.parse(await stack.exportText());
      const device = exported.deployment.resources.find((r: { type: string }) => r.type === DEVICE_TYPE);
      device.inputs.__deviceName = "van-2";
      const file = path.join(tmp, "with-device-name.json");
      fs.writeFileSync(file, JSON.stringify(exported));
      await stack.must(["stack", "import", "--file", file]);
      expectOk(await stack.run(["preview", "--expect-no-changes", "--diff"]));
      expectOk(await drift());
    });

    it("fails two Devices with one IMEI where the program declares them, naming both, with no API call", async () => {
      const program = `${readmeBlock(README_RECIPES.quickStartProgram)}\nnew hapn.Device("van-copy", { imei: "${VAN}" });\n`;
      fs.writeFileSync(path.join(dir, "index.ts"), program);
      emu.admin.resetCounters();
      const preview = await stack.run(["preview"]);
      expect(preview.code).not.toBe(0);
      expect(preview.stdout + preview.stderr).toMatch(
        /IMEI 862785041422448 is managed by two Device resources, "van-2" and "van-copy"/,
      );
      expect(emu.admin.counters().tokenRequests + emu.admin.counters().apiRequests).toBe(0);
    });

    it("renames a Device with aliases without touching the tracker", async () => {
      fs.writeFileSync(path.join(dir, "index.ts"), readmeBlock(README_RECIPES.renameProgram));
      emu.admin.resetCounters();
      const preview = await stack.run(["preview", "--expect-no-changes", "--diff"]);
      expectOk(preview);
      await stack.must(["up", "--yes"]);
      expect((await stack.resources()).filter((r) => r.type === DEVICE_TYPE).map((r) => r.urn)).toEqual([
        expect.stringMatching(/::delivery-van$/),
      ]);
      expect(emu.admin.counters().byRoute.updateDevice ?? {}).toEqual({});
    });

    it("the example GitHub Actions workflow's commands (npm ci, hapn-drift) pass on the clean stack", async () => {
      const workflow = parseYaml(fs.readFileSync(path.join(REPO, "examples/github-actions/drift-check.yml"), "utf8"));
      const job = workflow.jobs.drift as { env: Record<string, string>; steps: Array<{ run?: string }> };
      const script = job.steps.flatMap((s) => (s.run ? [s.run] : [])).join("\n");
      expect(script).toContain("npx hapn-drift");
      // The workflow's own env, with the stack of this test instead of "prod" and no Pulumi Cloud token.
      const r = await sandbox.shell(script, {
        cwd: dir,
        env: { ...job.env, STACK: "dev", PULUMI_ACCESS_TOKEN: undefined },
      });
      expectOk(r);
    });

    it("reads a tracker it does not manage with Device.get, without writing to it", async () => {
      const program = `${readmeBlock(README_RECIPES.renameProgram)}\nexport const seen = hapn.Device.get("seen", "${VAN}").name;\n`;
      fs.writeFileSync(path.join(dir, "index.ts"), program);
      emu.admin.editDevice(VAN, { description: "seen by another stack" });
      emu.admin.resetCounters();
      await stack.must(["up", "--yes"]);
      expect((await stack.outputs()).seen).toBe("Van #2");
      expect(emu.admin.counters().byRoute.updateDevice ?? {}).toEqual({});
      await stack.must(["destroy", "--yes"]);
      expect(emu.admin.getDevice(VAN)).toMatchObject({ name: "Van #2", description: "seen by another stack" });
    });
  });
});
