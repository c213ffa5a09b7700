/**
 * The one error type the client throws, its stable codes, and the redaction that keeps credentials out of it.
 *
 * Redaction happens in the {@link HapnError} constructor (the octokit `RequestError` pattern): whatever path an
 * error takes afterwards (Pulumi diagnostics, `console.log`, `JSON.stringify`, a CI log), its message, stack and
 * cause have already been scrubbed.
 */

/**
 * Stable, machine-readable error codes. Callers (the provider, CI scripts) branch on these, never on message text.
 * - `HAPN_AUTH_REJECTED`: the token endpoint refused the client id / secret (HTTP 401, or 400 with OAuth error
 *   `invalid_client` / `unauthorized_client`).
 * - `HAPN_UNAUTHORIZED`: the API answered 401/403 even to a freshly issued token (after the one forced refresh).
 * - `HAPN_NOT_FOUND`: HTTP 404 in the application's envelope where a missing object is an error.
 * - `HAPN_ROUTE_NOT_FOUND`: the gateway does not serve the path (404 without the application's envelope, a 404 on a
 *   list route, or 403 "Missing Authentication Token"): `hapn:apiUrl` / `hapn:authUrl` is probably wrong. Never
 *   read as "the object is gone".
 * - `HAPN_BAD_REQUEST`: HTTP 400 from the API, or a token endpoint 400 that is not about the credentials (e.g.
 *   `unsupported_grant_type`); the message carries the server's (truncated) explanation or OAuth error code.
 * - `HAPN_RATE_LIMITED`: HTTP 429 (throttling) that outlasted every retry.
 * - `HAPN_QUOTA_EXHAUSTED`: HTTP 429 saying the account quota is used up; never retried, and every later call of
 *   the process fails at once without a request until the breaker half-opens (./quota-breaker.ts).
 * - `HAPN_API_UNAVAILABLE`: the API is down (a run of connection failures, timeouts or 5xx that retries did not
 *   cure); every call of the process fails at once, without a request, until the outage breaker half-opens
 *   (./outage-breaker.ts).
 * - `HAPN_ENGINE_GONE`: the Pulumi engine that started this provider process died (a killed `pulumi up`); nothing
 *   more is sent (./engine-watch.ts).
 * - `HAPN_TIMEOUT`: a per-attempt timeout, or the overall deadline left no time for another attempt.
 * - `HAPN_NETWORK`: the connection failed (reset, refused, DNS, …).
 * - `HAPN_BAD_RESPONSE`: a reply we cannot trust: not JSON, wrong shape, too large, looping pagination.
 * - `HAPN_REDIRECT_REFUSED`: the server answered 3xx; redirects are never followed so the token never travels.
 * - `HAPN_HTTP`: any other unexpected HTTP status (5xx after retries, 409, 422, …).
 * - `HAPN_INVALID_ARGUMENT`: a bad constructor option or method argument (a caller bug or a config mistake).
 */
export const HAPN_ERROR_CODES = [
  "HAPN_AUTH_REJECTED",
  "HAPN_UNAUTHORIZED",
  "HAPN_NOT_FOUND",
  "HAPN_ROUTE_NOT_FOUND",
  "HAPN_BAD_REQUEST",
  "HAPN_RATE_LIMITED",
  "HAPN_QUOTA_EXHAUSTED",
  "HAPN_API_UNAVAILABLE",
  "HAPN_ENGINE_GONE",
  "HAPN_TIMEOUT",
  "HAPN_NETWORK",
  "HAPN_BAD_RESPONSE",
  "HAPN_REDIRECT_REFUSED",
  "HAPN_HTTP",
  "HAPN_INVALID_ARGUMENT",
] as const;

/** One of {@link HAPN_ERROR_CODES}. */
export type HapnErrorCode = (typeof HAPN_ERROR_CODES)[number];

/** What replaces a secret in any text the client produces. */
export const REDACTED = "[REDACTED]";

/** How many characters of a server-supplied message we quote; servers can echo arbitrary input back. */
export const MAX_SERVER_MESSAGE_CHARS = 200;

/**
 * Shapes that are secret whatever their value: bearer tokens and OAuth form / JSON fields. These catch values the
 * client never registered (e.g. a token a proxy echoes back), in the spirit of gaxios `defaultErrorRedactor`.
 */
const SECRET_SHAPES: ReadonlyArray<[RegExp, (match: string, name: string, rest: string) => string]> = [
  [/\b(Bearer)\s+([A-Za-z0-9\-._~+/]+=*)/gi, (match, word, value) => (isWord(value) ? match : `${word} ${REDACTED}`)],
  [
    /\b(client_secret|access_token|refresh_token|id_token)(=|"?\s*:\s*"?)[^&"\s,}]+/gi,
    (_match, name, separator) => `${name}${separator}${REDACTED}`,
  ],
];

/**
 * True for what follows "bearer" in a sentence ("the bearer token is never sent"): a short run of letters, maybe
 * ending a clause. A credential has digits or punctuation in it, or is long; only those are values to redact.
 */
function isWord(value: string): boolean {
  return /^[A-Za-z]{1,19}[.,;:!?]?$/.test(value);
}

/** Removes secret-shaped substrings (bearer tokens, `client_secret=…`, `"access_token":"…"`) from `text`. */
export function redactSecretShapes(text: string): string {
  return SECRET_SHAPES.reduce((acc, [pattern, replacement]) => acc.replace(pattern, replacement), text);
}

/** How many tokens a redactor remembers: the current one plus a few it replaced (errors can outlive a refresh). */
const REMEMBERED_TOKENS = 4;

/**
 * The set of literal secrets one client knows: its client secret and its current and recent access tokens.
 * Each secret is also matched in its URL-encoded, form-encoded and JSON-escaped spellings, because a secret can
 * surface inside a request body or an echoed payload.
 *
 * The lists live behind a function, not in data fields, so `console.log(client)`, `util.inspect` and
 * `JSON.stringify` of anything holding a redactor show `[Function]` instead of the secrets it protects.
 */
export class Redactor {
  private readonly vault: () => { secrets: string[]; tokens: string[] };

  constructor() {
    const state = { secrets: [] as string[], tokens: [] as string[] };
    this.vault = () => state;
  }

  /** Registers a long-lived secret (the client secret). Empty strings are ignored. */
  addSecret(value: string): void {
    const { secrets } = this.vault();
    for (const v of spellings(value)) if (!secrets.includes(v)) secrets.push(v);
  }

  /** Registers an access token; only the most recent {@link REMEMBERED_TOKENS} are kept. */
  addToken(token: string): void {
    if (!token) return;
    const state = this.vault();
    state.tokens = [token, ...state.tokens.filter((t) => t !== token)].slice(0, REMEMBERED_TOKENS);
  }

  /** Returns `text` with every registered secret and every secret-shaped substring replaced by {@link REDACTED}. */
  redact(text: string): string {
    const { secrets, tokens } = this.vault();
    const literals = [...secrets, ...tokens.flatMap(spellings)].sort((a, b) => b.length - a.length);
    const scrubbed = literals.reduce((acc, secret) => acc.split(secret).join(REDACTED), text);
    return redactSecretShapes(scrubbed);
  }

  /** Hides the vault from `JSON.stringify`. */
  toJSON(): string {
    return "Redactor";
  }
}

/** The ways a secret can be spelled in text we might quote. */
function spellings(value: string): string[] {
  if (!value) return [];
  const forms = [
    value,
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice(2),
    JSON.stringify(value).slice(1, -1),
  ];
  return forms.filter((f, i) => f.length > 0 && forms.indexOf(f) === i);
}

/** Cuts `text` to `max` characters with an ellipsis; used for anything a server sent us. */
export function truncate(text: string, max = MAX_SERVER_MESSAGE_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** Extra facts attached to a {@link HapnError}; all optional. */
export interface HapnErrorOptions {
  /** HTTP status of the failing response, when there was one. */
  status?: number;
  /** HTTP method of the failing request. */
  method?: string;
  /** Path of the failing request relative to the API base (or the auth URL's path for token requests). */
  path?: string;
  /** The server's request id (`x-amzn-requestid`, `x-request-id` or `apigw-requestid`), for support tickets. */
  requestId?: string;
  /** True when the same request could succeed if tried again (5xx, throttling, network, timeout). */
  retryable?: boolean;
  /** The server's Retry-After hint, in milliseconds, when it sent one. */
  retryAfterMs?: number;
  /** How many HTTP attempts the call made before giving up. */
  attempts?: number;
  /** The underlying error; it is copied in redacted form, never kept as is. */
  cause?: unknown;
  /** The client's redactor, so its secret and tokens are scrubbed as well as secret-shaped text. */
  redactor?: Redactor;
}

/** A redacted copy of an underlying error: its name, message, stack and (for system errors) its `code`. */
export interface RedactedCause {
  name: string;
  message: string;
  stack?: string;
  code?: string;
}

/**
 * The error every client operation rejects with. Message, stack and cause are redacted when it is constructed,
 * and `toJSON` emits only those redacted fields, so no serialization of it can reveal a credential.
 */
export class HapnError extends Error {
  /** Stable code; see {@link HAPN_ERROR_CODES}. */
  readonly code: HapnErrorCode;
  /** HTTP status, if a response was received. */
  readonly status?: number;
  /** HTTP method of the failing request. */
  readonly method?: string;
  /** Request path (relative to the API base) of the failing request. */
  readonly path?: string;
  /** Server request id, when the response carried one. */
  readonly requestId?: string;
  /** True when retrying the same request could succeed. */
  readonly retryable: boolean;
  /** The server's Retry-After hint in milliseconds, if any. */
  readonly retryAfterMs?: number;
  /** Number of HTTP attempts made, when known. */
  readonly attempts?: number;
  /** Redacted copy of the underlying error (a {@link HapnError} cause is kept as is: it is already redacted). */
  override readonly cause?: RedactedCause | HapnError;

  constructor(code: HapnErrorCode, message: string, options: HapnErrorOptions = {}) {
    const redact = (text: string) => (options.redactor ? options.redactor.redact(text) : redactSecretShapes(text));
    const text = redact(message);
    super(text);
    // Set before anything reads `stack`: V8 renders the stack's "Name: message" header on first access.
    this.name = "HapnError";
    // Pulumi's closure serializer rewrites `super(…)` as `Error.call(this, …)`, which leaves `this` untouched;
    // setting message and stack explicitly keeps a serialized copy of this class working the same.
    this.message = text;
    if (this.stack === undefined) Error.captureStackTrace(this, HapnError);
    this.code = code;
    this.retryable = options.retryable ?? false;
    if (options.status !== undefined) this.status = options.status;
    if (options.method !== undefined) this.method = options.method;
    if (options.path !== undefined) this.path = redact(options.path);
    if (options.requestId !== undefined) this.requestId = redact(options.requestId);
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.attempts !== undefined) this.attempts = options.attempts;
    if (options.cause !== undefined) this.cause = redactCause(options.cause, redact);
    if (this.stack !== undefined) this.stack = redact(this.stack);
  }

  /**
   * A copy of this error with more context (e.g. the method and path a parser did not know, or the attempt count),
   * redacted again with `extra.redactor` when given. `suffix` is appended to the message.
   */
  withContext(extra: HapnErrorOptions, suffix = ""): HapnError {
    return new HapnError(this.code, this.message + suffix, { ...this.facts(), cause: this.cause, ...extra });
  }

  /** A plain, already-redacted object; `JSON.stringify(err)` uses it. */
  toJSON(): Record<string, unknown> {
    const cause =
      this.cause instanceof HapnError
        ? this.cause.toJSON()
        : this.cause && { name: this.cause.name, message: this.cause.message, code: this.cause.code };
    return { name: this.name, code: this.code, message: this.message, ...this.facts(), cause };
  }

  /** The request facts that {@link withContext} carries over and {@link toJSON} emits. */
  private facts(): Omit<HapnErrorOptions, "cause" | "redactor"> {
    return {
      status: this.status,
      method: this.method,
      path: this.path,
      requestId: this.requestId,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      attempts: this.attempts,
    };
  }
}

/** True when `value` is a {@link HapnError}, optionally with the given code. */
export function isHapnError(value: unknown, code?: HapnErrorCode): value is HapnError {
  return value instanceof HapnError && (code === undefined || value.code === code);
}

/**
 * Copies an arbitrary thrown value into a {@link RedactedCause}. A {@link HapnError} is already safe and kept.
 * Anything error-like (an `Error`, or a {@link RedactedCause} being re-wrapped) keeps its name, message, stack and
 * string `code` (e.g. `ECONNRESET`, which the retry policy reads); anything else is stringified.
 */
function redactCause(cause: unknown, redact: (text: string) => string): RedactedCause | HapnError {
  if (cause instanceof HapnError) return cause;
  if (typeof cause === "object" && cause !== null && typeof (cause as { message?: unknown }).message === "string") {
    const { name, message, stack, code } = cause as {
      name?: unknown;
      message: string;
      stack?: unknown;
      code?: unknown;
    };
    const copy: RedactedCause = { name: typeof name === "string" ? name : "Error", message: redact(message) };
    if (typeof stack === "string") copy.stack = redact(stack);
    if (typeof code === "string") copy.code = code;
    return copy;
  }
  return { name: typeof cause, message: redact(truncate(String(cause))) };
}
