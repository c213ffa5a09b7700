/**
 * Request counters read by the admin API, the demo, end-to-end tests and the benchmark. Outcomes are keyed by
 * HTTP status ("200", "429", …), by "reset" / "stall" / "lost" for connections that got no HTTP answer ("lost": the
 * request was applied, then the connection reset), or by "malformed" for a broken body sent with status 200.
 */
import type { RouteName } from "../provider/api-model";

/** An outcome key: an HTTP status as a string, or "reset" / "stall" / "lost" / "malformed". */
export type Outcome = string;

/** The counters' JSON shape (as served by `GET /_admin/counters`). */
export interface CounterSnapshot {
  tokenRequests: number;
  tokenRequestsByStatus: Record<Outcome, number>;
  apiRequests: number;
  byRoute: Partial<Record<RouteName | "unknown", Record<Outcome, number>>>;
  /**
   * Requests by route ("token" for the token endpoint) counted when they arrive, before latency and faults: what
   * reached the server by a moment, e.g. writes that arrived after a client was killed.
   */
  arrivals: Partial<Record<RouteName | "unknown" | "token", number>>;
  /** The longest a stalled request was held before its client gave up, in ms, by route ("token" included). */
  longestStallMs: Partial<Record<RouteName | "unknown" | "token", number>>;
}

/**
 * Called synchronously once a handler ran (a write is applied) and before its answer leaves, lost answers included.
 */
export type HandledListener = (target: RouteName | "unknown" | "token", status: number) => void;

/**
 * Mutable request counters. An account's counters have the server's as `parent`: every request recorded in an
 * account's counters is recorded in the server's too, so the server's count everything once.
 */
export class Counters {
  private state: CounterSnapshot = Counters.empty();
  private readonly handledListeners = new Set<HandledListener>();

  constructor(private readonly parent?: Counters) {}

  private static empty(): CounterSnapshot {
    return {
      tokenRequests: 0,
      tokenRequestsByStatus: {},
      apiRequests: 0,
      byRoute: {},
      arrivals: {},
      longestStallMs: {},
    };
  }

  /** Counts one token-endpoint request with its outcome. */
  recordToken(outcome: Outcome): void {
    this.state.tokenRequests++;
    bump(this.state.tokenRequestsByStatus, outcome);
    this.parent?.recordToken(outcome);
  }

  /** Counts one API request for a route (or "unknown") with its outcome. */
  recordApi(route: RouteName | "unknown", outcome: Outcome): void {
    this.state.apiRequests++;
    bump((this.state.byRoute[route] ??= {}), outcome);
    this.parent?.recordApi(route, outcome);
  }

  /** Counts a request to `target` as it arrives. */
  recordArrival(target: RouteName | "unknown" | "token"): void {
    bump(this.state.arrivals as Record<string, number>, target);
    this.parent?.recordArrival(target);
  }

  /** Tells the listeners that a handler for `target` ran and its answer (`status`) is about to leave. */
  recordHandled(target: RouteName | "unknown" | "token", status: number): void {
    for (const listener of [...this.handledListeners]) listener(target, status);
    this.parent?.recordHandled(target, status);
  }

  /** Adds a {@link HandledListener}; returns the function that removes it. */
  onHandled(listener: HandledListener): () => void {
    this.handledListeners.add(listener);
    return () => this.handledListeners.delete(listener);
  }

  /** Records that a stalled request to `target` was held `ms` before its client closed the connection. */
  recordStall(target: RouteName | "unknown" | "token", ms: number): void {
    const longest = this.state.longestStallMs;
    longest[target] = Math.max(longest[target] ?? 0, Math.round(ms));
    this.parent?.recordStall(target, ms);
  }

  /** A copy of the counters. */
  snapshot(): CounterSnapshot {
    return structuredClone(this.state);
  }

  /** Sets every counter back to zero (an account's only: the server's keep counting). */
  reset(): void {
    this.state = Counters.empty();
  }
}

function bump(map: Record<Outcome, number>, key: Outcome): void {
  map[key] = (map[key] ?? 0) + 1;
}
