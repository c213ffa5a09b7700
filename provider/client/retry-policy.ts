/**
 * Pure retry decisions: which failures are worth another attempt, how long to wait, and how to read `Retry-After`.
 * Modelled on ky (Retry-After is authoritative, capped, never jittered) and stripe (capped exponential backoff
 * with 50–100 % jitter, floored at the base delay).
 */
import { HapnError } from "./errors";

/** Tunable numbers of the retry policy. */
export interface RetryPolicy {
  /** Retries after the first attempt (so at most `maxRetries + 1` attempts). */
  maxRetries: number;
  /** First backoff delay in ms; doubles on each retry. */
  baseDelayMs: number;
  /** Upper bound of a backoff delay in ms. */
  maxDelayMs: number;
  /** Upper bound applied to a server's Retry-After in ms (a hostile or buggy header cannot park us for hours). */
  maxRetryAfterMs: number;
}

/**
 * Defaults: 8 retries, 250 ms × 2ⁿ capped at 8 s (about 40 s of waiting in all, well inside the 120 s deadline),
 * Retry-After capped at 30 s. Eight, not the usual 3–4: one `pulumi up` makes thousands of calls, and at a 15 %
 * failure rate per attempt (a flaky gateway) 5 attempts lose about one call in 13,000 while 9 lose one in 26 million.
 * A dead server costs at most 9 requests per call, within the deadline.
 */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  maxRetries: 8,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
};

/** HTTP statuses that signal a transient condition (ky's list minus 413, which never heals by itself). */
export const RETRYABLE_STATUSES: readonly number[] = [408, 429, 500, 502, 503, 504];

/** True for a status in {@link RETRYABLE_STATUSES}. */
export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.includes(status);
}

/**
 * True for methods whose replay cannot change the outcome. PATCH is included on purpose: this client's PATCH bodies
 * set absolute label values (`{"name":"Van 2"}`), never increments, so sending one twice leaves the same state.
 * POST (create a boundary) is not: a replay could create a duplicate.
 */
export function isIdempotentMethod(method: string): boolean {
  return ["GET", "HEAD", "PUT", "DELETE", "PATCH"].includes(method.toUpperCase());
}

/**
 * System error codes raised before any byte of the request left this machine, so even a POST can be retried.
 * ECONNRESET / socket hang up are absent on purpose: the server may already have acted on the request.
 */
export const NOT_SENT_ERROR_CODES: readonly string[] = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"];

/**
 * Whether a failed attempt may be tried again. Non-idempotent requests are retried only when the request provably
 * had no effect: a connection that never opened, or a 429 (a throttled request is rejected at the gateway before
 * it reaches the service).
 * @param idempotent whether repeating the request is harmless; usually {@link isIdempotentMethod}.
 */
export function shouldRetry(error: HapnError, idempotent: boolean): boolean {
  if (!error.retryable) return false;
  if (idempotent) return true;
  if (error.status === 429) return true;
  const causeCode = error.cause && !(error.cause instanceof HapnError) ? error.cause.code : undefined;
  return error.code === "HAPN_NETWORK" && causeCode !== undefined && NOT_SENT_ERROR_CODES.includes(causeCode);
}

/**
 * A 429 that means the account's quota (an AWS API Gateway usage plan) is used up, as opposed to short-term
 * throttling: header `x-amzn-ErrorType: LimitExceededException…` or a body message that is exactly "Limit Exceeded"
 * (trimmed, any case). Only the exact message counts: "Rate limit exceeded" is throttling. Retrying an exhausted
 * quota only burns more of a quota that is already gone (docs/hapn-api-notes.md), so it fails fast.
 */
export function isQuotaExhausted(errorTypeHeader: string | null | undefined, bodyMessage: string | undefined): boolean {
  if (errorTypeHeader && /^\s*LimitExceededException\b/i.test(errorTypeHeader)) return true;
  return bodyMessage !== undefined && bodyMessage.trim().toLowerCase() === "limit exceeded";
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * The three HTTP-date forms of RFC 9110 §5.6.7: IMF-fixdate, obsolete RFC 850 and asctime. Strict on purpose:
 * `Date.parse` accepts strings such as "0" or "1 2", which would turn garbage headers into waits.
 */
const HTTP_DATE_FORMS: ReadonlyArray<{ pattern: RegExp; order: readonly string[] }> = [
  { pattern: /^[A-Za-z]{3}, (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}:\d{2}:\d{2}) GMT$/, order: ["d", "m", "y", "t"] },
  { pattern: /^[A-Za-z]{6,9}, (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}:\d{2}:\d{2}) GMT$/, order: ["d", "m", "y", "t"] },
  { pattern: /^[A-Za-z]{3} ([A-Za-z]{3}) ([ \d]\d) (\d{2}:\d{2}:\d{2}) (\d{4})$/, order: ["m", "d", "t", "y"] },
];

/** Parses an HTTP-date into epoch ms, or undefined when it is not one (or names an impossible date). */
export function parseHttpDate(value: string): number | undefined {
  for (const { pattern, order } of HTTP_DATE_FORMS) {
    const match = pattern.exec(value);
    if (!match) continue;
    const part = (key: string) => match[order.indexOf(key) + 1].trim();
    const month = MONTHS.indexOf(part("m").toLowerCase());
    let year = Number(part("y"));
    if (year < 100) year += year < 50 ? 2000 : 1900; // RFC 850 two-digit years, as RFC 9110 suggests
    const day = Number(part("d"));
    const [h, mi, s] = part("t").split(":").map(Number);
    if (month < 0 || h > 23 || mi > 59 || s > 60) return undefined;
    const ms = Date.UTC(year, month, day, h, mi, Math.min(s, 59));
    // Date.UTC rolls "31 Feb" over into March; a real date survives the round trip.
    if (new Date(ms).getUTCDate() !== day) return undefined;
    return ms;
  }
  return undefined;
}

/**
 * Reads a `Retry-After` header: delay-seconds (decimals tolerated) or an HTTP-date. Returns the wait in ms (0 for a
 * date in the past) or undefined for a missing or unparsable header.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    const ms = Number(text) * 1000;
    return Number.isFinite(ms) ? ms : undefined;
  }
  const at = parseHttpDate(text);
  return at === undefined ? undefined : Math.max(0, at - nowMs);
}

/**
 * Backoff before retry number `retryIndex` (0 for the first retry): `min(cap, base × 2^retryIndex)` scaled by a
 * jitter factor in [0.5, 1), then kept within `[min(base, cap), cap]`. Jitter spreads the retries of many
 * concurrent calls so they do not hit a recovering server in lockstep.
 * @param random a value in [0, 1); injectable for deterministic tests.
 */
export function backoffDelayMs(
  retryIndex: number,
  policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">,
  random: number = Math.random(),
): number {
  const cap = Math.max(0, policy.maxDelayMs);
  const floor = Math.min(Math.max(0, policy.baseDelayMs), cap);
  // The exponent is bounded so that 0 × 2ⁿ never becomes 0 × Infinity = NaN.
  const exponential = Math.min(cap, floor * 2 ** Math.min(Math.max(0, retryIndex), 60));
  const jittered = exponential * (0.5 + 0.5 * Math.min(Math.max(random, 0), 1));
  return Math.min(cap, Math.max(floor, jittered));
}

/**
 * The wait before the next retry: the server's Retry-After when it gave one (capped, no jitter: the server knows
 * best), otherwise jittered backoff.
 */
export function retryDelayMs(
  retryIndex: number,
  retryAfterMs: number | undefined,
  policy: RetryPolicy,
  random: number = Math.random(),
): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(0, retryAfterMs), policy.maxRetryAfterMs);
  return backoffDelayMs(retryIndex, policy, random);
}
