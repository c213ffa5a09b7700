/**
 * The fault matrix: each case is one emulator setting (faults and per-request fault rates, token lifetime, dead-token
 * status), optional one-shot faults injected on a schedule while Pulumi runs, an optional SIGKILL, and what must hold afterwards.
 * The numbers (rates, bounds) are chosen so a case fails on a retry storm or a lost update, not on a slow machine.
 */
import type { FaultOptions, OneShotFault, RandomFault } from "../../../emulator/fault-options";

/**
 * A one-shot fault pushed onto the emulator's queue every `everyMs` while the case runs, unless one of this entry's
 * faults is still waiting.
 */
export interface ScheduledFault {
  everyMs: number;
  fault: OneShotFault;
  /** More faults that take turns with `fault` (one waiting at a time for the whole rotation). */
  rotate?: OneShotFault[];
  /** Most times the entry is queued in one run (default: no limit). */
  limit?: number;
}

/** One case of the matrix. */
export interface FaultCase {
  id: string;
  /** What is done to the run, for the table. */
  title: string;
  /** What the case asserts beyond convergence, for docs/reliability.md. */
  asserts: string;
  tokenTtlSeconds?: number;
  unauthorizedStatus?: 401 | 403;
  /** Emulator faults during the faulted phase (and the recovery after a kill). */
  faults: FaultOptions;
  schedule?: ScheduledFault[];
  /**
   * SIGKILL in the middle of updates or adoptions: of `pulumi up` and every process it started ("update",
   * "adoption"), or of the `pulumi` process alone ("engine": its provider must stop writing by itself). "update"
   * and "engine" first run a fault-free `up`, then change every device's labels.
   */
  kill?: "update" | "adoption" | "engine";
  /** The faulted `up` updates devices already in state (a fault-free `up` first), as "update" kills do. */
  update?: boolean;
  /**
   * Which program deploys the trackers: examples/fleet on the dynamic provider (default), or "plugin", its variant
   * on the `hapn` provider plugin (./plugin-fleet-project.ts).
   */
  program?: "plugin";
  /**
   * "converge": 0 failed resources, account = program. "quota": fail fast with the quota message. "down": the
   * faulted `up` fails fast with the one outage message and leaves state as it was; an `up` once the API is back
   * converges.
   */
  expect: "converge" | "quota" | "down";
  /** Token requests: the longest a stalled one may be held before the client gives up, in ms. */
  maxTokenStallMs?: number;
  /** Most API + token requests the faulted phase may make, for N devices and its duration in seconds. */
  maxRequests(n: number, seconds: number): number;
}

/** Resets and stalls of the `resets-stalls` case, on the device writes (a stall costs its caller a 30 s timeout). */
const RESETS_AND_STALLS: RandomFault[] = [
  { kind: "reset", rate: 0.1, route: "updateDevice" },
  { kind: "stall", rate: 0.01, route: "updateDevice" },
];
/** Malformed answers of the `malformed` case: on the writes, and on listings (few per run, so a higher rate). */
const MALFORMED: RandomFault[] = [
  { kind: "malformed", body: "json", rate: 0.1, route: "updateDevice" },
  { kind: "malformed", body: "html", rate: 0.3, route: "listDevices" },
];
/** The token endpoint's faults in the `combined` case: resets and malformed answers (HTML, truncated JSON). */
const TOKEN_ENDPOINT: RandomFault[] = [
  { kind: "reset", rate: 0.1, route: "token" },
  { kind: "malformed", body: "html", rate: 0.05, route: "token" },
  { kind: "malformed", body: "json", rate: 0.05, route: "token" },
];
/**
 * One stalled token request in the `combined` case, queued once 5 s in: it holds every caller waiting for that
 * token until the request times out (30 s).
 */
const TOKEN_STALL: ScheduledFault[] = [{ everyMs: 5000, fault: { kind: "stall", route: "token" }, limit: 1 }];
/**
 * The dead API's bound, whatever N: the run that makes the breaker suspect (5), what was in flight then, and one
 * probe per 2 s until a call's retries are spent (about 30 s), token requests included.
 */
const DEAD_API_REQUESTS = 50;
/** A dead-API case: an update of every device while the whole server (token endpoint included) is down. */
function deadApiCase(down: "reset" | "503", what: string): FaultCase {
  return {
    id: `dead-${down}`,
    title: `dead API: ${what}, token endpoint included (an update of every device)`,
    asserts:
      "up fails fast (under 2 minutes) with the one outage message and state unchanged; up converges once the API is back",
    faults: { down },
    update: true,
    expect: "down",
    maxRequests: () => DEAD_API_REQUESTS,
  };
}
/** `c` on the plugin variant of the fleet (`<id>-plugin`): the same faults, kill and checks. */
function onPlugin(c: FaultCase): FaultCase {
  return { ...c, id: `${c.id}-plugin`, title: `${c.title}, on the hapn plugin`, program: "plugin" };
}
/** Requests allowed for a fault that costs about one extra request per affected request. */
const modest = (n: number) => 2 * n + 40;
/** Tokens last 2 s and are renewed 1 s early: about one token request per second of the run, plus replays. */
const shortTokens = (n: number, seconds: number) => 2 * n + 40 + 2 * seconds;

/** SIGKILL of `pulumi up` with every process it started, mid-update. */
const KILL_UPDATE: FaultCase = {
  id: "kill-update",
  title: "SIGKILL mid-update (latency 300 ms), then recovery",
  asserts:
    "after `pulumi cancel`, `pulumi refresh --clear-pending-creates` and `pulumi up`, every device has the new labels",
  faults: { latencyMs: 300 },
  kill: "update",
  expect: "converge",
  maxRequests: modest,
};
/** SIGKILL of the `pulumi` process alone, mid-update: its provider must stop writing by itself. */
const KILL_ENGINE: FaultCase = {
  id: "kill-engine",
  title: "SIGKILL of the pulumi CLI alone mid-update (latency 300 ms), then recovery",
  asserts:
    "the orphaned provider sends nothing after the kill (writes counted by the emulator as they arrive) and " +
    "exits; the recovery converges",
  faults: { latencyMs: 300 },
  kill: "engine",
  expect: "converge",
  maxRequests: modest,
};

/** Every case, in the order the matrix runs them. */
export const FAULT_CASES: FaultCase[] = [
  {
    id: "baseline",
    title: "no faults",
    asserts: "the reference request count: one list page per batch of reads, one PATCH per device, one token",
    faults: {},
    expect: "converge",
    maxRequests: (n) => n + 20,
  },
  {
    id: "ttl-401",
    title: "token TTL 2 s, 401 on a dead token",
    asserts: "tokens are renewed ahead of expiry and a 401 is replayed once with a fresh token",
    tokenTtlSeconds: 2,
    faults: {},
    expect: "converge",
    maxRequests: shortTokens,
  },
  {
    id: "ttl-403",
    title: "token TTL 2 s, 403 on a dead token",
    asserts: "the same with API Gateway's 403",
    tokenTtlSeconds: 2,
    unauthorizedStatus: 403,
    faults: {},
    expect: "converge",
    maxRequests: shortTokens,
  },
  {
    id: "5xx",
    title: "10% HTTP 500, token endpoint too",
    asserts: "5xx are retried with backoff, token requests included",
    faults: { errorRate: 0.1, includeTokenEndpoint: true },
    expect: "converge",
    maxRequests: modest,
  },
  {
    id: "rate-limit",
    title: "4 req/s (burst 2) < parallelism, no Retry-After",
    asserts: "the adaptive throttle slows the whole process; 429s stay well below the request count",
    faults: { rateLimit: { ratePerSecond: 4, burst: 2 } },
    expect: "converge",
    maxRequests: (n) => 3 * n + 40,
  },
  {
    id: "rate-limit-retry-after",
    title: "4 req/s (burst 2), Retry-After: 1",
    asserts: "Retry-After pauses the whole process",
    faults: { rateLimit: { ratePerSecond: 4, burst: 2, retryAfterSeconds: 1 } },
    expect: "converge",
    maxRequests: (n) => 3 * n + 40,
  },
  {
    id: "resets-stalls",
    title: "10% of PATCHes reset, 1% stalled",
    asserts: "resets are retried; a stalled request times out (30 s) and is retried",
    faults: { randomFaults: RESETS_AND_STALLS },
    expect: "converge",
    maxRequests: modest,
  },
  {
    id: "lost-answers",
    title: "20% of writes applied, answer lost",
    asserts: "the PATCH is replayed (absolute values, idempotent) and the device ends as the program says",
    faults: { lostAnswerRate: 0.2 },
    expect: "converge",
    maxRequests: modest,
  },
  {
    id: "malformed",
    title: "truncated JSON on 10% of PATCHes, HTML on 30% of listings",
    asserts: "a malformed 200 is a HAPN_BAD_RESPONSE that is retried, never taken as data",
    faults: { randomFaults: MALFORMED },
    expect: "converge",
    maxRequests: modest,
  },
  {
    id: "quota",
    title: "quota runs out mid-up (N/2 requests)",
    asserts:
      "up fails with the quota message; at most 8 requests after the first quota answer; a refresh then makes at " +
      "most 8; every Device recorded in state matches the account",
    faults: {}, // set per N by the runner: quota = N/2
    expect: "quota",
    maxRequests: (n) => Math.floor(n / 2) + 18, // the quota, 8 after it in up and in refresh, tokens
  },
  KILL_UPDATE,
  {
    id: "kill-adoption",
    title: "SIGKILL mid-adoption (30% lost answers), then recovery",
    asserts:
      "some trackers had the program's labels applied but were not in state at the kill; after recovery every " +
      "`adoptedLabels` is the tracker's true original labels (the adoption journal)",
    faults: { lostAnswerRate: 0.3, latencyMs: 100 },
    kill: "adoption",
    expect: "converge",
    maxRequests: modest,
  },
  KILL_ENGINE,
  onPlugin(KILL_ENGINE),
  onPlugin(KILL_UPDATE),
  deadApiCase("reset", "every connection reset"),
  deadApiCase("503", "503 to everything"),
  {
    id: "token-stall",
    title: "the first token request stalls",
    asserts: "it is given up after the token timeout (10 s), not the API's 30 s, and the run converges",
    faults: { next: [{ kind: "stall", route: "token" }] },
    expect: "converge",
    maxTokenStallMs: 15_000,
    maxRequests: (n) => n + 22,
  },
  {
    id: "combined",
    title: "all of the above but quota, SIGKILL mid-adoption",
    asserts: "everything at once still converges with the original labels recorded",
    tokenTtlSeconds: 2,
    faults: {
      errorRate: 0.03,
      includeTokenEndpoint: true,
      rateLimit: { ratePerSecond: 6, burst: 3 },
      lostAnswerRate: 0.1,
      latencyMs: 50,
      // Half the rates of the single cases: with the above, about 22 % of PATCH attempts fail (not counting 429s).
      randomFaults: [...RESETS_AND_STALLS, ...MALFORMED]
        .map((f) => ({ ...f, rate: f.rate / 2 }))
        .concat(TOKEN_ENDPOINT),
    },
    schedule: TOKEN_STALL,
    kill: "adoption",
    expect: "converge",
    maxRequests: (n, seconds) => 4 * n + 60 + 2 * seconds,
  },
];
