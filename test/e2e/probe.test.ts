/**
 * README "Trying it against your Hapn account", run verbatim under the real Pulumi CLI against an emulator that
 * updates by PUT (a variant our PATCH guess gets wrong): the probe finds the difference and prints the override the
 * README sets, the probe through the stack's config then finds nothing, and `pulumi up` plus a clean drift check
 * of the quick start's program work.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type RunningEmulator } from "../../emulator";
import { emulatorEnv, startTestEmulator } from "../support/emulator";
import { PulumiSandbox } from "../../scripts/lib/pulumi-sandbox";
import { README_RECIPES, readmeBlock } from "../../scripts/lib/readme-blocks";
import { buildPackage, writeProject } from "./support/disk-project";

describe("hapn-probe and its overrides under the real Pulumi CLI", () => {
  const sandbox = PulumiSandbox.create("hapn-probe-");
  let emu: RunningEmulator;
  let projectDir: string;
  const run = (recipe: string) => sandbox.shell(readmeBlock(recipe), { cwd: projectDir, env: emulatorEnv(emu) });

  beforeAll(async () => {
    await buildPackage();
    emu = await startTestEmulator({ devices: 5, updateMethod: "PUT" });
    projectDir = writeProject("hapn-probe-e2e", readmeBlock(README_RECIPES.quickStartProgram));
  });

  afterAll(async () => {
    await sandbox.shell("pulumi destroy --yes --non-interactive", { cwd: projectDir, env: emulatorEnv(emu) });
    await emu?.stop();
    sandbox.dispose();
    if (projectDir) fs.rmSync(projectDir, { recursive: true, force: true });
  });

  it("finds the PUT update and prints, as a command, the override the README sets", async () => {
    const r = await run(README_RECIPES.probe);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/update-device-route .* differs/);
    const override = readmeBlock(README_RECIPES.probeOverrides)
      .split("\n")
      .find((line) => line.includes("hapn:routes"));
    expect(override).toBeDefined();
    expect(r.stdout).toContain(`  ${override}\n`);
    const report = JSON.parse(fs.readFileSync(path.join(projectDir, "hapn-probe.json"), "utf8"));
    expect(report.results.filter((x: { verdict: string }) => x.verdict === "differs")).toHaveLength(2);
    expect(JSON.stringify(report) + r.stdout + r.stderr).not.toContain(emu.clientSecret);
  });

  it("with the overrides set in the stack, probes clean, then updates by PUT and checks drift clean", async () => {
    const probed = await run(README_RECIPES.probeOverrides);
    expect(probed.stderr).not.toMatch(/hapn-probe: could not run/);
    expect(probed.code).toBe(0);
    expect(probed.stdout).not.toMatch(/ differs /);
    // the quick start's tracker starts with other labels, so the first up must update it (by PUT)
    emu.admin.editDevice("862785041422448", { name: "Van 2", color: "#000000" });
    emu.admin.resetCounters();
    const up = await run(README_RECIPES.probeFirstUp);
    expect(up.stdout + up.stderr).not.toMatch(/HAPN_ROUTE_NOT_FOUND/);
    expect(up.code).toBe(0);
    expect(emu.admin.getDevice("862785041422448")).toMatchObject({ name: "Van #2", color: "#579db5" });
    expect(emu.admin.counters().byRoute.updateDevice).toEqual({ "200": 1 });
  });

  it("fails the preview on a bad override, naming the setting and the fix, before any API call", async () => {
    const env = emulatorEnv(emu);
    await sandbox.shell("pulumi config set hapn:pageSize 0", { cwd: projectDir, env });
    emu.admin.resetCounters();
    try {
      const r = await sandbox.shell("pulumi preview --non-interactive", { cwd: projectDir, env });
      expect(r.code).not.toBe(0);
      expect(r.stdout + r.stderr).toMatch(/hapn:pageSize: "0" is not an integer from 1 to 1000/);
      expect(r.stdout + r.stderr).toMatch(/pulumi config set hapn:pageSize '100'/);
      expect(emu.admin.counters().apiRequests).toBe(0);
    } finally {
      await sandbox.shell("pulumi config rm hapn:pageSize", { cwd: projectDir, env });
    }
  });
});
