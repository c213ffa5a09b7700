/** Shared helpers for the emulator tests: start on port 0, get a token, call the API. */
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";

/** Starts a quiet emulator on a free port. */
export function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, ...options });
}

/** The form body of a client-credentials request. */
export function tokenForm(clientId: string, clientSecret: string, grantType = "client_credentials"): string {
  return new URLSearchParams({ grant_type: grantType, client_id: clientId, client_secret: clientSecret }).toString();
}

/** POSTs a form body to the token endpoint. */
export function requestToken(emu: RunningEmulator, body: string, headers: Record<string, string> = {}) {
  return fetch(emu.authUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body,
  });
}

/** A valid access token for the emulator's credentials. */
export async function getToken(emu: RunningEmulator): Promise<string> {
  const res = await requestToken(emu, tokenForm(emu.clientId, emu.clientSecret));
  if (res.status !== 200) throw new Error(`token request failed: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Calls `${apiUrl}${path}` with a bearer token (and a JSON body when given). */
export function call(
  emu: RunningEmulator,
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

/** Calls the admin API over HTTP. */
export function adminCall(emu: RunningEmulator, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${emu.url}/_admin${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A response's status and parsed JSON body (typed loosely: tests assert on its shape). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function statusAndJson(res: Response): Promise<{ status: number; body: any }> {
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
