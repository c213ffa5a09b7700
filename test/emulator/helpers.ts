/** Shared helpers for the emulator tests: get a token, call the API (test/support/emulator.ts starts one). */
import { request } from "node:http";
import type { EmulatorAccount, RunningEmulator } from "../../emulator";

/** The form body of a client-credentials request. */
export function tokenForm(clientId: string, clientSecret: string, grantType = "client_credentials"): string {
  return new URLSearchParams({ grant_type: grantType, client_id: clientId, client_secret: clientSecret }).toString();
}

/** POSTs a form body to the token endpoint. */
export function requestToken(
  emu: EmulatorAccount,
  body: string,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
) {
  return fetch(emu.authUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body,
    signal,
  });
}

/** A valid access token for the emulator's credentials. */
export async function getToken(emu: EmulatorAccount): Promise<string> {
  const res = await requestToken(emu, tokenForm(emu.clientId, emu.clientSecret));
  if (res.status !== 200) throw new Error(`token request failed: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Calls `${apiUrl}${path}` with a bearer token (and a JSON body when given). */
export function call(
  emu: EmulatorAccount,
  token: string | undefined,
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  return fetch(`${emu.apiUrl}${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
    signal: init.signal,
  });
}

/** Calls the admin API over HTTP, as a script would: always `content-type: application/json`. */
export function adminCall(emu: RunningEmulator, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${emu.url}/_admin${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A status and parsed JSON body (typed loosely: tests assert on its shape). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StatusAndBody = { status: number; body: any };

/** A request sent with `node:http` by {@link sendRaw}: when it is fully written, and its answer. */
export interface RawRequest {
  written: Promise<void>;
  answer: Promise<StatusAndBody>;
}

/**
 * Sends a request to `${emu.url}${path}` with `node:http`, which (unlike fetch) sends exactly the headers given,
 * `host` included (default: the emulator's own host and port), plus `content-length` for a body.
 */
export function sendRaw(
  emu: EmulatorAccount,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): RawRequest {
  const length = body === undefined ? {} : { "content-length": String(Buffer.byteLength(body)) };
  const req = request(`${emu.url}${path}`, { method, headers: { ...length, ...headers } });
  const written = new Promise<void>((resolve, reject) => req.once("finish", resolve).once("error", reject));
  const answer = new Promise<StatusAndBody>((resolve, reject) => {
    req.once("error", reject).once("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) });
        } catch (err) {
          reject(err);
        }
      });
    });
  });
  req.end(body);
  // Callers await what they need; a connection dropped on purpose must not become an unhandled rejection.
  written.catch(() => undefined);
  answer.catch(() => undefined);
  return { written, answer };
}

/** A response's status and parsed JSON body. */
export async function statusAndJson(res: Response): Promise<StatusAndBody> {
  return { status: res.status, body: await res.json() };
}

/** A closed square polygon Feature around (lng, lat). */
export function square(lng = -73.966, lat = 40.674, size = 0.01) {
  return {
    type: "Feature",
    properties: {},
    geometry: {
      type: "Polygon",
      coordinates: [
        [
          [lng, lat],
          [lng + size, lat],
          [lng + size, lat + size],
          [lng, lat + size],
          [lng, lat],
        ],
      ],
    },
  };
}
