/**
 * OAuth2 client-credentials tokens for the Hapn API: fetch, cache, refresh ahead of expiry, single-flight.
 *
 * - Cached as `{token, expiresAt}`, treated as expired `min(5 min, lifetime / 2)` early (google-auth-library's
 *   eager refresh threshold, with MSAL's half-life rule so that short-lived tokens are not refreshed constantly).
 * - One refresh in flight however many callers need a token; the shared promise is cleared in `finally`, on
 *   success and on failure, so a failed refresh is retried by the next caller instead of being cached.
 * - `invalidate(token)` drops the cache only if it still holds that token: fifty requests answered 401 with the
 *   same stale token trigger one refresh, not fifty.
 */
import { HapnError, Redactor } from "./errors";
import { errorForResponse, responseMessage } from "./http-errors";
import { parseTokenResponse, TokenResponse } from "./parse";
import { RetryLoop } from "./retry-loop";
import { Transport } from "./transport";

/** The most a token is refreshed ahead of its expiry: five minutes. */
export const MAX_REFRESH_AHEAD_MS = 5 * 60 * 1000;

/** What a {@link TokenSource} needs. The secret is passed as a function so the object never holds it as data. */
export interface TokenSourceOptions {
  authUrl: string;
  clientId: string;
  clientSecret: () => string;
  userAgent: string;
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

  /** A token that is not about to expire, from the cache or from one shared refresh. */
  getToken(deadlineAt: number): Promise<string> {
    const state = this.state();
    const cached = state.cached;
    if (cached && this.options.now() < cached.refreshAt) return Promise.resolve(cached.token);
    if (!state.pending) {
      const refresh = this.fetchToken(deadlineAt).finally(() => {
        if (state.pending === refresh) state.pending = undefined;
      });
      state.pending = refresh;
    }
    return state.pending;
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

  private async fetchToken(deadlineAt: number): Promise<string> {
    const { authUrl, retryLoop } = this.options;
    // A client-credentials grant only mints a token, so repeating it is harmless: retry it like a GET.
    const call = {
      method: "POST",
      path: this.authPath,
      idempotent: true,
      deadlineAt,
      deadlineMs: this.options.deadlineMs,
    };
    return retryLoop.run(call, async () => {
      // Measured before the request leaves, so network time only ever shortens the assumed lifetime.
      const requestedAt = this.options.now();
      this.options.onRequest();
      const response = await this.options.transport.send({
        method: "POST",
        url: authUrl,
        path: this.authPath,
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/json",
          "User-Agent": this.options.userAgent,
        },
        body: this.formBody(),
        deadlineAt,
      });
      const context = { method: "POST", path: this.authPath, redactor: this.options.redactor, now: this.options.now };
      if (response.status === 400 || response.status === 401) {
        const reason = responseMessage(response);
        throw new HapnError(
          "HAPN_AUTH_REJECTED",
          `Hapn rejected the client credentials at ${authUrl} (HTTP ${response.status}${reason ? `: ${reason}` : ""}). ` +
            `Check clientId and clientSecret: they are the API client id and secret Hapn issues ` +
            `(dashboard "API Tokens" page, or Hapn customer success).`,
          { ...context, status: response.status },
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
