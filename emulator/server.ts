/**
 * `startEmulator`: wires the account store, tokens, fault engine, counters and admin handle into one HTTP
 * server and dispatches each request to the token endpoint, the `/v1` API or the `/_admin` API.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { createAdmin, type EmulatorAdmin } from "./admin";
import { handleAdminRequest } from "./admin-http";
import { answerApi, resolveRoute } from "./api-routes";
import { Counters } from "./counters";
import type { ApiContext } from "./envelope";
import type { FaultTarget } from "./fault-options";
import { FaultEngine } from "./faults";
import { BodyTooLargeError, mediaType, readBody, sendJson, sendText, sleep, type JsonAnswer } from "./http-util";
import { chooseLogger, formatLogLine, type Logger } from "./log";
import { malformedBody } from "./malformed";
import { handleTokenRequest } from "./oauth";
import { resolveEmulatorOptions, type EmulatorOptions, type ResolvedEmulatorOptions } from "./options";
import { AccountStore } from "./store";
import { TokenStore } from "./tokens";

/** A running emulator. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  /** Token endpoint: `${url}/oauth2/token`. */
  authUrl: string;
  /** API base: `${url}/v1`. */
  apiUrl: string;
  /** The port actually bound (useful with port 0). */
  port: number;
  /** The accepted client id and secret (the secret as last rotated through the admin API). */
  readonly clientId: string;
  readonly clientSecret: string;
  /** In-process handle to the same state as `/_admin`. */
  admin: EmulatorAdmin;
  /**
   * Stops listening, drops open (and stalled) connections and saves the state file for the last time: requests
   * that finish later change nothing on disk. Idempotent.
   */
  stop(): Promise<void>;
}

/** Everything a request handler needs. */
interface Emulator extends ApiContext {
  options: ResolvedEmulatorOptions;
  credentials: { clientId: string; clientSecret: string };
  faults: FaultEngine;
  counters: Counters;
  admin: EmulatorAdmin;
  logger?: Logger;
}

/** The URL clients should use for a listening address (wildcard and loopback hosts become 127.0.0.1). */
function baseUrl(host: string, port: number): string {
  if (["127.0.0.1", "0.0.0.0", "::", "localhost"].includes(host)) return `http://127.0.0.1:${port}`;
  return host.includes(":") ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}

/** Sends an answer decided before or instead of the handler: a fault verdict, or the handler's JSON. */
async function serveWithFaults(
  emu: Emulator,
  target: FaultTarget,
  req: IncomingMessage,
  res: ServerResponse,
  answer: () => Promise<JsonAnswer>,
): Promise<string> {
  await sleep(emu.faults.latencyFor(target));
  const verdict = emu.faults.decide(target);
  switch (verdict.kind) {
    case "reset":
      req.socket.resetAndDestroy();
      return "reset";
    case "stall": {
      const at = performance.now();
      req.socket.once("close", () => emu.counters.recordStall(target, performance.now() - at));
      return "stall"; // never answered; stop() drops the connection
    }
    case "malformed": {
      const { contentType, text } = malformedBody(verdict.body);
      sendText(res, 200, contentType, text);
      return "malformed"; // sent with status 200, but counted apart so a 200 in the counters is always a real answer
    }
    case "error":
      sendJson(res, verdict);
      return String(verdict.status);
    case "pass":
    case "lose-answer":
      break; // the handler runs; a lost answer is dropped below
  }
  let result: JsonAnswer;
  try {
    result = await answer();
  } catch (err) {
    if (!(err instanceof BodyTooLargeError)) throw err;
    result = { status: 413, body: { message: "Request Entity Too Large" } };
  }
  emu.counters.recordHandled(target, result.status);
  if (verdict.kind === "lose-answer") {
    req.socket.resetAndDestroy(); // the handler ran (a write is applied); its answer never leaves
    return "lost";
  }
  sendJson(res, result);
  return String(result.status);
}

/** Answers `POST /oauth2/token`. */
async function answerToken(emu: Emulator, req: IncomingMessage): Promise<JsonAnswer> {
  const body = await readBody(req);
  return handleTokenRequest(
    { method: req.method ?? "", mediaType: mediaType(req), authorization: req.headers.authorization, body },
    emu.credentials,
    emu.tokens,
  );
}

/** Routes one request, then counts and logs it. */
async function dispatch(emu: Emulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const url = req.url ?? "/";
  const path = url.split("?")[0];
  const method = req.method ?? "";
  let outcome: string;
  if (path === "/_admin" || path.startsWith("/_admin/")) {
    outcome = await handleAdminRequest(emu.admin, req, res, path);
  } else if (path === "/oauth2/token") {
    emu.counters.recordArrival("token");
    outcome = await serveWithFaults(emu, "token", req, res, () => answerToken(emu, req));
    emu.counters.recordToken(outcome);
  } else {
    const route = path.startsWith("/v1/")
      ? resolveRoute(method, path.slice(3), emu.dialect)
      : { name: "unknown" as const };
    emu.counters.recordArrival(route.name);
    outcome = await serveWithFaults(emu, route.name, req, res, () => answerApi(emu, route, req));
    emu.counters.recordApi(route.name, outcome);
  }
  emu.logger?.(formatLogLine(method, url, outcome, performance.now() - started));
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Starts an emulator and resolves once it listens. Defaults: 127.0.0.1:8787, 25 seeded devices, seed 1, tokens
 * valid 3600 s, credentials {@link DEFAULT_CLIENT_ID} / {@link DEFAULT_CLIENT_SECRET}, in-memory state, no
 * faults, no log.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const resolved = resolveEmulatorOptions(options);
  const store = AccountStore.open({
    stateFile: resolved.stateFile,
    devices: resolved.devices,
    seed: resolved.seed,
  });
  const tokens = new TokenStore(resolved.tokenTtlSeconds);
  const faults = new FaultEngine(resolved.faults, resolved.seed);
  const counters = new Counters();
  const credentials = { clientId: resolved.clientId, clientSecret: resolved.clientSecret };
  const admin = createAdmin({ store, tokens, faults, counters, credentials, startedAt: Date.now() });
  const emu: Emulator = {
    options: resolved,
    credentials,
    store,
    tokens,
    faults,
    counters,
    admin,
    unauthorizedStatus: resolved.unauthorizedStatus,
    unknownRouteStatus: resolved.unknownRouteStatus,
    dialect: resolved.dialect,
    logger: resolved.log ? chooseLogger({ log: true, logger: resolved.logger }) : undefined,
  };
  const server = createServer((req, res) => {
    dispatch(emu, req, res).catch((err: unknown) => {
      emu.logger?.(`${req.method} ${req.url?.split("?")[0]} error ${(err as Error).message}`);
      if (!res.headersSent) sendJson(res, { status: 500, body: { message: "Internal server error" } });
      else res.destroy();
    });
  });
  const port = await listen(server, resolved.port, resolved.host);
  const url = baseUrl(resolved.host, port);
  let stopping: Promise<void> | undefined;
  return {
    url,
    authUrl: `${url}/oauth2/token`,
    apiUrl: `${url}/v1`,
    port,
    clientId: credentials.clientId,
    get clientSecret() {
      return credentials.clientSecret;
    },
    admin,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => store.close());
      return stopping;
    },
  };
}
