/**
 * The outage breaker: when Hapn stops answering (connections refused or reset, attempts timing out, 5xx), every
 * client of the account in this process stops sending, so a deployment against a dead API ends in seconds with one
 * message instead of every call spending its own retries and its two-minute deadline.
 *
 * Per account and API origin, shared by every client of the process (./process-state.ts), like the quota breaker:
 * - **closed**: requests go out. Each HTTP attempt (API and token endpoint) that fails the outage way adds to a run
 *   of consecutive failures; any answer that shows the server is up (2xx, 4xx, 429 included) ends the run.
 * - **suspect**, once the run reaches {@link OUTAGE_SUSPECT_AFTER}: only one request goes out per
 *   {@link OUTAGE_PROBE_INTERVAL_MS}, and never two at once; the other attempts fail without being sent, retryable,
 *   so each call keeps its own backoff schedule and retry count. A probe that is answered closes the breaker: a
 *   short outage costs the calls some waiting, not the deployment.
 * - **open**, once a call gave up on an outage failure while suspect (its retries did not cure it) and the run has
 *   lasted {@link OUTAGE_MIN_RUN_MS}: every call fails
 *   at once, without a request, with one message (what was seen, when it tries again, what to do) for
 *   `outageCooldownMs` (default {@link DEFAULT_OUTAGE_COOLDOWN_MS}).
 * - **half-open** after that: the next attempt is sent; an answer closes the breaker, another failure opens it again
 *   for `outageCooldownMs`. Attempts made while the probe is in flight fail at once.
 * Throttling (429) and the quota keep their own rules (./throttle.ts, ./quota-breaker.ts): a 429 is an answer.
 */
import { HapnError, type Redactor, truncate } from "./errors";
import { processState } from "../process-state";
import type { TransportResponse } from "./transport";

/** Consecutive failed attempts after which the breaker suspects an outage and sends one probe at a time. */
export const OUTAGE_SUSPECT_AFTER = 5;
/**
 * The shortest run of failures that opens the breaker when a call gives up: a burst of resets within a second is a
 * hiccup to retry, not an outage (a call's default retries span 15 s or more).
 */
export const OUTAGE_MIN_RUN_MS = 5_000;
/** While suspect, the most often a request is sent: one per this many ms. */
export const OUTAGE_PROBE_INTERVAL_MS = 2_000;
/** How long an open breaker refuses every call before it lets one try again (`outageCooldownMs`). */
export const DEFAULT_OUTAGE_COOLDOWN_MS = 30_000;

/** HTTP statuses that say the service is not working (as opposed to an answer about the request). */
const OUTAGE_STATUSES: readonly number[] = [500, 502, 503, 504];

/** The shared state of one account's breaker: plain data, so every copy of this class in the process shares it. */
export interface OutageState {
  /** Outage failures in a row since the last answer. */
  failures: number;
  /** Epoch ms of the first failure of the run. */
  firstFailureAt: number;
  /** What the failures of the run were, by kind ("connection reset (ECONNRESET)": 12, "HTTP 503": 3). */
  seen: Record<string, number>;
  /** The last failure, as its error message said it. */
  lastError: string;
  /** Epoch ms when the last probe (a request sent while suspect or half-open) left. */
  probeStartedAt: number;
  /** Whether a probe is in flight. */
  probing: boolean;
  /** Epoch ms until which every call fails at once; 0 while not open. */
  openUntil: number;
}

/** Clock and the facts the messages need. */
export interface OutageBreakerOptions {
  /** Account key (./process-state.ts `accountKey`). */
  key: string;
  /** The API base URL, named in the message. */
  apiUrl: string;
  /** How long the breaker stays open before one call tries again, in ms. */
  cooldownMs: number;
  now: () => number;
  redactor: Redactor;
}

/** The request an attempt is for, for messages. */
export interface AttemptLabel {
  method: string;
  path: string;
}

/** What one HTTP attempt showed about the service. */
type Verdict = "answered" | "failed" | "neutral";

/** How an attempt's outcome counts: an answer, an outage failure (and its kind), or neither. */
export function classifyOutcome(outcome: TransportResponse | unknown): { verdict: Verdict; kind?: string } {
  if (!(outcome instanceof HapnError)) {
    const status = (outcome as TransportResponse).status;
    return OUTAGE_STATUSES.includes(status) ? { verdict: "failed", kind: `HTTP ${status}` } : { verdict: "answered" };
  }
  if (outcome.code === "HAPN_REDIRECT_REFUSED") return { verdict: "answered" };
  // Only failures of a request that was sent: the "deadline passed before the request" timeout is not retryable.
  if (outcome.retryable && outcome.code === "HAPN_TIMEOUT") return { verdict: "failed", kind: "no answer in time" };
  if (outcome.retryable && outcome.code === "HAPN_NETWORK") {
    const cause = outcome.cause && !(outcome.cause instanceof HapnError) ? outcome.cause.code : undefined;
    return { verdict: "failed", kind: cause ? `network error ${cause}` : "network error" };
  }
  return { verdict: "neutral" }; // a malformed answer, an error of ours: says nothing either way
}

/** True for a call's final error that an outage explains (what opens a suspect breaker). */
export function isOutageError(error: unknown): error is HapnError {
  if (!(error instanceof HapnError)) return false;
  if (error.code === "HAPN_API_UNAVAILABLE" || error.code === "HAPN_NETWORK" || error.code === "HAPN_TIMEOUT") {
    return true;
  }
  return error.code === "HAPN_HTTP" && error.status !== undefined && OUTAGE_STATUSES.includes(error.status);
}

/** The breaker of one account (see module docs); holds no state itself. */
export class OutageBreaker {
  constructor(private readonly options: OutageBreakerOptions) {}

  /**
   * Sends one attempt through the breaker: refuses it without sending when the breaker says so, and learns from the
   * outcome. Wraps every HTTP attempt of the client, token requests included.
   */
  async guard(label: AttemptLabel, send: () => Promise<TransportResponse>): Promise<TransportResponse> {
    const probe = this.admit(label);
    const state = this.state();
    let outcome: TransportResponse | unknown;
    try {
      outcome = await send();
      return outcome as TransportResponse;
    } catch (error) {
      outcome = error;
      throw error;
    } finally {
      if (probe) state.probing = false;
      this.learn(state, label, outcome, probe);
    }
  }

  /**
   * Called with a call's final error: when the API looks down and this call's retries did not cure it, opens the
   * breaker and returns the one outage message; otherwise returns `error` unchanged.
   */
  onCallFailed(error: unknown, label: AttemptLabel): unknown {
    const state = this.state();
    if (!isOutageError(error) || state.failures < OUTAGE_SUSPECT_AFTER) return error;
    if (error.code === "HAPN_API_UNAVAILABLE" && !error.retryable) return error; // already the one message
    const now = this.options.now();
    if (state.openUntil === 0 && now - state.firstFailureAt < OUTAGE_MIN_RUN_MS) return error;
    if (state.openUntil === 0) state.openUntil = now + this.options.cooldownMs;
    return this.unavailable(label, state, error.attempts, "failed");
  }

  /** Whether the breaker is open now (every call fails at once); for tests and diagnostics. */
  get open(): boolean {
    const state = this.state();
    return state.openUntil > this.options.now();
  }

  /** Throws when the breaker refuses this attempt; returns true when the attempt is the probe. */
  private admit(label: AttemptLabel): boolean {
    const state = this.state();
    const now = this.options.now();
    if (state.openUntil > 0) {
      if (now < state.openUntil || state.probing) throw this.unavailable(label, state, undefined, "open");
      state.probing = true; // half-open: this attempt finds out whether the API is back
      state.probeStartedAt = now;
      return true;
    }
    if (state.failures < OUTAGE_SUSPECT_AFTER) return false;
    if (state.probing || now - state.probeStartedAt < OUTAGE_PROBE_INTERVAL_MS) {
      throw new HapnError(
        "HAPN_API_UNAVAILABLE",
        `${label.method} ${label.path} was not sent: the last ${state.failures} requests to ${this.origin} failed ` +
          `(last: ${state.lastError}); while it looks down, one request every ${OUTAGE_PROBE_INTERVAL_MS} ms ` +
          `finds out whether it is back`,
        { method: label.method, path: label.path, retryable: true, redactor: this.options.redactor },
      );
    }
    state.probing = true;
    state.probeStartedAt = now;
    return true;
  }

  private learn(state: OutageState, label: AttemptLabel, outcome: TransportResponse | unknown, probe: boolean): void {
    const { verdict, kind } = classifyOutcome(outcome);
    if (verdict === "answered") {
      Object.assign(state, emptyState());
      return;
    }
    if (verdict !== "failed") return;
    const now = this.options.now();
    if (state.failures === 0) state.firstFailureAt = now;
    state.failures++;
    state.seen[kind!] = (state.seen[kind!] ?? 0) + 1;
    state.lastError = truncate(
      outcome instanceof HapnError ? outcome.message : `${label.method} ${label.path} answered ${kind}`,
    );
    if (probe && state.openUntil > 0) state.openUntil = now + this.options.cooldownMs; // still down: open again
  }

  /** The one outage message. */
  private unavailable(
    label: AttemptLabel,
    state: OutageState,
    attempts: number | undefined,
    why: "open" | "failed",
  ): HapnError {
    const now = this.options.now();
    const seconds = Math.max(0, Math.round((now - state.firstFailureAt) / 1000));
    const seen = Object.entries(state.seen)
      .map(([what, count]) => `${count} × ${what}`)
      .join(", ");
    const retryAt = new Date(state.openUntil).toISOString().slice(11, 19);
    const inSeconds = Math.max(0, Math.ceil((state.openUntil - now) / 1000));
    const lead =
      why === "open"
        ? `${label.method} ${label.path} was not sent: the Hapn API at ${this.origin} is down.`
        : `${label.method} ${label.path} failed: the Hapn API at ${this.origin} is down.`;
    return new HapnError(
      "HAPN_API_UNAVAILABLE",
      `${lead} The last ${state.failures} requests to it failed over ${seconds} s and retrying did not help ` +
        `(seen: ${seen}; last: ${state.lastError}). Every call of this process fails at once, without a request, ` +
        `until ${retryAt} UTC (in ${inSeconds} s); then one call tries again. Check the API's status, the network ` +
        `or proxy between here and ${this.origin}, and hapn:apiUrl / hapn:authUrl; once it answers, run the ` +
        `command again: what was not done is done then.`,
      { method: label.method, path: label.path, attempts, redactor: this.options.redactor },
    );
  }

  private get origin(): string {
    return new URL(this.options.apiUrl).origin;
  }

  private state(): OutageState {
    const outages = (processState().outages ??= Object.create(null) as Record<string, OutageState | undefined>);
    return (outages[this.options.key] ??= emptyState());
  }
}

function emptyState(): OutageState {
  return { failures: 0, firstFailureAt: 0, seen: {}, lastError: "", probeStartedAt: 0, probing: false, openUntil: 0 };
}
