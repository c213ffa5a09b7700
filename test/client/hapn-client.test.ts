import { readFileSync } from "node:fs";
import path from "node:path";
import { HapnClient, HapnError, VERSION } from "../../provider/client";
import { MAX_AUTH_REFRESHES } from "../../provider/client/hapn-client";
import { routePath } from "../../provider/api-model/routes";
import { useCleanup } from "./support/cleanup";
import {
  boundaryJson,
  clientOptions,
  deviceJson,
  expectedDevice,
  type FakeHapn,
  newClient,
  ok,
} from "./support/fake-hapn";
import type { ApiHandler } from "./support/fake-hapn";
import { fakeClock } from "./support/fake-clock";
import { realFetch } from "./support/node-fetch";
import { rejection } from "./support/rejection";

const IMEI = "862785041422448";
const cleanup = useCleanup();
const { clients } = cleanup;

function fake(api: ApiHandler): Promise<FakeHapn> {
  return cleanup.fake({ api });
}

function constructionError(options: object): HapnError {
  try {
    new HapnClient({ clientId: "id", clientSecret: "secret", ...options });
  } catch (error) {
    expect(error).toBeInstanceOf(HapnError);
    expect((error as HapnError).code).toBe("HAPN_INVALID_ARGUMENT");
    return error as HapnError;
  }
  throw new Error("expected the constructor to throw");
}

describe("constructor", () => {
  it("explains how to set missing credentials", () => {
    const missingId = constructionError({ clientId: undefined });
    expect(missingId.message).toContain('"clientId" is required');
    expect(missingId.message).toContain("pulumi config set hapn:clientId");
    expect(missingId.message).toContain("HAPN_CLIENT_ID");
    expect(constructionError({ clientSecret: "" }).message).toContain("pulumi config set --secret hapn:clientSecret");
  });

  it("refuses plain http except to loopback hosts", () => {
    const error = constructionError({ apiUrl: "http://api.iotgps.io/v1" });
    expect(error.message).toContain('"apiUrl"');
    expect(error.message).toContain("must use https");
    expect(constructionError({ authUrl: "http://10.0.0.5/oauth2/token" }).message).toContain('"authUrl"');
    for (const apiUrl of [
      "http://localhost:8080/v1",
      "http://127.0.0.2/v1",
      "http://[::1]:9/v1",
      "https://x.example/v1",
    ]) {
      expect(() => new HapnClient({ clientId: "id", clientSecret: "secret", apiUrl })).not.toThrow();
    }
    expect(constructionError({ apiUrl: "https://user:pw@x.example/v1" }).message).toContain("user name or password");
    expect(constructionError({ apiUrl: "ftp://x.example" }).message).toContain("https");
  });

  it("allows plain http to any host only with allowInsecureHttp, and names the option when refusing", async () => {
    const ciService = { apiUrl: "http://hapn-emulator:8787/v1", authUrl: "http://hapn-emulator:8787/oauth2/token" };
    const refused = constructionError(ciService);
    expect(refused.message).toContain("must use https");
    expect(refused.message).toContain("allowInsecureHttp");
    expect(constructionError({ ...ciService, allowInsecureHttp: false }).message).toContain("must use https");
    expect(constructionError({ allowInsecureHttp: "yes" }).message).toContain('"allowInsecureHttp"');
    expect(constructionError({ apiUrl: "ftp://x.example", allowInsecureHttp: true }).message).toContain("https");
    // A real round trip: the fake answers as "hapn-emulator", a name the injected fetch maps to its loopback port.
    const api = await fake((ctx) => ctx.json(200, ok(deviceJson(IMEI))));
    const origin = "http://hapn-emulator:8787";
    const client = newClient(api, clients, {
      allowInsecureHttp: true,
      apiUrl: `${origin}/v1`,
      authUrl: `${origin}/oauth2/token`,
      fetch: (url, init) => realFetch(url.replace(origin, api.url), init),
    });
    expect(client.apiUrl).toBe(`${origin}/v1`);
    await expect(client.getDevice(IMEI)).resolves.toMatchObject({ imei: IMEI });
  });

  it("names a bad numeric option", () => {
    expect(constructionError({ timeoutMs: 0 }).message).toContain('"timeoutMs"');
    expect(constructionError({ concurrency: 2.5 }).message).toContain('"concurrency"');
    expect(constructionError({ maxRetries: -1 }).message).toContain('"maxRetries"');
  });

  it("defaults to the live Hapn URLs", () => {
    const client = new HapnClient({ clientId: "id", clientSecret: "secret" });
    expect(client.apiUrl).toBe("https://api.iotgps.io/v1");
    expect(client.authUrl).toBe("https://auth.usehapn.com/oauth2/token");
  });

  it("reports the package version", () => {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, "../../package.json"), "utf8")) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});

describe("requests", () => {
  it("sends bearer, accept and user-agent headers to the routed path", async () => {
    const api = await fake((ctx) => ctx.json(200, ok(deviceJson(IMEI))));
    await expect(newClient(api, clients, { userAgent: "ci-job/1" }).getDevice(IMEI)).resolves.toEqual(
      expectedDevice(IMEI),
    );
    const [request] = api.apiRequests();
    expect(request.path).toBe(`/v1${routePath("getDevice", { imei: IMEI })}`);
    expect(request.headers.authorization).toBe(`Bearer ${api.tokens[0]}`);
    expect(request.headers.accept).toBe("application/json");
    expect(request.headers["user-agent"]).toBe(`pulumi-hapn/${VERSION} ci-job/1`);
  });

  it.each([401, 403])("answers a %i with one forced refresh and one replay", async (status) => {
    const api = await fake((ctx) =>
      ctx.attempt === 1 ? ctx.json(status, { message: "Unauthorized" }) : ctx.json(200, ok(deviceJson(IMEI))),
    );
    const client = newClient(api, clients);
    await expect(client.getDevice(IMEI)).resolves.toMatchObject({ imei: IMEI });
    const [first, second] = api.apiRequests();
    expect(api.tokenRequests()).toHaveLength(2);
    expect(api.apiRequests()).toHaveLength(2);
    expect(first.headers.authorization).toBe(`Bearer ${api.tokens[0]}`);
    expect(second.headers.authorization).toBe(`Bearer ${api.tokens[1]}`);
  });

  it("gives HAPN_UNAUTHORIZED when fresh tokens keep being refused, after a bounded number of refreshes", async () => {
    const api = await fake((ctx) => ctx.json(403, { message: "Forbidden" }));
    const error = await rejection(newClient(api, clients).getDevice(IMEI));
    expect(error.code).toBe("HAPN_UNAUTHORIZED");
    expect(error.status).toBe(403);
    expect(error.message).toContain(`refused ${MAX_AUTH_REFRESHES + 1} access tokens in a row`);
    expect(error.message).toContain("tokens are being revoked faster than requests complete");
    expect(api.apiRequests()).toHaveLength(MAX_AUTH_REFRESHES + 1);
    expect(api.tokenRequests()).toHaveLength(MAX_AUTH_REFRESHES + 1);
  });

  it("survives a token revoked while its replay is in flight (403 for dead tokens)", async () => {
    // Request 1: the token died earlier. Request 2 (the replay, fresh token): revoked while in flight. Request 3 works.
    const api = await fake((ctx) =>
      ctx.attempt <= 2 ? ctx.json(403, { message: "Forbidden" }) : ctx.json(200, ok(deviceJson(IMEI))),
    );
    const client = newClient(api, clients);
    await expect(client.getDevice(IMEI)).resolves.toMatchObject({ imei: IMEI });
    const tokensUsed = api.apiRequests().map((r) => r.headers.authorization);
    expect(new Set(tokensUsed).size).toBe(3);
    expect(api.tokenRequests()).toHaveLength(3);
  });

  it("shares one refresh when many calls hit a 401 with the same stale token", async () => {
    const api = await fake((ctx) =>
      ctx.token === api.tokens[0] ? ctx.json(401, { message: "Unauthorized" }) : ctx.json(200, ok(deviceJson(IMEI))),
    );
    const client = newClient(api, clients);
    await Promise.all(Array.from({ length: 20 }, () => client.getDevice(IMEI)));
    expect(api.tokenRequests()).toHaveLength(2);
  });

  it("waits for Retry-After on a 429, then succeeds", async () => {
    const api = await fake((ctx) =>
      ctx.attempt === 1
        ? ctx.json(429, { message: "Too Many Requests" }, { "retry-after": "1" })
        : ctx.json(200, ok(deviceJson(IMEI))),
    );
    const client = newClient(api, clients);
    const started = Date.now();
    await expect(client.getDevice(IMEI)).resolves.toBeDefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(client.stats.retries).toBe(1);
  });

  it.each([
    ["the x-amzn-ErrorType header", { message: "Too Many Requests" }, { "x-amzn-ErrorType": "LimitExceededException" }],
    ["a 'Limit Exceeded' body", { message: "Limit Exceeded" }, {}],
  ])("fails fast on an exhausted quota signalled by %s", async (_label, body, headers) => {
    const api = await fake((ctx) => ctx.json(429, body, headers));
    const error = await rejection(newClient(api, clients).listDevices());
    expect(error.code).toBe("HAPN_QUOTA_EXHAUSTED");
    expect(error.message).toContain("quota is used up");
    expect(error.message).toContain("retrying will not help");
    expect(error.retryable).toBe(false);
    expect(error.attempts).toBe(1);
    expect(api.apiRequests()).toHaveLength(1);
  });

  it("retries a 429 'Rate limit exceeded' as throttling, not as an exhausted quota", async () => {
    const api = await fake((ctx) =>
      ctx.attempt === 1 ? ctx.json(429, { message: "Rate limit exceeded" }) : ctx.json(200, ok(deviceJson(IMEI))),
    );
    const client = newClient(api, clients);
    await expect(client.getDevice(IMEI)).resolves.toMatchObject({ imei: IMEI });
    expect(client.stats.retries).toBe(1);
  });

  it("retries a 429 by time, not by attempt count, and gives HAPN_RATE_LIMITED once the throttle budget is spent", async () => {
    const api = await fake((ctx) => ctx.json(429, { message: "Too Many Requests" }, { "retry-after": "1" }));
    const clock = fakeClock();
    const client = newClient(api, clients, { maxRetries: 2, throttleBudgetMs: 60_000, ...clock.options });
    const error = await rejection(client.getDevice(IMEI));
    expect(error.code).toBe("HAPN_RATE_LIMITED");
    expect(error.attempts).toBeGreaterThan(2 + 1); // more than maxRetries allows
    expect(error.message).toContain("throttle budget is spent");
    expect(api.apiRequests()).toHaveLength(error.attempts ?? 0);
    // Virtual time only: the whole minute of throttling costs no real wait.
    expect(clock.slept()).toBeGreaterThan(50_000);
    expect(clock.slept()).toBeLessThan(60_000 + 10_000);
  });

  it("recovers from 503, 503, 200", async () => {
    const api = await fake((ctx) =>
      ctx.attempt <= 2 ? ctx.json(503, { message: "Service Unavailable" }) : ctx.json(200, ok(deviceJson(IMEI))),
    );
    const client = newClient(api, clients);
    await expect(client.getDevice(IMEI)).resolves.toBeDefined();
    expect(client.stats).toEqual({ tokenRequests: 1, requests: 3, retries: 2 });
  });

  it("retries a PATCH (absolute label values make it idempotent) but not a POST", async () => {
    const api = await fake((ctx) => {
      if (ctx.attempt === 1) return ctx.json(502, { message: "Bad Gateway" });
      return ctx.method === "PATCH" ? ctx.json(200, ok(deviceJson(IMEI))) : ctx.json(200, ok(boundaryJson(7)));
    });
    const client = newClient(api, clients);
    await expect(client.updateDevice(IMEI, { name: "Van" })).resolves.toBeDefined();
    expect((await rejection(client.createBoundary({ name: "Yard" }))).code).toBe("HAPN_HTTP");
    expect(api.requestsTo("POST", "/v1/boundaries")).toHaveLength(1);
  });

  it.each([
    ["an HTML page", "<html><body>502 Bad Gateway</body></html>", "text/html"],
    ["truncated JSON", '{"success": true, "result": {"im', "application/json"],
  ])(
    "retries a PATCH answered 200 with %s (a gateway's answer, never data), but not a POST",
    async (_l, body, type) => {
      const api = await fake((ctx) => {
        if (ctx.attempt === 1) return ctx.send(200, body, { "content-type": type });
        return ctx.method === "PATCH" ? ctx.json(200, ok(deviceJson(IMEI))) : ctx.json(200, ok(boundaryJson(7)));
      });
      const client = newClient(api, clients, { retryBaseDelayMs: 5 });
      await expect(client.updateDevice(IMEI, { name: "Van" })).resolves.toMatchObject({ imei: IMEI });
      expect(api.requestsTo("PATCH", `/v1/devices/${IMEI}`)).toHaveLength(2);
      expect((await rejection(client.createBoundary({ name: "Yard" }))).code).toBe("HAPN_BAD_RESPONSE");
      expect(api.requestsTo("POST", "/v1/boundaries")).toHaveLength(1);
    },
  );
});

describe("devices", () => {
  it("follows nextToken over three pages", async () => {
    const pages: Record<string, { items: unknown[]; nextToken?: string | null }> = {
      "": { items: [deviceJson("100000000000001"), deviceJson("100000000000002")], nextToken: "p2" },
      p2: { items: [deviceJson("100000000000003")], nextToken: "p3" },
      p3: { items: [deviceJson("100000000000004")], nextToken: null },
    };
    const api = await fake((ctx) => ctx.json(200, ok(pages[ctx.query.get("nextToken") ?? ""])));
    const devices = await newClient(api, clients).listDevices({ limit: 2 });
    expect(devices.map((d) => d.imei)).toEqual([
      "100000000000001",
      "100000000000002",
      "100000000000003",
      "100000000000004",
    ]);
    const requests = api.apiRequests();
    expect(requests.map((r) => r.query.get("nextToken"))).toEqual([null, "p2", "p3"]);
    expect(requests.every((r) => r.query.get("limit") === "2")).toBe(true);
  });

  it("lets a caller stop paging early", async () => {
    const api = await fake((ctx) => {
      const n = Number(ctx.query.get("nextToken") ?? "0");
      ctx.json(200, ok({ items: [deviceJson(String(100000000000000 + n))], nextToken: String(n + 1) }));
    });
    const client = newClient(api, clients);
    const seen: string[] = [];
    for await (const page of client.listDevicePages({ maxPages: 5 })) {
      seen.push(...page.items.map((d) => d.imei));
      if (seen.length === 2) break;
    }
    expect(api.apiRequests()).toHaveLength(2);
    expect(api.apiRequests()[0].query.get("limit")).toBe("100");
    const capped = [];
    for await (const page of client.listDevicePages({ maxPages: 3 })) capped.push(page);
    expect(capped).toHaveLength(3);
  });

  it("detects a pagination loop", async () => {
    const api = await fake((ctx) =>
      ctx.json(200, ok({ items: [deviceJson(IMEI)], nextToken: ctx.query.get("nextToken") === "b" ? "a" : "b" })),
    );
    const error = await rejection(newClient(api, clients).listDevices());
    expect(error.code).toBe("HAPN_BAD_RESPONSE");
    expect(error.message).toContain("pagination loop");
    expect(api.apiRequests().length).toBeLessThanOrEqual(3);
  });

  it("restores an IMEI sent as a number that lost its leading zero", async () => {
    const api = await fake((ctx) =>
      ctx.send(200, `{"success":true,"result":{"items":[{"imei":15181000393760,"name":"Old"}]}}`, {
        "content-type": "application/json",
      }),
    );
    const [device] = await newClient(api, clients).listDevices();
    expect(device.imei).toBe("015181000393760");
  });

  it("names the field path of a wrong type and the request it came from", async () => {
    const api = await fake((ctx) =>
      ctx.json(200, ok({ items: [deviceJson(IMEI), deviceJson(IMEI, { color: ["red"] })] })),
    );
    const error = await rejection(newClient(api, clients).listDevices());
    expect(error.code).toBe("HAPN_BAD_RESPONSE");
    expect(error.message).toContain("result.items[1].color");
    expect(error).toMatchObject({ method: "GET", path: "/devices?limit=100", status: 200 });
  });

  it("returns undefined for an unknown IMEI and HAPN_NOT_FOUND where absence is an error", async () => {
    const api = await fake((ctx) => ctx.json(404, { success: false, message: "Device not found" }));
    const client = newClient(api, clients);
    await expect(client.getDevice(IMEI)).resolves.toBeUndefined();
    const error = await rejection(client.getDeviceStatus(IMEI));
    expect(error).toMatchObject({ code: "HAPN_NOT_FOUND", status: 404 });
    expect(error.message).toContain("Device not found");
  });

  it("sends only the given label fields in a PATCH", async () => {
    const api = await fake((ctx) =>
      ctx.json(200, ok(deviceJson(IMEI, JSON.parse(ctx.body) as Record<string, unknown>))),
    );
    const patch = { name: "Van 9", color: undefined, imei: "999", bogus: 1 } as unknown as { name: string };
    const device = await newClient(api, clients).updateDevice(IMEI, patch);
    expect(device.name).toBe("Van 9");
    const [request] = api.apiRequests();
    expect(request.method).toBe("PATCH");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(request.body)).toEqual({ name: "Van 9" });
  });

  it("normalizes a status sent with numbers as strings", async () => {
    const api = await fake((ctx) =>
      ctx.json(200, ok({ imei: IMEI, latitude: "51.47765", longitude: "-0.1", speed: "0", odoMileage: "896" })),
    );
    const status = await newClient(api, clients).getDeviceStatus(IMEI);
    expect(status).toEqual({ imei: IMEI, latitude: 51.47765, longitude: -0.1, speed: 0, odoMileage: 896 });
    expect(api.apiRequests()[0].path).toBe(`/v1/devices/${IMEI}/status`);
  });

  it("rejects an IMEI argument that is not a digit string before any request", async () => {
    const api = await fake((ctx) => ctx.json(200, ok(deviceJson(IMEI))));
    const error = await rejection(newClient(api, clients).getDevice(15181000393760 as unknown as string));
    expect(error.code).toBe("HAPN_INVALID_ARGUMENT");
    expect(api.requests).toHaveLength(0);
  });
});

describe("boundaries", () => {
  it("creates, updates, lists and deletes through the routed paths", async () => {
    const api = await fake((ctx) => {
      if (ctx.method === "GET") return ctx.json(200, ok({ items: [boundaryJson(7)] }));
      if (ctx.method === "DELETE") {
        return ctx.attempt === 1 ? ctx.send(204, "") : ctx.json(404, { success: false, message: "gone" });
      }
      return ctx.json(200, ok(boundaryJson(7, JSON.parse(ctx.body) as Record<string, unknown>)));
    });
    const client = newClient(api, clients);
    const created = await client.createBoundary({ name: "Yard", color: "#000000" });
    expect(created).toMatchObject({ boundaryId: 7, name: "Yard", color: "#000000" });
    expect((await client.updateBoundary(7, { name: "Yard 2" })).name).toBe("Yard 2");
    expect(await client.listBoundaries()).toHaveLength(1);
    expect(await client.deleteBoundary(7)).toBe(true);
    expect(await client.deleteBoundary("7")).toBe(false);
    expect(api.apiRequests().map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /v1/boundaries",
      "PATCH /v1/boundaries/7",
      "GET /v1/boundaries",
      "DELETE /v1/boundaries/7",
      "DELETE /v1/boundaries/7",
    ]);
    expect(JSON.parse(api.apiRequests()[0].body)).toEqual({ name: "Yard", color: "#000000" });
  });
});

describe("serialization safety", () => {
  it("keeps the secret out of JSON.stringify(client)", () => {
    const options = clientOptions({ url: "http://127.0.0.1:1" } as FakeHapn);
    const client = new HapnClient(options);
    expect(JSON.stringify(client)).not.toContain(options.clientSecret);
  });
});
