/** The DeviceFleet's provider operations against the emulator, as the provider process would call them. */
import * as fs from "node:fs";
import { type RunningEmulator } from "../../emulator";
import { journalDir } from "../../provider/device/adoption-journal";
import { startTestEmulator } from "../support/emulator";
import { device as deviceOps, deviceFleet as ops } from "../../provider/state/v1";
import { readFleet } from "../../provider/fleet/stored";
import type { FleetMap, FleetOutputs } from "../../provider/fleet/state";
import { freshProviderProcess, nextDeployment as nextProviderProcess } from "../device/support/emulated-provider";

describe("DeviceFleet provider", () => {
  let emu: RunningEmulator;
  let logs: string[];
  let imeis: string[];

  beforeAll(async () => {
    emu = await startTestEmulator({ devices: 1200, seed: 7 });
    imeis = emu.admin.listDevices().map((d) => d.imei);
  });
  beforeEach(async () => (logs = await freshProviderProcess(emu, ops)));
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => emu.stop());

  const nextDeployment = () => nextProviderProcess(emu, ops);
  const updates = () => emu.admin.counters().byRoute.updateDevice ?? {};
  const named = (list: string[], prefix: string): FleetMap =>
    Object.fromEntries(list.map((imei, i) => [imei, { name: `${prefix} ${i}` }]));

  it("check names the tracker and label of each problem, with the fix", async () => {
    const result = await ops.check(
      {} as never,
      {
        devices: { "862785041422448": { name: "", color: "red" }, "12345": { name: "ok" }, [imeis[0]]: { size: "L" } },
      } as never,
    );
    const reason = result.failures?.map((f) => `${f.property}: ${f.reason}`).join("\n") ?? "";
    expect(reason).toMatch(/devices\["862785041422448"\]\.name /);
    expect(reason).toMatch(/devices\["862785041422448"\]\.color .*#rrggbb/i);
    expect(reason).toMatch(/devices\["12345"\]: the key must be the tracker's IMEI: "12345" has 5 digits/);
    expect(reason).toMatch(new RegExp(`devices\\["${imeis[0]}"\\]\\.size: unknown label`));
  });

  it("check requires devices, and names what a DeviceFleet accepts (it has no key property)", async () => {
    const result = await ops.check({} as never, { imei: imeis[0], deletePolicy: "keep" } as never);
    expect(result.failures).toEqual([
      { property: "imei", reason: 'unknown property "imei"; a DeviceFleet accepts devices, deletePolicy, onMissing' },
      { property: "devices", reason: expect.stringMatching(/^devices is required: the trackers to manage, by IMEI/) },
      { property: "deletePolicy", reason: 'deletePolicy must be one of "retain", "restoreLabels"; got "keep"' },
    ]);
  });

  it("check lowercases colors and passes good inputs", async () => {
    const result = await ops.check({} as never, { devices: { [imeis[0]]: { color: "#ABCDEF" } } } as never);
    expect(result).toEqual({ inputs: { devices: { [imeis[0]]: { color: "#abcdef" } } } });
  });

  it("create adopts every tracker, records its original labels and writes only those that differ", async () => {
    const fleet = imeis.slice(0, 5);
    const before = fleet.map((imei) => emu.admin.getDevice(imei)!);
    const devices: FleetMap = { ...named(fleet.slice(0, 3), "Truck"), [fleet[3]]: { name: before[3].name } };
    devices[fleet[4]] = { color: before[4].color.toUpperCase() };
    const created = await ops.create({ devices });
    expect(created.id).toMatch(/^fleet-/);
    expect(updates()).toEqual({ "200": 3 });
    const record = readFleet(created.outs);
    expect(record.devices).toEqual({
      ...named(fleet.slice(0, 3), "Truck"),
      [fleet[3]]: { name: before[3].name },
      [fleet[4]]: { color: before[4].color },
    });
    expect(record.adopted?.[fleet[0]]).toEqual({ name: before[0].name });
    expect(emu.admin.getDevice(fleet[1])?.name).toBe("Truck 1");
  });

  it("a refresh of 1200 trackers costs ⌈N/1000⌉ listing pages and one token, and returns live labels as inputs", async () => {
    const devices = named(imeis, "Unit");
    const created = await ops.create({ devices });
    emu.admin.editDevice(imeis[42], { name: "Hand edit" });
    await nextDeployment();
    const read = await ops.read(created.id, created.outs as FleetOutputs);
    const counters = emu.admin.counters();
    expect(counters.apiRequests).toBe(2);
    expect(counters.tokenRequests).toBe(1);
    expect((read.inputs as unknown as { devices: FleetMap }).devices[imeis[42]]).toEqual({ name: "Hand edit" });
    const diff = await ops.diff(created.id, read.props as FleetOutputs, { devices } as never);
    expect(diff.changes).toBe(true);
  });

  it("update writes only trackers whose labels differ; partial failures are recorded and grouped, and the next update writes only the rest", async () => {
    const fleet = imeis.slice(10, 16);
    const created = await ops.create({ devices: named(fleet, "A") });
    await nextDeployment();
    emu.admin.setFaults({ next: [{ kind: "fail", route: "updateDevice", status: 400, count: 2 }] });
    const wanted = { ...named(fleet, "B"), [fleet[5]]: { name: "A 5" } }; // the last one is unchanged
    const error = await ops.update(created.id, created.outs as FleetOutputs, { devices: wanted } as never).then(
      () => undefined,
      (e: { message: string; id?: string; properties?: FleetOutputs; reasons?: string[] }) => e,
    );
    expect(error?.id).toBe(created.id);
    expect(error?.message).toMatch(
      /wrote the labels of 3 trackers; 2 trackers failed:\n {2}- HAPN_\w+ \(HTTP 400\).*: 2 trackers: /,
    );
    expect(error?.message.split("\n")).toHaveLength(2);
    expect(error?.reasons?.[0]).toMatch(/run `pulumi up` again to write only the rest/);
    expect(updates()).toEqual({ "200": 3, "400": 2 });
    // What was applied is recorded: each tracker's recorded name is its name in the account now.
    const applied = readFleet(error!.properties);
    expect(fleet.map((imei) => applied.devices![imei].name)).toEqual(
      fleet.map((imei) => emu.admin.getDevice(imei)!.name),
    );
    expect(fleet.filter((imei) => applied.devices![imei].name!.startsWith("A"))).toHaveLength(3);

    await nextDeployment();
    expect((await ops.diff(created.id, error!.properties!, { devices: wanted } as never)).changes).toBe(true);
    await ops.update(created.id, error!.properties!, { devices: wanted } as never);
    expect(updates()).toEqual({ "200": 2 });
    expect(fleet.map((imei) => emu.admin.getDevice(imei)!.name)).toEqual(["B 0", "B 1", "B 2", "B 3", "B 4", "A 5"]);
  });

  it('fails for trackers not in the account with onMissing "fail", writing the others; "warn" keeps them', async () => {
    const absent = "490154203237518";
    const devices = { [imeis[20]]: { name: "Present" }, [absent]: { name: "Away" } };
    await expect(ops.create({ devices })).rejects.toThrow(
      /1 tracker failed:\n {2}- not in this Hapn account: 1 tracker: 490154203237518/,
    );
    expect(emu.admin.getDevice(imeis[20])?.name).toBe("Present");
    const kept = await ops.create({ devices, onMissing: "warn" });
    expect(readFleet(kept.outs)).toMatchObject({ missing: [absent], devices });
    expect(logs.join("\n")).toMatch(/1 tracker \(490154203237518\) not in the account; keeping them/);
  });

  it("delete with restoreLabels puts back each tracker's adopted labels, writing only those that differ", async () => {
    const fleet = imeis.slice(30, 34);
    const before = fleet.map((imei) => emu.admin.getDevice(imei)!.name);
    const created = await ops.create({ devices: named(fleet, "Rental"), deletePolicy: "restoreLabels" });
    emu.admin.editDevice(fleet[0], { name: before[0] }); // already back by hand: not written again
    await nextDeployment();
    await ops.delete(created.id, created.outs as FleetOutputs);
    expect(fleet.map((imei) => emu.admin.getDevice(imei)!.name)).toEqual(before);
    expect(updates()).toEqual({ "200": 3 });
  });

  it("an adoption killed after its writes: the next create records the labels from before it, from the journal", async () => {
    const fleet = imeis.slice(50, 53);
    const before = fleet.map((imei) => emu.admin.getDevice(imei)!.name);
    await ops.create({ devices: named(fleet, "Crashed") }); // applied; the engine never saved it
    await nextDeployment();
    const again = await ops.create({ devices: named(fleet, "Crashed"), deletePolicy: "restoreLabels" });
    expect(updates()).toEqual({}); // the labels are already there
    expect(fleet.map((imei) => readFleet(again.outs).adopted![imei].name)).toEqual(before);
    await nextDeployment();
    await ops.diff(again.id, again.outs as FleetOutputs, { devices: named(fleet, "Crashed") } as never); // in state
    await ops.delete(again.id, again.outs as FleetOutputs);
    expect(fleet.map((imei) => emu.admin.getDevice(imei)!.name)).toEqual(before);
  });

  it("an update adding trackers, killed after its writes: the next up (diff, then update) records their labels from before it", async () => {
    const fleet = imeis.slice(70, 73);
    const before = fleet.map((imei) => emu.admin.getDevice(imei)!.name);
    const created = await ops.create({ devices: named(fleet.slice(0, 1), "Yard"), deletePolicy: "restoreLabels" });
    const news = { devices: named(fleet, "Yard"), deletePolicy: "restoreLabels" } as never;
    const saved = created.outs as FleetOutputs; // what the engine has in state
    await nextDeployment();
    await ops.diff(created.id, saved, news);
    await ops.update(created.id, saved, news); // applied; the engine never saved it
    await nextDeployment();
    await ops.diff(created.id, saved, news);
    const again = await ops.update(created.id, saved, news);
    expect(updates()).toEqual({}); // the labels are already there
    expect(fleet.map((imei) => readFleet(again.outs).adopted![imei].name)).toEqual(before);
    await nextDeployment();
    await ops.diff(created.id, again.outs as FleetOutputs, news); // recorded now: the batch is forgotten
    const files = fs.readdirSync(journalDir(), { recursive: true }).map(String);
    expect(files.filter((f) => f.includes(created.id))).toEqual([]);
  });

  it("a Device's restoreLabels delete stands aside for a tracker the fleet adopted in the same deployment", async () => {
    const imei = imeis[60];
    const original = emu.admin.getDevice(imei)!.name;
    const device = await deviceOps.create({ imei, name: "Moved", deletePolicy: "restoreLabels" });
    await nextDeployment(); // the next `up`: the fleet takes the tracker over, then the Device is deleted
    await ops.create({ devices: { [imei]: { name: "Moved" } } });
    await deviceOps.delete(imei, device.outs!);
    expect(updates()).toEqual({});
    expect(emu.admin.getDevice(imei)!.name).toBe("Moved");
    expect(original).not.toBe("Moved");
  });

  it("a tracker moved in one deployment from a restoreLabels fleet to a Device or another fleet keeps its new owner's labels", async () => {
    const [toDevice, toFleet, stays] = imeis.slice(80, 83);
    const options = { deletePolicy: "restoreLabels" } as const;
    const created = await ops.create({ devices: named([toDevice, toFleet, stays], "Moving"), ...options });
    await nextDeployment(); // the next `up` runs the fleet's update and the new owners' creates at once
    const kept = { devices: { [stays]: { name: "Moving 2" } }, ...options } as never;
    const moved = await Promise.all([
      deviceOps.create({ imei: toDevice, name: "Moving 0" }),
      ops.create({ devices: { [toFleet]: { name: "Moving 1" } } }),
      ops.update(created.id, created.outs as FleetOutputs, kept),
    ]);
    expect([toDevice, toFleet].map((imei) => emu.admin.getDevice(imei)!.name)).toEqual(["Moving 0", "Moving 1"]);
    expect(updates()).toEqual({});
    expect(readFleet(moved[1].outs).devices).toEqual({ [toFleet]: { name: "Moving 1" } });
  });

  it("a release that starts first finishes before the new owner reads: it adopts the labels from before the fleet", async () => {
    const [imei, stays] = imeis.slice(84, 86);
    const original = emu.admin.getDevice(imei)!.name;
    const options = { deletePolicy: "restoreLabels" } as const;
    const created = await ops.create({ devices: named([imei, stays], "Leaving"), ...options });
    await nextDeployment();
    const kept = { devices: { [stays]: { name: "Leaving 1" } }, ...options } as never;
    const released = ops.update(created.id, created.outs as FleetOutputs, kept);
    const device = await deviceOps.create({ imei, name: "Leaving 0", deletePolicy: "restoreLabels" });
    await released;
    expect(emu.admin.getDevice(imei)!.name).toBe("Leaving 0");
    expect(device.outs).toMatchObject({ name: "Leaving 0" });
    const facts = JSON.parse((device.outs as { factsJson: string }).factsJson) as { adoptedLabels: { name: string } };
    expect(facts.adoptedLabels.name).toBe(original); // its adoption labels: the true ones, not the fleet's
    expect(updates()).toEqual({ "200": 2 }); // the release, then the Device's write
  });

  it("delete by default leaves the trackers as they are", async () => {
    const created = await ops.create({ devices: named(imeis.slice(40, 42), "Kept") });
    await nextDeployment();
    await ops.delete(created.id, created.outs as FleetOutputs);
    expect(emu.admin.counters().apiRequests).toBe(0);
    expect(emu.admin.getDevice(imeis[40])?.name).toBe("Kept 0");
  });
});
