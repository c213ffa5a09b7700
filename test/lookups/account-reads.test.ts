import { type AccountSource, readAllDevices, readDevice } from "../../provider/lookups/account-reads";
import { resetProviderProcess } from "../../provider/process-state";
import { seedFleet } from "../../emulator/fleet";
import type { Device } from "../../provider/api-model/wire-types";

/** An account in memory that counts the requests made of it, and fails the next listing when told to. */
function fakeAccount(devices: Device[]) {
  const calls = { list: 0, get: 0 };
  let failNextList = false;
  const source: AccountSource = {
    async listDevices() {
      calls.list++;
      if (failNextList) {
        failNextList = false;
        throw new Error("HTTP 500");
      }
      return devices.map((d) => ({ ...d }));
    },
    async *listDevicePages() {
      calls.list++;
      yield { items: devices.map((d) => ({ ...d })) };
    },
    async getDevice(imei) {
      calls.get++;
      const device = devices.find((d) => d.imei === imei);
      return device && { ...device };
    },
  };
  return { source, calls, failList: () => (failNextList = true) };
}

describe("account reads of lookups", () => {
  const devices = seedFleet(5, 3);
  beforeEach(() => resetProviderProcess());

  it("answers lookups called together with one listing, getDevice and getDevices alike", async () => {
    const { source, calls } = fakeAccount(devices);
    const [all, one, two] = await Promise.all([
      readAllDevices(source),
      readDevice(source, devices[0].imei),
      readDevice(source, devices[4].imei),
    ]);
    expect(all).toHaveLength(5);
    expect([one?.imei, two?.imei]).toEqual([devices[0].imei, devices[4].imei]);
    expect(calls).toEqual({ list: 1, get: 0 });
  });

  it("starts a new read for a lookup called after the last batch began: it sees what changed since", async () => {
    const { source, calls } = fakeAccount(devices);
    expect((await readDevice(source, devices[1].imei))?.name).toBe(devices[1].name);
    devices[1].name = "Pool Car 3";
    expect((await readDevice(source, devices[1].imei))?.name).toBe("Pool Car 3");
    expect(calls.list).toBe(2);
  });

  it("confirms with a GET a device the listing lacks", async () => {
    const { source, calls } = fakeAccount(devices);
    const [, missing] = await Promise.all([readAllDevices(source), readDevice(source, "490154203237518")]);
    expect(missing).toBeUndefined();
    expect(calls).toEqual({ list: 1, get: 1 });
  });

  it("fails only the batch whose read failed; the next lookup reads again", async () => {
    const { source, failList } = fakeAccount(devices);
    failList();
    await expect(Promise.all([readAllDevices(source), readDevice(source, devices[0].imei)])).rejects.toThrow(
      "HTTP 500",
    );
    expect(await readAllDevices(source)).toHaveLength(5);
  });
});
