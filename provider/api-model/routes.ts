/**
 * The single table of Hapn API routes. Many paths and methods are not documented (see docs/api-guesses.md and
 * docs/hapn-api-notes.md); every guess lives here, and the emulator serves exactly these routes, so a wrong
 * guess is fixed in one place for both.
 */

/** How sure we are of a route, in the tags of docs/hapn-api-notes.md. */
export type RouteConfidence = "documented" | "seen-live" | "guess";

/** One API operation: method, path template (`{param}` segments) and how sure we are of it. */
export interface Route {
  readonly method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  readonly path: string;
  readonly confidence: RouteConfidence;
  readonly note: string;
}

/** Every route the client calls and the emulator serves, relative to the API base (`…/v1`). */
export const ROUTES = {
  listDevices: {
    method: "GET",
    path: "/devices",
    confidence: "documented",
    note: "Path documented; pagination by limit + nextToken and result.nextToken are guesses.",
  },
  getDevice: {
    method: "GET",
    path: "/devices/{imei}",
    confidence: "guess",
    note: "Single-device result shape is documented; the path and 404 for an unknown IMEI are guesses.",
  },
  updateDevice: {
    method: "PATCH",
    path: "/devices/{imei}",
    confidence: "guess",
    note: "No update endpoint is documented. PATCH with name/description/color/icon is our guess.",
  },
  getDeviceStatus: {
    method: "GET",
    path: "/devices/{imei}/status",
    confidence: "seen-live",
    note: "Checked against the live API by public code; numbers arrive as strings.",
  },
  listBoundaries: {
    method: "GET",
    path: "/boundaries",
    confidence: "documented",
    note: "Path documented; pagination is a guess.",
  },
  createBoundary: {
    method: "POST",
    path: "/boundaries",
    confidence: "guess",
    note: "Operation documented, path and body field names guessed.",
  },
  updateBoundary: {
    method: "PATCH",
    path: "/boundaries/{boundaryId}",
    confidence: "guess",
    note: "Operation documented, method and path guessed.",
  },
  deleteBoundary: {
    method: "DELETE",
    path: "/boundaries/{boundaryId}",
    confidence: "guess",
    note: "Not documented at all; may not exist upstream.",
  },
} as const satisfies Record<string, Route>;

/** The name of one operation in {@link ROUTES}. */
export type RouteName = keyof typeof ROUTES;

/** Default base URLs of the live service. */
export const DEFAULT_API_URL = "https://api.iotgps.io/v1";
/** Default OAuth2 token endpoint of the live service. */
export const DEFAULT_AUTH_URL = "https://auth.usehapn.com/oauth2/token";

/**
 * Fills a route's `{param}` segments, URL-encoding each value, so callers never build paths by hand.
 * Throws if a parameter is missing, which is a programming error. `template` is a dialect's path for the route.
 */
export function routePath(
  name: RouteName,
  params: Record<string, string | number> = {},
  template: string = ROUTES[name].path,
): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`route ${name}: missing path parameter "${key}"`);
    return encodeURIComponent(String(value));
  });
}

/**
 * Matches a concrete path against a route template; returns its parameters or undefined. Used by the emulator so
 * that it serves exactly the paths in {@link ROUTES} (or in `template`, a dialect's path for that route).
 */
export function matchRoute(
  name: RouteName,
  path: string,
  template: string = ROUTES[name].path,
): Record<string, string> | undefined {
  const keys: string[] = [];
  const pattern = template.replace(/\{(\w+)\}/g, (_, key: string) => {
    keys.push(key);
    return "([^/]+)";
  });
  const m = new RegExp(`^${pattern}$`).exec(path);
  if (!m) return undefined;
  return Object.fromEntries(keys.map((k, i) => [k, decodeURIComponent(m[i + 1])]));
}
