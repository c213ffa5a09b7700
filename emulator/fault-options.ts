/**
 * The fault and limit settings (latency, rate limit, quota, error rate, one-shot faults) and their validation.
 * The same parser serves start options, the in-process admin handle and `PUT /_admin/faults`, so a bad setting
 * is always rejected with a message naming the field.
 */
import { ROUTES, type RouteName } from "../provider/api-model";
import { atField, intIn, listOf, nullable, numberIn, oneOf, settings, type Rule } from "./validate";

/** Where a request goes, as faults see it: an API route, an unmatched API path, or the token endpoint. */
export type FaultTarget = RouteName | "unknown" | "token";

/** A token bucket: `burst` requests at once, refilled at `ratePerSecond`; beyond it, 429 TooManyRequests. */
export interface RateLimitOptions {
  ratePerSecond: number;
  burst: number;
  /** When set, 429s carry `Retry-After: <seconds>` (the real gateway sends none). */
  retryAfterSeconds?: number;
}

/** An account quota: `limit` requests in total (counted from when it was set); beyond it, 429 LimitExceeded. */
export interface QuotaOptions {
  limit: number;
}

/** What a one-shot fault does to a request. */
export type OneShotKind = "fail" | "reset" | "stall" | "malformed" | "lose-answer";

/**
 * A deterministic fault applied to the next `count` matching requests: answer with `status` ("fail"), destroy
 * the connection ("reset"), never answer ("stall"), or answer 200 with a broken body ("malformed": invalid JSON
 * or an HTML page), or apply the request and then reset the connection instead of answering ("lose-answer": the
 * write happened but the client never hears of it). Without `route` it matches any request the general faults
 * apply to.
 */
export interface OneShotFault {
  kind: OneShotKind;
  /** How many requests to affect; default 1. */
  count?: number;
  /** Only requests to this route ("token" = the token endpoint). */
  route?: RouteName | "token";
  /** For "fail": the HTTP status to answer; default 500. */
  status?: number;
  /** For "malformed": "json" (truncated JSON, default) or "html" (an HTML error page), both with status 200. */
  body?: "json" | "html";
}

/**
 * A fault drawn for every matching request with probability `rate` (from the seeded PRNG shared with `errorRate`):
 * the same kinds as a one-shot except "lose-answer" (see `lostAnswerRate`). A rate, unlike a one-shot queued on a
 * timer, hits the same share of requests whether traffic is dense or sparse, which is how real faults behave.
 */
export interface RandomFault {
  kind: Exclude<OneShotKind, "lose-answer">;
  /** Probability (0..1) per matching request. */
  rate: number;
  /** Only requests to this route ("token" = the token endpoint); without it, as for one-shots. */
  route?: RouteName | "token";
  /** For "fail": the HTTP status to answer; default 500. */
  status?: number;
  /** For "malformed": "json" (default) or "html". */
  body?: "json" | "html";
}

/** A dead server: every request (token endpoint included) has its connection reset, or is answered 503. */
export type DownMode = "reset" | "503";

/** Fault and limit settings. Everything is off by default. */
export interface FaultOptions {
  /** The whole server is down (token endpoint included), before any other fault: see {@link DownMode}. */
  down?: DownMode | null;
  /** Delay added before every answer, in milliseconds. */
  latencyMs?: number;
  rateLimit?: RateLimitOptions | null;
  quota?: QuotaOptions | null;
  /** Probability (0..1) that a request fails with `errorStatus`; draws come from a PRNG seeded by `--seed`. */
  errorRate?: number;
  /** Status for error-rate failures; default 500. */
  errorStatus?: number;
  /**
   * Probability (0..1) that a write (PATCH, POST, PUT, DELETE) that passed every other fault is applied and its
   * answer then lost (connection reset); draws come from the same seeded PRNG as `errorRate`.
   */
  lostAnswerRate?: number;
  /** Also apply latency, rate limit, quota, error rate and route-less one-shots to `POST /oauth2/token`. */
  includeTokenEndpoint?: boolean;
  /** Faults drawn per request, checked in order after the one-shots. */
  randomFaults?: RandomFault[];
  /** One-shot faults, consumed in order. */
  next?: OneShotFault[];
}

/** The current fault settings, with defaults filled, remaining one-shots and the quota used so far. */
export interface FaultState {
  down: DownMode | null;
  latencyMs: number;
  rateLimit: RateLimitOptions | null;
  quota: QuotaOptions | null;
  quotaUsed: number;
  errorRate: number;
  errorStatus: number;
  lostAnswerRate: number;
  includeTokenEndpoint: boolean;
  randomFaults: RandomFault[];
  next: OneShotFault[];
}

/** Thrown for an invalid fault setting; the message names the field. */
export class FaultOptionsError extends Error {}

/** A one-shot fault; `kind` is required. */
const ONE_SHOT: Rule = settings(
  {
    kind: oneOf(["fail", "reset", "stall", "malformed", "lose-answer"]),
    count: intIn(1, 1_000_000),
    route: oneOf([...Object.keys(ROUTES), "token"]),
    status: intIn(100, 599),
    body: oneOf(["json", "html"]),
  },
  ["kind"],
);

/** A random fault; `kind` and `rate` are required. */
const RANDOM_FAULT: Rule = settings(
  {
    kind: oneOf(["fail", "reset", "stall", "malformed"]),
    rate: numberIn(0, 1),
    route: oneOf([...Object.keys(ROUTES), "token"]),
    status: intIn(100, 599),
    body: oneOf(["json", "html"]),
  },
  ["kind", "rate"],
);

/** Every fault setting. */
const FAULT_SETTINGS: Rule = settings({
  down: nullable(oneOf(["reset", "503"])),
  latencyMs: intIn(0, 600_000),
  rateLimit: nullable(
    settings(
      { ratePerSecond: numberIn(0, 1_000_000, true), burst: intIn(1, 1_000_000), retryAfterSeconds: intIn(0, 86_400) },
      ["ratePerSecond", "burst"],
    ),
  ),
  quota: nullable(settings({ limit: intIn(0, Number.MAX_SAFE_INTEGER) }, ["limit"])),
  errorRate: numberIn(0, 1),
  errorStatus: intIn(500, 599),
  lostAnswerRate: numberIn(0, 1),
  includeTokenEndpoint: oneOf([true, false]),
  randomFaults: listOf(RANDOM_FAULT, "random faults"),
  next: listOf(ONE_SHOT, "one-shot faults"),
});

/** Validates fault settings from any source (JSON body or code); throws {@link FaultOptionsError} naming the field. */
export function parseFaultOptions(input: unknown): FaultOptions {
  const problem = FAULT_SETTINGS(input);
  if (problem) throw new FaultOptionsError(atField("faults", problem));
  return structuredClone(input) as FaultOptions;
}
