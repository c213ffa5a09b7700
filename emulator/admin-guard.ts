/**
 * Who may use the admin API. It has no authentication, so it answers only requests that cannot come from a web
 * page: the client must be on loopback, the `Host` header must name loopback (which defeats DNS rebinding), and a
 * request that changes state or carries a body must be `application/json` (which a page cannot send across
 * origins without a CORS preflight, and the emulator answers no preflight).
 */
import type { IncomingMessage } from "node:http";
import { isLoopbackAddress, mediaType, type JsonAnswer } from "./http-util";

/** Methods that change state and therefore need a JSON content type even without a body. */
const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The host part of a `Host` header (brackets of an IPv6 literal removed, port dropped), or undefined if malformed. */
function hostName(header: string): string | undefined {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::\d*)?$/.exec(header.trim());
  return m ? (m[1] ?? m[2]).toLowerCase() : undefined;
}

/**
 * True when a `Host` header names loopback: `localhost`, a 127.0.0.0/8 address or `[::1]`, with or without a
 * port. Any other name (one a rebinding DNS server could point at 127.0.0.1) is refused.
 */
export function isLoopbackHostHeader(header: string | undefined): boolean {
  const name = header === undefined ? undefined : hostName(header);
  return name === "localhost" || isLoopbackAddress(name);
}

/** True when the request has a body (a non-zero `content-length`, or chunked encoding). */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return (length !== undefined && Number(length) !== 0) || req.headers["transfer-encoding"] !== undefined;
}

/** Why the admin API refuses `req` (a 403 or 415 answer), or undefined when it may be served. */
export function adminRefusal(req: IncomingMessage): JsonAnswer | undefined {
  if (!isLoopbackAddress(req.socket.remoteAddress)) {
    return { status: 403, body: { message: "The admin API only answers loopback clients" } };
  }
  if (!isLoopbackHostHeader(req.headers.host)) {
    return {
      status: 403,
      body: { message: "The admin API only answers requests whose Host is localhost, 127.0.0.1 or [::1]" },
    };
  }
  const type = mediaType(req);
  if ((STATE_CHANGING.has(req.method ?? "") || hasBody(req)) && type !== "application/json") {
    const got = type === "" ? "none" : type;
    return {
      status: 415,
      body: { message: `Admin ${req.method} requests must have content-type: application/json (got ${got})` },
    };
  }
  return undefined;
}
