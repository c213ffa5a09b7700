/** Limits and faults: rate limit, quota, error rate, fail-next, reset, stall, malformed bodies, latency. */
import { AdminError, type RunningEmulator } from "../../emulator";
import { FaultEngine } from "../../emulator/faults";
import { adminCall, call, getToken, requestToken, statusAndJson, tokenForm } from "./helpers";
import { startTestEmulator } from "../support/emulator";

let emu: RunningEmulator;
let token: string;
beforeAll(async () => {
  emu = await startTestEmulator({ devices: 3, seed: 11 });
  token = await getToken(emu);
});
afterEach(() => emu.admin.setFaults({}));
afterAll(() => emu.stop());

const devices = () => call(emu, token, "/devices");

describe("rate limit", () => {
  it("answers 429 TooManyRequests without Retry-After once the burst is spent", async () => {
    emu.admin.setFaults({ rateLimit: { ratePerSecond: 0.001, burst: 3 } });
    for (let i = 0; i < 3; i++) expect((await devices()).status).toBe(200);
    const res = await devices();
    expect(res.headers.get("x-amzn-errortype")).toBe("TooManyRequestsException");
    expect(res.headers.get("retry-after")).toBeNull();
    expect(await statusAndJson(res)).toEqual({ status: 429, body: { message: "Too Many Requests" } });
  });

  it("refills the bucket over time, up to the burst (injected clock)", () => {
    let now = 1_000_000;
    const engine = new FaultEngine({ rateLimit: { ratePerSecond: 4, burst: 1 } }, 1, () => now);
    const status = () => {
      const verdict = engine.decide("listDevices");
      return verdict.kind === "error" ? verdict.status : verdict.kind;
    };
    expect(status()).toBe("pass");
    expect(status()).toBe(429);
    now += 200; // 0.8 of a request refilled
    expect(status()).toBe(429);
    now += 100; // 1.2 in all
    expect(status()).toBe("pass");
    expect(status()).toBe(429);
    now += 60_000; // capped at the burst of 1
    expect(status()).toBe("pass");
    expect(status()).toBe(429);
  });

  it("adds Retry-After when configured", async () => {
    emu.admin.setFaults({ rateLimit: { ratePerSecond: 0.001, burst: 1, retryAfterSeconds: 7 } });
    await devices();
    expect((await devices()).headers.get("retry-after")).toBe("7");
  });

  it("leaves the token endpoint alone unless includeTokenEndpoint", async () => {
    emu.admin.setFaults({ rateLimit: { ratePerSecond: 0.001, burst: 1 } });
    for (let i = 0; i < 3; i++)
      expect((await requestToken(emu, tokenForm(emu.clientId, emu.clientSecret))).status).toBe(200);
    emu.admin.updateFaults({ includeTokenEndpoint: true });
    await requestToken(emu, tokenForm(emu.clientId, emu.clientSecret));
    expect((await requestToken(emu, tokenForm(emu.clientId, emu.clientSecret))).status).toBe(429);
  });
});

describe("quota", () => {
  it("answers 429 Limit Exceeded with LimitExceededException after the quota", async () => {
    emu.admin.setFaults({ quota: { limit: 2 } });
    expect((await devices()).status).toBe(200);
    expect((await call(emu, token, "/devices/862785041422448")).status).toBe(200);
    const res = await devices();
    expect(res.headers.get("x-amzn-errortype")).toBe("LimitExceededException");
    expect(await statusAndJson(res)).toEqual({ status: 429, body: { message: "Limit Exceeded" } });
    expect(emu.admin.getFaults()).toMatchObject({ quota: { limit: 2 }, quotaUsed: 2 });
  });
});

describe("error rate", () => {
  it("fails every request at rate 1 with the configured status", async () => {
    emu.admin.setFaults({ errorRate: 1 });
    expect(await statusAndJson(await devices())).toEqual({ status: 500, body: { message: "Internal server error" } });
    emu.admin.setFaults({ errorRate: 1, errorStatus: 503 });
    expect(await statusAndJson(await devices())).toEqual({ status: 503, body: { message: "Service Unavailable" } });
  });

  it("is seeded: the same seed fails the same requests", async () => {
    const run = async () => {
      const e = await startTestEmulator({ devices: 1, seed: 42, faults: { errorRate: 0.5 } });
      try {
        const t = await getToken(e);
        const statuses: number[] = [];
        for (let i = 0; i < 20; i++) statuses.push((await call(e, t, "/devices")).status);
        return statuses;
      } finally {
        await e.stop();
      }
    };
    const first = await run();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await run()).toEqual(first);
  });
});

describe("one-shot faults", () => {
  it("fails the next N requests to a route with a status", async () => {
    emu.admin.setFaults({ next: [{ kind: "fail", count: 2, status: 502, route: "getDevice" }] });
    expect((await devices()).status).toBe(200);
    const get = () => call(emu, token, "/devices/862785041422448");
    expect(await statusAndJson(await get())).toEqual({ status: 502, body: { message: "Internal server error" } });
    expect((await get()).status).toBe(502);
    expect((await get()).status).toBe(200);
    expect(emu.admin.getFaults().next).toEqual([]);
  });

  it("can fail the token endpoint", async () => {
    emu.admin.setFaults({ next: [{ kind: "fail", status: 503, route: "token" }] });
    expect((await requestToken(emu, tokenForm(emu.clientId, emu.clientSecret))).status).toBe(503);
    expect((await requestToken(emu, tokenForm(emu.clientId, emu.clientSecret))).status).toBe(200);
  });

  it("resets the connection", async () => {
    emu.admin.resetCounters();
    emu.admin.setFaults({ next: [{ kind: "reset" }] });
    await expect(devices()).rejects.toThrow();
    expect((await devices()).status).toBe(200);
    expect(emu.admin.counters().byRoute.listDevices).toEqual({ reset: 1, "200": 1 });
  });

  it("applies a write, then resets the connection instead of answering (lose-answer)", async () => {
    emu.admin.resetCounters();
    const [device] = emu.admin.listDevices();
    emu.admin.setFaults({ next: [{ kind: "lose-answer", route: "updateDevice" }] });
    const patch = { method: "PATCH", body: { name: "Applied, answer lost" } };
    await expect(call(emu, token, `/devices/${device.imei}`, patch)).rejects.toThrow();
    expect(emu.admin.getDevice(device.imei)?.name).toBe("Applied, answer lost");
    expect((await call(emu, token, `/devices/${device.imei}`, patch)).status).toBe(200);
    expect(emu.admin.counters().byRoute.updateDevice).toEqual({ lost: 1, "200": 1 });
  });

  it("loses the answers of writes only, at lostAnswerRate", async () => {
    emu.admin.resetCounters();
    const [device] = emu.admin.listDevices();
    emu.admin.setFaults({ lostAnswerRate: 1 });
    expect((await devices()).status).toBe(200);
    const patch = { method: "PATCH", body: { description: "lost too" } };
    await expect(call(emu, token, `/devices/${device.imei}`, patch)).rejects.toThrow();
    expect(emu.admin.getDevice(device.imei)?.description).toBe("lost too");
    expect(emu.admin.getFaults().lostAnswerRate).toBe(1);
    expect(emu.admin.counters().byRoute).toEqual({ listDevices: { "200": 1 }, updateDevice: { lost: 1 } });
  });

  it("draws random faults per matching request, route by route, at their rate", async () => {
    emu.admin.resetCounters();
    const [device] = emu.admin.listDevices();
    emu.admin.setFaults({ randomFaults: [{ kind: "reset", rate: 1, route: "updateDevice" }] });
    expect((await devices()).status).toBe(200);
    const patch = { method: "PATCH", body: { description: "never applied" } };
    await expect(call(emu, token, `/devices/${device.imei}`, patch)).rejects.toThrow();
    await expect(call(emu, token, `/devices/${device.imei}`, patch)).rejects.toThrow();
    expect(emu.admin.getDevice(device.imei)?.description).not.toBe("never applied");
    expect(emu.admin.counters().byRoute).toEqual({ listDevices: { "200": 1 }, updateDevice: { reset: 2 } });

    // A rate is a share of requests, however they are spaced: about 30 of 100 lists fail.
    emu.admin.resetCounters();
    emu.admin.setFaults({ randomFaults: [{ kind: "fail", status: 503, rate: 0.3 }] });
    const statuses = [];
    for (let i = 0; i < 100; i++) statuses.push((await devices()).status);
    const failed = statuses.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(15);
    expect(failed).toBeLessThan(45);
    expect(failed + statuses.filter((s) => s === 200).length).toBe(100);
    emu.admin.setFaults({});
  });

  it("stalls until the client gives up, and records how long the client waited", async () => {
    emu.admin.resetCounters();
    emu.admin.setFaults({ next: [{ kind: "stall" }] });
    const started = Date.now();
    await expect(call(emu, token, "/devices", { signal: AbortSignal.timeout(300) })).rejects.toThrow(/abort|timeout/i);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect((await devices()).status).toBe(200);
    const held = emu.admin.counters().longestStallMs.listDevices!;
    expect(held).toBeGreaterThanOrEqual(250);
    expect(held).toBeLessThan(3_000);
  });

  it("sends a truncated JSON body with status 200, counted as malformed", async () => {
    emu.admin.resetCounters();
    emu.admin.setFaults({ next: [{ kind: "malformed" }] });
    const res = await devices();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    await expect(res.json()).rejects.toThrow(/JSON/);
    expect(emu.admin.counters().byRoute.listDevices).toEqual({ malformed: 1 });
  });

  it("sends an HTML page with status 200", async () => {
    emu.admin.setFaults({ next: [{ kind: "malformed", body: "html" }] });
    const res = await devices();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toMatch(/^<!DOCTYPE html>/);
  });

  it("consumes one-shots in order", async () => {
    emu.admin.setFaults({
      next: [
        { kind: "fail", status: 500 },
        { kind: "fail", status: 504 },
      ],
    });
    expect((await devices()).status).toBe(500);
    expect((await devices()).status).toBe(504);
    expect((await devices()).status).toBe(200);
  });
});

describe("latency", () => {
  it("delays API answers", async () => {
    emu.admin.setFaults({ latencyMs: 150 });
    const started = Date.now();
    expect((await devices()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("does not delay the token endpoint by default", async () => {
    // A minute of latency against a 4 s deadline: only a delayed answer can miss it, however loaded the machine.
    emu.admin.setFaults({ latencyMs: 60_000 });
    const form = tokenForm(emu.clientId, emu.clientSecret);
    expect((await requestToken(emu, form, {}, AbortSignal.timeout(4000))).status).toBe(200);
  });

  it("is settable at start", async () => {
    const slow = await startTestEmulator({ devices: 1, latencyMs: 120 });
    try {
      const t = await getToken(slow);
      const started = Date.now();
      await call(slow, t, "/devices");
      expect(Date.now() - started).toBeGreaterThanOrEqual(110);
      expect(slow.admin.getFaults().latencyMs).toBe(120);
    } finally {
      await slow.stop();
    }
  });
});

describe("fault settings validation", () => {
  it.each<[unknown, RegExp]>([
    [{ latencyMs: -1 }, /faults\.latencyMs/],
    [{ errorRate: 2 }, /faults\.errorRate/],
    [{ lostAnswerRate: -0.1 }, /faults\.lostAnswerRate/],
    [{ randomFaults: [{ kind: "reset" }] }, /faults\.randomFaults\[0\]\.rate/],
    [{ randomFaults: [{ kind: "lose-answer", rate: 0.1 }] }, /faults\.randomFaults\[0\]\.kind/],
    [{ rateLimit: { ratePerSecond: 1 } }, /faults\.rateLimit\.burst is required/],
    [{ quota: { limit: "10" } }, /faults\.quota\.limit/],
    [{ next: [{ kind: "explode" }] }, /faults\.next\[0\]\.kind/],
    [{ next: [{ kind: "fail", route: "nope" }] }, /faults\.next\[0\]\.route/],
    [{ bogus: 1 }, /faults\.bogus is not a known setting/],
  ])("rejects %j", (faults, message) => {
    expect(() => emu.admin.setFaults(faults as never)).toThrow(AdminError);
    expect(() => emu.admin.setFaults(faults as never)).toThrow(message);
  });

  it("rejects bad settings over HTTP with 400 and keeps the old ones", async () => {
    emu.admin.setFaults({ latencyMs: 1 });
    const res = await statusAndJson(await adminCall(emu, "PUT", "/faults", { errorRate: -1 }));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/errorRate/);
    expect(emu.admin.getFaults().latencyMs).toBe(1);
  });

  it("rejects bad start options", async () => {
    await expect(startTestEmulator({ faults: { errorRate: 5 } })).rejects.toThrow(/errorRate/);
  });
});

describe("down (a dead API)", () => {
  it("resets every connection, token endpoint included, counting each arrival", async () => {
    emu.admin.resetCounters();
    emu.admin.setFaults({ down: "reset" });
    await expect(devices()).rejects.toThrow();
    await expect(requestToken(emu, tokenForm(emu.clientId, emu.clientSecret))).rejects.toThrow();
    const counters = emu.admin.counters();
    expect(counters.byRoute.listDevices).toEqual({ reset: 1 });
    expect(counters.tokenRequestsByStatus).toEqual({ reset: 1 });
    expect(counters.arrivals).toEqual({ listDevices: 1, token: 1 });
  });

  it("answers 503 to everything, token endpoint included, and comes back when cleared", async () => {
    emu.admin.setFaults({ down: "503" });
    expect((await devices()).status).toBe(503);
    expect((await requestToken(emu, tokenForm(emu.clientId, emu.clientSecret))).status).toBe(503);
    emu.admin.updateFaults({ down: null });
    expect((await devices()).status).toBe(200);
  });

  it("rejects another mode, naming the field", () => {
    expect(() => emu.admin.setFaults({ down: "502" as never })).toThrow(/down/);
  });
});
