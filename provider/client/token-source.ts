/**
 * OAuth2 client-credentials tokens for the Hapn API: fetch, cache, refresh ahead of expiry, single-flight.
 *
 * - Cached as `{token, expiresAt}`, treated as expired `min(5 min, lifetime / 2)` early (google-auth-library's
 *   eager refresh threshold, with MSAL's half-life rule so that short-lived tokens are not refreshed constantly).
 * - One token request in flight however many callers need a token. What is shared is one HTTP attempt, not its
 *   retries: each caller retries under its own retry loop and budget, so one failed attempt (a reset, a 5xx, a
 *   malformed answer) never fails every waiting caller at once. A caller that retries joins the attempt in flight,
 *   if there is one, or starts the next one; the shared attempt is cleared when it settles, so a failure is never
 *   cached.
 * - A malformed 2xx from the token endpoint (an HTML page, truncated JSON, no `access_token`) is treated as a
 *   transient failure and retried like a 5xx: gateways and proxies produce such answers under load. A refusal of the
 *   credentials or of the request (400, 401) stays final.
 * - The shared attempt has its own deadline (`deadlineMs` from when it starts), not the deadline of whichever call
 *   started it; each caller waits for it only until its own deadline, and a caller that outlives an attempt which
 *   ran out of time retries with the next one.
 * - Each attempt has its own timeout (`tokenTimeoutMs`, default 10 s), shorter than the API's 30 s: one token
 *   attempt holds every caller waiting for a token, so a stalled one must be given up on sooner.
 * - Token requests take no concurrency slot of their own: `getToken` takes the caller's {@link Slot}, so it can only
 *   be called from inside one, and an attempt is sent in the slot of the caller that started it, who waits for it.
 *   Taking a second slot would deadlock once every slot is held by a caller waiting for that same token. (If the
 *   starting caller's deadline passes first, the attempt briefly runs beyond the limit: one request at most.)
 * - `invalidate(token)` drops the cache only if it still holds that token: fifty requests answered 401 with the
 *   same stale token trigger one refresh, not fifty.
 */
import { type CallBudget } from "./call-budget";
import type { Slot } from "./concurrency";
import { HapnError, type Redactor } from "./errors";
import { errorForResponse, responseMessage, routeNotFoundError } from "./http-errors";
import { parseTokenResponse, type TokenResponse } from "./parse";
import { type RetryLoop } from "./retry-loop";
import { raceTimer } from "./timer-race";
import { type Transport, type TransportResponse } from "./transport";

/** The most a token is refreshed ahead of its expiry: five minutes. */
export const MAX_REFRESH_AHEAD_MS = 5 * 60 * 1000;

/** What a {@link TokenSource} needs. The secret is passed as a function so the object never holds it as data. */
export interface TokenSourceOptions {
  authUrl: string;
  clientId: string;
  clientSecret: () => string;
  userAgent: string;
  /** Budget of one refresh in ms, retries included; the client's overall call deadline. */
  deadlineMs: number;
  /** Per-attempt timeout of a token request in ms (shorter than the API's: every waiting caller is held by it). */
  attemptTimeoutMs: number;
  transport: Transport;
  /** Sends an attempt through the client's checks (the engine watch, the outage breaker). */
  gate: (label: { method: string; path: string }, send: () => Promise<TransportResponse>) => Promise<TransportResponse>;
  retryLoop: RetryLoop;
  redactor: Redactor;
  now: () => number;
  /** Called once per HTTP attempt against the token endpoint. */
  onRequest: () => void;
}

interface CachedToken {
  token: string;
  expiresAt: number;
  refreshAt: number;
}

/** OAuth `error` codes (RFC 6749 §5.2) that mean the client id or secret is wrong, not the request. */
const CREDENTIAL_ERRORS: readonly string[] = ["invalid_client", "unauthorized_client"];

/** True when the token endpoint's answer says the credentials themselves were refused. */
function rejectsCredentials(response: TransportResponse): boolean {
  if (response.status === 401) return true;
  const error = (response.json as { error?: unknown } | undefined)?.error;
  return response.status === 400 && typeof error === "string" && CREDENTIAL_ERRORS.includes(error);
}

/** How long before expiry a token of `lifetimeMs` is replaced. */
export function refreshAheadMs(lifetimeMs: number): number {
  return Math.min(MAX_REFRESH_AHEAD_MS, lifetimeMs / 2);
}

/** Supplies valid access tokens, fetching a new one only when needed. */
export class TokenSource {
  /** Cache and in-flight refresh, behind a function so inspecting the client does not print the token. */
  private readonly state: () => { cached?: CachedToken; pending?: Promise<string> };
  private readonly authPath: string;

  constructor(private readonly options: TokenSourceOptions) {
    this.authPath = new URL(options.authUrl).pathname;
    const state: { cached?: CachedToken; pending?: Promise<string> } = {};
    this.state = () => state;
  }

  /**
   * A token that is not about to expire, from the cache or from the shared token request, retried under the
   * caller's own `budget` (its deadline and retry count). `slot` is the caller's concurrency slot, which a token
   * request it starts is sent in. Errors come out of the retry loop with `attempts` set, so they are final for the
   * caller's own loop.
   */
  async getToken(budget: CallBudget, slot: Slot): Promise<string> {
    // A client-credentials grant only mints a token, so repeating it is harmless: retry it like a GET.
    const call = { method: "POST", path: this.authPath, idempotent: true, budget };
    return this.options.retryLoop.run(call, () => this.cachedOrShared(budget.deadlineAt, slot));
  }

  /** Forgets `token` if it is still the cached one (the API just refused it). */
  invalidate(token: string): void {
    const state = this.state();
    if (state.cached?.token === token) state.cached = undefined;
  }

  /** When the cached token expires (epoch ms), if there is one; for diagnostics and tests. */
  get expiresAt(): number | undefined {
    return this.state().cached?.expiresAt;
  }

  /** One attempt of a caller: the cached token, or the shared request's answer within the caller's deadline. */
  private cachedOrShared(deadlineAt: number, slot: Slot): Promise<string> {
    const state = this.state();
    const cached = state.cached;
    if (cached && this.options.now() < cached.refreshAt) return Promise.resolve(cached.token);
    const pending = (state.pending ??= this.startRequest(slot));
    return raceTimer(pending, deadlineAt - this.options.now(), () => this.deadlineError());
  }

  /** Starts the shared token request with its own deadline; it removes itself from the state when it settles. */
  private startRequest(slot: Slot): Promise<string> {
    const state = this.state();
    const deadlineAt = this.options.now() + this.options.deadlineMs;
    const request: Promise<string> = this.requestToken(deadlineAt, slot).finally(() => {
      if (state.pending === request) state.pending = undefined;
    });
    return request;
  }

  /** What a caller gets when its own deadline passes while it waits for the shared refresh. */
  private deadlineError(): HapnError {
    return new HapnError(
      "HAPN_TIMEOUT",
      `POST ${this.authPath}: no access token within the call's ${this.options.deadlineMs} ms deadline ` +
        `(the token request is still running)`,
      { method: "POST", path: this.authPath, redactor: this.options.redactor },
    );
  }

  /** One HTTP attempt at the token endpoint; caches and returns the token, or throws a classified error. */
  private async requestToken(deadlineAt: number, slot: Slot): Promise<string> {
    const { authUrl } = this.options;
    // Measured before the request leaves, so network time only ever shortens the assumed lifetime.
    const requestedAt = this.options.now();
    const label = { method: "POST", path: this.authPath };
    const response = await this.options.gate(label, () => {
      this.options.onRequest();
      return this.options.transport.send(
        {
          ...label,
          url: authUrl,
          headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            Accept: "application/json",
            "User-Agent": this.options.userAgent,
          },
          body: this.formBody(),
          deadlineAt,
          timeoutMs: this.options.attemptTimeoutMs,
        },
        slot,
      );
    });

    const context = { method: "POST", path: this.authPath, redactor: this.options.redactor, now: this.options.now };
    if (response.status === 404) throw routeNotFoundError(response, context, { option: "authUrl", url: authUrl });
    if (rejectsCredentials(response)) {
      const reason = responseMessage(response);
      throw new HapnError(
        "HAPN_AUTH_REJECTED",
        `Hapn rejected the client credentials at ${authUrl} (HTTP ${response.status}${reason ? `: ${reason}` : ""}). ` +
          `Check clientId and clientSecret: they are the API client id and secret Hapn issues ` +
          `(dashboard "API Tokens" page, or Hapn customer success).`,
        { ...context, status: response.status },
      );
    }
    if (response.status === 400) {
      // Quotes the OAuth `error` code (e.g. unsupported_grant_type) via the server message.
      throw errorForResponse(response, context).withContext(
        { redactor: this.options.redactor },
        `. The token endpoint at ${authUrl} refused the request itself, not the credentials: check that authUrl ` +
          `is Hapn's OAuth2 token endpoint and that no proxy rewrites the request.`,
      );
    }
    if (response.status < 200 || response.status >= 300) throw errorForResponse(response, context);
    let parsed: TokenResponse;
    try {
      parsed = parseTokenResponse(response.json);
    } catch (error) {
      // A 2xx without a usable token is retried like a body that is not JSON at all (which the transport marks
      // retryable): both come from a gateway or proxy under load, and a token request is safe to repeat.
      throw (error as HapnError).withContext({ ...context, status: response.status, retryable: true });
    }
    this.options.redactor.addToken(parsed.accessToken);
    const lifetimeMs = parsed.expiresInSeconds * 1000;
    const expiresAt = requestedAt + lifetimeMs;
    this.state().cached = { token: parsed.accessToken, expiresAt, refreshAt: expiresAt - refreshAheadMs(lifetimeMs) };
    return parsed.accessToken;
  }

  private formBody(): string {
    return new URLSearchParams({
      grant_type: "client_credentials",
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret(),
    }).toString();
  }
}
