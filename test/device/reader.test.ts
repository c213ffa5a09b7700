import { HapnError } from "../../provider/client";
import { DeviceReader, type DeviceSource } from "../../provider/device/reader";
import { type Device } from "../../provider/api-model/wire-types";

/** An in-memory account that counts the requests the reader makes. */
function fakeAccount(count: number, pageSize = 100) {
  const devices = Array.from({ length: count }, (_, i) => ({ imei: String(100000000000000 + i) }) as Device);
  const calls = { get: 0, pages: 0 };
  const source: DeviceSource = {
    async getDevice(imei) {
      calls.get++;
      return devices.find((d) => d.imei === imei);
    },
    async *listDevicePages() {
      for (let i = 0; i < devices.length; i += pageSize) {
        calls.pages++;
        const nextToken = i + pageSize < devices.length ? String(i + pageSize) : undefined;
        yield { items: devices.slice(i, i + pageSize), nextToken };
      }
    },
  };
  return { devices, calls, source };
}

describe("DeviceReader", () => {
  it("serves a single read with one request: the first page of a listing that answers later reads too", async () => {
    const { calls, source, devices } = fakeAccount(5);
    const reader = new DeviceReader(source);
    await expect(reader.get(devices[2].imei)).resolves.toBe(devices[2]);
    await expect(reader.get(devices[3].imei)).resolves.toBe(devices[3]);
    expect(calls).toEqual({ get: 0, pages: 1 });
  });

  it("serves the adoptions of an `up`, which arrive one at a time, with one listing and no GET per adoption", async () => {
    const { calls, source, devices } = fakeAccount(3000, 1000);
    const reader = new DeviceReader(source, { windowMs: 0 });
    for (const d of devices) await expect(reader.get(d.imei)).resolves.toBe(d);
    expect(calls).toEqual({ get: 0, pages: 3 });
  });

  it("attaches reads that arrive while a page is in flight to that page", async () => {
    const { calls, devices } = fakeAccount(10);
    const slow: DeviceSource = {
      async getDevice(imei) {
        calls.get++;
        return devices.find((d) => d.imei === imei);
      },
      async *listDevicePages() {
        calls.pages++;
        await new Promise((resolve) => setTimeout(resolve, 100));
        yield { items: devices };
      },
    };
    const reader = new DeviceReader(slow, { windowMs: 5 });
    const first = reader.get(devices[0].imei);
    await new Promise((resolve) => setTimeout(resolve, 40)); // the page is in flight now
    const later = await Promise.all(devices.slice(1).map((d) => reader.get(d.imei)));
    expect([await first, ...later]).toEqual(devices);
    expect(calls).toEqual({ get: 0, pages: 1 });
  });

  it("lists again once the listing is older than snapshotTtlMs", async () => {
    const { calls, source, devices } = fakeAccount(5);
    let now = 0;
    const reader = new DeviceReader(source, { snapshotTtlMs: 1000, now: () => now });
    await reader.get(devices[0].imei);
    now = 999;
    await reader.get(devices[1].imei);
    now = 1000;
    await reader.get(devices[2].imei);
    expect(calls).toEqual({ get: 0, pages: 2 });
  });

  it("serves 1000 concurrent reads with a handful of list pages, not 1000 GETs", async () => {
    const { calls, source, devices } = fakeAccount(1000, 1000);
    const reader = new DeviceReader(source);
    const found = await Promise.all(devices.map((d) => reader.get(d.imei)));
    expect(found).toEqual(devices);
    expect(calls.get + calls.pages).toBeLessThanOrEqual(2);
  });

  it("keeps serving reads from the listing while it is fresh, as a refresh issues them a few at a time", async () => {
    const { calls, source, devices } = fakeAccount(300, 1000);
    const reader = new DeviceReader(source);
    for (let i = 0; i < 300; i += 8) {
      await Promise.all(devices.slice(i, i + 8).map((d) => reader.get(d.imei)));
    }
    expect(calls.get + calls.pages).toBe(1);
  });

  it("pages a refresh of a large account whose reads arrive a few at a time, in another order than the listing's, without GETs", async () => {
    // 2000 devices in 10 pages; each page takes 10 ms, and reads arrive four every 2 ms in a shuffled order, so a
    // read often waits alone for a page several pages ahead. Each such read used to cost a GET.
    const { calls, devices } = fakeAccount(2000, 200);
    const slow: DeviceSource = {
      async getDevice(imei) {
        calls.get++;
        return devices.find((d) => d.imei === imei);
      },
      async *listDevicePages() {
        for (let i = 0; i < devices.length; i += 200) {
          calls.pages++;
          await new Promise((resolve) => setTimeout(resolve, 10));
          yield { items: devices.slice(i, i + 200), nextToken: i + 200 < devices.length ? String(i + 200) : undefined };
        }
      },
    };
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const order = [...devices].sort(() => random() - 0.5);
    const reader = new DeviceReader(slow, { windowMs: 1 });
    const reads: Promise<Device | undefined>[] = [];
    for (let i = 0; i < order.length; i += 4) {
      reads.push(...order.slice(i, i + 4).map((d) => reader.get(d.imei)));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(await Promise.all(reads)).toEqual(order);
    expect(calls).toEqual({ get: 0, pages: 10 });
  });

  it("confirms a device that the listing lacks with a single GET before calling it missing", async () => {
    const { calls, source, devices } = fakeAccount(3);
    const reader = new DeviceReader(source);
    const [a, missing] = await Promise.all([reader.get(devices[0].imei), reader.get("490154203237518")]);
    expect(a).toBe(devices[0]);
    expect(missing).toBeUndefined();
    expect(calls).toEqual({ get: 1, pages: 1 });
  });

  it("finds a device that a capped listing left out (no nextToken, yet not the whole account)", async () => {
    const { calls, source, devices } = fakeAccount(20);
    const capped: DeviceSource = {
      getDevice: source.getDevice,
      async *listDevicePages() {
        calls.pages++;
        yield { items: devices.slice(0, 10) };
      },
    };
    const reader = new DeviceReader(capped);
    const found = await Promise.all([devices[0], devices[15]].map((d) => reader.get(d.imei)));
    expect(found).toEqual([devices[0], devices[15]]);
    expect(calls).toEqual({ pages: 1, get: 1 });
  });

  it("stops paging once it would cost more than single GETs", async () => {
    const { calls, source } = fakeAccount(1000, 10);
    const reader = new DeviceReader(source);
    const wanted = ["100000000000999", "100000000000998"];
    const found = await Promise.all(wanted.map((imei) => reader.get(imei)));
    expect(found.map((d) => d?.imei)).toEqual(wanted);
    expect(calls).toEqual({ pages: 2, get: 2 });
  });

  it("asks the API again for a device missing from a recent listing", async () => {
    const { calls, source, devices } = fakeAccount(3);
    const reader = new DeviceReader(source);
    await Promise.all(devices.slice(0, 2).map((d) => reader.get(d.imei)));
    const added = { imei: "490154203237518" } as Device;
    devices.push(added);
    await expect(reader.get(added.imei)).resolves.toBe(added);
    expect(calls).toEqual({ pages: 1, get: 1 });
  });

  it("after a listing fails midway, GETs only the devices it had not answered", async () => {
    const { calls, source, devices } = fakeAccount(4, 2);
    const failing: DeviceSource = {
      getDevice: source.getDevice,
      async *listDevicePages() {
        yield { items: devices.slice(0, 2), nextToken: "2" };
        throw new HapnError("HAPN_RATE_LIMITED", "throttled");
      },
    };
    const reader = new DeviceReader(failing);
    const found = await Promise.all(devices.map((d) => reader.get(d.imei)));
    expect(found).toEqual(devices);
    expect(calls.get).toBe(2);
  });

  it.each([
    ["a used-up quota", "HAPN_QUOTA_EXHAUSTED"],
    ["a wrong API URL (route not found)", "HAPN_ROUTE_NOT_FOUND"],
  ] as const)("fails every pending read with %s, without more requests", async (_what, code) => {
    const { calls, source, devices } = fakeAccount(3);
    const fatal = new HapnError(code, "no request can succeed");
    const failing: DeviceSource = {
      getDevice: source.getDevice,
      // eslint-disable-next-line require-yield
      async *listDevicePages() {
        throw fatal;
      },
    };
    const reader = new DeviceReader(failing);
    const results = await Promise.allSettled(devices.map((d) => reader.get(d.imei)));
    expect(results.every((r) => r.status === "rejected" && r.reason === fatal)).toBe(true);
    expect(calls.get).toBe(0);
  });

  it("falls back to single GETs when listing fails", async () => {
    const { calls, source, devices } = fakeAccount(3);
    const failing: DeviceSource = {
      getDevice: source.getDevice,
      // eslint-disable-next-line require-yield
      async *listDevicePages() {
        throw new Error("boom");
      },
    };
    const reader = new DeviceReader(failing);
    const found = await Promise.all(devices.map((d) => reader.get(d.imei)));
    expect(found).toEqual(devices);
    expect(calls.get).toBe(3);
  });
});
