/**
 * The `/v1` API: resolves a path to a route by iterating {@link ROUTES} with {@link matchRoute} (so the emulator
 * serves exactly the routes the client calls), checks the bearer token, parses the body and runs the handler.
 */
import type { IncomingMessage } from "node:http";
import { dialectRoute, matchRoute, ROUTES, type ApiDialect, type RouteName } from "../provider/api-model";
import * as boundaries from "./boundaries-api";
import * as devices from "./devices-api";
import { failure, type ApiContext, type ApiHandler } from "./envelope";
import { parseRequestJson, readBody, type JsonAnswer } from "./http-util";

/** A request path resolved against the routes table. */
export type ResolvedRoute = { name: RouteName; params: Record<string, string> } | { name: "unknown" };

/** One handler per route; the type makes a new entry in ROUTES a compile error until the emulator serves it. */
const HANDLERS: { [K in RouteName]: ApiHandler } = {
  listDevices: devices.listDevices,
  getDevice: devices.getDevice,
  updateDevice: devices.updateDevice,
  getDeviceStatus: devices.getDeviceStatus,
  listBoundaries: boundaries.listBoundaries,
  createBoundary: boundaries.createBoundary,
  updateBoundary: boundaries.updateBoundary,
  deleteBoundary: boundaries.deleteBoundary,
};

/**
 * Finds the route for a method and a path relative to `/v1` (e.g. `/devices/123`), or "unknown", in the routes
 * of `dialect` (the variant served; our guesses by default).
 */
export function resolveRoute(method: string, path: string, dialect?: ApiDialect): ResolvedRoute {
  for (const name of Object.keys(ROUTES) as RouteName[]) {
    const route = dialect ? dialectRoute(dialect, name) : ROUTES[name];
    if (route.method !== method) continue;
    let params: Record<string, string> | undefined;
    try {
      params = matchRoute(name, path, route.path);
    } catch {
      continue; // a malformed %-escape in the path matches nothing
    }
    if (params) return { name, params };
  }
  return { name: "unknown" };
}

/** The gateway's answer to a missing, unknown or expired token: 401 by default, or 403 when configured. */
export function unauthorized(status: 401 | 403): JsonAnswer {
  return { status, body: { message: status === 401 ? "Unauthorized" : "Forbidden" } };
}

/**
 * The gateway's answer to a route it does not know, checked before the token: an AWS HTTP API's 404, or a REST
 * API's 403 "Missing Authentication Token" (sent even to a request with a valid token).
 */
export function unknownRoute(status: 404 | 403): JsonAnswer {
  return status === 404
    ? { status, body: { message: "Not Found" } }
    : {
        status,
        body: { message: "Missing Authentication Token" },
        headers: { "x-amzn-ErrorType": "MissingAuthenticationTokenException" },
      };
}

/** The bearer token of a request, or undefined. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  return m?.[1];
}

/** Answers one `/v1` request that has passed the fault engine. */
export async function answerApi(ctx: ApiContext, route: ResolvedRoute, req: IncomingMessage): Promise<JsonAnswer> {
  if (route.name === "unknown") return unknownRoute(ctx.unknownRouteStatus);
  const token = bearerToken(req);
  if (token === undefined || !ctx.tokens.isValid(token)) return unauthorized(ctx.unauthorizedStatus);
  let body: unknown;
  const { method } = dialectRoute(ctx.dialect, route.name);
  if (method !== "GET" && method !== "DELETE") {
    try {
      body = parseRequestJson(await readBody(req));
    } catch (err) {
      if (err instanceof SyntaxError) return failure(400, "Request body is not valid JSON");
      throw err;
    }
  }
  const query = new URLSearchParams((req.url ?? "").split("?")[1] ?? "");
  return HANDLERS[route.name](ctx, { params: route.params, query, body });
}
