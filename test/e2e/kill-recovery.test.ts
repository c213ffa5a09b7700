/**
 * README's "After a killed `pulumi up`" recipe, run verbatim on a stack whose `up` was SIGKILLed mid-update (file
 * backend). The kill also gets the unlucky timing CI once met: the stack's `.attrs` sidecar left empty (emptied
 * here, as a kill during the CLI's rewrite of it leaves it), which makes every command on the stack fail with
 * `failed to load checkpoint: EOF` until the recipe's `find` runs.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import {
  createFleetProject,
  expectedLabels,
  fleetEntries,
  writeDevicesConfig,
} from "../../scripts/lib/faults/fleet-project";
import { killMidRun } from "../../scripts/lib/faults/kill-mid-run";
import { ProjectStack } from "../../scripts/lib/project-stack";
import { PulumiSandbox } from "../../scripts/lib/pulumi-sandbox";
import { README_RECIPES, readmeBlock } from "../../scripts/lib/readme-blocks";
import { emulatorEnv } from "../support/emulator";
import { buildPackage } from "./support/disk-project";

const N = 8;

describe("recovery after a killed pulumi up (README recipe)", () => {
  let sandbox: PulumiSandbox;
  let emu: RunningEmulator;

  beforeAll(async () => {
    await buildPackage();
    sandbox = PulumiSandbox.create("hapn-kill-recovery-e2e-");
    emu = await startEmulator({ port: 0, devices: N, seed: 11 });
  });
  afterAll(async () => {
    await emu?.stop();
    sandbox?.dispose();
  });

  it("brings a killed stack with an emptied state sidecar back, every tracker with the program's labels", async () => {
    const env = { ...emulatorEnv(emu), PULUMI_NODEJS_TRANSPILE_ONLY: "true" };
    const projectDir = createFleetProject(sandbox.dir);
    const stack = await ProjectStack.init(sandbox, projectDir, "killed");
    await stack.setConfig({ devices: "[]", randomTag: "false" });
    const entries = fleetEntries(emu.admin.listDevices(), 1);
    writeDevicesConfig(projectDir, stack.name, entries);

    // Kill `up` and every process it started once the third tracker's labels were applied.
    emu.admin.setFaults({ latencyMs: 300 });
    let applied = 0;
    let unhook = () => {};
    const killed = await killMidRun(sandbox, ["up", "--yes", "--skip-preview", "--stack", stack.name], {
      cwd: projectDir,
      env,
      arm: (kill) => {
        unhook = emu.admin.onHandled((target, status) => {
          if (target === "updateDevice" && status === 200 && ++applied === 3) kill();
        });
      },
    });
    unhook();
    emu.admin.setFaults({});
    expect({ killed: killed.killed, output: killed.killed ? "" : killed.output }).toEqual({ killed: true, output: "" });

    const sidecar = path.join(sandbox.stateDir, "stacks", "hapn-fleet", `${stack.name}.json.attrs`);
    expect(fs.existsSync(sidecar)).toBe(true);
    fs.truncateSync(sidecar, 0);
    const broken = await stack.run(["stack", "export"], env);
    expect(broken.code).not.toBe(0);
    expect(broken.stderr).toMatch(/failed to load checkpoint: EOF/);

    const recovery = await sandbox.shell(readmeBlock(README_RECIPES.recoverKilledRun), { cwd: projectDir, env });
    expect(recovery.stderr).not.toMatch(/error:/);
    expect(recovery.code).toBe(0);

    for (const entry of entries) {
      expect(emu.admin.getDevice(entry.imei)).toMatchObject(expectedLabels(entry));
    }
    const drift = await stack.run(["preview", "--refresh", "--expect-no-changes"], env);
    expect(drift.stdout + drift.stderr).not.toMatch(/error:/);
    expect(drift.code).toBe(0);
  });
});
