import fc from "fast-check";
import { HapnError } from "../../provider/client/errors";
import {
  backoffDelayMs,
  isIdempotentMethod,
  isQuotaExhausted,
  parseHttpDate,
  parseRetryAfter,
  retryDelayMs,
  shouldRetry,
} from "../../provider/client/retry-policy";

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const policy = { maxRetries: 4, baseDelayMs: 250, maxDelayMs: 8000, maxRetryAfterMs: 30_000 };

describe("parseRetryAfter", () => {
  it("reads delay-seconds", () => {
    expect(parseRetryAfter("1", NOW)).toBe(1000);
    expect(parseRetryAfter(" 120 ", NOW)).toBe(120_000);
    expect(parseRetryAfter("0", NOW)).toBe(0);
    expect(parseRetryAfter("1.5", NOW)).toBe(1500);
  });

  it("reads the three HTTP-date forms of RFC 9110", () => {
    const at = Date.UTC(1994, 10, 6, 8, 49, 37);
    expect(parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT")).toBe(at);
    expect(parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT")).toBe(at);
    expect(parseHttpDate("Sun Nov  6 08:49:37 1994")).toBe(at);
    expect(parseRetryAfter(new Date(NOW + 5000).toUTCString(), NOW)).toBe(5000);
  });

  it("clamps a date in the past to 0", () => {
    expect(parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", NOW)).toBe(0);
  });

  it("returns undefined for missing or garbage values", () => {
    for (const value of [undefined, null, "", "soon", "-1", "1e3", "0x10", "Mon, 31 Feb 2026 10:00:00 GMT", "1 2"]) {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    }
  });

  it("property: integer seconds become exactly seconds × 1000", () => {
    fc.assert(fc.property(fc.nat({ max: 10_000_000 }), (s) => parseRetryAfter(String(s), NOW) === s * 1000));
  });

  it("property: an HTTP date becomes the non-negative distance from now", () => {
    const seconds = fc.integer({ min: Date.UTC(1971, 0, 1) / 1000, max: Date.UTC(2200, 0, 1) / 1000 });
    fc.assert(
      fc.property(seconds, (s) => {
        const at = s * 1000;
        return parseRetryAfter(new Date(at).toUTCString(), NOW) === Math.max(0, at - NOW);
      }),
    );
  });

  it("property: any string gives undefined or a finite, non-negative wait", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const ms = parseRetryAfter(s, NOW);
        return ms === undefined || (Number.isFinite(ms) && ms >= 0);
      }),
    );
  });

  it("property: text without digits is never a wait", () => {
    fc.assert(fc.property(fc.stringMatching(/^[^0-9]*$/), (s) => parseRetryAfter(s, NOW) === undefined));
  });
});

describe("backoffDelayMs", () => {
  it("grows exponentially and stays under the cap", () => {
    expect(backoffDelayMs(0, policy, 0.999999)).toBeCloseTo(250, 0);
    expect(backoffDelayMs(1, policy, 0.999999)).toBeCloseTo(500, 0);
    expect(backoffDelayMs(10, policy, 0.999999)).toBeCloseTo(8000, 0);
    expect(backoffDelayMs(3, policy, 0)).toBe(1000); // 50 % jitter floor
  });

  const policies = fc
    .record({ baseDelayMs: fc.integer({ min: 0, max: 10_000 }), maxDelayMs: fc.integer({ min: 0, max: 60_000 }) })
    .map((p) => ({ ...p }));
  const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

  it("property: always within [min(base, cap), cap] and never negative", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), policies, unit, (n, p, r) => {
        const d = backoffDelayMs(n, p, r);
        return d >= 0 && d >= Math.min(p.baseDelayMs, p.maxDelayMs) && d <= p.maxDelayMs;
      }),
    );
  });

  it("property: for a fixed jitter, never shrinks as retries go on", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), policies, unit, (n, p, r) => {
        return backoffDelayMs(n + 1, p, r) >= backoffDelayMs(n, p, r);
      }),
    );
  });

  it("property: Retry-After wins, is capped, and is not jittered", () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), unit, unit, (retryAfter, r1, r2) => {
        const a = retryDelayMs(2, retryAfter, policy, r1);
        return a === retryDelayMs(2, retryAfter, policy, r2) && a === Math.min(retryAfter, policy.maxRetryAfterMs);
      }),
    );
  });
});

describe("retry decisions", () => {
  const error = (code: "HAPN_HTTP" | "HAPN_NETWORK" | "HAPN_RATE_LIMITED", extra: object = {}) =>
    new HapnError(code, "x", { retryable: true, ...extra });

  it("retries idempotent methods, PATCH included", () => {
    for (const m of ["GET", "PUT", "DELETE", "PATCH"]) expect(isIdempotentMethod(m)).toBe(true);
    expect(isIdempotentMethod("POST")).toBe(false);
    expect(shouldRetry(error("HAPN_HTTP", { status: 503 }), true)).toBe(true);
  });

  it("retries POST only when the request cannot have had an effect", () => {
    expect(shouldRetry(error("HAPN_HTTP", { status: 503 }), false)).toBe(false);
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    expect(shouldRetry(error("HAPN_NETWORK", { cause: reset }), false)).toBe(false);
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    expect(shouldRetry(error("HAPN_NETWORK", { cause: refused }), false)).toBe(true);
    expect(shouldRetry(error("HAPN_RATE_LIMITED", { status: 429 }), false)).toBe(true);
  });

  it("never retries a non-retryable error", () => {
    expect(shouldRetry(new HapnError("HAPN_QUOTA_EXHAUSTED", "x", { status: 429 }), true)).toBe(false);
  });

  it("recognises an exhausted quota by header or body, not plain throttling", () => {
    expect(isQuotaExhausted("LimitExceededException", undefined)).toBe(true);
    expect(isQuotaExhausted("LimitExceededException:http://internal.amazon.com/coral/", undefined)).toBe(true);
    expect(isQuotaExhausted(null, "Limit Exceeded")).toBe(true);
    expect(isQuotaExhausted(null, "  limit EXCEEDED ")).toBe(true);
    expect(isQuotaExhausted("TooManyRequestsException", "Too Many Requests")).toBe(false);
    expect(isQuotaExhausted(null, undefined)).toBe(false);
  });

  it("reads only the exact 'Limit Exceeded' message as quota, not a sentence containing it", () => {
    for (const message of ["Rate limit exceeded", "Request limit exceeded, slow down", "Limit Exceeded!"]) {
      expect(isQuotaExhausted(null, message)).toBe(false);
    }
  });
});
