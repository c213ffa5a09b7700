/**
 * {@link HapnClientOptions}: the documented knobs, their defaults, and the validation that turns a config mistake
 * into an error naming the option (instead of a confusing failure on the first request).
 */
import { DEFAULT_API_URL, DEFAULT_AUTH_URL } from "../api-model/routes";
import { DEFAULT_DIALECT, type ApiDialect } from "../api-model/dialect";
import { HapnError } from "./errors";
import { defaultEngineCheck, type EngineCheck } from "./engine-watch";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy";
import { type FetchFunction } from "./transport";

/** Options of `new HapnClient(…)`. Only the credentials are required. */
export interface HapnClientOptions {
  /** OAuth2 client id issued by Hapn. */
  clientId: string;
  /** OAuth2 client secret issued by Hapn. Never logged, never put in an error. */
  clientSecret: string;
  /** Token endpoint. Default {@link DEFAULT_AUTH_URL}. Must be https (http: see `allowInsecureHttp`). */
  authUrl?: string;
  /** API base including `/v1`. Default {@link DEFAULT_API_URL}. Must be https (http: see `allowInsecureHttp`). */
  apiUrl?: string;
  /**
   * Allow `http://` URLs to any host, e.g. an emulator running as a CI service (`http://hapn-emulator:8787`).
   * Default false: plain http is allowed only to loopback hosts, as it sends the secret and tokens unencrypted.
   */
  allowInsecureHttp?: boolean;
  /** Per-attempt timeout in ms, covering headers and body. Default 30 000. */
  timeoutMs?: number;
  /**
   * Per-attempt timeout of token requests in ms. Default 10 000: a token is a small answer, and every call waiting
   * for one is held until the attempt ends, so a stalled token request must not cost the API's `timeoutMs`.
   */
  tokenTimeoutMs?: number;
  /** Overall budget of one call in ms, retries, waits and token fetches included. Default 120 000. */
  deadlineMs?: number;
  /** Retries after the first attempt, for failures other than throttling (429). Default 4. */
  maxRetries?: number;
  /**
   * How long one call may spend waiting on throttling (429s and the adaptive rate limit), in ms. A 429 is retried
   * until this is spent rather than for `maxRetries` attempts, and the time does not count against `deadlineMs`.
   * Default 300 000 (five minutes); 0 retries 429s like any other error.
   */
  throttleBudgetMs?: number;
  /** Maximum simultaneous HTTP requests (and sockets) per client. Default 8. */
  concurrency?: number;
  /** First backoff delay in ms (doubles per retry). Default 250. */
  retryBaseDelayMs?: number;
  /** Largest backoff delay in ms. Default 8 000. */
  retryMaxDelayMs?: number;
  /** Largest wait honoured from a Retry-After header, in ms. Default 30 000. */
  maxRetryAfterMs?: number;
  /**
   * How long, in ms, every call fails at once after the API was found down (a run of connection failures,
   * timeouts or 5xx that retries did not cure) before one call tries again. Default 30 000.
   */
  outageCooldownMs?: number;
  /**
   * How long, in ms, every call fails at once after the account's quota was found used up before one call tries
   * again; a `Retry-After` on the quota answer is used instead when present. Default 600 000 (ten minutes).
   */
  quotaCooldownMs?: number;
  /**
   * Asked before every request; a string (why) means the process the calls are made for is gone, and the call
   * stops with `HAPN_ENGINE_GONE` without sending. Default: whether the engine cancelled this process's calls, and in
   * Pulumi's dynamic-provider process or the hapn plugin whether the Pulumi engine that started it is still there
   * (./engine-watch.ts). `false` turns it off.
   */
  engineCheck?: EngineCheck | false;
  /** Largest response body accepted, in bytes. Default 4 MiB. */
  maxResponseBytes?: number;
  /**
   * How the API answers the open questions (routes, pagination names and size, list envelope), as the `hapn:*`
   * overrides set it (provider/config.ts parses and checks them). Default: our guesses, {@link DEFAULT_DIALECT}.
   */
  dialect?: ApiDialect;
  /** A node-fetch v2 compatible fetch (tests, proxies). Default: node-fetch. */
  fetch?: FetchFunction;
  /** Product token appended to the User-Agent (`pulumi-hapn/<version> <userAgent>`). */
  userAgent?: string;
  /** Clock in epoch ms. Default `Date.now`. */
  now?: () => number;
  /** Sleep used between retries. Default a `setTimeout` promise. */
  sleep?: (ms: number) => Promise<void>;
  /** Source of jitter in [0, 1). Default `Math.random`. */
  random?: () => number;
}

/** Options with every default applied; what the client actually runs with. */
export interface ResolvedOptions {
  clientId: string;
  clientSecret: string;
  authUrl: string;
  apiUrl: string;
  allowInsecureHttp: boolean;
  timeoutMs: number;
  tokenTimeoutMs: number;
  deadlineMs: number;
  outageCooldownMs: number;
  quotaCooldownMs: number;
  engineCheck?: EngineCheck;
  concurrency: number;
  maxResponseBytes: number;
  throttleBudgetMs: number;
  retry: RetryPolicy;
  dialect: ApiDialect;
  fetch?: FetchFunction;
  userAgent?: string;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

/** Defaults of the numeric options. */
export const CLIENT_DEFAULTS = {
  timeoutMs: 30_000,
  tokenTimeoutMs: 10_000,
  deadlineMs: 120_000,
  outageCooldownMs: 30_000,
  quotaCooldownMs: 600_000,
  concurrency: 8,
  maxResponseBytes: 4 * 1024 * 1024,
  throttleBudgetMs: 300_000,
} as const;

function invalid(option: string, requirement: string): HapnError {
  return new HapnError("HAPN_INVALID_ARGUMENT", `HapnClient option "${option}" ${requirement}`);
}

/** True for hosts that never leave this machine, where plain http cannot expose a token on the network. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Validates a base URL option: absolute, https (or http to loopback, or to any host with `allowInsecureHttp`), no
 * embedded credentials, no query or fragment.
 */
export function checkUrl(option: string, value: unknown, allowInsecureHttp = false): string {
  if (typeof value !== "string" || value.trim() === "") throw invalid(option, "must be a non-empty URL string");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(option, `must be an absolute URL, got "${value}"`);
  }
  if (url.username || url.password) throw invalid(option, "must not contain a user name or password");
  if (url.hash || url.search) throw invalid(option, "must not contain a query string or fragment");
  if (url.protocol === "https:") return value;
  if (url.protocol === "http:" && (allowInsecureHttp || isLoopbackHost(url.hostname))) return value;
  if (url.protocol === "http:") {
    throw invalid(
      option,
      `must use https: "${url.origin}" would send credentials and tokens unencrypted ` +
        "(plain http is allowed only for localhost / 127.0.0.0/8 / ::1, e.g. the emulator; " +
        "set the allowInsecureHttp option to true to allow it to another host, e.g. an emulator running as a CI service)",
    );
  }
  throw invalid(option, `must be an https URL, got protocol "${url.protocol}"`);
}

/** How to supply each credential; the config keys and variables are the provider's (provider/config.ts). */
const CREDENTIAL_HINTS = {
  clientId:
    'the API client id Hapn issued (dashboard "API Tokens" page). In a Pulumi stack run ' +
    "`pulumi config set hapn:clientId <id>` or set HAPN_CLIENT_ID",
  clientSecret:
    "the API client secret Hapn issued. In a Pulumi stack run " +
    "`pulumi config set --secret hapn:clientSecret <secret>` or set HAPN_CLIENT_SECRET",
} as const;

function checkCredential(option: keyof typeof CREDENTIAL_HINTS, value: unknown): string {
  const how = `pass ${CREDENTIAL_HINTS[option]}`;
  if (value === undefined || value === null || value === "") throw invalid(option, `is required: ${how}`);
  if (typeof value !== "string") throw invalid(option, `must be a string: ${how}`);
  if (value.trim() !== value) throw invalid(option, "has leading or trailing whitespace (a copy-paste slip?)");
  return value;
}

/** The numeric options of {@link HapnClientOptions}. */
export type NumericOption = {
  [K in keyof HapnClientOptions]-?: NonNullable<HapnClientOptions[K]> extends number ? K : never;
}[keyof HapnClientOptions];

/** The accepted range of a numeric option, and whether it must be an integer. */
export interface NumberLimits {
  min: number;
  max: number;
  integer?: boolean;
}

const HOUR = 3_600_000;

/** The accepted range of every numeric option, shared with the provider's `hapn:*` config (../config.ts). */
export const OPTION_LIMITS: Readonly<Record<NumericOption, NumberLimits>> = {
  timeoutMs: { min: 1, max: HOUR },
  tokenTimeoutMs: { min: 1, max: HOUR },
  outageCooldownMs: { min: 0, max: 24 * HOUR },
  quotaCooldownMs: { min: 0, max: 7 * 24 * HOUR },
  deadlineMs: { min: 1, max: 24 * HOUR },
  maxRetries: { min: 0, max: 20, integer: true },
  throttleBudgetMs: { min: 0, max: 24 * HOUR },
  concurrency: { min: 1, max: 256, integer: true },
  retryBaseDelayMs: { min: 0, max: HOUR },
  retryMaxDelayMs: { min: 0, max: HOUR },
  maxRetryAfterMs: { min: 0, max: HOUR },
  maxResponseBytes: { min: 1, max: 1024 * 1024 * 1024, integer: true },
};

function checkNumber(option: string, value: unknown, fallback: number, { min, max, integer }: NumberLimits): number {
  if (value === undefined) return fallback;
  const kind = integer ? "an integer" : "a number";
  if (typeof value !== "number" || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw invalid(option, `must be ${kind} between ${min} and ${max}, got ${JSON.stringify(value) ?? String(value)}`);
  }
  if (value < min || value > max) throw invalid(option, `must be ${kind} between ${min} and ${max}, got ${value}`);
  return value;
}

function checkBoolean(option: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== "boolean") throw invalid(option, "must be true or false");
  return value;
}

function checkFunction<T>(option: string, value: unknown, fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== "function") throw invalid(option, "must be a function");
  return value as T;
}

/** Applies defaults and validates; throws `HAPN_INVALID_ARGUMENT` naming the first bad option. */
export function resolveOptions(options: HapnClientOptions): ResolvedOptions {
  if (typeof options !== "object" || options === null) {
    throw new HapnError("HAPN_INVALID_ARGUMENT", "HapnClient needs an options object with clientId and clientSecret");
  }
  const defaults = DEFAULT_RETRY_POLICY;
  const numeric = (option: NumericOption, fallback: number) =>
    checkNumber(option, options[option], fallback, OPTION_LIMITS[option]);
  const userAgent = options.userAgent;
  if (userAgent !== undefined && (typeof userAgent !== "string" || /[\r\n]/.test(userAgent))) {
    throw invalid("userAgent", "must be a single-line string");
  }
  const allowInsecureHttp = checkBoolean("allowInsecureHttp", options.allowInsecureHttp);
  return {
    clientId: checkCredential("clientId", options.clientId),
    clientSecret: checkCredential("clientSecret", options.clientSecret),
    authUrl: checkUrl("authUrl", options.authUrl ?? DEFAULT_AUTH_URL, allowInsecureHttp),
    apiUrl: checkUrl("apiUrl", options.apiUrl ?? DEFAULT_API_URL, allowInsecureHttp).replace(/\/+$/, ""),
    allowInsecureHttp,
    timeoutMs: numeric("timeoutMs", CLIENT_DEFAULTS.timeoutMs),
    tokenTimeoutMs: numeric("tokenTimeoutMs", CLIENT_DEFAULTS.tokenTimeoutMs),
    deadlineMs: numeric("deadlineMs", CLIENT_DEFAULTS.deadlineMs),
    outageCooldownMs: numeric("outageCooldownMs", CLIENT_DEFAULTS.outageCooldownMs),
    quotaCooldownMs: numeric("quotaCooldownMs", CLIENT_DEFAULTS.quotaCooldownMs),
    engineCheck:
      options.engineCheck === false
        ? undefined
        : checkFunction<EngineCheck | undefined>("engineCheck", options.engineCheck, defaultEngineCheck()),
    concurrency: numeric("concurrency", CLIENT_DEFAULTS.concurrency),
    maxResponseBytes: numeric("maxResponseBytes", CLIENT_DEFAULTS.maxResponseBytes),
    throttleBudgetMs: numeric("throttleBudgetMs", CLIENT_DEFAULTS.throttleBudgetMs),
    retry: {
      maxRetries: numeric("maxRetries", defaults.maxRetries),
      baseDelayMs: numeric("retryBaseDelayMs", defaults.baseDelayMs),
      maxDelayMs: numeric("retryMaxDelayMs", defaults.maxDelayMs),
      maxRetryAfterMs: numeric("maxRetryAfterMs", defaults.maxRetryAfterMs),
    },
    dialect: options.dialect ?? DEFAULT_DIALECT,
    fetch: checkFunction<FetchFunction | undefined>("fetch", options.fetch, undefined),
    userAgent,
    now: checkFunction("now", options.now, () => Date.now()),
    sleep: checkFunction("sleep", options.sleep, (ms: number) => new Promise<void>((r) => setTimeout(r, ms))),
    random: checkFunction("random", options.random, () => Math.random()),
  };
}
