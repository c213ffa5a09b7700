/**
 * The adaptive throttle: one request rate per account and gateway, shared by every call and every client of the
 * process (../process-state.ts), that learns from the gateway's 429s. Per-request backoff alone does not converge:
 * sixteen calls each backing off on their own still hit a 5 req/s limit together, and a retry count runs out.
 *
 * - Unthrottled (rate `Infinity`) until the first 429; then the rate becomes half the rate that was refused,
 *   measured from recent request starts (multiplicative decrease).
 * - One decrease per round: a 429 for a request that left before the last decrease says nothing about the new
 *   rate (TCP's one-decrease-per-window rule), so a burst of 429s halves the rate once, not sixteen times.
 * - Every success grows the rate by 20 % (at least 1 req/s) per second elapsed since the last change (slow
 *   recovery), but never past twice the rate requests actually left at over the last second: a rate nobody is
 *   sending at says nothing about the gateway, and letting it run away (to 80 req/s against a 4 req/s limit, in a
 *   simulation of the old rule) only buys the next burst of 429s. Far above any plausible gateway limit it goes
 *   back to unthrottled.
 * - A `Retry-After` pauses every request of the process until it has passed.
 * Requests are paced `1000 / rate` ms apart, measured from the last start at the rate of the moment: a waiting
 * request leaves as soon as the current rate allows, rather than at a slot booked in advance. Slots booked at a
 * low rate kept every caller waiting on the old spacing long after the rate had recovered (a 200-device `up`
 * against 4 req/s crawled at 0.2 req/s).
 */
import { processState, type ThrottleState } from "../process-state";

/** The slowest the throttle goes, in requests per second. */
export const MIN_RATE_PER_SECOND = 0.2;
/** Above this rate the throttle switches itself off again. */
export const MAX_RATE_PER_SECOND = 10_000;
/** The window, in ms, over which the refused rate and the sending rate are measured. */
export const RATE_WINDOW_MS = 1000;
/** How often, in ms at most, a paced request checks whether it may leave (the rate may have grown meanwhile). */
export const PACE_RECHECK_MS = 100;

/** Clock and sleep, injectable for tests. */
export interface ThrottleEnvironment {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/** The throttle of one account key; holds no state itself (it lives in the process state). */
export class AdaptiveThrottle {
  constructor(
    private readonly key: string,
    private readonly env: ThrottleEnvironment,
  ) {}

  /** Requests per second allowed now (`Infinity` when unthrottled). */
  get rate(): number {
    return this.state().rate;
  }

  /**
   * Waits until this request may leave and returns `{ startedAt, waitedMs }`; pass `startedAt` back to
   * {@link onThrottled} if the request is answered 429.
   */
  async pace(): Promise<{ startedAt: number; waitedMs: number }> {
    const state = this.state();
    const queuedAt = this.env.now();
    for (;;) {
      const now = this.env.now();
      const paced = Number.isFinite(state.rate);
      const at = Math.max(state.pausedUntil, paced ? state.lastStartAt + 1000 / state.rate : now);
      if (now >= at) {
        state.lastStartAt = now;
        state.recentStarts.push(now);
        this.forgetOldStarts(state, now);
        return { startedAt: now, waitedMs: now - queuedAt };
      }
      await this.env.sleep(Math.min(at - now, PACE_RECHECK_MS));
    }
  }

  /** Learns from a 429 of a request that left at `startedAt`; `retryAfterMs` pauses the whole process. */
  onThrottled(startedAt: number, retryAfterMs?: number): void {
    const state = this.state();
    const now = this.env.now();
    if (retryAfterMs !== undefined) state.pausedUntil = Math.max(state.pausedUntil, now + retryAfterMs);
    if (startedAt < state.decreasedAt) return; // sent at the old rate: already accounted for
    const refused = this.sendingRate(state, now);
    state.rate = Math.max(MIN_RATE_PER_SECOND, Math.min(state.rate, refused) / 2);
    state.decreasedAt = now;
    state.increasedAt = now;
    state.lastStartAt = Math.max(state.lastStartAt, now); // the next request leaves a full interval from now
  }

  /** Lets the rate grow back slowly after a request was answered without throttling. */
  onSuccess(): void {
    const state = this.state();
    if (!Number.isFinite(state.rate)) return;
    const now = this.env.now();
    const elapsedSeconds = Math.max(0, now - state.increasedAt) / 1000;
    const grown = state.rate + elapsedSeconds * Math.max(1, state.rate * 0.2);
    state.rate = Math.max(state.rate, Math.min(grown, 2 * this.sendingRate(state, now)));
    state.increasedAt = now;
    if (state.rate > MAX_RATE_PER_SECOND) state.rate = Infinity;
  }

  /** Requests per second that left over the last {@link RATE_WINDOW_MS}. */
  private sendingRate(state: ThrottleState, now: number): number {
    this.forgetOldStarts(state, now);
    return state.recentStarts.length * (1000 / RATE_WINDOW_MS);
  }

  private forgetOldStarts(state: ThrottleState, now: number): void {
    while (state.recentStarts.length > 0 && state.recentStarts[0] < now - RATE_WINDOW_MS) state.recentStarts.shift();
  }

  private state(): ThrottleState {
    const throttles = processState().throttles;
    let state = throttles[this.key];
    if (!state) {
      state = {
        rate: Infinity,
        lastStartAt: -Infinity,
        pausedUntil: 0,
        decreasedAt: -Infinity,
        increasedAt: 0,
        recentStarts: [],
      };
      throttles[this.key] = state;
    }
    return state;
  }
}
