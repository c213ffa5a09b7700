/**
 * Maps a non-2xx HTTP response to the right {@link HapnError}: one factory for every endpoint (the stripe
 * `generateV1Error` pattern), so codes and retryability are decided in a single place.
 */
import { HapnError, type HapnErrorCode, type Redactor, truncate } from "./errors";
import { isApplicationFailure, serverMessage } from "./parse";
import { isQuotaExhausted, isRetryableStatus, parseRetryAfter } from "./retry-policy";
import { requestIdOf, type TransportResponse } from "./transport";

/** What the factory needs to know about the request that failed. */
export interface FailureContext {
  method: string;
  path: string;
  redactor: Redactor;
  now: () => number;
}

/** The server's explanation: the JSON `message`/`error`, or a short plain-text body. HTML pages are not quoted. */
export function responseMessage(response: TransportResponse): string | undefined {
  const fromJson = serverMessage(response.json);
  if (fromJson !== undefined) return fromJson;
  const contentType = response.headers.get("content-type") ?? "";
  const text = response.text.trim();
  return /^\s*text\/plain\b/i.test(contentType) && text !== "" ? truncate(text) : undefined;
}

/** Builds the error for a non-2xx, non-3xx response. */
export function errorForResponse(response: TransportResponse, context: FailureContext): HapnError {
  const { status, headers } = response;
  const message = responseMessage(response);
  const options = {
    status,
    method: context.method,
    path: context.path,
    requestId: requestIdOf(headers),
    redactor: context.redactor,
  };
  const what = `${context.method} ${context.path} failed with HTTP ${status}${message ? `: ${message}` : ""}`;
  const retryAfterMs = parseRetryAfter(headers.get("retry-after"), context.now());
  if (status === 429 && isQuotaExhausted(headers.get("x-amzn-errortype"), message)) {
    // Not retried; a Retry-After still tells the quota breaker when to try again (./quota-breaker.ts).
    return new HapnError(
      "HAPN_QUOTA_EXHAUSTED",
      `${what}. The Hapn account's API quota is used up; retrying will not help until the quota resets or Hapn ` +
        `raises it. Stop other jobs using these credentials (e.g. frequent refreshes or backfills).`,
      { ...options, retryAfterMs },
    );
  }
  if (isRetryableStatus(status)) {
    const code: HapnErrorCode = status === 429 ? "HAPN_RATE_LIMITED" : "HAPN_HTTP";
    return new HapnError(code, what, { ...options, retryable: true, retryAfterMs });
  }
  const codes: Record<number, HapnErrorCode> = {
    400: "HAPN_BAD_REQUEST",
    401: "HAPN_UNAUTHORIZED",
    403: "HAPN_UNAUTHORIZED",
    404: "HAPN_NOT_FOUND",
  };
  return new HapnError(codes[status] ?? "HAPN_HTTP", what, options);
}

/** The `hapn:*` setting a wrong URL comes from, and the URL the client used. */
export interface ConfiguredUrl {
  option: "apiUrl" | "authUrl";
  url: string;
}

/**
 * True when the gateway, not the application, says the path does not exist. AWS HTTP APIs answer an unknown route
 * with 404 `{"message":"Not Found"}`; REST APIs answer 403 `{"message":"Missing Authentication Token"}` (with
 * `x-amzn-ErrorType: MissingAuthenticationTokenException`) even when a token was sent. A 404 in the application's
 * envelope (`{"success": false, …}`) is an answer about the object in the path, and only counts when the route
 * names one (`objectRoute`): a list or create route has no object that could be missing.
 */
export function isUnknownRoute(response: TransportResponse, objectRoute: boolean): boolean {
  if (response.status === 404) return !objectRoute || !isApplicationFailure(response.json);
  if (response.status !== 403) return false;
  const errorType = response.headers.get("x-amzn-errortype") ?? "";
  return (
    /^\s*MissingAuthenticationTokenException\b/i.test(errorType) ||
    responseMessage(response) === "Missing Authentication Token"
  );
}

/** The `HAPN_ROUTE_NOT_FOUND` error: the URL setting is wrong, which must never read as "the object is gone". */
export function routeNotFoundError(
  response: TransportResponse,
  context: FailureContext,
  base: ConfiguredUrl,
): HapnError {
  const message = responseMessage(response);
  const example =
    base.option === "apiUrl" ? "https://api.iotgps.io/v1, with /v1" : "https://auth.usehapn.com/oauth2/token";
  return new HapnError(
    "HAPN_ROUTE_NOT_FOUND",
    `${context.method} ${context.path} failed with HTTP ${response.status}${message ? `: ${message}` : ""}. ` +
      `This is the gateway's answer for a path it does not serve, not Hapn's answer about a missing object: ` +
      `the ${base.option} ${base.url} is probably wrong (expected e.g. ${example}). ` +
      `Check hapn:${base.option} (or HAPN_${base.option === "apiUrl" ? "API" : "AUTH"}_URL).`,
    {
      status: response.status,
      method: context.method,
      path: context.path,
      requestId: requestIdOf(response.headers),
      redactor: context.redactor,
    },
  );
}
