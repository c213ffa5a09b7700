import * as fs from "node:fs";
import { type RunningEmulator } from "../../emulator";
import { setEmulatorConfig, startTestEmulator } from "../support/emulator";
import { ProjectStack } from "../../scripts/lib/project-stack";
import { PulumiSandbox } from "../../scripts/lib/pulumi-sandbox";
import { textRows } from "../support/report-tables";
import { buildPackage, writeProject } from "./support/disk-project";

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as hapn from "pulumi-hapn";

const config = new pulumi.Config();
const solo = config.getObject<{ imei: string; name: string }>("solo");
const soloDevice = solo && new hapn.Device("solo", { ...solo, deletePolicy: "restoreLabels" });
const fleet = new hapn.DeviceFleet(
  "fleet",
  {
    devices: config.requireObject<hapn.FleetMap>("devices"),
    deletePolicy: (config.get("deletePolicy") ?? "restoreLabels") as hapn.DeletePolicy,
  },
  { dependsOn: soloDevice && config.getBoolean("fleetAfterSolo") ? [soloDevice] : [] },
);
const twice = config.get("alsoDevice");
if (twice) new hapn.Device("also", { imei: twice, name: "Twice" });
export const fleetId = fleet.id;
`;

/** A name for each tracker: `${prefix} ${i}`. */
const named = (imeis: string[], prefix: string) =>
  Object.fromEntries(imeis.map((imei, i) => [imei, { name: `${prefix} ${i}` }]));

/**
 * A DeviceFleet under the real `pulumi` binary on an on-disk project against the emulator: adopted, relabelled,
 * hand-edited (the drift check fails and hapn-drift names tracker and field), partly failed (the emulator failing
 * some writes) and recovered by an `up` that writes only the rest, refused at preview when a Device manages one of
 * its trackers too, moved from a Device and back with 0 writes, and destroyed with `deletePolicy: "restoreLabels"`,
 * then with the default `"retain"`.
 */
describe("DeviceFleet under the real Pulumi CLI", () => {
  const sandbox = PulumiSandbox.create("hapn-fleet-");
  let emu: RunningEmulator;
  let projectDir: string;
  let stack: ProjectStack;
  let imeis: string[];
  let original: string[];
  const names = () => imeis.map((imei) => emu.admin.getDevice(imei)!.name);
  const writes = () => emu.admin.counters().byRoute.updateDevice ?? {};
  const setDevices = (devices: object) => stack.setConfig({ devices: JSON.stringify(devices) });

  beforeAll(async () => {
    await buildPackage();
    emu = await startTestEmulator({ devices: 8, seed: 19 });
    imeis = emu.admin
      .listDevices()
      .slice(0, 6)
      .map((d) => d.imei);
    original = names();
    projectDir = writeProject("hapn-fleet-e2e", PROGRAM);
    stack = await ProjectStack.init(sandbox, projectDir, "fleet");
    await setEmulatorConfig(stack, emu);
  });

  afterAll(async () => {
    await stack?.run(["destroy", "--yes"]);
    await emu?.stop();
    sandbox.dispose();
    if (projectDir) fs.rmSync(projectDir, { recursive: true, force: true });
  });

  it("adopts the trackers as one resource, writing only those whose labels differ", async () => {
    await setDevices({ ...named(imeis.slice(0, 5), "Fleet"), [imeis[5]]: { name: original[5] } });
    emu.admin.resetCounters();
    await stack.must(["up", "--yes"]);
    expect(names()).toEqual([...imeis.slice(0, 5).map((_, i) => `Fleet ${i}`), original[5]]);
    expect(writes()).toEqual({ "200": 5 });
    const fleets = (await stack.resources()).filter((r) => r.type === "pulumi-nodejs:dynamic/hapn:DeviceFleet");
    expect(fleets).toHaveLength(1);
  });

  it("relabels only the trackers that changed", async () => {
    await setDevices({
      ...named(imeis.slice(0, 5), "Fleet"),
      [imeis[5]]: { name: original[5] },
      [imeis[1]]: { name: "Relabelled" },
    });
    emu.admin.resetCounters();
    await stack.must(["up", "--yes"]);
    expect(writes()).toEqual({ "200": 1 });
    expect(names()[1]).toBe("Relabelled");
  });

  it("shows a hand edit as drift naming the tracker and field: the drift check fails, hapn-drift has its row", async () => {
    emu.admin.editDevice(imeis[3], { name: "Hand edit" });
    const check = await stack.run(["preview", "--refresh", "--run-program", "--expect-no-changes", "--diff"]);
    expect(check.code).not.toBe(0);
    expect(check.stdout).toContain(imeis[3]);
    expect(check.stdout).toMatch(/Hand edit/);
    const drift = await sandbox.shell("npx hapn-drift --stack fleet", { cwd: projectDir });
    expect(drift.code).toBe(2);
    expect(drift.stdout.split("\n")[0]).toBe("Drift (stack fleet): 1 field on 1 resource differ from the program.");
    const rows = textRows(drift.stdout);
    expect(rows).toEqual([
      [
        "fleet",
        "DeviceFleet",
        expect.stringMatching(/^fleet-/),
        `devices["${imeis[3]}"].name`,
        '"Fleet 3"',
        '"Hand edit"',
      ],
    ]);
  });

  it("records what a partly failed up applied, names the failed trackers grouped, and the next up writes only the rest", async () => {
    await setDevices(named(imeis, "Gen2"));
    emu.admin.resetCounters();
    emu.admin.setFaults({ next: [{ kind: "fail", route: "updateDevice", status: 400, count: 2 }] });
    const failed = await stack.run(["up", "--yes"]);
    expect(failed.code).not.toBe(0);
    const output = failed.stdout + failed.stderr;
    expect(output).toMatch(/wrote the labels of 4 trackers; 2 trackers failed:/);
    expect(output).toMatch(/- HAPN_\w+ \(HTTP 400\).*: 2 trackers: \d{15}, \d{15}/);
    expect(writes()).toEqual({ "200": 4, "400": 2 });
    const stillOld = imeis.filter((_, i) => names()[i] !== `Gen2 ${i}`);
    expect(stillOld).toHaveLength(2);
    // What was applied is in state, with the provider code, so a refresh (and a destroy) can load it.
    const [recorded] = (await stack.resources()).filter((r) => r.type.endsWith(":DeviceFleet"));
    expect(recorded.outputs?.__provider).toBeDefined();
    const applied = JSON.parse(String(recorded.outputs?.fleetJson)) as { trackers: Record<string, string[][]> };
    expect(imeis.map((imei) => applied.trackers[imei][0][0])).toEqual(names());
    await stack.must(["refresh", "--yes"]);

    emu.admin.resetCounters();
    await stack.must(["up", "--yes"]);
    expect(writes()).toEqual({ "200": 2 });
    expect(names()).toEqual(imeis.map((_, i) => `Gen2 ${i}`));
    const clean = await stack.run(["preview", "--refresh", "--run-program", "--expect-no-changes"]);
    expect(clean.code).toBe(0);
  });

  it("fails the preview naming both resources when a Device manages one of the fleet's trackers", async () => {
    await stack.setConfig({ alsoDevice: imeis[2] });
    try {
      const preview = await stack.run(["preview"]);
      expect(preview.code).not.toBe(0);
      expect(preview.stdout + preview.stderr).toMatch(
        new RegExp(`IMEI ${imeis[2]} is managed by two resources, DeviceFleet "fleet" and Device "also"`),
      );
    } finally {
      await stack.run(["config", "rm", "alsoDevice"]);
    }
  });

  it("moves a tracker from a Device into the fleet with 0 writes (the Device's restoreLabels stands aside)", async () => {
    const solo = emu.admin.listDevices()[6].imei;
    const devices = named(imeis, "Gen2");
    await setDevices(devices);
    await stack.setConfig({ solo: JSON.stringify({ imei: solo, name: "Solo" }) });
    await stack.must(["up", "--yes"]);
    expect(emu.admin.getDevice(solo)?.name).toBe("Solo");
    await stack.must(["preview"]); // the Device is in state: its adoption journal entry is gone

    await stack.run(["config", "rm", "solo"]);
    await setDevices({ ...devices, [solo]: { name: "Solo" } });
    emu.admin.resetCounters();
    const moved = await stack.must(["up", "--yes"]);
    expect(writes()).toEqual({});
    expect(emu.admin.getDevice(solo)?.name).toBe("Solo");
    expect(moved.stdout).toMatch(/not restoring labels, because another resource of this deployment adopted/);
    const types = (await stack.resources()).map((r) => r.type).filter((t) => t.includes("hapn"));
    expect(types).toEqual(["pulumi-nodejs:dynamic/hapn:DeviceFleet"]);
  });

  it("moves a tracker from the fleet into a Device with 0 writes (the fleet dependsOn the Device for that up)", async () => {
    const solo = emu.admin.listDevices()[6].imei;
    await setDevices(named(imeis, "Gen2"));
    await stack.setConfig({ solo: JSON.stringify({ imei: solo, name: "Solo" }), fleetAfterSolo: "true" });
    emu.admin.resetCounters();
    const moved = await stack.must(["up", "--yes"]);
    expect(writes()).toEqual({});
    expect(emu.admin.getDevice(solo)?.name).toBe("Solo");
    expect(moved.stdout).toMatch(
      /not restoring the labels of .*because another resource of this deployment adopted them/s,
    );
    const types = (await stack.resources()).map((r) => r.type).filter((t) => t.includes("hapn"));
    expect(types.sort()).toEqual(["pulumi-nodejs:dynamic/hapn:Device", "pulumi-nodejs:dynamic/hapn:DeviceFleet"]);
    await stack.must(["preview", "--refresh", "--expect-no-changes"]);
  });

  it("destroy with deletePolicy restoreLabels puts back every tracker's labels from before adoption (the moved one's from before the fleet's)", async () => {
    emu.admin.resetCounters();
    await stack.must(["destroy", "--yes"]);
    expect(names()).toEqual(original);
    expect(emu.admin.listDevices()[6].name).toBe("Solo"); // the moved tracker: as the fleet adopted it
    expect(writes()).toEqual({ "200": 6 });
  });

  it("destroy with deletePolicy retain leaves every tracker's labels as they are, with 0 writes", async () => {
    const kept = named(imeis, "Kept");
    await stack.run(["config", "rm", "solo"]);
    await stack.setConfig({ deletePolicy: "retain" });
    await setDevices(kept);
    await stack.must(["up", "--yes"]);
    expect(names()).toEqual(imeis.map((imei) => kept[imei].name));
    emu.admin.resetCounters();
    const destroyed = await stack.must(["destroy", "--yes"]);
    expect(writes()).toEqual({});
    expect(names()).toEqual(imeis.map((imei) => kept[imei].name));
    expect(destroyed.stdout).toMatch(/stay in the account with their current labels/);
  });
});
