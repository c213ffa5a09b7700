import { inspect } from "node:util";
import { startTestEmulator } from "../support/emulator";
import { HapnClient } from "../../provider/client";
import { CLIENT_DEFAULTS } from "../../provider/client/options";
import { refreshAheadMs } from "../../provider/client/token-source";
import { DEFAULT_RETRY_POLICY } from "../../provider/client/retry-policy";
import { useCleanup } from "./support/cleanup";
import {
  CLIENT_ID,
  CLIENT_SECRET,
  deviceJson,
  type FakeHapn,
  type FakeHapnOptions,
  newClient,
  ok,
  TOKEN_PATH,
} from "./support/fake-hapn";
import { rejection } from "./support/rejection";

const IMEI = "862785041422448";
const cleanup = useCleanup();
const { clients } = cleanup;

/** A fake whose only route answers GET /devices/{imei} with a device. */
function deviceServer(options: Partial<FakeHapnOptions> = {}): Promise<FakeHapn> {
  return cleanup.fake({ api: (ctx) => ctx.json(200, ok(deviceJson(IMEI))), ...options });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A token endpoint hook that answers `status` with `body` (as JSON, or as a raw string with `headers`). */
function tokenAnswer(status: number, body: unknown, headers?: Record<string, string>): FakeHapnOptions["token"] {
  return (ctx) => {
    if (typeof body === "string") ctx.send(status, body, headers);
    else ctx.json(status, body);
    return true;
  };
}

describe("token source", () => {
  it("sends the client-credentials form the docs describe", async () => {
    const fake = await deviceServer();
    await newClient(fake, clients).getDevice(IMEI);
    const [request] = fake.tokenRequests();
    expect(request.method).toBe("POST");
    expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      grant_type: "client_credentials",
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    });
    expect(request.headers.authorization).toBeUndefined();
  });

  it("makes exactly one token request for 50 concurrent first calls", async () => {
    const fake = await deviceServer();
    const client = newClient(fake, clients);
    const devices = await Promise.all(Array.from({ length: 50 }, () => client.getDevice(IMEI)));
    expect(devices.every((d) => d?.imei === IMEI)).toBe(true);
    expect(fake.tokenRequests()).toHaveLength(1);
    expect(client.stats).toEqual({ tokenRequests: 1, requests: 50, retries: 0 });
  });

  it("renews a token that expires mid-run before the API rejects it, with no failed call", async () => {
    const fake = await deviceServer({ tokenTtlSeconds: 1.2 });
    const client = newClient(fake, clients);
    const stopAt = Date.now() + 2_600;
    const workers = Array.from({ length: 4 }, async () => {
      let calls = 0;
      while (Date.now() < stopAt) {
        await client.getDevice(IMEI); // any failure rejects the test
        calls++;
        await new Promise((r) => setTimeout(r, 20));
      }
      return calls;
    });
    const calls = (await Promise.all(workers)).reduce((a, b) => a + b, 0);
    expect(calls).toBeGreaterThan(20);
    expect(fake.tokens.length).toBeGreaterThanOrEqual(3);
    expect(fake.rejectedTokens).toBe(0); // refreshed ahead of expiry, not after a 401
  });

  it("takes the token only once a call holds a connection slot, so calls queued past expiry still succeed", async () => {
    // The reviewer's repro: tokens live 1 s, each answer takes 300 ms, two slots for 30 calls (~4.5 s of queueing).
    const emulator = await startTestEmulator({ devices: 30, tokenTtlSeconds: 1, latencyMs: 300 });
    try {
      const { clientId, clientSecret, authUrl, apiUrl } = emulator;
      const client = new HapnClient({ clientId, clientSecret, authUrl, apiUrl, concurrency: 2 });
      clients.push(client);
      const imeis = emulator.admin.listDevices().map((d) => d.imei);
      const results = await Promise.allSettled(imeis.map((imei) => client.getDevice(imei)));
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      expect(results).toHaveLength(30);
    } finally {
      await emulator.stop();
    }
  }, 30_000);

  it("gives a shared refresh its own budget, not the deadline of the nearly expired call that started it", async () => {
    const fake = await deviceServer({
      api: async (ctx) => {
        if (ctx.token !== fake.tokens[0]) return ctx.json(200, ok(deviceJson(IMEI)));
        await sleep(500); // the first call spends half its deadline, then learns its token is dead
        ctx.json(401, { message: "Unauthorized" });
      },
      token: async (ctx) => {
        if (ctx.attempt === 2) await sleep(700); // the refresh it starts outlasts its remaining 500 ms
        return false;
      },
    });
    const client = newClient(fake, clients, { deadlineMs: 1_000 });
    const starter = client.getDevice(IMEI);
    await sleep(600);
    const joiner = client.getDevice(IMEI); // joins that refresh with 1 000 ms to go
    expect((await rejection(starter)).code).toBe("HAPN_TIMEOUT");
    await expect(joiner).resolves.toMatchObject({ imei: IMEI });
    expect(fake.tokenRequests()).toHaveLength(2);
  });

  it("starts another refresh for a caller that outlives a refresh which ran out of time", async () => {
    const fake = await deviceServer({
      token: (ctx) => {
        if (ctx.attempt > 1) return false;
        ctx.stall();
        return true;
      },
    });
    const client = newClient(fake, clients, { deadlineMs: 1_000 });
    const starter = client.getDevice(IMEI); // its refresh stalls until its 1 000 ms budget is spent
    await sleep(400);
    const joiner = client.getDevice(IMEI); // joins it, with 400 ms left when it gives up
    expect((await rejection(starter)).code).toBe("HAPN_TIMEOUT");
    await expect(joiner).resolves.toMatchObject({ imei: IMEI });
    expect(fake.tokenRequests()).toHaveLength(2);
  });

  it("refreshes min(5 min, lifetime / 2) before expiry", async () => {
    let now = 1_000_000;
    const fake = await deviceServer();
    const client = newClient(fake, clients, { now: () => now });
    await client.getDevice(IMEI);
    now += 3600_000 - 300_000 - 1; // 1 h token: still fresh 1 ms before the 5-minute mark
    await client.getDevice(IMEI);
    expect(fake.tokenRequests()).toHaveLength(1);
    now += 2;
    await client.getDevice(IMEI);
    expect(fake.tokenRequests()).toHaveLength(2);
    expect(refreshAheadMs(60_000)).toBe(30_000);
    expect(refreshAheadMs(86_400_000)).toBe(300_000);
  });

  it("clears a failed refresh so the next call tries again", async () => {
    let failToken = true;
    const fake = await deviceServer({
      token: (ctx) => {
        if (!failToken) return false;
        ctx.json(500, { message: "auth down" });
        return true;
      },
    });
    const client = newClient(fake, clients, { maxRetries: 0 });
    const failures = await Promise.allSettled(Array.from({ length: 5 }, () => client.getDevice(IMEI)));
    expect(failures.every((f) => f.status === "rejected")).toBe(true);
    expect(fake.tokenRequests()).toHaveLength(1); // the five callers shared one failed attempt
    failToken = false;
    await expect(client.getDevice(IMEI)).resolves.toMatchObject({ imei: IMEI });
    expect(fake.tokenRequests()).toHaveLength(2);
  });

  it("retries a token endpoint 503", async () => {
    const fake = await deviceServer({
      token: (ctx) => {
        if (ctx.attempt > 1) return false;
        ctx.json(503, { message: "Service Unavailable" });
        return true;
      },
    });
    const client = newClient(fake, clients);
    await expect(client.getDevice(IMEI)).resolves.toBeDefined();
    expect(client.stats).toMatchObject({ tokenRequests: 2, retries: 1 });
  });

  it("fails with HAPN_AUTH_REJECTED on a wrong secret, without retrying or revealing the secret", async () => {
    const fake = await deviceServer();
    const secret = "Wr0ng-But-Still-Secret+/=";
    const client = newClient(fake, clients, { clientSecret: secret });
    const error = await rejection(client.getDevice(IMEI));
    expect(error.code).toBe("HAPN_AUTH_REJECTED");
    expect(error.message).toContain("rejected the client credentials");
    expect(error.message).toContain(`${fake.url}${TOKEN_PATH}`);
    expect(error.message).toContain("invalid_client");
    expect(error.status).toBe(400);
    expect(fake.tokenRequests()).toHaveLength(1);
    expect(fake.apiRequests()).toHaveLength(0);
    for (const text of [error.message, error.stack, JSON.stringify(error), inspect(error, { depth: 9 })]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(encodeURIComponent(secret));
    }
    expect(JSON.stringify(client)).not.toContain(secret);
    expect(inspect(client, { depth: 9 })).not.toContain(secret);
  });

  it.each([
    ["a 401", 401, { message: "Unauthorized" }],
    ["a 400 unauthorized_client", 400, { error: "unauthorized_client" }],
  ])("treats %s from the token endpoint as rejected credentials", async (_label, status, body) => {
    const fake = await deviceServer({ token: tokenAnswer(status, body) });
    const error = await rejection(newClient(fake, clients).getDevice(IMEI));
    expect(error.code).toBe("HAPN_AUTH_REJECTED");
    expect(error.status).toBe(status);
  });

  it.each([
    ["unsupported_grant_type", { error: "unsupported_grant_type" }, undefined],
    ["invalid_request", { error: "invalid_request", error_description: "grant_type is missing" }, undefined],
    ["a proxy's HTML page", "<html><body>400 Bad Request</body></html>", { "content-type": "text/html" }],
  ])(
    "reports a token endpoint 400 about the request (%s) as a bad request, not bad credentials",
    async (label, body, headers) => {
      const fake = await deviceServer({ token: tokenAnswer(400, body, headers) });
      const error = await rejection(newClient(fake, clients).getDevice(IMEI));
      expect(error.code).toBe("HAPN_BAD_REQUEST");
      expect(error.status).toBe(400);
      expect(error.message).toContain(`POST ${TOKEN_PATH} failed with HTTP 400`);
      expect(error.message).toContain("not the credentials");
      if (typeof body !== "string") expect(error.message).toContain(label); // the OAuth error code is quoted
      expect(error.message).not.toContain("rejected the client credentials");
      expect(fake.tokenRequests()).toHaveLength(1);
    },
  );

  it("rejects a token response that is never a token, after retrying it", async () => {
    const fake = await deviceServer({
      token: (ctx) => {
        ctx.json(200, { access_token: 42, expires_in: 3600 });
        return true;
      },
    });
    const error = await rejection(newClient(fake, clients, { retryBaseDelayMs: 5 }).getDevice(IMEI));
    expect(error.code).toBe("HAPN_BAD_RESPONSE");
    expect(error.message).toContain("access_token");
    expect(error.method).toBe("POST");
    expect(error.attempts).toBe(DEFAULT_RETRY_POLICY.maxRetries + 1);
    expect(fake.tokenRequests()).toHaveLength(DEFAULT_RETRY_POLICY.maxRetries + 1);
    expect(fake.apiRequests()).toHaveLength(0);
  });

  it.each([
    ["an HTML page", "<html><body>502 Bad Gateway</body></html>", { "content-type": "text/html" }],
    ["truncated JSON", '{"access_token": "tok-trunc', { "content-type": "application/json" }],
    ["a 200 without access_token", '{"token_type": "Bearer"}', { "content-type": "application/json" }],
  ])("retries a malformed token answer (%s) like a 5xx, with one shared request per attempt", async (_l, body, h) => {
    const fake = await deviceServer({
      token: (ctx) => {
        if (ctx.attempt > 2) return false;
        ctx.send(200, body, h);
        return true;
      },
    });
    const client = newClient(fake, clients, { retryBaseDelayMs: 5, random: () => 0 });
    const devices = await Promise.all(Array.from({ length: 6 }, () => client.getDevice(IMEI)));
    expect(devices.every((d) => d?.imei === IMEI)).toBe(true);
    expect(fake.tokens).toHaveLength(1); // the success was shared
    expect(fake.tokenRequests().length).toBeGreaterThanOrEqual(3);
  });

  it("lets callers that joined a failing token request retry on their own instead of inheriting its failure", async () => {
    // The endpoint resets its first five requests: exactly the attempts one call has (maxRetries 4). A caller that
    // joined at the fourth still has retries of its own; when retries were shared, it failed with the starter.
    const fake = await deviceServer({
      token: async (ctx) => {
        if (ctx.attempt > 5) return false;
        if (ctx.attempt === 4) await sleep(150); // long enough for the joiners to join this attempt
        ctx.resetSocket();
        return true;
      },
    });
    const client = newClient(fake, clients, { retryBaseDelayMs: 20, random: () => 0, concurrency: 12, maxRetries: 4 });
    const starter = client.getDevice(IMEI).catch((error: unknown) => error);
    while (fake.tokenRequests().length < 4) await sleep(5);
    const joiners = await Promise.allSettled(Array.from({ length: 11 }, () => client.getDevice(IMEI)));
    expect(joiners.filter((r) => r.status === "rejected")).toEqual([]);
    await starter;
    expect(fake.tokens).toHaveLength(1); // the success was shared: one token for every caller
    expect(fake.tokenRequests().length).toBeLessThanOrEqual(7);
  });

  it("gives up on a stalled token request after its own, shorter timeout, not the API's", async () => {
    // Issue 20: one stalled token request held every waiting call for the API's per-attempt timeout (30 s).
    expect(CLIENT_DEFAULTS.tokenTimeoutMs).toBeLessThan(CLIENT_DEFAULTS.timeoutMs);
    const fake = await deviceServer({
      token: (ctx) => {
        if (ctx.attempt > 1) return false;
        ctx.stall();
        return true;
      },
    });
    const client = newClient(fake, clients, { timeoutMs: 5_000, tokenTimeoutMs: 300, concurrency: 12 });
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 12 }, () => client.getDevice(IMEI)));
    const elapsed = Date.now() - started;
    expect(results.every((d) => d?.imei === IMEI)).toBe(true);
    expect(fake.tokenRequests()).toHaveLength(2); // the stalled one, then one shared by all twelve callers
    expect(elapsed).toBeGreaterThanOrEqual(300);
    expect(elapsed).toBeLessThan(3_000); // with the API's 5 s timeout it would be over 5 s
  });
});
