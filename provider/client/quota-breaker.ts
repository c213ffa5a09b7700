/**
 * The quota breaker: once the API says the account's quota is used up (`HAPN_QUOTA_EXHAUSTED`), every later call
 * of every client of that account in this process fails at once, without a request. The quota is a hard
 * account-level ceiling that retries do not fix (docs/hapn-api-notes.md), and each further request only digs deeper;
 * a refresh of 200 devices must stop after one refused request, not after 200.
 *
 * It half-opens after `quotaCooldownMs` (default ten minutes), or after the quota answer's `Retry-After` when it
 * has one: the next call is sent, and the others keep failing at once while it is in flight. Any other answer to a
 * request sent after the quota answer closes the breaker; another quota answer opens it for another cooldown. One
 * `pulumi up` never lasts that long after a quota answer, but a long-lived process using `HapnClient` (a service, a
 * script) recovers by itself once the quota is reset. `resetProcessState()` clears it at once.
 */
import { HapnError, type Redactor } from "./errors";
import { processState, type TrippedBreaker } from "../process-state";

/** What the breaker needs besides the account key. */
export interface QuotaBreakerOptions {
  redactor: Redactor;
  /** How long the breaker stays open when the quota answer gives no `Retry-After`, in ms. */
  cooldownMs: number;
  now: () => number;
}

/** Trips and checks the process-wide breaker of one account. */
export class QuotaBreaker {
  constructor(
    private readonly key: string,
    private readonly options: QuotaBreakerOptions,
  ) {}

  /** Throws `HAPN_QUOTA_EXHAUSTED` without any I/O when the breaker is open and not due to half-open. */
  check(method: string, path: string): void {
    const tripped = this.tripped();
    if (!tripped) return;
    if (tripped.probing || this.options.now() < (tripped.retryAt ?? Infinity))
      throw this.refusal(tripped, method, path);
  }

  /**
   * Like {@link check}, right before an attempt is sent: when the breaker is due to half-open, this attempt becomes
   * the one that tries again (the others keep failing until its answer comes).
   */
  admit(method: string, path: string): void {
    this.check(method, path);
    const tripped = this.tripped();
    if (tripped) tripped.probing = true;
  }

  /**
   * Opens the breaker with `error` (a `HAPN_QUOTA_EXHAUSTED`), until its `Retry-After` or the cooldown has passed.
   * While open, the first message is kept; a quota answer to the half-open attempt opens it for another cooldown.
   */
  trip(error: HapnError): void {
    const breakers = processState().breakers;
    const now = this.options.now();
    const retryAt = now + (error.retryAfterMs ?? this.options.cooldownMs);
    const earlier = breakers[this.key];
    breakers[this.key] = {
      message: earlier?.message ?? error.message,
      method: earlier?.method ?? error.method,
      path: earlier?.path ?? error.path,
      status: earlier?.status ?? error.status,
      retryAt: Math.max(retryAt, earlier?.retryAt ?? 0),
      trippedAt: now,
      probing: false,
    };
  }

  /** Closes the breaker after any other answer to a request that left after the last quota answer. */
  onAnswer(requestStartedAt: number): void {
    const tripped = this.tripped();
    if (tripped && requestStartedAt >= (tripped.trippedAt ?? Infinity)) delete processState().breakers[this.key];
  }

  /** Lets another call try again when the half-open attempt got no answer at all (a network failure). */
  onNoAnswer(): void {
    const tripped = this.tripped();
    if (tripped) tripped.probing = false;
  }

  /** Whether the breaker is open. */
  get open(): boolean {
    return this.tripped() !== undefined;
  }

  private tripped(): TrippedBreaker | undefined {
    return processState().breakers[this.key];
  }

  private refusal(tripped: TrippedBreaker, method: string, path: string): HapnError {
    const retryAt = tripped.retryAt ?? Infinity;
    const when = Number.isFinite(retryAt)
      ? tripped.probing
        ? "; one call is trying again now"
        : `; one call tries again at ${new Date(retryAt).toISOString().slice(11, 19)} UTC ` +
          `(in ${Math.max(0, Math.ceil((retryAt - this.options.now()) / 1000))} s)`
      : "";
    return new HapnError(
      "HAPN_QUOTA_EXHAUSTED",
      `${method} ${path} was not sent: an earlier request in this process found the Hapn account's API quota ` +
        `used up (${tripped.message})${when}`,
      { method, path, status: tripped.status, redactor: this.options.redactor },
    );
  }
}
