/**
 * The answers an endpoint may give to the open questions of docs/api-guesses.md, as data: a route's method and
 * path, the names of the pagination parameters, the page size and whether lists come in the envelope. The client
 * speaks a dialect (set by `hapn:*` overrides, so a wrong guess is fixed without a release) and the emulator can
 * serve one (so the overrides and `hapn-probe` are tested against each alternative). Our guesses are
 * {@link DEFAULT_DIALECT}.
 */
import { ROUTES, type Route, type RouteName } from "./routes";

/** A route's method and path template as an endpoint really serves them. */
export interface RouteOverride {
  readonly method: Route["method"];
  readonly path: string;
}

/** How an endpoint answers the open questions; see the module docs. */
export interface ApiDialect {
  /** Routes whose method or path differ from {@link ROUTES}. */
  readonly routes: Partial<Record<RouteName, RouteOverride>>;
  /** Query parameter names of the page size and of the next-page token. */
  readonly pageParams: { readonly limit: string; readonly nextToken: string };
  /** Page size the client asks for. */
  readonly pageSize: number;
  /** `result`: `{success, message, result: {items, nextToken}}`; `none`: the body is the bare array of items. */
  readonly listEnvelope: "result" | "none";
}

/** Our guesses (docs/api-guesses.md). */
export const DEFAULT_DIALECT: ApiDialect = {
  routes: {},
  pageParams: { limit: "limit", nextToken: "nextToken" },
  pageSize: 100,
  listEnvelope: "result",
};

/** Largest page size a dialect may ask for (the largest `limit` seen to work, docs/api-guesses.md, Pagination). */
export const MAX_PAGE_SIZE = 1000;

/** The method and path template of a route in a dialect. */
export function dialectRoute(dialect: ApiDialect, name: RouteName): RouteOverride {
  return dialect.routes[name] ?? ROUTES[name];
}

/** The `{param}` names of a path template, sorted. */
export function templateParams(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

/** A parsed override, or what is wrong with it (the text a setting's error message quotes). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

const good = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(problem: string): Parsed<T> => ({ ok: false, problem });

const METHODS: readonly Route["method"][] = ["GET", "POST", "PATCH", "PUT", "DELETE"];

/**
 * Parses route overrides written `name=METHOD /path/{param}` (path optional: the guessed one stays), several
 * separated by `;`. Says what is wrong and what is accepted when it is not.
 */
export function parseRouteOverrides(text: string): Parsed<Partial<Record<RouteName, RouteOverride>>> {
  const routes: Partial<Record<RouteName, RouteOverride>> = {};
  for (const item of text
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(\w+)\s*=\s*([A-Za-z]+)(?:\s+(\S+))?$/.exec(item);
    if (!m) return bad(`"${item}" is not of the form name=METHOD /path (e.g. updateDevice=PUT /devices/{imei})`);
    const [, name, rawMethod, rawPath] = m;
    if (!(name in ROUTES)) return bad(`"${name}" is not a route; routes: ${Object.keys(ROUTES).join(", ")}`);
    const route = ROUTES[name as RouteName];
    const method = rawMethod.toUpperCase() as Route["method"];
    if (!METHODS.includes(method)) return bad(`"${rawMethod}" is not a method; methods: ${METHODS.join(", ")}`);
    const path = rawPath ?? route.path;
    if (!/^(\/[\w.~-]+|\/\{\w+\})+$/.test(path)) return bad(`"${path}" is not a path template like ${route.path}`);
    const want = templateParams(route.path).join(",");
    if (templateParams(path).join(",") !== want) {
      return bad(`the path of ${name} must have the parameters {${want || "none"}} (got "${path}")`);
    }
    routes[name as RouteName] = { method, path };
  }
  return good(routes);
}

/** Writes route overrides back in the form {@link parseRouteOverrides} reads. */
export function formatRouteOverrides(routes: ApiDialect["routes"]): string {
  return Object.entries(routes)
    .map(([name, r]) => `${name}=${r.method} ${r.path}`)
    .join(";");
}

/** Parses pagination parameter names written `LIMIT,NEXTTOKEN`, or returns what is wrong. */
export function parsePageParams(text: string): Parsed<ApiDialect["pageParams"]> {
  const m = /^\s*([A-Za-z_][\w.-]*)\s*,\s*([A-Za-z_][\w.-]*)\s*$/.exec(text);
  if (!m || m[1] === m[2]) return bad(`"${text}" is not two different query parameter names like limit,nextToken`);
  return good({ limit: m[1], nextToken: m[2] });
}

/** Parses a page size, or returns what is wrong. */
export function parsePageSize(text: string): Parsed<number> {
  const n = /^\d{1,7}$/.test(text.trim()) ? Number(text) : NaN;
  return n >= 1 && n <= MAX_PAGE_SIZE ? good(n) : bad(`"${text}" is not an integer from 1 to ${MAX_PAGE_SIZE}`);
}

/** Parses the list envelope setting, or returns what is wrong. */
export function parseListEnvelope(text: string): Parsed<ApiDialect["listEnvelope"]> {
  const value = text.trim().toLowerCase();
  return value === "result" || value === "none" ? good(value) : bad(`"${text}" is not "result" or "none"`);
}
