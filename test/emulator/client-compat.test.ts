/** HapnClient talks to the emulator with no special cases: every endpoint, and the emulator's failure modes. */
import { type RunningEmulator } from "../../emulator";
import { HapnClient, isHapnError, resetProcessState } from "../../provider/client";
import { emulatorClientOptions, startTestEmulator } from "../support/emulator";

describe("HapnClient against the emulator", () => {
  let emu: RunningEmulator;
  const client = (extra: Partial<ConstructorParameters<typeof HapnClient>[0]> = {}) =>
    new HapnClient({
      ...emulatorClientOptions(emu),
      retryBaseDelayMs: 5,
      retryMaxDelayMs: 20,
      ...extra,
    });

  beforeAll(async () => {
    emu = await startTestEmulator({ devices: 30, seed: 5 });
  });
  afterAll(() => emu.stop());
  beforeEach(() => {
    emu.admin.setFaults({});
    emu.admin.resetCounters();
    resetProcessState(); // the quota breaker and the throttle are process-wide, keyed by this emulator
  });

  it("lists every device over several pages, IMEIs as strings with leading zeros kept", async () => {
    const devices = await client().listDevices({ limit: 7 });
    expect(devices.map((d) => d.imei)).toEqual(emu.admin.listDevices().map((d) => d.imei));
    expect(emu.admin.counters().byRoute.listDevices?.["200"]).toBe(5);
    expect(devices.some((d) => d.imei.startsWith("0"))).toBe(true);
  });

  it("reads, updates and reads the status of the documented example device", async () => {
    const c = client();
    expect(await c.getDevice("862785041422448")).toMatchObject({ name: "Van #2", color: "#579db5" });
    expect(await c.updateDevice("862785041422448", { name: "Van #2b" })).toMatchObject({ name: "Van #2b" });
    expect(emu.admin.getDevice("862785041422448")?.name).toBe("Van #2b");
    const status = await c.getDeviceStatus("862785041422448");
    expect(typeof status.latitude).toBe("number");
    expect(await c.getDevice("490154203237518")).toBeUndefined();
  });

  it("turns the emulator's 400 into HAPN_BAD_REQUEST naming the field", async () => {
    await expect(client().updateDevice("862785041422448", { color: "red" })).rejects.toMatchObject({
      code: "HAPN_BAD_REQUEST",
      message: expect.stringMatching(/color/),
    });
  });

  it("creates, updates, lists and deletes a boundary", async () => {
    const c = client();
    const ring = [
      [-73.97, 40.67],
      [-73.96, 40.67],
      [-73.96, 40.68],
      [-73.97, 40.67],
    ];
    const created = await c.createBoundary({
      name: "Yard",
      geometry: { type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [ring] } },
    });
    expect((await c.updateBoundary(created.boundaryId, { name: "Yard 2" })).name).toBe("Yard 2");
    expect((await c.listBoundaries()).map((b) => b.boundaryId)).toContain(created.boundaryId);
    expect(await c.deleteBoundary(created.boundaryId)).toBe(true);
  });

  it("gets a new token when the emulator expires every token mid-run, with no failed call", async () => {
    const c = client();
    await c.getDevice("862785041422448");
    emu.admin.expireTokens();
    await expect(c.getDevice("862785041422448")).resolves.toBeDefined();
    expect(emu.admin.counters().tokenRequests).toBe(2);
  });

  it("rides out the emulator's rate limit and transient 5xx", async () => {
    emu.admin.setFaults({
      next: [{ kind: "fail", status: 503, count: 2 }],
      rateLimit: { ratePerSecond: 20, burst: 2 },
    });
    const c = client({ retryBaseDelayMs: 50, retryMaxDelayMs: 400 });
    const results = await Promise.all(
      emu.admin
        .listDevices()
        .slice(0, 6)
        .map((d) => c.getDevice(d.imei)),
    );
    expect(results.every(Boolean)).toBe(true);
    expect(c.stats.retries).toBeGreaterThan(0);
  });

  it("converges when the answer of an applied PATCH is lost: the idempotent PATCH is sent again", async () => {
    const [device] = emu.admin.listDevices();
    emu.admin.setFaults({ next: [{ kind: "lose-answer", route: "updateDevice", count: 2 }] });
    const c = client();
    await expect(c.updateDevice(device.imei, { name: "Lost twice" })).resolves.toMatchObject({ name: "Lost twice" });
    expect(emu.admin.counters().byRoute.updateDevice).toEqual({ lost: 2, "200": 1 });
    expect(c.stats.retries).toBe(2);
  });

  it("fails fast with HAPN_QUOTA_EXHAUSTED when the account quota is used up", async () => {
    emu.admin.setFaults({ quota: { limit: 0 } });
    const c = client();
    const error = await c.getDevice("862785041422448").catch((e: unknown) => e);
    expect(isHapnError(error, "HAPN_QUOTA_EXHAUSTED")).toBe(true);
    expect(c.stats.retries).toBe(0);
  });

  it("reports rejected credentials without the secret", async () => {
    const error = await client({ clientSecret: "not-the-secret-123" })
      .getDevice("862785041422448")
      .catch((e: unknown) => e);
    expect(isHapnError(error, "HAPN_AUTH_REJECTED")).toBe(true);
    expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain("not-the-secret-123");
  });
});
