/**
 * The checks of the API contract that can be made without changing anything (docs/api-guesses.md, one per
 * checkable row): shared by `hapn-probe` and the conformance suite (test/conformance). Each check compares what the
 * endpoint answers with what the provider assumes under its current settings (our guesses, or the `hapn:*`
 * overrides), and when they differ names the override that adapts the provider.
 */
import { dialectRoute, routePath, type ApiDialect, type RouteName } from "../../provider/api-model";
import type { ProbeAnswer, ProbeHttp } from "./http";

/** How an answer compares with the assumption. */
export type Verdict = "matches" | "differs" | "could not tell";

/** Overrides a check suggests, by setting name (`routes` entries are joined with `;`). */
export interface Suggestion {
  routes?: string;
  pageParams?: string;
  listEnvelope?: string;
}

/** One row of the probe's table. */
export interface CheckResult {
  id: string;
  assumption: string;
  answer: string;
  verdict: Verdict;
  /** The setting that adapts the provider when the verdict is "differs" (or why none is needed). */
  setting: string;
  suggest?: Suggestion;
}

/** What the checks learn from each other's answers (e.g. an IMEI from the list). */
export interface ProbeFacts {
  /** Items of the first device page, when the list could be read. */
  devices?: { imei: string }[];
  /** `result.nextToken` of that page. */
  nextToken?: string;
  /** The device list came as a bare array, though the envelope was assumed. */
  bareList?: boolean;
}

/** What a check runs with. */
export interface CheckContext {
  http: ProbeHttp;
  dialect: ApiDialect;
  facts: ProbeFacts;
}

/** One check: its id, at most how many requests it sends, and how it runs. */
export interface Check {
  id: string;
  maxRequests: number;
  run(ctx: CheckContext): Promise<CheckResult>;
}

/** Page-size parameter names tried when the assumed one is ignored. */
export const LIMIT_CANDIDATES = ["limit", "pageSize", "page_size", "per_page", "maxResults"];
/** Next-page parameter names tried when the assumed one is ignored. */
export const NEXT_CANDIDATES = ["nextToken", "cursor", "next_token", "pageToken", "startKey"];
/** An IMEI no account has (15 zeros, a valid Luhn check digit), for requests that must change nothing. */
export const ABSENT_IMEI = "000000000000000";
/** A boundary id no account has, for the same purpose. */
export const ABSENT_BOUNDARY_ID = 999_999_999_999_999;

type JsonObject = Record<string, unknown>;
const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** True for a gateway's "no such route" (an HTTP API's 404 or a REST API's 403), never an application envelope. */
export function isUnknownRouteAnswer(answer: ProbeAnswer): boolean {
  if (answer.errorType === "MissingAuthenticationTokenException") return true;
  const json = answer.json;
  if (isObject(json) && "success" in json) return false;
  return answer.status === 404 || (answer.status === 403 && isObject(json) && json.message !== "Forbidden");
}

/** A short, secret-free description of an answer for the table. */
export function describeAnswer(answer: ProbeAnswer): string {
  const json = answer.json;
  let shape: string;
  if (Array.isArray(json)) shape = `a bare JSON array of ${json.length}`;
  else if (!isObject(json)) shape = json === undefined ? "no JSON body" : `JSON ${typeof json}`;
  else if ("success" in json) {
    const message = typeof json.message === "string" ? ` "${json.message.slice(0, 80)}"` : "";
    shape = `envelope success:${String(json.success)}${message}`;
  } else shape = `${JSON.stringify(json).slice(0, 80)}`;
  return `${answer.status} ${shape}`;
}

/** The method and path of a route in the context's dialect, filled with `params`. */
function target(ctx: CheckContext, name: RouteName, params: Record<string, string | number> = {}) {
  const route = dialectRoute(ctx.dialect, name);
  return { method: route.method, path: routePath(name, params, route.path), label: `${route.method} ${route.path}` };
}

/** The items of a list answer in the envelope the dialect assumes, or undefined. */
function listItems(answer: ProbeAnswer, envelope: ApiDialect["listEnvelope"]): unknown[] | undefined {
  if (answer.status !== 200) return undefined;
  if (envelope === "none") return Array.isArray(answer.json) ? answer.json : undefined;
  const result = isObject(answer.json) && answer.json.success === true ? answer.json.result : undefined;
  return isObject(result) && Array.isArray(result.items) ? result.items : undefined;
}

const imeiOf = (item: unknown) => (isObject(item) ? String(item.imei) : "");

/** The answer of one list page with `query` parameters. */
function listPage(ctx: CheckContext, name: RouteName, query: Record<string, string | number>) {
  const { method, path } = target(ctx, name);
  return ctx.http.request(method, `${path}?${new URLSearchParams(query as Record<string, string>).toString()}`);
}

/** A list route exists and answers in the assumed envelope; for devices, remembers the first page. */
function listCheck(id: string, name: "listDevices" | "listBoundaries"): Check {
  return {
    id,
    maxRequests: 1,
    async run(ctx) {
      const { dialect } = ctx;
      const { label } = target(ctx, name);
      const assumption =
        dialect.listEnvelope === "result"
          ? `${label} answers {success, result: {items, nextToken}}`
          : `${label} answers a bare JSON array`;
      const answer = await listPage(ctx, name, { [dialect.pageParams.limit]: 1 });
      const base = { id, assumption, answer: describeAnswer(answer) };
      const other = dialect.listEnvelope === "result" ? "none" : "result";
      const items = listItems(answer, dialect.listEnvelope) ?? listItems(answer, other);
      if (items !== undefined && name === "listDevices") {
        // later checks read a device from the list even when its envelope differs from the assumed one
        ctx.facts.devices = items.map((item) => ({ imei: imeiOf(item) }));
        const result = isObject(answer.json) ? answer.json.result : undefined;
        const next = isObject(result) ? result.nextToken : undefined;
        if (typeof next === "string") ctx.facts.nextToken = next;
        ctx.facts.bareList = Array.isArray(answer.json) && dialect.listEnvelope === "result";
      }
      if (listItems(answer, dialect.listEnvelope) !== undefined) {
        return { ...base, verdict: "matches", setting: "hapn:listEnvelope" };
      }
      if (isUnknownRouteAnswer(answer)) {
        return { ...base, verdict: "differs", setting: `hapn:routes ${name}=GET <path>` };
      }
      if (items !== undefined) {
        return { ...base, verdict: "differs", setting: `hapn:listEnvelope ${other}`, suggest: { listEnvelope: other } };
      }
      return { ...base, verdict: answer.status === 200 ? "differs" : "could not tell", setting: "none (report it)" };
    },
  };
}

/** The first parameter name of `candidates` (assumed one first) for which `works` is true, at one request each. */
async function firstWorking(
  candidates: string[],
  assumed: string,
  works: (name: string) => Promise<boolean>,
): Promise<string | undefined> {
  for (const name of [assumed, ...candidates.filter((c) => c !== assumed)]) if (await works(name)) return name;
  return undefined;
}

/** The page-size and next-page parameter names: the assumed ones, or the first common alternatives that work. */
const paginationCheck: Check = {
  id: "pagination",
  // every page-size candidate, then the assumed next-page name and every candidate (when the assumed is none of them)
  maxRequests: LIMIT_CANDIDATES.length + 1 + NEXT_CANDIDATES.length,
  async run(ctx) {
    const { pageParams, listEnvelope } = ctx.dialect;
    const assumption = `GET /devices pages by ?${pageParams.limit}=&${pageParams.nextToken}=`;
    const base = { id: "pagination", assumption, setting: "hapn:pageParams" };
    const first = ctx.facts.devices;
    if (listEnvelope === "none") return { ...base, answer: "lists are not paginated", verdict: "matches" };
    if (ctx.facts.bareList)
      return { ...base, answer: "lists are a bare array, without pages", verdict: "could not tell" };
    if (first === undefined) return { ...base, answer: "the device list could not be read", verdict: "could not tell" };
    if (first.length === 0) return { ...base, answer: "the account has no devices", verdict: "could not tell" };
    let page1 = first;
    let nextToken = ctx.facts.nextToken;
    const limitName =
      first.length === 1
        ? pageParams.limit
        : await firstWorking(LIMIT_CANDIDATES, pageParams.limit, async (name) => {
            if (name === pageParams.limit) return false; // already asked: it returned more than one item
            const answer = await listPage(ctx, "listDevices", { [name]: 1 });
            const items = listItems(answer, "result");
            if (items?.length !== 1) return false;
            page1 = items.map((item) => ({ imei: imeiOf(item) }));
            const result = isObject(answer.json) ? answer.json.result : undefined;
            nextToken = isObject(result) && typeof result.nextToken === "string" ? result.nextToken : undefined;
            return true;
          });
    if (limitName === undefined) {
      const tried = LIMIT_CANDIDATES.join(", ");
      return { ...base, answer: `no page-size parameter among ${tried} was honoured`, verdict: "differs" };
    }
    if (nextToken === undefined) {
      const answer = `page size ?${limitName}= honoured; one device only, so the next-page name is untested`;
      return limitName === pageParams.limit
        ? { ...base, answer, verdict: "could not tell" }
        : { ...base, answer, verdict: "differs", suggest: { pageParams: `${limitName},${pageParams.nextToken}` } };
    }
    const token = nextToken;
    const nextName = await firstWorking(NEXT_CANDIDATES, pageParams.nextToken, async (name) => {
      const items = listItems(await listPage(ctx, "listDevices", { [limitName]: 1, [name]: token }), "result");
      return items !== undefined && items.length === 1 && imeiOf(items[0]) !== page1[0].imei;
    });
    const found = `${limitName},${nextName ?? "?"}`;
    const answer = `pages by ?${limitName}=&${nextName ?? "(no candidate worked)"}=`;
    if (found === `${pageParams.limit},${pageParams.nextToken}`) return { ...base, answer, verdict: "matches" };
    return { ...base, answer, verdict: "differs", ...(nextName && { suggest: { pageParams: found } }) };
  },
};

/** A GET of one device's route answers the envelope with a result. */
function deviceReadCheck(id: string, name: "getDevice" | "getDeviceStatus"): Check {
  return {
    id,
    maxRequests: 1,
    async run(ctx) {
      const imei = ctx.facts.devices?.[0]?.imei;
      const { method, path, label } = target(ctx, name, { imei: imei ?? "{imei}" });
      const assumption = `${label} answers {success: true, result: {…}}`;
      if (!imei)
        return { id, assumption, answer: "no device to read", verdict: "could not tell", setting: "hapn:routes" };
      const answer = await ctx.http.request(method, path);
      const base = { id, assumption, answer: describeAnswer(answer) };
      if (answer.status === 200 && isObject(answer.json) && isObject(answer.json.result)) {
        return { ...base, verdict: "matches", setting: "hapn:routes" };
      }
      const unknown = isUnknownRouteAnswer(answer);
      return { ...base, verdict: "differs", setting: unknown ? `hapn:routes ${name}=GET <path>` : "none (report it)" };
    },
  };
}

/** An unknown IMEI is a 404 in the application envelope (the only answer the client reads as "no such device"). */
const unknownDeviceCheck: Check = {
  id: "unknown-device",
  maxRequests: 1,
  async run(ctx) {
    const { method, path, label } = target(ctx, "getDevice", { imei: ABSENT_IMEI });
    const answer = await ctx.http.request(method, path);
    const matches = answer.status === 404 && isObject(answer.json) && answer.json.success === false;
    return {
      id: "unknown-device",
      assumption: `${label} for an unknown IMEI answers 404 {success: false, message}`,
      answer: describeAnswer(answer),
      verdict: matches ? "matches" : "differs",
      setting: matches ? "none" : "none (report it: the provider would not see a device as gone)",
    };
  },
};

/** An unknown route: an AWS HTTP API's 404, or a REST API's 403 (both read as HAPN_ROUTE_NOT_FOUND). */
const unknownRouteCheck: Check = {
  id: "unknown-route",
  maxRequests: 1,
  async run(ctx) {
    const answer = await ctx.http.request("GET", "/hapn-probe/no-such-route");
    const notFound = answer.status === 404 && isObject(answer.json) && !("success" in answer.json);
    return {
      id: "unknown-route",
      assumption: 'an unknown route answers 404 {"message":"Not Found"}',
      answer: describeAnswer(answer),
      verdict: notFound ? "matches" : isUnknownRouteAnswer(answer) ? "differs" : "could not tell",
      setting: "none needed: the client reads 404 and 403 Missing Authentication Token alike",
    };
  },
};

/**
 * A write route exists: the request names an object no account has and sends `{}`, so it changes nothing, and any
 * answer in the application envelope (404 not found, 400 bad body) proves the route; a gateway's "no such route"
 * disproves it and suggests the other update method.
 */
function writeRouteCheck(id: string, name: "updateDevice" | "updateBoundary" | "deleteBoundary"): Check {
  return {
    id,
    maxRequests: 1,
    async run(ctx) {
      const params: Record<string, string | number> =
        name === "updateDevice" ? { imei: ABSENT_IMEI } : { boundaryId: ABSENT_BOUNDARY_ID };
      const { method, path, label } = target(ctx, name, params);
      const answer = await ctx.http.request(method, path, method === "DELETE" ? undefined : {});
      const base = { id, assumption: `${label} is a route`, answer: describeAnswer(answer) };
      if (!isUnknownRouteAnswer(answer)) {
        const inEnvelope = isObject(answer.json) && "success" in answer.json;
        return { ...base, verdict: inEnvelope ? "matches" : "could not tell", setting: "hapn:routes" };
      }
      if (name === "deleteBoundary") {
        return { ...base, verdict: "differs", setting: 'Boundary deletePolicy: "retain" (no delete upstream)' };
      }
      const other = method === "PATCH" ? "PUT" : "PATCH";
      const override = `${name}=${other}`;
      return {
        ...base,
        verdict: "differs",
        setting: `hapn:routes ${override} (likely)`,
        suggest: { routes: override },
      };
    },
  };
}

/** Every read-only check, in the order they run (the list check first: later ones use what it found). */
export const CHECKS: readonly Check[] = [
  listCheck("list-devices", "listDevices"),
  paginationCheck,
  deviceReadCheck("get-device", "getDevice"),
  deviceReadCheck("device-status", "getDeviceStatus"),
  unknownDeviceCheck,
  unknownRouteCheck,
  listCheck("list-boundaries", "listBoundaries"),
  writeRouteCheck("update-device-route", "updateDevice"),
  writeRouteCheck("update-boundary-route", "updateBoundary"),
  writeRouteCheck("delete-boundary-route", "deleteBoundary"),
];

/** Requests of the token check and of every read-only check at most: the bound `hapn-probe --help` states. */
export const READ_ONLY_MAX_REQUESTS = 1 + CHECKS.reduce((sum, check) => sum + check.maxRequests, 0);
