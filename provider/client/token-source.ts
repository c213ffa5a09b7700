/**
 * OAuth2 client-credentials tokens for the Hapn API: fetch, cache, refresh ahead of expiry, single-flight.
 *
 * - Cached as `{token, expiresAt}`, treated as expired `min(5 min, lifetime / 2)` early (google-auth-library's
 *   eager refresh threshold, with MSAL's half-life rule so that short-lived tokens are not refreshed constantly).
 * - One refresh in flight however many callers need a token; the shared promise is cleared in `finally`, on
 *   success and on failure, so a failed refresh is retried by the next caller instead of being cached.
 * - The refresh has its own budget (`deadlineMs` from when it starts), not the deadline of whichever call started
 *   it; each caller waits for it only until its own deadline, and a caller whose deadline is later than the
 *   refresh's is not failed by the refresh running out of time: it starts (or joins) the next one.
 * - Token requests take no concurrency slot of their own: `getToken` takes the caller's {@link Slot}, so it can only
 *   be called from inside one, and the refresh is sent in the slot of the caller that started it, who waits for it.
 *   Taking a second slot would deadlock once every slot is held by a caller waiting for that same token. (If the
 *   starting caller's deadline passes first, the refresh briefly runs beyond the limit: one request at most.)
 * - `invalidate(token)` drops the cache only if it still holds that token: fifty requests answered 401 with the
 *   same stale token trigger one refresh, not fifty.
 */
import { CallBudget } from "./call-budget";
import type { Slot } from "./concurrency";
import { HapnError, isHapnError, type Redactor } from "./errors";
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
  transport: Transport;
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

/** A refresh in flight and the epoch ms by which it gives up. */
interface PendingRefresh {
  promise: Promise<string>;
  deadlineAt: number;
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
  private readonly state: () => { cached?: CachedToken; pending?: PendingRefresh };
  private readonly authPath: string;

  constructor(private readonly options: TokenSourceOptions) {
    this.authPath = new URL(options.authUrl).pathname;
    const state: { cached?: CachedToken; pending?: PendingRefresh } = {};
    this.state = () => state;
  }

  /**
   * A token that is not about to expire, from the cache or from one shared refresh, within the caller's
   * `deadlineAt` (epoch ms). `slot` is the caller's concurrency slot, which a refresh it starts is sent in.
   */
  async getToken(deadlineAt: number, slot: Slot): Promise<string> {
    const state = this.state();
    for (;;) {
      const cached = state.cached;
      if (cached && this.options.now() < cached.refreshAt) return cached.token;
      const refresh = (state.pending ??= this.startRefresh(slot));
      let callerExpired = false;
      try {
        return await raceTimer(refresh.promise, deadlineAt - this.options.now(), () => {
          callerExpired = true;
          return this.deadlineError();
        });
      } catch (error) {
        // A refresh that ran out of its own budget says nothing about a caller with a later deadline: that caller
        // tries again, with a refresh whose budget covers the rest of its deadline (for the client's calls, all
        // `deadlineMs` long, that is one more round at most).
        const outlived = !callerExpired && isHapnError(error, "HAPN_TIMEOUT") && deadlineAt > refresh.deadlineAt;
        if (!outlived) throw error;
      }
    }
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

  /** Starts the shared refresh with its own budget; it removes itself from the state when it settles. */
  private startRefresh(slot: Slot): PendingRefresh {
    const state = this.state();
    const budget = new CallBudget(this.options.now(), this.options.deadlineMs, 0);
    const refresh: PendingRefresh = {
      deadlineAt: budget.deadlineAt,
      promise: this.fetchToken(budget, slot).finally(() => {
        if (state.pending === refresh) state.pending = undefined;
      }),
    };
    return refresh;
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

  private async fetchToken(budget: CallBudget, slot: Slot): Promise<string> {
    const { authUrl, retryLoop } = this.options;
    // A client-credentials grant only mints a token, so repeating it is harmless: retry it like a GET.
    const call = { method: "POST", path: this.authPath, idempotent: true, budget };
    return retryLoop.run(call, async () => {
      // Measured before the request leaves, so network time only ever shortens the assumed lifetime.
      const requestedAt = this.options.now();
      this.options.onRequest();
      const response = await this.options.transport.send(
        {
          method: "POST",
          url: authUrl,
          path: this.authPath,
          headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            Accept: "application/json",
            "User-Agent": this.options.userAgent,
          },
          body: this.formBody(),
          deadlineAt: budget.deadlineAt,
        },
        slot,
      );
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
        throw (error as HapnError).withContext({ ...context, status: response.status });
      }
      this.options.redactor.addToken(parsed.accessToken);
      const lifetimeMs = parsed.expiresInSeconds * 1000;
      const expiresAt = requestedAt + lifetimeMs;
      this.state().cached = { token: parsed.accessToken, expiresAt, refreshAt: expiresAt - refreshAheadMs(lifetimeMs) };
      return parsed.accessToken;
    });
  }

  private formBody(): string {
    return new URLSearchParams({
      grant_type: "client_credentials",
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret(),
    }).toString();
  }
}
