/**
 * The quota breaker: once the API says the account's quota is used up (`HAPN_QUOTA_EXHAUSTED`), every later call
 * of every client of that account in this process fails at once, without a request. The quota is a hard
 * account-level ceiling that retries do not fix (docs/hapn-api-notes.md), and each further request only digs deeper;
 * a refresh of 200 devices must stop after one refused request, not after 200.
 *
 * The breaker stays open for the life of the process (one `pulumi up` or `refresh`); `resetProcessState()` clears it.
 */
import { HapnError, type Redactor } from "./errors";
import { processState } from "../process-state";

/** Trips and checks the process-wide breaker of one account. */
export class QuotaBreaker {
  constructor(
    private readonly key: string,
    private readonly redactor: Redactor,
  ) {}

  /** Throws `HAPN_QUOTA_EXHAUSTED` without any I/O when the breaker is open. */
  check(method: string, path: string): void {
    const tripped = processState().breakers[this.key];
    if (!tripped) return;
    throw new HapnError(
      "HAPN_QUOTA_EXHAUSTED",
      `${method} ${path} was not sent: an earlier request in this process found the Hapn account's API quota ` +
        `used up (${tripped.message})`,
      { method, path, status: tripped.status, redactor: this.redactor },
    );
  }

  /** Opens the breaker with `error` (a `HAPN_QUOTA_EXHAUSTED`); the first one wins, later ones change nothing. */
  trip(error: HapnError): void {
    const breakers = processState().breakers;
    breakers[this.key] ??= { message: error.message, method: error.method, path: error.path, status: error.status };
  }

  /** Whether the breaker is open. */
  get open(): boolean {
    return processState().breakers[this.key] !== undefined;
  }
}
