/**
 * Runs an attempt function until it succeeds, the policy says stop, or the call's deadline would pass.
 * The decisions themselves live in ./retry-policy.ts; this file only sequences attempts and waits.
 */
import { HapnError, Redactor } from "./errors";
import { retryDelayMs, RetryPolicy, shouldRetry } from "./retry-policy";

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
  /** Epoch ms after which no new attempt or wait may start. */
  deadlineAt: number;
  /** The overall deadline's length, for messages. */
  deadlineMs: number;
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
    for (let retryIndex = 0; ; retryIndex++) {
      try {
        return await attempt(retryIndex + 1);
      } catch (error) {
        if (!(error instanceof HapnError) || error.attempts !== undefined) throw error;
        const attempts = retryIndex + 1;
        const suffix = attempts > 1 ? ` (gave up after ${attempts} attempts)` : "";
        if (!shouldRetry(error, call.idempotent) || retryIndex >= this.policy.maxRetries) {
          throw error.withContext({ attempts, redactor: this.env.redactor }, suffix);
        }
        const delay = retryDelayMs(retryIndex, error.retryAfterMs, this.policy, this.env.random());
        if (this.env.now() + delay >= call.deadlineAt) {
          throw new HapnError(
            "HAPN_TIMEOUT",
            `${call.method} ${call.path}: stopped after ${attempts} attempt(s) because waiting ${Math.round(delay)} ms ` +
              `for the next one would pass the ${call.deadlineMs} ms deadline. Last error: ${error.message}`,
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
        this.env.onRetry();
        await this.env.sleep(delay);
      }
    }
  }
}
