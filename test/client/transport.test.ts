import { HapnClient } from "../../provider/client";
import type { FetchFunction } from "../../provider/client";
import { useCleanup } from "./support/cleanup";
import { deviceJson, type FakeHapn, type FakeHapnOptions, newClient, ok, TOKEN_PATH } from "./support/fake-hapn";
import type { ApiHandler } from "./support/fake-hapn";
import { realFetch } from "./support/node-fetch";
import { rejection } from "./support/rejection";
import { type HandlerContext, startTestServer } from "./support/test-server";

const IMEI = "862785041422448";
const cleanup = useCleanup();
const { clients, track } = cleanup;

function fake(api: ApiHandler, token?: FakeHapnOptions["token"]): Promise<FakeHapn> {
  return cleanup.fake({ api, token });
}

describe("redirects", () => {
  it("refuses an API redirect; the target never sees a request or the bearer token", async () => {
    const elsewhere = track(await startTestServer((ctx) => ctx.json(200, ok(deviceJson(IMEI)))));
    const target = `${elsewhere.url}/v1/devices/${IMEI}`;
    const api = await fake((ctx) => ctx.send(302, "", { location: target }));
    const error = await rejection(newClient(api, clients).getDevice(IMEI));
    expect(error.code).toBe("HAPN_REDIRECT_REFUSED");
    expect(error.status).toBe(302);
    expect(error.message).toContain("redirects are refused so the bearer token is never sent to another URL");
    expect(elsewhere.requests).toHaveLength(0);
    expect(api.apiRequests()).toHaveLength(1); // not retried either
  });

  it("refuses a token endpoint redirect, so the client secret never travels", async () => {
    const elsewhere = track(await startTestServer((ctx) => ctx.json(200, { access_token: "t", expires_in: 3600 })));
    const api = await fake(
      (ctx) => ctx.json(200, ok(deviceJson(IMEI))),
      (ctx) => {
        ctx.send(307, "", { location: `${elsewhere.url}${TOKEN_PATH}` });
        return true;
      },
    );
    const error = await rejection(newClient(api, clients).getDevice(IMEI));
    expect(error.code).toBe("HAPN_REDIRECT_REFUSED");
    expect(elsewhere.requests).toHaveLength(0);
  });
});

describe("timeouts", () => {
  it("gives HAPN_TIMEOUT when the server never answers", async () => {
    const api = await fake((ctx) => ctx.stall());
    const client = newClient(api, clients, { timeoutMs: 150, maxRetries: 1 });
    const started = Date.now();
    const error = await rejection(client.getDevice(IMEI));
    expect(error.code).toBe("HAPN_TIMEOUT");
    expect(error.attempts).toBe(2); // a GET that timed out is retried
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("gives HAPN_TIMEOUT when the body stalls after the headers", async () => {
    const api = await fake((ctx) => {
      ctx.res.writeHead(200, { "content-type": "application/json" });
      ctx.res.write('{"success":true,');
    });
    const error = await rejection(newClient(api, clients, { timeoutMs: 150, maxRetries: 0 }).getDevice(IMEI));
    expect(error.code).toBe("HAPN_TIMEOUT");
  });

  it.each([
    ["before the headers", (ctx: HandlerContext) => ctx.stall()],
    [
      "in the body",
      (ctx: HandlerContext) => {
        ctx.res.writeHead(200, { "content-type": "application/json" });
        ctx.res.write('{"success":true,');
      },
    ],
  ])(
    "ends an attempt stalled %s on time and frees its slot, even if fetch ignores the abort signal",
    async (_l, stall) => {
      const api = await fake((ctx) => (ctx.attempt === 1 ? stall(ctx) : ctx.json(200, ok(deviceJson(IMEI)))));
      // Ignores the signal, and brings its own connection (the default agent) as a custom fetch may.
      const deaf: FetchFunction = (url, init) =>
        realFetch(url, {
          ...init,
          signal: undefined as unknown as AbortSignal,
          agent: undefined,
        });
      const client = newClient(api, clients, { fetch: deaf, timeoutMs: 150, maxRetries: 0, concurrency: 1 });
      const error = await rejection(client.getDevice(IMEI));
      expect(error.code).toBe("HAPN_TIMEOUT");
      await expect(client.getDevice(IMEI)).resolves.toMatchObject({ imei: IMEI }); // the only slot was released
    },
  );

  it("stops at the overall deadline even when each attempt is within its timeout", async () => {
    const api = await fake((ctx) => ctx.json(503, { message: "busy" }, { "retry-after": "5" }));
    const client = newClient(api, clients, { deadlineMs: 500, maxRetries: 4 });
    const started = Date.now();
    const error = await rejection(client.getDevice(IMEI));
    expect(error.code).toBe("HAPN_TIMEOUT");
    expect(error.message).toContain("deadline");
    expect(Date.now() - started).toBeLessThan(500); // the 5 s wait was never started
    expect(api.apiRequests()).toHaveLength(1);
  });
});

describe("response checks", () => {
  it("rejects an HTML page sent with status 200", async () => {
    const api = await fake((ctx) =>
      ctx.send(200, "<html><body>Maintenance</body></html>", { "content-type": "text/html" }),
    );
    const error = await rejection(newClient(api, clients).getDevice(IMEI));
    expect(error.code).toBe("HAPN_BAD_RESPONSE");
    expect(error.message).toContain("text/html");
    expect(error.path).toBe(`/devices/${IMEI}`);
  });

  it("rejects malformed JSON", async () => {
    const api = await fake((ctx) => ctx.send(200, '{"success":true,', { "content-type": "application/json" }));
    expect((await rejection(newClient(api, clients).getDevice(IMEI))).code).toBe("HAPN_BAD_RESPONSE");
  });

  it.each([
    ["streamed without a length", false],
    ["announced by content-length", true],
  ])("rejects a response over the size cap (%s)", async (_label, withLength) => {
    const body = JSON.stringify(ok(deviceJson(IMEI, { description: "x".repeat(5000) })));
    const api = await fake((ctx) => {
      const headers: Record<string, string | number> = { "content-type": "application/json" };
      if (withLength) headers["content-length"] = Buffer.byteLength(body);
      ctx.res.writeHead(200, headers);
      ctx.res.write(body.slice(0, 1000));
      setTimeout(() => ctx.res.end(body.slice(1000)), 20);
    });
    const error = await rejection(newClient(api, clients, { maxResponseBytes: 2048 }).getDevice(IMEI));
    expect(error.code).toBe("HAPN_BAD_RESPONSE");
    expect(error.message).toContain("2048-byte limit");
  });

  it("quotes a JSON error message but not an HTML error page", async () => {
    const api = await fake((ctx) =>
      ctx.attempt === 1
        ? ctx.json(400, { success: false, message: "color must be #rrggbb" })
        : ctx.send(418, "<html>teapot</html>", { "content-type": "text/html" }),
    );
    const client = newClient(api, clients);
    const bad = await rejection(client.updateDevice(IMEI, { color: "red" }));
    expect(bad.code).toBe("HAPN_BAD_REQUEST");
    expect(bad.message).toContain("color must be #rrggbb");
    const odd = await rejection(client.updateDevice(IMEI, { color: "red" }));
    expect(odd.code).toBe("HAPN_HTTP");
    expect(odd.message).not.toContain("teapot");
  });

  it("captures the request id for support tickets", async () => {
    const api = await fake((ctx) => ctx.json(409, { message: "conflict" }, { "x-amzn-requestid": "abc-123" }));
    const error = await rejection(newClient(api, clients).getDevice(IMEI));
    expect(error).toMatchObject({ code: "HAPN_HTTP", status: 409, requestId: "abc-123", method: "GET" });
  });
});

describe("connections", () => {
  it("retries a GET whose connection was reset", async () => {
    const api = await fake((ctx) => (ctx.attempt === 1 ? ctx.resetSocket() : ctx.json(200, ok(deviceJson(IMEI)))));
    const client = newClient(api, clients);
    await expect(client.getDevice(IMEI)).resolves.toMatchObject({ imei: IMEI });
    expect(api.apiRequests()).toHaveLength(2);
    expect(client.stats.retries).toBe(1);
  });

  it("does not retry a POST whose connection was reset (it may have reached the server)", async () => {
    const api = await fake((ctx) => ctx.resetSocket());
    const error = await rejection(newClient(api, clients).createBoundary({ name: "Yard" }));
    expect(error.code).toBe("HAPN_NETWORK");
    expect(error.retryable).toBe(true);
    expect(api.apiRequests()).toHaveLength(1);
  });

  it("keeps at most `concurrency` requests in flight, token requests included", async () => {
    const api = await fake(async (ctx) => {
      await new Promise((r) => setTimeout(r, 15));
      ctx.json(200, ok(deviceJson(IMEI)));
    });
    const client = newClient(api, clients, { concurrency: 3 });
    await Promise.all(Array.from({ length: 30 }, () => client.getDevice(IMEI)));
    expect(api.inFlight.max).toBe(3);
  });

  it("destroy() closes sockets in use too: an attempt in flight fails, and the client stays usable", async () => {
    const api = await fake((ctx) => (ctx.attempt === 1 ? ctx.stall() : ctx.json(200, ok(deviceJson(IMEI)))));
    const client = newClient(api, clients, { maxRetries: 0 });
    const inFlight = client.getDevice(IMEI);
    while (api.apiRequests().length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    client.destroy();
    expect((await rejection(inFlight)).code).toBe("HAPN_NETWORK");
    await expect(client.getDevice(IMEI)).resolves.toMatchObject({ imei: IMEI });
  });

  it("reports an unreachable server as HAPN_NETWORK", async () => {
    const closed = await startTestServer(() => undefined);
    const url = closed.url;
    await closed.close();
    const client = new HapnClient({
      clientId: "id",
      clientSecret: "secret",
      authUrl: `${url}/token`,
      apiUrl: `${url}/v1`,
      maxRetries: 1,
      retryBaseDelayMs: 1,
    });
    clients.push(client);
    const error = await rejection(client.getDevice(IMEI));
    expect(error.code).toBe("HAPN_NETWORK");
    expect(error.attempts).toBe(2);
  });
});
