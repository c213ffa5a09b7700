/**
 * Issue 10, item 1: throttling converges. The adaptive throttle on an injected clock, then the whole client against
 * the emulator's token-bucket rate limit at the engine's parallelism: every update succeeds, with few 429s.
 */
import type { RunningEmulator } from "../../emulator";
import { resetProcessState } from "../../provider/client";
import { AdaptiveThrottle, MIN_RATE_PER_SECOND } from "../../provider/client/throttle";
import { useCleanup } from "./support/cleanup";
import { emulatorClient, quietEmulator, runPool } from "./support/emulator-client";

const { clients } = useCleanup();

/** A throttle on a virtual clock that only moves when told to (or when the throttle sleeps). */
function virtualThrottle(key = "id https://api.example") {
  const clock = { now: 0 };
  const throttle = new AdaptiveThrottle(key, {
    now: () => clock.now,
    sleep: async (ms) => {
      clock.now += ms;
    },
  });
  return { clock, throttle };
}

describe("AdaptiveThrottle", () => {
  afterEach(() => resetProcessState());

  it("is off until the first 429, then halves the refused rate once per round", async () => {
    const { clock, throttle } = virtualThrottle();
    expect(throttle.rate).toBe(Infinity);
    const starts = [];
    for (let i = 0; i < 40; i++) starts.push((await throttle.pace()).startedAt); // 40 requests within one instant
    expect(starts.every((t) => t === 0)).toBe(true);
    clock.now = 100;
    for (const startedAt of starts) throttle.onThrottled(startedAt); // sixteen 429s of one round: one decrease
    expect(throttle.rate).toBe(20);
    const next = await throttle.pace();
    throttle.onThrottled(next.startedAt); // a request of the new round was refused too: halve again
    expect(throttle.rate).toBe(10);
  });

  it("paces requests 1000 / rate ms apart and never goes below the minimum rate", async () => {
    const { throttle } = virtualThrottle();
    for (let i = 0; i < 50; i++) throttle.onThrottled((await throttle.pace()).startedAt);
    expect(throttle.rate).toBe(MIN_RATE_PER_SECOND);
    const a = await throttle.pace();
    const b = await throttle.pace();
    expect(b.startedAt - a.startedAt).toBe(1000 / MIN_RATE_PER_SECOND);
  });

  it("pauses every caller for a Retry-After, shared by throttles of the same key", async () => {
    const { clock, throttle } = virtualThrottle("k");
    const other = new AdaptiveThrottle("k", { now: () => clock.now, sleep: async () => undefined });
    throttle.onThrottled((await throttle.pace()).startedAt, 3000);
    expect((await other.pace()).startedAt).toBeGreaterThanOrEqual(3000);
    const unrelated = new AdaptiveThrottle("another account", { now: () => clock.now, sleep: async () => undefined });
    expect((await unrelated.pace()).startedAt).toBe(clock.now);
  });

  it("recovers slowly: by 20 % (at least 1 req/s) per second of successes", async () => {
    const { clock, throttle } = virtualThrottle();
    for (let i = 0; i < 10; i++) await throttle.pace();
    throttle.onThrottled(0);
    expect(throttle.rate).toBe(5);
    clock.now += 1000;
    throttle.onSuccess();
    expect(throttle.rate).toBe(6);
    clock.now += 10_000;
    throttle.onSuccess();
    expect(throttle.rate).toBeCloseTo(18, 5);
  });
});

describe("throttling against the emulator's rate limit", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await quietEmulator({ devices: 60, seed: 11 });
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.admin.resetCounters());

  it.each([
    ["without Retry-After", undefined, 60],
    ["with Retry-After: 1", 1, 30],
  ])(
    "updates at parallelism 16 against 20 req/s, burst 5, all succeed (%s)",
    async (_label, retryAfterSeconds, n) => {
      emu.admin.setFaults({ rateLimit: { ratePerSecond: 20, burst: 5, retryAfterSeconds } });
      const client = emulatorClient(emu, clients, { concurrency: 16 });
      const imeis = emu.admin
        .listDevices()
        .slice(0, n)
        .map((d) => d.imei);
      const started = Date.now();
      const results = await runPool(imeis, 16, (imei) => client.updateDevice(imei, { name: `R ${imei.slice(-4)}` }));
      const elapsed = Date.now() - started;
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      const answers = emu.admin.counters().byRoute.updateDevice ?? {};
      expect(answers["200"]).toBe(n);
      // Bounded, not a storm: the first round (16 at once into a burst of 5) plus a few while the rate settles
      // (measured: 14-16 for 60 updates, the same for 30).
      expect(answers["429"] ?? 0).toBeLessThanOrEqual(16 + n / 4);
      expect(elapsed).toBeLessThan(10_000);
    },
    20_000,
  );
});
