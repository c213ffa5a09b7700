/** The seeded fleet: deterministic, Luhn-valid, some leading zeros, always holding the documented example. */
import fc from "fast-check";
import { EXAMPLE_DEVICE, modelReportsBattery, seedFleet } from "../../emulator";
import { isValidImei } from "../../provider/api-model/imei";
import { startTestEmulator } from "../support/emulator";

describe("seedFleet", () => {
  it("is deterministic in (count, seed)", () => {
    expect(seedFleet(25, 1)).toEqual(seedFleet(25, 1));
    expect(seedFleet(25, 2).map((d) => d.imei)).not.toEqual(seedFleet(25, 1).map((d) => d.imei));
  });

  it("is prefix-stable: a bigger fleet starts with the smaller one", () => {
    expect(seedFleet(40, 7).slice(0, 10)).toEqual(seedFleet(10, 7));
  });

  it("always starts with the documented example device", () => {
    expect(seedFleet(1, 123)).toEqual([EXAMPLE_DEVICE]);
    expect(seedFleet(25, 1)[0]).toEqual(EXAMPLE_DEVICE);
  });

  it("has Luhn-valid, unique, 15-digit IMEIs, some with a leading zero", () => {
    const imeis = seedFleet(25, 1).map((d) => d.imei);
    expect(imeis.every(isValidImei)).toBe(true);
    expect(new Set(imeis).size).toBe(25);
    expect(imeis.filter((i) => i.startsWith("0")).length).toBeGreaterThanOrEqual(2);
  });

  it("holds for any size and seed", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 150 }), fc.integer({ min: 0, max: 0xffffffff }), (n, seed) => {
        const fleet = seedFleet(n, seed);
        expect(fleet).toHaveLength(n);
        expect(fleet[0].imei).toBe(EXAMPLE_DEVICE.imei);
        expect(new Set(fleet.map((d) => d.imei)).size).toBe(n);
        for (const d of fleet) {
          expect(isValidImei(d.imei)).toBe(true);
          expect(d.iccid).toMatch(/^\d{19}$/);
          expect(d.color).toMatch(/^#[0-9a-f]{6}$/);
          expect(d.appUrl).toBe(`https://app.gethapn.com/home?tab=trackers&type=tracker&imei=${d.imei}`);
          expect(Date.parse(d.modified)).toBeGreaterThanOrEqual(Date.parse(d.created));
        }
        if (n >= 2) expect(fleet[1].imei[0]).toBe("0");
      }),
      { numRuns: 60 },
    );
  });

  it("rejects a size below 1", () => {
    expect(() => seedFleet(0, 1)).toThrow(RangeError);
  });

  it("decides batteryPercentage per model, deterministically", () => {
    expect(modelReportsBattery("OBD Vehicle Tracker")).toBe(false);
    expect(modelReportsBattery("Asset Tracker")).toBe(true);
    expect(modelReportsBattery("Some Future Model")).toBe(modelReportsBattery("Some Future Model"));
  });

  it("is what the emulator serves for --devices and --seed", async () => {
    const emu = await startTestEmulator({ devices: 30, seed: 7 });
    try {
      const served = emu.admin.listDevices();
      expect(served).toEqual([...seedFleet(30, 7)].sort((a, b) => (a.imei < b.imei ? -1 : 1)));
    } finally {
      await emu.stop();
    }
  });
});
