/** Issue 10, item 2: the first exhausted-quota answer stops every later call of the process, without a request. */
import type { RunningEmulator } from "../../emulator";
import { isHapnError } from "../../provider/client";
import { CLIENT_DEFAULTS } from "../../provider/client/options";
import { useCleanup } from "./support/cleanup";
import { emulatorClient, recordingFetch, runPool, type WireEvent } from "./support/emulator-client";
import { startTestEmulator } from "../support/emulator";
import { fakeClock } from "./support/fake-clock";
import { newClient } from "./support/fake-hapn";
import { rejection } from "./support/rejection";

const { clients, fake } = useCleanup();
const DEFAULT_QUOTA_COOLDOWN_MS = CLIENT_DEFAULTS.quotaCooldownMs;
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startTestEmulator({ devices: 40, seed: 3 });
});
afterAll(() => emu.stop());

const isQuotaAnswer = (e: WireEvent) => e.kind === "answer" && e.status === 429 && /^LimitExceeded/.test(e.errorType);

describe("quota breaker", () => {
  it("sends no API request after the first LimitExceeded answer, across calls and client instances", async () => {
    emu.admin.setFaults({ quota: { limit: 15 } });
    const events: WireEvent[] = [];
    const client = emulatorClient(emu, clients, { fetch: recordingFetch(events) });
    const imeis = emu.admin.listDevices().map((d) => d.imei);
    const results = await runPool(imeis, 8, (imei) => client.updateDevice(imei, { name: `Q ${imei.slice(-4)}` }));

    const firstQuota = events.findIndex(isQuotaAnswer);
    expect(firstQuota).toBeGreaterThan(0);
    const sentAfter = events.slice(firstQuota + 1).filter((e) => e.kind === "send" && e.url.includes("/v1/"));
    expect(sentAfter).toHaveLength(0);

    const failed = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
    expect(failed.length).toBeGreaterThan(20);
    expect(failed.every((e) => isHapnError(e, "HAPN_QUOTA_EXHAUSTED"))).toBe(true);
    expect(results.filter((r) => r.status === "fulfilled").length).toBeLessThanOrEqual(15);

    // A second client of the same account in this process (the provider may build several) fails at once too.
    const before = emu.admin.counters().apiRequests;
    const again = await rejection(emulatorClient(emu, clients).listDevices());
    expect(again.code).toBe("HAPN_QUOTA_EXHAUSTED");
    expect(again.message).toContain("was not sent");
    expect(again.message).toContain("quota is used up");
    expect(again.message).toContain("retrying will not help");
    expect(emu.admin.counters().apiRequests).toBe(before);
    expect(emu.admin.counters().tokenRequests).toBeLessThanOrEqual(1);
  });

  it("makes one request, not one per device, when a refresh starts with no quota left", async () => {
    emu.admin.setFaults({ quota: { limit: 0 } });
    emu.admin.resetCounters();
    const client = emulatorClient(emu, clients);
    const imeis = emu.admin
      .listDevices()
      .slice(0, 27)
      .map((d) => d.imei);
    const results = await Promise.allSettled(imeis.map((imei) => client.getDevice(imei)));
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    // Reads already in flight when the first answer came back may still be answered; none starts afterwards.
    expect(emu.admin.counters().apiRequests).toBeLessThanOrEqual(8);
  });
});

/** Issue 20: the quota breaker half-opens, so a long-lived client recovers by itself once the quota is back. */
describe("quota breaker half-open", () => {
  it("refuses calls until the cooldown, says when it tries again, then recovers with one probe", async () => {
    emu.admin.setFaults({ quota: { limit: 0 } });
    const clock = fakeClock();
    const client = emulatorClient(emu, clients, clock.options);
    const imei = emu.admin.listDevices()[0].imei;
    expect((await rejection(client.getDevice(imei))).code).toBe("HAPN_QUOTA_EXHAUSTED");
    emu.admin.setFaults({}); // the quota is reset at Hapn

    emu.admin.resetCounters();
    const early = await rejection(client.getDevice(imei));
    expect(early.message).toMatch(/one call tries again at \d\d:\d\d:\d\d UTC \(in 600 s\)/);
    expect(emu.admin.counters().apiRequests).toBe(0);

    await clock.options.sleep!(DEFAULT_QUOTA_COOLDOWN_MS);
    await expect(client.getDevice(imei)).resolves.toMatchObject({ imei });
    await expect(client.listDevices()).resolves.toHaveLength(40);
    expect(emu.admin.counters().apiRequests).toBe(2);
  });

  it("opens for another cooldown when the probe meets the quota again, and honours a Retry-After", async () => {
    const quota = { retryAfter: undefined as string | undefined, exhausted: true };
    const server = await fake({
      api: (ctx) => {
        if (!quota.exhausted) return ctx.json(200, { success: true, message: "Success", result: { items: [] } });
        const headers: Record<string, string> = { "x-amzn-ErrorType": "LimitExceededException" };
        if (quota.retryAfter) headers["Retry-After"] = quota.retryAfter;
        ctx.json(429, { message: "Limit Exceeded" }, headers);
      },
    });
    const clock = fakeClock();
    const client = newClient(server, clients, { ...clock.options, quotaCooldownMs: 60_000 });
    expect((await rejection(client.listDevices())).code).toBe("HAPN_QUOTA_EXHAUSTED");
    await clock.options.sleep!(60_000);
    quota.retryAfter = "3600";
    const before = server.apiRequests().length;
    expect((await rejection(client.listDevices())).code).toBe("HAPN_QUOTA_EXHAUSTED"); // the probe
    expect(server.apiRequests().length - before).toBe(1);
    expect((await rejection(client.listDevices())).message).toMatch(/\(in 3600 s\)/);
    quota.exhausted = false;
    await clock.options.sleep!(3_600_000);
    await expect(client.listDevices()).resolves.toEqual([]);
  });
});
