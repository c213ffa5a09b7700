/** Issue 10, item 2: the first exhausted-quota answer stops every later call of the process, without a request. */
import type { RunningEmulator } from "../../emulator";
import { isHapnError } from "../../provider/client";
import { useCleanup } from "./support/cleanup";
import { emulatorClient, recordingFetch, runPool, type WireEvent } from "./support/emulator-client";
import { startTestEmulator } from "../support/emulator";
import { rejection } from "./support/rejection";

const { clients } = useCleanup();
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
