import { type RunningEmulator } from "../../emulator";
import { startTestEmulator } from "../support/emulator";
import { getDevices, getDevicesOutput, matchesFilter } from "../../provider/lookups/devices";
import { programWithConfig, valueOf } from "./support/program-config";

describe("getDevices", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ devices: 40, seed: 7 });
  });
  afterAll(() => emu.stop());
  beforeEach(() => {
    programWithConfig(emu);
    emu.admin.resetCounters();
  });

  it("lists every device without a filter, ordered by IMEI", async () => {
    const all = emu.admin
      .listDevices()
      .map((d) => d.imei)
      .sort();
    const { devices, imeis } = await getDevices();
    expect(imeis).toEqual(all);
    expect(devices.map((d) => d.imei)).toEqual(all);
  });

  it("filters by name part, model, status, color and icon; calls made together share one listing", async () => {
    const fleet = emu.admin.listDevices();
    const trucks = fleet
      .filter((d) => d.name.toLowerCase().includes("truck"))
      .map((d) => d.imei)
      .sort();
    expect(trucks.length).toBeGreaterThan(0);
    const obd = fleet.filter((d) => d.model.name === "OBD Vehicle Tracker" && d.status === "A").length;
    const [byName, byModel, byIcon] = await Promise.all([
      getDevices({ filter: { nameContains: "TRUCK" } }),
      getDevices({ filter: { model: "OBD Vehicle Tracker", status: "A" } }),
      valueOf(getDevicesOutput({ filter: Promise.resolve({ icon: "no-such-icon" }) })),
    ]);
    expect(byName.imeis).toEqual(trucks);
    expect(byModel.devices).toHaveLength(obd);
    expect(byIcon.imeis).toEqual([]);
    expect(emu.admin.counters().byRoute.listDevices).toEqual({ "200": 1 });
  });

  it("reads the account as it is when called: a later call sees a change made after an earlier one", async () => {
    const [first] = emu.admin.listDevices();
    expect((await getDevices({ filter: { nameContains: "Renamed by this up" } })).imeis).toEqual([]);
    emu.admin.editDevice(first.imei, { name: "Renamed by this up" });
    expect((await getDevices({ filter: { nameContains: "Renamed by this up" } })).imeis).toEqual([first.imei]);
  });

  it("keeps no failed listing: after one failed call, the next one lists again and succeeds", async () => {
    emu.admin.setFaults({ next: [{ kind: "fail", count: 1, status: 400, route: "listDevices" }] });
    await expect(getDevices()).rejects.toThrow(/^hapn\.getDevices: .*400/);
    expect((await getDevices()).imeis).toHaveLength(emu.admin.listDevices().length);
  });

  it("matchesFilter ignores case for color", () => {
    const device = emu.admin.listDevices()[0];
    expect(matchesFilter(device, { color: device.color.toUpperCase() })).toBe(true);
    expect(matchesFilter(device, { color: "#000001" })).toBe(false);
  });
});
