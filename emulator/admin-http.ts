/**
 * The admin API over HTTP under `/_admin`, serving the same {@link EmulatorAdmin} handle as in-process tests:
 * the primary account's (with the server's counters) at `/_admin/…`, and each account's own (with its own
 * counters) at `/_admin/accounts/{clientId}/…`, listed by `GET /_admin/accounts`.
 * Only loopback clients naming a loopback `Host` are served, and a request that changes state must be JSON (see
 * {@link adminRefusal}); there is no other authentication. Answers are plain JSON (no Hapn envelope); errors are
 * `{"message": …}`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AccountSummary } from "./accounts";
import { AdminError, type EmulatorAdmin } from "./admin";
import { adminRefusal } from "./admin-guard";
import { BodyTooLargeError, parseRequestJson, readBody, sendJson } from "./http-util";

/** One admin route: method, path pattern (captures are arguments) and what it does. */
interface AdminRoute {
  method: string;
  pattern: RegExp;
  run(admin: EmulatorAdmin, args: string[], body: unknown): unknown;
}

const IMEI = "/_admin/devices/([^/]+)";
const BOUNDARY = "/_admin/boundaries/(\\d+)";
const route = (method: string, path: string, run: AdminRoute["run"]): AdminRoute => ({
  method,
  pattern: new RegExp(`^${path}$`),
  run,
});

/** Every admin route. */
const ADMIN_ROUTES: AdminRoute[] = [
  route("GET", "/_admin/health", (a) => a.health()),
  route("GET", "/_admin/devices", (a) => ({ items: a.listDevices() })),
  route("POST", "/_admin/devices", (a, _, body) => a.addDevice(body as never)),
  route("GET", IMEI, (a, [imei]) => {
    const device = a.getDevice(imei);
    if (!device) throw new AdminError(404, `Device ${imei} not found`);
    return device;
  }),
  route("PATCH", IMEI, (a, [imei], body) => a.editDevice(imei, body as never)),
  route("DELETE", IMEI, (a, [imei]) => {
    a.removeDevice(imei);
    return { removed: imei };
  }),
  route("GET", "/_admin/boundaries", (a) => ({ items: a.listBoundaries() })),
  route("POST", "/_admin/boundaries", (a, _, body) => a.addBoundary(body as never)),
  route("GET", BOUNDARY, (a, [id]) => {
    const boundary = a.getBoundary(Number(id));
    if (!boundary) throw new AdminError(404, `Boundary ${id} not found`);
    return boundary;
  }),
  route("PATCH", BOUNDARY, (a, [id], body) => a.editBoundary(Number(id), body as never)),
  route("DELETE", BOUNDARY, (a, [id]) => {
    a.removeBoundary(Number(id));
    return { removed: Number(id) };
  }),
  route("POST", "/_admin/tokens/expire", (a) => ({ expired: a.expireTokens() })),
  route("PUT", "/_admin/credentials", (a, _, body) => {
    a.rotateClientSecret((body as { clientSecret?: unknown } | undefined)?.clientSecret as string);
    return { rotated: true };
  }),
  route("GET", "/_admin/faults", (a) => a.getFaults()),
  route("PUT", "/_admin/faults", (a, _, body) => a.setFaults((body ?? {}) as never)),
  route("PATCH", "/_admin/faults", (a, _, body) => a.updateFaults((body ?? {}) as never)),
  route("GET", "/_admin/counters", (a) => a.counters()),
  route("POST", "/_admin/counters/reset", (a) => {
    a.resetCounters();
    return a.counters();
  }),
];

/** The accounts the admin API can address by client id. */
export interface AdminAccounts {
  summaries(): AccountSummary[];
  byClientId(clientId: string): { admin: EmulatorAdmin } | undefined;
}

const ACCOUNT_PATH = /^\/_admin\/accounts\/([^/]+)(\/.*)?$/;

/** Runs the matching admin route and returns its answer (status and body). */
async function answerAdmin(admin: EmulatorAdmin, req: IncomingMessage, path: string, accounts?: AdminAccounts) {
  const refusal = adminRefusal(req);
  if (refusal) return refusal;
  if (accounts && path === "/_admin/accounts") {
    return req.method === "GET"
      ? { status: 200, body: { items: accounts.summaries() } }
      : { status: 405, body: { message: "Only GET lists the accounts" }, headers: { allow: "GET" } };
  }
  const inAccount = accounts ? ACCOUNT_PATH.exec(path) : null;
  if (inAccount) {
    let clientId: string;
    try {
      clientId = decodeURIComponent(inAccount[1]);
    } catch (err) {
      return { status: 400, body: { message: (err as Error).message } };
    }
    const account = accounts?.byClientId(clientId);
    if (!account) return { status: 404, body: { message: `Account ${clientId} not found` } };
    return answerAdmin(account.admin, req, `/_admin${inAccount[2] ?? ""}`);
  }
  for (const r of ADMIN_ROUTES) {
    const m = r.method === req.method ? r.pattern.exec(path) : null;
    if (!m) continue;
    try {
      const body = req.method === "GET" || req.method === "DELETE" ? undefined : parseRequestJson(await readBody(req));
      return { status: 200, body: r.run(admin, m.slice(1).map(decodeURIComponent), body) };
    } catch (err) {
      if (err instanceof AdminError) return { status: err.status, body: { message: err.message } };
      if (err instanceof SyntaxError || err instanceof URIError) return { status: 400, body: { message: err.message } };
      if (err instanceof BodyTooLargeError) return { status: 413, body: { message: err.message } };
      throw err;
    }
  }
  return { status: 404, body: { message: "Not Found" } };
}

/** Serves one `/_admin` request; returns its status for the log. */
export async function handleAdminRequest(
  admin: EmulatorAdmin,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  accounts?: AdminAccounts,
): Promise<string> {
  const answer = await answerAdmin(admin, req, path, accounts);
  sendJson(res, answer);
  return String(answer.status);
}
