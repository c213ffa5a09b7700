import * as fs from "node:fs";
import * as path from "node:path";
import { type RunningEmulator } from "../../emulator";
import { startTestEmulator } from "../support/emulator";
import { modelReportsBattery } from "../../emulator/fleet";
import { ProjectStack } from "../../scripts/lib/project-stack";
import { PulumiSandbox } from "../../scripts/lib/pulumi-sandbox";
import { README_RECIPES, readmeBlock } from "../../scripts/lib/readme-blocks";
import { buildPackage, writeProject } from "./support/disk-project";

const MISSING_IMEI_PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as hapn from "pulumi-hapn";

export = async () => {
  const device = await hapn.getDevice({ imei: new pulumi.Config().require("imei") });
  return { name: device.name };
};
`;

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

  // One lookup only: with two stack outputs whose applies fail, the Node.js program host waits forever (a Pulumi
  // behaviour, reproduced without pulumi-hapn), so this program awaits getDevice in its main function.
  it("fails the program with a clear error for an IMEI that is not in the account", async () => {
    fs.writeFileSync(path.join(projectDir, "index.ts"), MISSING_IMEI_PROGRAM);
    await stack.setConfig({ imei: "490154203237518" });
    const r = await stack.run(["up", "--yes"]);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/hapn\.getDevice: IMEI 490154203237518 is not in this Hapn account/);
    expect(r.stdout + r.stderr).not.toContain(emu.clientSecret);
  });
});
