/**
 * `startEmulator`: wires the accounts (each with its store, tokens, fault engine and counters), the server's
 * counters and the admin handles into one HTTP server and dispatches each request to the token endpoint, the
 * `/v1` API or the `/_admin` API, in the account it belongs to.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { type Account, AccountRegistry } from "./accounts";
import { createAdmin, type EmulatorAdmin } from "./admin";
import { handleAdminRequest } from "./admin-http";
import { answerApi, bearerToken, resolveRoute } from "./api-routes";
import { Counters } from "./counters";
import type { ApiContext } from "./envelope";
import type { FaultTarget } from "./fault-options";
import { BodyTooLargeError, mediaType, readBody, sendJson, sendText, sleep, type JsonAnswer } from "./http-util";
import { chooseLogger, formatLogLine, type Logger } from "./log";
import { malformedBody } from "./malformed";
import { handleTokenRequest, namedClient, type TokenRequest } from "./oauth";
import { resolveEmulatorOptions, type EmulatorOptions, type ResolvedEmulatorOptions } from "./options";

/** One account of a running emulator as its clients see it: the endpoints, its credentials and its admin handle. */
export interface EmulatorAccount {
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
  /**
   * In-process handle to the same state as the admin API: of a running emulator, `/_admin` (the primary account,
   * with the server's counters); of one of its accounts, `/_admin/accounts/{clientId}` (that account's counters).
   */
  admin: EmulatorAdmin;
}

/** A running emulator; its own credentials and admin handle are its primary account's. */
export interface RunningEmulator extends EmulatorAccount {
  /** Every account served, the primary first (one unless the `accounts` option adds more). */
  readonly accounts: readonly EmulatorAccount[];
  /** The account of a client id; throws naming the known ones when there is none. */
  account(clientId: string): EmulatorAccount;
  /**
   * Stops listening, drops open (and stalled) connections and saves the state file for the last time: requests
   * that finish later change nothing on disk. Idempotent.
   */
  stop(): Promise<void>;
}

/** Everything a request handler needs. */
interface Emulator extends Omit<ApiContext, "store" | "tokens"> {
  options: ResolvedEmulatorOptions;
  accounts: AccountRegistry;
  counters: Counters;
  admin: EmulatorAdmin;
  logger?: Logger;
}

/** The URL clients should use for a listening address (wildcard and loopback hosts become 127.0.0.1). */
function baseUrl(host: string, port: number): string {
  if (["127.0.0.1", "0.0.0.0", "::", "localhost"].includes(host)) return `http://127.0.0.1:${port}`;
  return host.includes(":") ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}

/**
 * Where a request is decided and counted: its account's faults and counters, or for a request of no account, the
 * primary's faults and the server's counters.
 */
type Tally = Pick<Account, "faults" | "counters">;

/** The {@link Tally} of a request of `account` (undefined: of no account). */
function tallyOf(emu: Emulator, account: Account | undefined): Tally {
  return account ?? { faults: emu.accounts.primary.faults, counters: emu.counters };
}

/** Sends an answer decided before or instead of the handler: a fault verdict, or the handler's JSON. */
async function serveWithFaults(
  { faults, counters }: Tally,
  target: FaultTarget,
  req: IncomingMessage,
  res: ServerResponse,
  answer: () => Promise<JsonAnswer>,
): Promise<string> {
  await sleep(faults.latencyFor(target));
  const verdict = faults.decide(target);
  switch (verdict.kind) {
    case "reset":
      req.socket.resetAndDestroy();
      return "reset";
    case "stall": {
      const at = performance.now();
      req.socket.once("close", () => counters.recordStall(target, performance.now() - at));
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
  counters.recordHandled(target, result.status);
  if (verdict.kind === "lose-answer") {
    req.socket.resetAndDestroy(); // the handler ran (a write is applied); its answer never leaves
    return "lost";
  }
  sendJson(res, result);
  return String(result.status);
}

/**
 * Reads a token request before the faults (it is small), so it counts in the account it names from its arrival.
 * A body too large is answered 413 after the faults, as before.
 */
async function readTokenRequest(req: IncomingMessage): Promise<TokenRequest | BodyTooLargeError> {
  try {
    const body = await readBody(req);
    return { method: req.method ?? "", mediaType: mediaType(req), authorization: req.headers.authorization, body };
  } catch (err) {
    if (err instanceof BodyTooLargeError) return err;
    throw err;
  }
}

/** Serves `POST /oauth2/token` in the account whose client id it names (the server's counters alone if none). */
async function serveToken(emu: Emulator, req: IncomingMessage, res: ServerResponse): Promise<string> {
  const tokenRequest = await readTokenRequest(req);
  const clients = emu.accounts.all;
  const account = tokenRequest instanceof BodyTooLargeError ? undefined : namedClient(tokenRequest, clients);
  const tally = tallyOf(emu, account);
  tally.counters.recordArrival("token");
  const outcome = await serveWithFaults(tally, "token", req, res, async () => {
    if (tokenRequest instanceof BodyTooLargeError) throw tokenRequest;
    return handleTokenRequest(tokenRequest, clients);
  });
  tally.counters.recordToken(outcome);
  return outcome;
}

/** Serves a `/v1` request in the account whose token it carries (unauthorized if none, or if it expired). */
async function serveApi(emu: Emulator, req: IncomingMessage, res: ServerResponse, path: string): Promise<string> {
  const route = path.startsWith("/v1/")
    ? resolveRoute(req.method ?? "", path.slice(3), emu.dialect)
    : { name: "unknown" as const };
  const account = emu.accounts.byToken(bearerToken(req));
  const tally = tallyOf(emu, account);
  // A token no account issued is checked against the primary's tokens, where it is not valid either.
  const { store, tokens } = account ?? emu.accounts.primary;
  tally.counters.recordArrival(route.name);
  const outcome = await serveWithFaults(tally, route.name, req, res, () =>
    answerApi({ ...emu, store, tokens }, route, req),
  );
  tally.counters.recordApi(route.name, outcome);
  return outcome;
}

/** Routes one request, then counts and logs it. */
async function dispatch(emu: Emulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const url = req.url ?? "/";
  const path = url.split("?")[0];
  const method = req.method ?? "";
  let outcome: string;
  if (path === "/_admin" || path.startsWith("/_admin/")) {
    outcome = await handleAdminRequest(emu.admin, req, res, path, emu.accounts);
  } else if (path === "/oauth2/token") {
    outcome = await serveToken(emu, req, res);
  } else {
    outcome = await serveApi(emu, req, res, path);
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
  const counters = new Counters();
  const shared = { counters, tokenTtlSeconds: resolved.tokenTtlSeconds, startedAt: Date.now() };
  const accounts = new AccountRegistry(resolved.accounts, shared);
  // The default admin API is the primary account's, with the server's counters (every account's requests).
  const admin = createAdmin({ ...accounts.primary, ...shared });
  const emu: Emulator = {
    options: resolved,
    accounts,
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
  const endpoints = { url, authUrl: `${url}/oauth2/token`, apiUrl: `${url}/v1`, port };
  const views = accounts.all.map((account) => accountView(endpoints, account, account.admin));
  let stopping: Promise<void> | undefined;
  // Assigned onto the view, not spread: a spread would freeze the clientSecret getter at its first value.
  return Object.assign(accountView(endpoints, accounts.primary, admin), {
    accounts: views,
    account(clientId: string): EmulatorAccount {
      const view = views.find((v) => v.clientId === clientId);
      if (view) return view;
      throw new Error(`No account ${clientId} in this emulator (accounts: ${views.map((v) => v.clientId).join(", ")})`);
    },
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => accounts.close());
      return stopping;
    },
  });
}

/** One account as its clients see it; `clientSecret` follows rotations through the admin API. */
function accountView(
  endpoints: Pick<EmulatorAccount, "url" | "authUrl" | "apiUrl" | "port">,
  account: Account,
  admin: EmulatorAdmin,
): EmulatorAccount {
  const { credentials } = account;
  return {
    ...endpoints,
    clientId: credentials.clientId,
    get clientSecret() {
      return credentials.clientSecret;
    },
    admin,
  };
}
