import { inspect } from "node:util";
import { refreshAheadMs } from "../../provider/client/token-source";
import { useCleanup } from "./support/cleanup";
import {
  CLIENT_ID,
  CLIENT_SECRET,
  deviceJson,
  FakeHapn,
  FakeHapnOptions,
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

  it("treats a 401 from the token endpoint as rejected credentials", async () => {
    const fake = await deviceServer({
      token: (ctx) => {
        ctx.json(401, { message: "Unauthorized" });
        return true;
      },
    });
    const error = await rejection(newClient(fake, clients).getDevice(IMEI));
    expect(error.code).toBe("HAPN_AUTH_REJECTED");
  });

  it("rejects a token response that is not a token", async () => {
    const fake = await deviceServer({
      token: (ctx) => {
        ctx.json(200, { access_token: 42, expires_in: 3600 });
        return true;
      },
    });
    const error = await rejection(newClient(fake, clients).getDevice(IMEI));
    expect(error.code).toBe("HAPN_BAD_RESPONSE");
    expect(error.message).toContain("access_token");
    expect(error.method).toBe("POST");
  });
});
