/**
 * State the client shares across every instance in one process: the quota breakers and the adaptive throttles.
 *
 * It lives on `globalThis` under one string key, not in a module-level variable, because the provider code can be
 * loaded more than once in a process (Pulumi serializes the dynamic provider and loads the copy next to the
 * package; tests load both). Only plain data is stored, so copies of the classes built from it interoperate.
 * Entries are keyed by account (client id) and API origin: the quota and the gateway's limits belong to those.
 */
import type { OutageState } from "./outage-breaker";

/** The `globalThis` property holding the shared state; versioned so an incompatible shape never collides. */
export const PROCESS_STATE_KEY = "__pulumiHapnClientState_v1";

/** A tripped quota breaker: what the first exhausted answer said. */
export interface TrippedBreaker {
  message: string;
  method?: string;
  path?: string;
  status?: number;
  /** Epoch ms when the breaker half-opens: one call may then try again (./quota-breaker.ts). */
  retryAt?: number;
  /** Epoch ms of the last quota answer; only answers to requests started after it close the breaker. */
  trippedAt?: number;
  /** Whether the one half-open request is in flight. */
  probing?: boolean;
}

/** The adaptive throttle of one account and gateway (see ./throttle.ts). */
export interface ThrottleState {
  /** Requests per second allowed now; `Infinity` until the gateway first throttles. */
  rate: number;
  /** Epoch ms at which the last request left (pacing: the next leaves `1000 / rate` ms later). */
  lastStartAt: number;
  /** Epoch ms until which no request may leave (a `Retry-After`). */
  pausedUntil: number;
  /** Epoch ms of the last decrease (one decrease per round of in-flight requests). */
  decreasedAt: number;
  /** Epoch ms of the last increase, to grow the rate by elapsed time rather than by call count. */
  increasedAt: number;
  /** Start times (epoch ms) of recent requests, newest last, to measure the rate the gateway refused. */
  recentStarts: number[];
}

/** Everything shared, by account key. */
export interface ProcessState {
  breakers: Record<string, TrippedBreaker | undefined>;
  throttles: Record<string, ThrottleState | undefined>;
  outages: Record<string, OutageState | undefined>;
}

/** The shared state, created on first use. */
export function processState(): ProcessState {
  const holder = globalThis as unknown as Record<string, ProcessState | undefined>;
  let state = holder[PROCESS_STATE_KEY];
  if (!state) {
    state = {
      breakers: Object.create(null) as ProcessState["breakers"],
      throttles: Object.create(null) as ProcessState["throttles"],
      outages: Object.create(null) as ProcessState["outages"],
    };
    holder[PROCESS_STATE_KEY] = state;
  }
  return state;
}

/** The key of one account at one gateway: the client id and the API URL's origin. */
export function accountKey(clientId: string, apiUrl: string): string {
  return `${clientId} ${new URL(apiUrl).origin}`;
}

/** Forgets every breaker and throttle of this process. For tests, and for a long-lived process after a quota reset. */
export function resetProcessState(): void {
  delete (globalThis as unknown as Record<string, unknown>)[PROCESS_STATE_KEY];
}
