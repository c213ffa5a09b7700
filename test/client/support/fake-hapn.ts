/**
 * A minimal Hapn stand-in for client tests: an OAuth2 client-credentials token endpoint that issues short opaque
 * tokens with a chosen lifetime and enforces their expiry, in front of a per-test API handler. Deliberately tiny;
 * the full emulator lives in emulator/.
 */
import { HapnClient } from "../../../provider/client";
import type { HapnClientOptions } from "../../../provider/client";
import type { Device } from "../../../provider/api-model/wire-types";
import { type Handler, type HandlerContext, startTestServer, type TestServer } from "./test-server";

export const CLIENT_ID = "4k2j9d8s7f6g5h4j3k2l1m0n9b";
/** Distinctive, and full of characters that change under URL/form/JSON encoding. */
export const CLIENT_SECRET = 's3cr3t+Hapn/Value=with&odd chars"quote';
export const TOKEN_PATH = "/oauth2/token";
export const API_PREFIX = "/v1";

/** An API handler; `ctx.path` is relative to `/v1`. */
export type ApiHandler = (ctx: HandlerContext & { apiPath: string; token: string }) => void | Promise<void>;

export interface FakeHapnOptions {
  /** Answers API requests that carry a valid, unexpired token. */
  api: ApiHandler;
  /** `expires_in` of issued tokens, seconds (fractions allowed). Default 3600. */
  tokenTtlSeconds?: number;
  /** Optional override of the token endpoint; return true when it answered. */
  token?: (ctx: HandlerContext) => boolean | Promise<boolean>;
}

export interface FakeHapn extends TestServer {
  /** Tokens issued so far. */
  tokens: string[];
  /** API requests answered 401 because their token was missing, unknown or expired. */
  rejectedTokens: number;
  /** API requests (under /v1). */
  apiRequests(): TestServer["requests"];
  /** Token endpoint requests. */
  tokenRequests(): TestServer["requests"];
}

/** Starts the fake: `POST /oauth2/token` plus `/v1/*` routed to `options.api`. */
export async function startFakeHapn(options: FakeHapnOptions): Promise<FakeHapn> {
  const issued: Record<string, number> = {};
  const state = { tokens: [] as string[], rejectedTokens: 0 };
  const ttl = options.tokenTtlSeconds ?? 3600;
  const handler: Handler = async (ctx) => {
    if (ctx.path === TOKEN_PATH) {
      if (options.token && (await options.token(ctx))) return;
      const form = new URLSearchParams(ctx.body);
      const okType = ctx.headers["content-type"] === "application/x-www-form-urlencoded";
      if (!okType || form.get("grant_type") !== "client_credentials") {
        return ctx.json(400, { error: "unsupported_grant_type" });
      }
      if (form.get("client_id") !== CLIENT_ID || form.get("client_secret") !== CLIENT_SECRET) {
        return ctx.json(400, { error: "invalid_client" });
      }
      const token = `tok-${state.tokens.length + 1}-${Math.random().toString(36).slice(2)}`;
      state.tokens.push(token);
      issued[token] = Date.now();
      return ctx.json(200, { access_token: token, token_type: "Bearer", expires_in: ttl });
    }
    if (!ctx.path.startsWith(`${API_PREFIX}/`)) return ctx.json(404, { message: "Not Found" });
    const token = /^Bearer (.+)$/.exec(ctx.headers.authorization ?? "")?.[1] ?? "";
    const issuedAt = issued[token];
    if (issuedAt === undefined || Date.now() - issuedAt >= ttl * 1000) {
      state.rejectedTokens++;
      return ctx.json(401, { message: "Unauthorized" });
    }
    await options.api({ ...ctx, apiPath: ctx.path.slice(API_PREFIX.length), token });
  };
  const server = await startTestServer(handler);
  return Object.assign(server, {
    get tokens() {
      return state.tokens;
    },
    get rejectedTokens() {
      return state.rejectedTokens;
    },
    apiRequests: () => server.requests.filter((r) => r.path.startsWith(`${API_PREFIX}/`)),
    tokenRequests: () => server.requests.filter((r) => r.path === TOKEN_PATH),
  });
}

/** Test-friendly client options for a fake: small delays and timeouts so the suite stays fast. */
export function clientOptions(server: TestServer, overrides: Partial<HapnClientOptions> = {}): HapnClientOptions {
  return {
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    authUrl: `${server.url}${TOKEN_PATH}`,
    apiUrl: `${server.url}${API_PREFIX}`,
    timeoutMs: 2_000,
    deadlineMs: 10_000,
    retryBaseDelayMs: 5,
    retryMaxDelayMs: 20,
    ...overrides,
  };
}

/** A client for `server`, registered for cleanup in `clients`. */
export function newClient(
  server: TestServer,
  clients: HapnClient[],
  overrides: Partial<HapnClientOptions> = {},
): HapnClient {
  const client = new HapnClient(clientOptions(server, overrides));
  clients.push(client);
  return client;
}

/** A valid device as the API sends it (with an extra field the client must ignore). */
export function deviceJson(imei: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    imei,
    clientId: 6278789,
    created: "2020-06-02T20:48:24.494Z",
    modified: "2021-06-10T11:13:59.864Z",
    name: `Van ${imei.slice(-3)}`,
    status: "A",
    iccid: "8944500204198462404",
    color: "#579db5",
    icon: "location-arrow",
    description: "Delivery van",
    model: { name: "OBD Vehicle Tracker", description: "OBD GPS Tracker for Vehicles", pictureUrl: "https://x" },
    connectivityProvider: "T-Mobile",
    appUrl: `https://app.gethapn.com/home?tab=trackers&type=tracker&imei=${imei}`,
    deviceId: 991,
    ...overrides,
  };
}

/** The Device the client should produce from {@link deviceJson}. */
export function expectedDevice(imei: string): Device {
  const {
    deviceId: _deviceId,
    model,
    ...rest
  } = deviceJson(imei) as Record<string, unknown> & {
    model: Record<string, unknown>;
  };
  return { ...rest, model: { name: model.name, description: model.description } } as Device;
}

/** `{success: true, result}` */
export const ok = (result: unknown) => ({ success: true, message: "Success", result });

/** A valid boundary as the API sends it. */
export function boundaryJson(boundaryId: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    boundaryId,
    name: `Yard ${boundaryId}`,
    created: "2021-04-23T12:57:14.000Z",
    modified: "2021-04-23T12:57:14.000Z",
    location: "115 Eastern Parkway",
    color: "#9b59b6",
    status: "active",
    geometry: {
      id: "033c88d8",
      type: "Feature",
      properties: {},
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [-73.966, 40.674],
            [-73.965, 40.674],
            [-73.965, 40.675],
            [-73.966, 40.674],
          ],
        ],
      },
    },
    ...overrides,
  };
}
