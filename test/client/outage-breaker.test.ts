/**
 * Issue 20: the outage breaker. Against a dead API (every connection reset, or 503 to everything, token endpoint
 * included) a burst of calls ends with one message and a bounded number of requests; a short outage is ridden out;
 * a long-lived client recovers by itself once the API answers again (virtual clock: the cooldown costs no real time).
 */
import { isHapnError, type HapnError } from "../../provider/client";
import { DEFAULT_OUTAGE_COOLDOWN_MS, classifyOutcome } from "../../provider/client/outage-breaker";
import { HapnError as ClientError } from "../../provider/client/errors";
import { useCleanup } from "./support/cleanup";
import { fakeClock } from "./support/fake-clock";
import { deviceJson, newClient, ok, type FakeHapn } from "./support/fake-hapn";
import { runPool } from "./support/emulator-client";
import { rejection } from "./support/rejection";
import type { HandlerContext } from "./support/test-server";

const { clients, fake } = useCleanup();
const IMEIS = Array.from({ length: 60 }, (_, i) => `35${String(i).padStart(13, "0")}`);

type Mode = "up" | "reset" | "503" | "429";

/** A fake Hapn whose whole server (token endpoint included) can go down and come back. */
async function switchableHapn(): Promise<{ server: FakeHapn; mode: { now: Mode } }> {
  const mode = { now: "up" as Mode };
  const down = (ctx: HandlerContext): boolean => {
    if (mode.now === "reset") ctx.resetSocket();
    else if (mode.now === "503") ctx.json(503, { message: "Service Unavailable" });
    else if (mode.now === "429") ctx.json(429, { message: "Too Many Requests" });
    return mode.now !== "up";
  };
  const server = await fake({
    token: (ctx) => mode.now !== "429" && down(ctx),
    api: (ctx) => {
      if (down(ctx)) return;
      const imei = ctx.apiPath.split("/")[2];
      ctx.json(200, ok(deviceJson(imei, { name: JSON.parse(ctx.body || "{}").name ?? "x" })));
    },
  });
  return { server, mode };
}

/** Client options of a production-like retry schedule, on a virtual clock. */
function options(clock = fakeClock()) {
  return { ...clock.options, retryBaseDelayMs: 250, retryMaxDelayMs: 8_000, deadlineMs: 120_000, concurrency: 8 };
}

const failures = (results: PromiseSettledResult<unknown>[]) =>
  results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason as HapnError);

describe.each(["reset", "503"] as const)("outage breaker, API answering %s", (down) => {
  it("ends 60 parallel writes with one message, a bounded number of requests, and none once open", async () => {
    const { server, mode } = await switchableHapn();
    mode.now = down;
    const client = newClient(server, clients, options());
    const results = await runPool(IMEIS, 16, (imei) => client.updateDevice(imei, { name: "n" }));

    const errors = failures(results);
    expect(errors).toHaveLength(IMEIS.length);
    expect(errors.every((e) => isHapnError(e, "HAPN_API_UNAVAILABLE"))).toBe(true);
    const message = errors[errors.length - 1].message;
    expect(message).toMatch(/the Hapn API at http:\/\/127\.0\.0\.1:\d+ is down/);
    expect(message).toMatch(down === "reset" ? /network error/ : /HTTP 503/);
    expect(message).toMatch(/until \d\d:\d\d:\d\d UTC \(in \d+ s\); then one call tries again/);
    expect(message).toMatch(/run the command again/);
    // Without the breaker: 60 calls × 9 attempts (token requests first). With it: the run that makes it suspect,
    // the attempts already in flight, then one probe per 2 s until a call's retries (about 30 s) are spent.
    expect(server.requests.length).toBeLessThanOrEqual(40);

    const before = server.requests.length;
    const late = await rejection(client.getDevice(IMEIS[0]));
    expect(late.code).toBe("HAPN_API_UNAVAILABLE");
    expect(late.message).toMatch(/was not sent/);
    expect(server.requests.length).toBe(before);
  });
});

describe("outage breaker, recovery", () => {
  it("rides out an outage shorter than a call's retries: every write lands", async () => {
    const { server, mode } = await switchableHapn();
    const clock = fakeClock();
    const client = newClient(server, clients, options(clock));
    await client.getDevice(IMEIS[0]); // a token in hand
    mode.now = "reset";
    const writes = runPool(IMEIS.slice(0, 20), 8, (imei) => client.updateDevice(imei, { name: "n" }));
    // Comes back after about 6 s of (virtual) outage; the breaker is suspect by then, and its probe closes it.
    const healer = setInterval(() => {
      if (clock.slept() > 6_000) mode.now = "up";
    }, 1);
    const results = await writes;
    clearInterval(healer);
    expect(failures(results)).toEqual([]);
  });

  it("half-opens after the cooldown: a long-lived client recovers by itself, with one probe", async () => {
    const { server, mode } = await switchableHapn();
    const clock = fakeClock();
    const client = newClient(server, clients, options(clock));
    mode.now = "503";
    await runPool(IMEIS.slice(0, 10), 8, (imei) => client.updateDevice(imei, { name: "n" }));
    const open = await rejection(client.getDevice(IMEIS[0]));
    expect(open.code).toBe("HAPN_API_UNAVAILABLE");

    mode.now = "up";
    const before = server.requests.length;
    expect((await rejection(client.getDevice(IMEIS[0]))).code).toBe("HAPN_API_UNAVAILABLE"); // still cooling down
    expect(server.requests.length).toBe(before);
    await clock.options.sleep!(DEFAULT_OUTAGE_COOLDOWN_MS);
    await expect(client.getDevice(IMEIS[1])).resolves.toMatchObject({ imei: IMEIS[1] });
    await expect(client.updateDevice(IMEIS[2], { name: "back" })).resolves.toMatchObject({ name: "back" });
  });

  it("opens again for another cooldown when the half-open probe fails, at one request", async () => {
    const { server, mode } = await switchableHapn();
    const clock = fakeClock();
    const client = newClient(server, clients, options(clock));
    mode.now = "reset";
    await runPool(IMEIS.slice(0, 10), 8, (imei) => client.getDevice(imei));
    await clock.options.sleep!(DEFAULT_OUTAGE_COOLDOWN_MS);
    const before = server.requests.length;
    const probe = await rejection(client.getDevice(IMEIS[0]));
    expect(probe.code).toBe("HAPN_API_UNAVAILABLE");
    expect(server.requests.length - before).toBe(1);
    expect((await rejection(client.getDevice(IMEIS[0]))).message).toMatch(/in 30 s/);
    expect(server.requests.length - before).toBe(1);
  });

  it("leaves 429s to the throttle: a gateway that throttles everything never opens it", async () => {
    const { server, mode } = await switchableHapn();
    const client = newClient(server, clients, { ...options(), throttleBudgetMs: 0, maxRetries: 2 });
    mode.now = "429";
    const results = await runPool(IMEIS.slice(0, 12), 4, (imei) => client.getDevice(imei));
    const errors = failures(results);
    expect(errors).toHaveLength(12);
    expect(errors.every((e) => isHapnError(e, "HAPN_RATE_LIMITED"))).toBe(true);
    expect(server.apiRequests().length).toBe(12 * 3);
  });
});

describe("classifyOutcome", () => {
  const answer = (status: number) => ({ status, headers: { get: () => null }, json: undefined, text: "" });
  it("counts resets, timeouts and 5xx as failures, any other answer as the API being up", () => {
    expect(classifyOutcome(answer(503)).verdict).toBe("failed");
    expect(classifyOutcome(answer(500)).verdict).toBe("failed");
    expect(classifyOutcome(answer(429)).verdict).toBe("answered");
    expect(classifyOutcome(answer(404)).verdict).toBe("answered");
    expect(classifyOutcome(answer(200)).verdict).toBe("answered");
    const reset = new ClientError("HAPN_NETWORK", "x", {
      retryable: true,
      cause: { message: "r", code: "ECONNRESET" },
    });
    expect(classifyOutcome(reset)).toEqual({ verdict: "failed", kind: "network error ECONNRESET" });
    expect(classifyOutcome(new ClientError("HAPN_TIMEOUT", "x", { retryable: true })).verdict).toBe("failed");
    // The call's own deadline passing before a request is not news about the API.
    expect(classifyOutcome(new ClientError("HAPN_TIMEOUT", "x")).verdict).toBe("neutral");
    expect(classifyOutcome(new ClientError("HAPN_BAD_RESPONSE", "x", { retryable: true })).verdict).toBe("neutral");
  });
});
