/**
 * The fault engine: decides, per request, whether it passes or what goes wrong (one-shot faults first, then the
 * random faults, the rate limit, the quota and the seeded error rate), the way AWS API Gateway in front of Hapn would answer.
 */
import { STATUS_CODES } from "node:http";
import { ROUTES } from "../provider/api-model";
import { mulberry32, type Random } from "./prng";
import {
  parseFaultOptions,
  type FaultOptions,
  type FaultState,
  type FaultTarget,
  type OneShotFault,
  type RandomFault,
} from "./fault-options";

/** An HTTP error answer decided by the fault engine. */
export interface GatewayError {
  kind: "error";
  status: number;
  body: { message: string };
  headers: Record<string, string>;
}

/** What happens to one request. */
export type FaultVerdict =
  | { kind: "pass" }
  | { kind: "reset" }
  | { kind: "stall" }
  | { kind: "lose-answer" }
  | { kind: "malformed"; body: "json" | "html" }
  | GatewayError;

const GATEWAY_MESSAGES: Record<number, string> = {
  429: "Too Many Requests",
  500: "Internal server error",
  502: "Internal server error",
  503: "Service Unavailable",
  504: "Endpoint request timed out",
};

/** The gateway-style error answer for `status` (429 gets the throttling body and `x-amzn-ErrorType`). */
export function gatewayError(status: number, extraHeaders: Record<string, string> = {}): GatewayError {
  const headers: Record<string, string> = { ...extraHeaders };
  if (status === 429) headers["x-amzn-ErrorType"] = "TooManyRequestsException";
  const message = GATEWAY_MESSAGES[status] ?? STATUS_CODES[status] ?? "Error";
  return { kind: "error", status, body: { message }, headers };
}

/** Whether a one-shot or random fault applies to a request to `target` (route-less ones follow the general faults). */
function matches(fault: OneShotFault | RandomFault, target: FaultTarget, general: boolean): boolean {
  return fault.route === undefined ? general : fault.route === target;
}

/** What a one-shot or random fault does to the request. */
function verdictOf(fault: OneShotFault | RandomFault): FaultVerdict {
  switch (fault.kind) {
    case "fail":
      return gatewayError(fault.status ?? 500);
    case "malformed":
      return { kind: "malformed", body: fault.body ?? "json" };
    default:
      return { kind: fault.kind };
  }
}

/** Decides faults for requests; settings can be replaced or merged at run time. */
export class FaultEngine {
  private options: FaultOptions = {};
  private pending: OneShotFault[] = [];
  private bucket = 0;
  private bucketAt = 0;
  private quotaUsed = 0;
  private readonly rng: Random;

  /** `seed` seeds the error-rate draws; `now` is injectable for tests. */
  constructor(
    options: FaultOptions,
    seed: number,
    private readonly now: () => number = Date.now,
  ) {
    this.rng = mulberry32(seed ^ 0x9e3779b9);
    this.set(options);
  }

  /** Replaces every setting (validated); refills the rate-limit bucket and restarts the quota count. */
  set(options: FaultOptions): FaultState {
    this.options = parseFaultOptions(options);
    this.pending = (this.options.next ?? []).map((f) => ({ ...f }));
    this.resetBucket();
    this.quotaUsed = 0;
    return this.state();
  }

  /** Merges top-level settings (a key present replaces the current one; `next` replaces the pending one-shots). */
  update(partial: FaultOptions): FaultState {
    const changes = parseFaultOptions(partial);
    this.options = { ...this.options, ...changes };
    if (changes.next) this.pending = changes.next.map((f) => ({ ...f }));
    if ("rateLimit" in changes) this.resetBucket();
    if ("quota" in changes) this.quotaUsed = 0;
    return this.state();
  }

  /** The current settings with defaults filled in. */
  state(): FaultState {
    const o = this.options;
    return structuredClone({
      down: o.down ?? null,
      latencyMs: o.latencyMs ?? 0,
      rateLimit: o.rateLimit ?? null,
      quota: o.quota ?? null,
      quotaUsed: this.quotaUsed,
      errorRate: o.errorRate ?? 0,
      errorStatus: o.errorStatus ?? 500,
      lostAnswerRate: o.lostAnswerRate ?? 0,
      includeTokenEndpoint: o.includeTokenEndpoint ?? false,
      randomFaults: o.randomFaults ?? [],
      next: this.pending,
    });
  }

  /** The delay to add before answering a request to `target`. */
  latencyFor(target: FaultTarget): number {
    return this.generalApplies(target) ? (this.options.latencyMs ?? 0) : 0;
  }

  /** Decides the fate of one request to `target`, consuming one-shots, bucket tokens and quota. */
  decide(target: FaultTarget): FaultVerdict {
    if (this.options.down === "reset") return { kind: "reset" };
    if (this.options.down === "503") return gatewayError(503);
    const general = this.generalApplies(target);
    const shot = this.takeOneShot(target, general) ?? this.drawRandomFault(target, general);
    if (shot) return shot;
    if (!general) return { kind: "pass" };
    return this.rateLimited() ?? this.overQuota() ?? this.randomError() ?? this.lostAnswer(target) ?? { kind: "pass" };
  }

  private generalApplies(target: FaultTarget): boolean {
    return target !== "token" || this.options.includeTokenEndpoint === true;
  }

  private takeOneShot(target: FaultTarget, general: boolean): FaultVerdict | undefined {
    const index = this.pending.findIndex((f) => matches(f, target, general));
    if (index < 0) return undefined;
    const shot = this.pending[index];
    shot.count = (shot.count ?? 1) - 1;
    if (shot.count <= 0) this.pending.splice(index, 1);
    return verdictOf(shot);
  }

  /** The first random fault that matches `target` and wins its draw (one draw per matching entry, in order). */
  private drawRandomFault(target: FaultTarget, general: boolean): FaultVerdict | undefined {
    for (const fault of this.options.randomFaults ?? []) {
      if (matches(fault, target, general) && fault.rate > 0 && this.rng() < fault.rate) return verdictOf(fault);
    }
    return undefined;
  }

  private resetBucket(): void {
    this.bucket = this.options.rateLimit?.burst ?? 0;
    this.bucketAt = this.now();
  }

  private rateLimited(): GatewayError | undefined {
    const limit = this.options.rateLimit;
    if (!limit) return undefined;
    const now = this.now();
    this.bucket = Math.min(limit.burst, this.bucket + ((now - this.bucketAt) / 1000) * limit.ratePerSecond);
    this.bucketAt = now;
    if (this.bucket >= 1) {
      this.bucket -= 1;
      return undefined;
    }
    const retry = limit.retryAfterSeconds;
    return gatewayError(429, retry === undefined ? {} : { "Retry-After": String(retry) });
  }

  private overQuota(): GatewayError | undefined {
    const quota = this.options.quota;
    if (!quota) return undefined;
    if (this.quotaUsed >= quota.limit) {
      return {
        kind: "error",
        status: 429,
        body: { message: "Limit Exceeded" },
        headers: { "x-amzn-ErrorType": "LimitExceededException" },
      };
    }
    this.quotaUsed++;
    return undefined;
  }

  private lostAnswer(target: FaultTarget): FaultVerdict | undefined {
    const rate = this.options.lostAnswerRate ?? 0;
    if (rate <= 0 || target === "token" || target === "unknown" || ROUTES[target].method === "GET") return undefined;
    return this.rng() < rate ? { kind: "lose-answer" } : undefined;
  }

  private randomError(): GatewayError | undefined {
    const rate = this.options.errorRate ?? 0;
    return rate > 0 && this.rng() < rate ? gatewayError(this.options.errorStatus ?? 500) : undefined;
  }
}
