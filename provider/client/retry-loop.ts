/**
 * Runs an attempt function until it succeeds, the policy says stop, or the call's deadline would pass.
 * The decisions themselves live in ./retry-policy.ts; this file only sequences attempts and waits.
 */
import { type CallBudget } from "./call-budget";
import { HapnError, type Redactor } from "./errors";
import { retryDelayMs, type RetryPolicy, shouldRetry } from "./retry-policy";

/** Clock, sleep and randomness, injectable so tests can run fast and deterministically. */
export interface RetryEnvironment {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  redactor: Redactor;
  /** Called before each retry (for {@link HapnClient.stats}). */
  onRetry: () => void;
}

/** Identifies the call for error messages and says whether it may be repeated. */
export interface RetryCall {
  method: string;
  path: string;
  /** Whether sending the request twice is harmless (see `isIdempotentMethod`). */
  idempotent: boolean;
  /** The call's deadline and throttle budget; attempts may extend it while the loop runs. */
  budget: CallBudget;
}

/** Sequences attempts under one {@link RetryPolicy}. Shared by token fetches and API calls. */
export class RetryLoop {
  constructor(
    private readonly policy: RetryPolicy,
    private readonly env: RetryEnvironment,
  ) {}

  /**
   * Calls `attempt` (with the 1-based attempt number) until it resolves. Every {@link HapnError} thrown out of here
   * carries `attempts`; an error that already carries it came out of an inner loop (the token fetch's) and is
   * final, so nested loops never multiply their retries. Non-Hapn errors are bugs and pass straight through.
   */
  async run<T>(call: RetryCall, attempt: (attemptNumber: number) => Promise<T>): Promise<T> {
    const { budget } = call;
    let retries = 0; // backoff retries of everything but throttling, bounded by `maxRetries`
    for (let attempts = 1; ; attempts++) {
      try {
        return await attempt(attempts);
      } catch (error) {
        if (!(error instanceof HapnError) || error.attempts !== undefined) throw error;
        const suffix = attempts > 1 ? ` (gave up after ${attempts} attempts)` : "";
        const byTime = error.code === "HAPN_RATE_LIMITED" && budget.throttleBudgetMs > 0;
        // A throttled call waits only the base delay (or Retry-After): the shared throttle then paces its next
        // attempt, so growing per-call backoff would only idle the caller while the gateway has capacity.
        const index = byTime ? 0 : retries;
        const delay = retryDelayMs(index, error.retryAfterMs, this.policy, this.env.random());
        if (!shouldRetry(error, call.idempotent) || (!byTime && retries >= this.policy.maxRetries)) {
          throw error.withContext({ attempts, redactor: this.env.redactor }, suffix);
        }
        if (byTime && !budget.canThrottle(delay)) {
          throw error.withContext(
            { attempts, redactor: this.env.redactor },
            ` (still throttled after ${attempts} attempts and ${Math.round(budget.throttledMs / 1000)} s of waiting: ` +
              `the ${budget.throttleBudgetMs} ms throttle budget is spent)`,
          );
        }
        if (byTime) budget.spendThrottled(delay);
        if (this.env.now() + delay >= budget.deadlineAt) throw this.deadlineError(call, error, attempts, delay);
        if (!byTime) retries++; // 429 retries are bounded by the throttle budget's time instead
        this.env.onRetry();
        await this.env.sleep(delay);
      }
    }
  }

  private deadlineError(call: RetryCall, error: HapnError, attempts: number, delay: number): HapnError {
    return new HapnError(
      "HAPN_TIMEOUT",
      `${call.method} ${call.path}: stopped after ${attempts} attempt(s) because waiting ${Math.round(delay)} ms ` +
        `for the next one would pass the ${call.budget.deadlineMs} ms deadline. Last error: ${error.message}`,
      {
        method: call.method,
        path: call.path,
        status: error.status,
        attempts,
        cause: error,
        redactor: this.env.redactor,
      },
    );
  }
}
