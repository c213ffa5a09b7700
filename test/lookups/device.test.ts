import * as pulumi from "@pulumi/pulumi";
import { type RunningEmulator } from "../../emulator";
import { startTestEmulator } from "../support/emulator";
import { getDevice, getDeviceOutput } from "../../provider/lookups/device";
import { programWithConfig, valueOf } from "./support/program-config";

const VAN = "862785041422448";

describe("getDevice", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ devices: 30, seed: 6 });
  });
  afterAll(() => emu.stop());
  beforeEach(() => {
    programWithConfig(emu);
    emu.admin.resetCounters();
  });

  it("reads a device by IMEI from the stack's hapn config", async () => {
    expect(await getDevice({ imei: VAN })).toMatchObject({
      imei: VAN,
      name: "Van #2",
      model: { name: "OBD Vehicle Tracker" },
    });
  });

  it("takes Inputs in its Output form", async () => {
    const device = await valueOf(getDeviceOutput({ imei: Promise.resolve(VAN) }));
    expect(device.name).toBe("Van #2");
    expect(pulumi.Output.isInstance(getDeviceOutput({ imei: VAN }))).toBe(true);
  });

  it("serves many lookups with one token and fewer requests than devices", async () => {
    const imeis = emu.admin.listDevices().map((d) => d.imei);
    const devices = await Promise.all(imeis.map((imei) => getDevice({ imei })));
    expect(devices.map((d) => d.imei)).toEqual(imeis);
    expect(emu.admin.counters().tokenRequests).toBe(1);
    expect(emu.admin.counters().apiRequests).toBeLessThan(imeis.length / 2);
  });

  it("reads the account as it is when called, not from an earlier lookup's listing", async () => {
    const car = emu.admin.listDevices()[3];
    expect((await getDevice({ imei: VAN })).name).toBe("Van #2"); // lists the account, car included
    emu.admin.editDevice(car.imei, { name: "Pool Car 3" }); // what a Device's update does in the provider
    expect((await getDevice({ imei: car.imei })).name).toBe("Pool Car 3");
    emu.admin.editDevice(car.imei, { name: car.name });
  });

  it("takes an IMEI given as a number, as a YAML program's config passes it", async () => {
    expect((await getDevice({ imei: Number(VAN) as never })).imei).toBe(VAN);
  });

  it("fails clearly for a missing IMEI, an invalid one, or none", async () => {
    await expect(getDevice({ imei: "490154203237518" })).rejects.toThrow(
      /^hapn\.getDevice: IMEI 490154203237518 is not in this Hapn account \(http:\/\/127\.0\.0\.1:\d+\/v1\); check the IMEI$/,
    );
    await expect(getDevice({ imei: "12345" })).rejects.toThrow(
      /^hapn\.getDevice: imei "12345" has 5 digits; an IMEI has 15$/,
    );
    await expect(getDevice(undefined as never)).rejects.toThrow(/hapn\.getDevice: imei must be a string of 15 digits/);
    await expect(getDevice({ imei: 12345 as never })).rejects.toThrow(/imei must be a string of 15 digits/);
    // The missing IMEI costs one listing and one GET that confirms it (a listing alone never proves a device gone);
    // the invalid ones cost nothing.
    expect(emu.admin.counters().apiRequests).toBe(2);
  });

  it("names the missing credentials, and never puts the secret in an error", async () => {
    programWithConfig(emu, { "hapn:clientSecret": "" });
    await expect(getDevice({ imei: VAN })).rejects.toThrow(/Hapn credentials are missing \(hapn:clientSecret\)/);
    programWithConfig(emu, { "hapn:clientSecret": "not-the-secret-xyz" });
    const error = await getDevice({ imei: VAN }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^hapn\.getDevice: .*rejected the client credentials/);
    expect((error as Error).message).not.toContain("not-the-secret-xyz");
  });
});
