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

  it("filters by name part, model, status, color and icon; one listing serves every call", async () => {
    const fleet = emu.admin.listDevices();
    const trucks = fleet
      .filter((d) => d.name.toLowerCase().includes("truck"))
      .map((d) => d.imei)
      .sort();
    expect(trucks.length).toBeGreaterThan(0);
    expect((await getDevices({ filter: { nameContains: "TRUCK" } })).imeis).toEqual(trucks);
    const obd = fleet.filter((d) => d.model.name === "OBD Vehicle Tracker" && d.status === "A").length;
    expect((await getDevices({ filter: { model: "OBD Vehicle Tracker", status: "A" } })).devices).toHaveLength(obd);
    expect((await valueOf(getDevicesOutput({ filter: Promise.resolve({ icon: "no-such-icon" }) }))).imeis).toEqual([]);
    expect(emu.admin.counters().byRoute.listDevices).toEqual({ "200": 1 });
  });

  it("matchesFilter ignores case for color", () => {
    const device = emu.admin.listDevices()[0];
    expect(matchesFilter(device, { color: device.color.toUpperCase() })).toBe(true);
    expect(matchesFilter(device, { color: "#000001" })).toBe(false);
  });
});
