/**
 * Maps a non-2xx HTTP response to the right {@link HapnError}: one factory for every endpoint (the stripe
 * `generateV1Error` pattern), so codes and retryability are decided in a single place.
 */
import { HapnError, HapnErrorCode, Redactor, truncate } from "./errors";
import { serverMessage } from "./parse";
import { isQuotaExhausted, isRetryableStatus, parseRetryAfter } from "./retry-policy";
import { requestIdOf, TransportResponse } from "./transport";

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
  if (status === 429 && isQuotaExhausted(headers.get("x-amzn-errortype"), message)) {
    return new HapnError(
      "HAPN_QUOTA_EXHAUSTED",
      `${what}. The Hapn account's API quota is used up; retrying will not help until the quota resets or Hapn ` +
        `raises it. Stop other jobs using these credentials (e.g. frequent refreshes or backfills).`,
      options,
    );
  }
  if (isRetryableStatus(status)) {
    const code: HapnErrorCode = status === 429 ? "HAPN_RATE_LIMITED" : "HAPN_HTTP";
    const retryAfterMs = parseRetryAfter(headers.get("retry-after"), context.now());
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
