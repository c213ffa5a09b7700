/**
 * The time budget of one call. A call has an overall deadline (`deadlineMs`), but time the call spends waiting for
 * others (a concurrency slot) or for the gateway's rate limit (pacing, 429 waits) is not the call's own slowness:
 * those waits push the deadline back. Throttling has a budget of its own (`throttleBudgetMs`), so a 429 is retried
 * for as long as that lasts rather than for a fixed number of attempts.
 */

/** A call's deadline, extended by waits it did not cause. */
export class CallBudget {
  /** Epoch ms after which no new attempt or wait may start. */
  deadlineAt: number;
  /** Time waited on throttling so far, in ms. */
  throttledMs: number;

  constructor(
    now: number,
    /** The overall deadline's length, for messages. */
    readonly deadlineMs: number,
    /** How long the call may wait on throttling in total, in ms (0: throttling is retried like other errors). */
    readonly throttleBudgetMs: number,
  ) {
    this.deadlineAt = now + deadlineMs;
    this.throttledMs = 0;
  }

  /** Pushes the deadline back by `ms` spent waiting behind other calls. */
  extend(ms: number): void {
    if (ms > 0) this.deadlineAt += ms;
  }

  /** Whether `ms` more of throttling still fits the throttle budget. */
  canThrottle(ms: number): boolean {
    return this.throttledMs + Math.max(0, ms) <= this.throttleBudgetMs;
  }

  /** Records `ms` spent on throttling and pushes the deadline back by it. */
  spendThrottled(ms: number): void {
    if (ms <= 0) return;
    this.throttledMs += ms;
    this.deadlineAt += ms;
  }
}
