import { type RunningEmulator } from "../../emulator";
import { startTestEmulator } from "../support/emulator";
import { modelReportsBattery } from "../../emulator/fleet";
import { getDeviceStatus, getDeviceStatusOutput } from "../../provider/lookups/device-status";
import { programWithConfig, valueOf } from "./support/program-config";

describe("getDeviceStatus", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ devices: 20, seed: 8 });
  });
  afterAll(() => emu.stop());
  beforeEach(() => programWithConfig(emu));

  it("gives position and speed as numbers (the API sends strings), battery only where the model has one", async () => {
    const fleet = emu.admin.listDevices();
    const withBattery = fleet.find((d) => modelReportsBattery(d.model.name))!;
    const without = fleet.find((d) => !modelReportsBattery(d.model.name))!;
    const status = await getDeviceStatus({ imei: withBattery.imei });
    expect(status).toMatchObject({
      imei: withBattery.imei,
      latitude: expect.any(Number),
      longitude: expect.any(Number),
    });
    expect(typeof status.speed).toBe("number");
    expect(typeof status.batteryPercentage).toBe("number");
    const other = await valueOf(getDeviceStatusOutput({ imei: Promise.resolve(without.imei) }));
    expect(other.batteryPercentage).toBeUndefined();
    expect(typeof other.latitude).toBe("number");
  });

  it("fails clearly for an IMEI that is not in the account", async () => {
    await expect(getDeviceStatus({ imei: "490154203237518" })).rejects.toThrow(
      /^hapn\.getDeviceStatus: IMEI 490154203237518 is not in this Hapn account/,
    );
  });
});
