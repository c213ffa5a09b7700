import * as fs from "node:fs";
import * as path from "node:path";
import { type RunningEmulator } from "../../emulator";
import { startTestEmulator } from "../support/emulator";
import { modelReportsBattery } from "../../emulator/fleet";
import { ProjectStack } from "../../scripts/lib/project-stack";
import { PulumiSandbox } from "../../scripts/lib/pulumi-sandbox";
import { README_RECIPES, readmeBlock } from "../../scripts/lib/readme-blocks";
import { buildPackage, writeProject } from "./support/disk-project";
import { expectOk } from "./support/expect-ok";

const MISSING_IMEI_PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as hapn from "pulumi-hapn";

export = async () => {
  const device = await hapn.getDevice({ imei: new pulumi.Config().require("imei") });
  return { name: device.name };
};
`;

/**
 * The README's lookups program with a managed Device whose name is looked up through its own output, as in
 * issue 21: the lookup runs once the Device's operation is done, so it must see what that operation wrote.
 */
const RENAMED_CAR_PROGRAM = (lookups: string) => `${lookups}
const car = new hapn.Device("car", {
  imei: new pulumi.Config().require("carImei"),
  name: new pulumi.Config().require("carName"),
});
export const carName = hapn.getDeviceOutput({ imei: car.imei }).apply((d) => d.name);
`;

/** A program whose one lookup, in a stack output, fails when the credentials are refused. */
const ONE_LOOKUP_PROGRAM = `import * as hapn from "pulumi-hapn";

export const name = hapn.getDeviceOutput({ imei: "862785041422448" }).apply((d) => d.name);
`;

/** A program with two stack outputs whose lookups fail (the IMEI is not in the account). */
const MISSING_IMEI_OUTPUTS_PROGRAM = `import * as hapn from "pulumi-hapn";

const imei = "490154203237518";
export const name = hapn.getDeviceOutput({ imei }).apply((d) => d.name);
export const speed = hapn.getDeviceStatusOutput({ imei }).apply((s) => s.speed);
`;

/**
 * A failure told once, as Pulumi tells any error (on the progress line and again under Diagnostics, so at most
 * twice): never repeated within a line (`X: HapnError: X`), with no stack trace and no Node rejection warnings.
 */
function expectOneClearMessage(output: string, message: RegExp): void {
  const times = (text: string) => (text.match(new RegExp(message.source, "g")) ?? []).length;
  expect(times(output)).toBeGreaterThanOrEqual(1);
  expect(times(output)).toBeLessThanOrEqual(2);
  expect(output.split("\n").filter((line) => times(line) > 1)).toEqual([]);
  expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(output).not.toMatch(/PromiseRejectionHandledWarning|HapnError|unhandled exception/);
}

/** The README's lookups program, run as an on-disk project under the real `pulumi` binary and its language host. */
describe("lookups under the real Pulumi CLI", () => {
  const sandbox = PulumiSandbox.create("hapn-lookups-");
  let emu: RunningEmulator;
  let projectDir: string;
  let stack: ProjectStack;

  beforeAll(async () => {
    await buildPackage();
    emu = await startTestEmulator({ devices: 20, seed: 14 });
    projectDir = writeProject("hapn-lookups-e2e", readmeBlock(README_RECIPES.lookupsProgram));
    stack = await ProjectStack.init(sandbox, projectDir, "e2e");
    await stack.setConfig(
      {
        "hapn:apiUrl": emu.apiUrl,
        "hapn:authUrl": emu.authUrl,
        "hapn:clientId": emu.clientId,
        imei: "862785041422448",
      },
      { "hapn:clientSecret": emu.clientSecret },
    );
  });

  afterAll(async () => {
    await emu?.stop();
    sandbox.dispose();
    if (projectDir) fs.rmSync(projectDir, { recursive: true, force: true });
  });

  it("gives the program typed values, and keeps every credential out of state and outputs", async () => {
    emu.admin.resetCounters();
    await stack.must(["up", "--yes"]);
    const outputs = await stack.outputs();
    const vans = emu.admin.listDevices().filter((d) => d.name.toLowerCase().includes("van")).length;
    expect(outputs).toEqual({
      van: { name: "Van #2", model: "OBD Vehicle Tracker" },
      vans,
      position: {
        latitude: expect.any(Number),
        longitude: expect.any(Number),
        speed: expect.any(Number),
        battery: null,
      },
    });
    expect(modelReportsBattery("OBD Vehicle Tracker")).toBe(false);
    // One token per program run (`up` runs the program for its preview, then for the update), shared by all lookups.
    expect(emu.admin.counters().tokenRequests).toBe(2);
    const state = await stack.exportText();
    for (const secret of [emu.clientSecret, ...emu.admin.issuedTokens()]) {
      expect(state).not.toContain(secret);
      expect(JSON.stringify(outputs)).not.toContain(secret);
    }
  });

  it("sees, in a lookup that waits on a Device, the Device as this up left it; the drift check is then clean", async () => {
    const carImei = emu.admin.listDevices().find((d) => d.imei !== "862785041422448")!.imei;
    const lookups = readmeBlock(README_RECIPES.lookupsProgram);
    fs.writeFileSync(path.join(projectDir, "index.ts"), RENAMED_CAR_PROGRAM(lookups));
    await stack.setConfig({ carImei, carName: "Car #3" });
    await stack.must(["up", "--yes"]);
    expect((await stack.outputs()).carName).toBe("Car #3");

    await stack.setConfig({ carName: "Pool Car 3" });
    await stack.must(["up", "--yes"]);
    expect(emu.admin.getDevice(carImei)?.name).toBe("Pool Car 3");
    expect((await stack.outputs()).carName).toBe("Pool Car 3");
    const drift = () => stack.run(["preview", "--refresh", "--run-program", "--expect-no-changes", "--diff"]);
    expectOk(await drift());

    // The same drift check with a wrong secret: the Device's refresh fails with Hapn's refusal, told once.
    await stack.setConfig({}, { "hapn:clientSecret": "wrong-secret-789" });
    const refused = await drift();
    await stack.setConfig({}, { "hapn:clientSecret": emu.clientSecret });
    expect(refused.code).not.toBe(0);
    expectOneClearMessage(refused.stdout + refused.stderr, /Hapn rejected the client credentials/);
    expect(refused.stdout + refused.stderr).not.toContain("wrong-secret-789");
    await stack.must(["destroy", "--yes"]);
  });

  it("fails lookups in stack outputs with one clear message each, and ends the run", async () => {
    fs.writeFileSync(path.join(projectDir, "index.ts"), MISSING_IMEI_OUTPUTS_PROGRAM);
    // Two failing applies of ordinary errors keep the Node.js program host from exiting (a Pulumi behaviour); the
    // lookups' errors must not: the run is killed, and this fails, after 3 minutes.
    const r = await sandbox.pulumi(["up", "--yes", "--stack", stack.name], { cwd: projectDir, timeoutMs: 180_000 });
    expect(r.code).not.toBe(0);
    expect(r.code).toBeLessThan(128); // 128 + 9 when killed
    for (const lookup of ["getDevice", "getDeviceStatus"]) {
      expectOneClearMessage(r.stdout + r.stderr, new RegExp(`hapn\\.${lookup}: IMEI 490154203237518 is not in this`));
    }
  });

  it("fails a lookup with a wrong client secret with one clear message, without the secret", async () => {
    fs.writeFileSync(path.join(projectDir, "index.ts"), ONE_LOOKUP_PROGRAM);
    await stack.setConfig({}, { "hapn:clientSecret": "wrong-secret-789" });
    try {
      const r = await stack.run(["up", "--yes"]);
      expect(r.code).not.toBe(0);
      expectOneClearMessage(r.stdout + r.stderr, /Hapn rejected the client credentials/);
      expect(r.stdout + r.stderr).not.toContain("wrong-secret-789");
    } finally {
      await stack.setConfig({}, { "hapn:clientSecret": emu.clientSecret });
    }
  });

  // The Promise form, awaited in the program's main function.
  it("fails the program with a clear error for an IMEI that is not in the account", async () => {
    fs.writeFileSync(path.join(projectDir, "index.ts"), MISSING_IMEI_PROGRAM);
    await stack.setConfig({ imei: "490154203237518" });
    const r = await stack.run(["up", "--yes"]);
    expect(r.code).not.toBe(0);
    expectOneClearMessage(r.stdout + r.stderr, /hapn\.getDevice: IMEI 490154203237518 is not in this Hapn account/);
    expect(r.stdout + r.stderr).not.toContain(emu.clientSecret);
  });
});
