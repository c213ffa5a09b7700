/**
 * `HapnClient`: the one token-refreshing client every provider read, diff and update goes through.
 *
 * Each call gets a time budget (call-budget.ts). Each API attempt, in this order (octokit's: limiter outside, auth
 * inside): takes a concurrency slot, checks the process-wide quota breaker (quota-breaker.ts), waits for the
 * process-wide adaptive throttle (throttle.ts), gets its token inside the slot (token-source.ts), then is sent
 * with its own timeout (transport.ts). Failures are classified once (http-errors.ts) and retried by one loop
 * (retry-loop.ts). Paths come only from the ROUTES table (../api-model/routes.ts).
 *
 * Pulumi closure serialization (test/client/serialization.test.ts runs a serialized copy): no ES `#private` fields,
 * no module-level Map/Set, and no class field initializers (the serializer drops them); all state is created in
 * constructors. Construct the client inside provider methods; never capture an instance.
 */
import { DEVICE_LABEL_FIELDS } from "../api-model/wire-types";
import type { Boundary, BoundaryInput, Device, DevicePatch, DeviceStatus, Page } from "../api-model/wire-types";
import { routePath, type RouteName } from "../api-model/routes";
import { dialectRoute } from "../api-model/dialect";
import { CallBudget } from "./call-budget";
import { Semaphore } from "./concurrency";
import { HapnError, Redactor } from "./errors";
import { errorForResponse, type FailureContext, isUnknownRoute, routeNotFoundError } from "./http-errors";
import { type HapnClientOptions, type ResolvedOptions, resolveOptions } from "./options";
import { badResponse } from "./parse";
import * as parsers from "./parse";
import { accountKey } from "../process-state";
import { type EngineCheck } from "./engine-watch";
import { OutageBreaker } from "./outage-breaker";
import { QuotaBreaker } from "./quota-breaker";
import { RetryLoop } from "./retry-loop";
import { isIdempotentMethod } from "./retry-policy";
import { AdaptiveThrottle } from "./throttle";
import { TokenSource } from "./token-source";
import { Transport, type TransportRequest, type TransportResponse } from "./transport";
import { VERSION } from "./version";

/** Counters of HTTP activity since the client was created (read-only snapshot). */
export interface HapnClientStats {
  /** HTTP attempts against the token endpoint. */
  readonly tokenRequests: number;
  /** HTTP attempts against the API (auth replays included). */
  readonly requests: number;
  /** Backoff retries taken, token endpoint and API together (auth replays excluded). */
  readonly retries: number;
}

/** Paging options of the list calls. */
export interface ListOptions {
  /** Page size sent as `limit` (or the dialect's name for it). Default: the dialect's page size, 100. */
  limit?: number;
}

/** Paging options of the page generators. */
export interface PageOptions extends ListOptions {
  /** Stop after this many pages even if the server offers more. Default: no limit. */
  maxPages?: number;
}

/** Default page size of the list calls. */
export const DEFAULT_PAGE_SIZE = 100;

/** What one API call sends; the path comes from the route table. */
interface CallSpec<T> {
  params?: Record<string, string | number>;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Parses a 2xx body. */
  parse: (json: unknown) => T;
  /** Result for a 404 when "absent" is an answer rather than an error (get, delete). */
  onNotFound?: () => T;
}

const isAuthFailure = (status: number) => status === 401 || status === 403;

/**
 * How many times one call forces a token refresh after a 401/403. One is not enough: a token can be revoked while
 * the replay is in flight (seen with 1.2 s latency and mid-run revocation), and the next fresh token then works.
 * More than a few means the credentials lack access: the call fails instead of looping.
 */
export const MAX_AUTH_REFRESHES = 2;

/** One sent attempt: the answer, the token it carried (for `invalidate`) and when the throttle let it leave. */
interface SentAttempt {
  response: TransportResponse;
  token: string;
  startedAt: number;
}

/** Client for the Hapn REST API (see module docs). */
export class HapnClient {
  private readonly options: ResolvedOptions;
  private readonly redactor: Redactor;
  private readonly transport: Transport;
  private readonly slots: Semaphore;
  private readonly breaker: QuotaBreaker;
  private readonly outage: OutageBreaker;
  private readonly throttle: AdaptiveThrottle;
  private readonly tokens: TokenSource;
  private readonly retryLoop: RetryLoop;
  private readonly userAgent: string;
  private readonly engineCheck?: EngineCheck;
  private readonly counters: { tokenRequests: number; requests: number; retries: number };

  /** Validates options (throwing `HAPN_INVALID_ARGUMENT` naming the option) and sets up, without any I/O. */
  constructor(options: HapnClientOptions) {
    const resolved = resolveOptions(options);
    // Every field is assigned here rather than by a field initializer: Pulumi's closure serializer drops those.
    this.counters = { tokenRequests: 0, requests: 0, retries: 0 };
    const secret = resolved.clientSecret;
    // Keep the secret out of enumerable data, so console.log(client) or JSON.stringify(client) cannot show it.
    this.options = { ...resolved, clientSecret: "" };
    this.redactor = new Redactor();
    this.redactor.addSecret(secret);
    this.userAgent = `pulumi-hapn/${VERSION}${resolved.userAgent ? ` ${resolved.userAgent}` : ""}`;
    this.slots = new Semaphore(resolved.concurrency);
    this.engineCheck = resolved.engineCheck;
    const key = accountKey(resolved.clientId, resolved.apiUrl);
    this.breaker = new QuotaBreaker(key, {
      redactor: this.redactor,
      cooldownMs: resolved.quotaCooldownMs,
      now: resolved.now,
    });
    this.outage = new OutageBreaker({
      key,
      apiUrl: resolved.apiUrl,
      cooldownMs: resolved.outageCooldownMs,
      now: resolved.now,
      redactor: this.redactor,
    });
    this.throttle = new AdaptiveThrottle(key, { now: resolved.now, sleep: resolved.sleep });
    this.transport = new Transport({
      fetch: resolved.fetch,
      concurrency: resolved.concurrency,
      timeoutMs: resolved.timeoutMs,
      maxResponseBytes: resolved.maxResponseBytes,
      redactor: this.redactor,
      now: resolved.now,
    });
    this.retryLoop = new RetryLoop(resolved.retry, {
      now: resolved.now,
      sleep: resolved.sleep,
      random: resolved.random,
      redactor: this.redactor,
      onRetry: () => this.counters.retries++,
    });
    this.tokens = new TokenSource({
      authUrl: resolved.authUrl,
      clientId: resolved.clientId,
      clientSecret: () => secret,
      userAgent: this.userAgent,
      deadlineMs: resolved.deadlineMs,
      attemptTimeoutMs: resolved.tokenTimeoutMs,
      transport: this.transport,
      gate: (label, send) => this.gate(label, send),
      retryLoop: this.retryLoop,
      redactor: this.redactor,
      now: resolved.now,
      onRequest: () => this.counters.tokenRequests++,
    });
  }

  /** The API base URL in use (without a trailing slash); useful in messages. */
  get apiUrl(): string {
    return this.options.apiUrl;
  }

  /** The token endpoint in use. */
  get authUrl(): string {
    return this.options.authUrl;
  }

  /** A snapshot of the request counters. */
  get stats(): HapnClientStats {
    return { ...this.counters };
  }

  /** Every device on the account, following `nextToken` to the last page. */
  async listDevices(options: ListOptions = {}): Promise<Device[]> {
    return collect(this.listDevicePages(options));
  }

  /** Devices one page at a time, so a caller can stop early; `maxPages` bounds how many pages are fetched. */
  listDevicePages(options: PageOptions = {}): AsyncGenerator<Page<Device>> {
    return this.pages("listDevices", parsers.parseDevicePage, options);
  }

  /** One device, or `undefined` when the API answers 404 for this IMEI. */
  async getDevice(imei: string): Promise<Device | undefined> {
    return this.call<Device | undefined>("getDevice", {
      params: { imei: checkImei(imei) },
      parse: parsers.parseDeviceResponse,
      onNotFound: () => undefined,
    });
  }

  /** Sets a device's label fields; only the fields present in `patch` are sent. Returns the updated device. */
  async updateDevice(imei: string, patch: DevicePatch): Promise<Device> {
    return this.call("updateDevice", {
      params: { imei: checkImei(imei) },
      body: pickFields("patch", patch, DEVICE_LABEL_FIELDS),
      parse: parsers.parseDeviceResponse,
    });
  }

  /** The tracker's last reported state, with numbers sent as strings turned into numbers. */
  async getDeviceStatus(imei: string): Promise<DeviceStatus> {
    return this.call("getDeviceStatus", {
      params: { imei: checkImei(imei) },
      parse: parsers.parseDeviceStatusResponse,
    });
  }

  /** Every boundary on the account, following `nextToken` to the last page. */
  async listBoundaries(options: ListOptions = {}): Promise<Boundary[]> {
    return collect(this.listBoundaryPages(options));
  }

  /** Boundaries one page at a time; see {@link listDevicePages}. */
  listBoundaryPages(options: PageOptions = {}): AsyncGenerator<Page<Boundary>> {
    return this.pages("listBoundaries", parsers.parseBoundaryPage, options);
  }

  /** Creates a boundary. Never retried once the request may have reached the server (POST is not idempotent). */
  async createBoundary(input: BoundaryInput): Promise<Boundary> {
    return this.call("createBoundary", { body: pickBoundaryInput(input), parse: parsers.parseBoundaryResponse });
  }

  /** Updates a boundary's fields; only the fields present in `input` are sent. */
  async updateBoundary(boundaryId: number | string, input: BoundaryInput): Promise<Boundary> {
    return this.call("updateBoundary", {
      params: { boundaryId: checkBoundaryId(boundaryId) },
      body: pickBoundaryInput(input),
      parse: parsers.parseBoundaryResponse,
    });
  }

  /**
   * Deletes a boundary. Resolves `true` when deleted and `false` when it was already gone (404): after a retried
   * DELETE whose first attempt did succeed, "already gone" is the expected answer.
   */
  async deleteBoundary(boundaryId: number | string): Promise<boolean> {
    return this.call("deleteBoundary", {
      params: { boundaryId: checkBoundaryId(boundaryId) },
      parse: (json) => {
        parsers.parseDeleteResponse(json);
        return true;
      },
      onNotFound: () => false,
    });
  }

  /**
   * Disposes of the client's sockets: every keep-alive socket is destroyed, idle or in use, so a request still in
   * flight fails with a network error (and is retried if its call allows). Call when done with the client, e.g. at
   * the end of tests; it remains usable afterwards (new sockets open on demand).
   */
  destroy(): void {
    this.transport.destroy();
  }

  /** What `JSON.stringify(client)` shows: configuration without credentials. */
  toJSON(): Record<string, unknown> {
    const { authUrl, apiUrl, timeoutMs, deadlineMs, concurrency, retry } = this.options;
    return { authUrl, apiUrl, timeoutMs, deadlineMs, concurrency, retry, stats: this.stats };
  }

  /** Follows `nextToken` page by page, refusing a token the server already handed out (a pagination loop). */
  private async *pages<T>(
    name: RouteName,
    parse: (json: unknown) => Page<T>,
    options: PageOptions,
  ): AsyncGenerator<Page<T>> {
    const { pageSize, pageParams, listEnvelope } = this.options.dialect;
    const limit = checkPositiveInteger("limit", options.limit ?? pageSize);
    // A bare array (hapn:listEnvelope none) is read as one last page of that array.
    const read = listEnvelope === "none" ? (json: unknown) => parse({ success: true, result: { items: json } }) : parse;
    const maxPages = options.maxPages === undefined ? Infinity : checkPositiveInteger("maxPages", options.maxPages);
    const seen = new Set<string>();
    let nextToken: string | undefined;
    for (let fetched = 0; fetched < maxPages; fetched++) {
      const query = { [pageParams.limit]: limit, [pageParams.nextToken]: nextToken };
      const page = await this.call(name, { query, parse: read });
      if (page.nextToken !== undefined && (seen.has(page.nextToken) || page.nextToken === nextToken)) {
        const { method, path } = dialectRoute(this.options.dialect, name);
        throw badResponse(`pagination loop: page ${fetched + 1} repeated an earlier nextToken`).withContext({
          method,
          path,
        });
      }
      yield page;
      if (page.nextToken === undefined) return;
      seen.add(page.nextToken);
      nextToken = page.nextToken;
    }
  }

  /** One API call: budget, retries, token refreshes, status classification and parsing. */
  private async call<T>(name: RouteName, spec: CallSpec<T>): Promise<T> {
    const route = dialectRoute(this.options.dialect, name); // the hapn:routes override, or our guess
    const method = route.method;
    const path = routePath(name, spec.params, route.path) + queryString(spec.query);
    const { deadlineMs, throttleBudgetMs, now } = this.options;
    const budget = new CallBudget(now(), deadlineMs, throttleBudgetMs);
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const context = { method, path, redactor: this.redactor, now };
    const objectRoute = Object.keys(spec.params ?? {}).length > 0;
    const idempotent = isIdempotentMethod(method);
    const refreshes = { used: 0 };
    this.breaker.check(method, path);
    try {
      return await this.retryLoop.run({ method, path, idempotent, budget }, () =>
        this.attempt(spec, context, objectRoute, body, budget, refreshes),
      );
    } catch (error) {
      throw this.outage.onCallFailed(error, { method, path });
    }
  }

  /** One attempt of a call: send (with token refreshes), then classify the answer and parse it. */
  private async attempt<T>(
    spec: CallSpec<T>,
    context: FailureContext,
    objectRoute: boolean,
    body: string | undefined,
    budget: CallBudget,
    refreshes: { used: number },
  ): Promise<T> {
    const { method, path } = context;
    const sent = await this.sendWithFreshToken(method, path, body, budget, refreshes);
    const response = sent.response;
    if (isUnknownRoute(response, objectRoute)) {
      throw routeNotFoundError(response, context, { option: "apiUrl", url: this.options.apiUrl });
    }
    if (isAuthFailure(response.status)) throw this.refusedTokens(response, context, refreshes.used);
    if (response.status === 404 && spec.onNotFound) return spec.onNotFound();
    if (response.status < 200 || response.status >= 300) throw errorForResponse(response, context);
    try {
      return spec.parse(response.json);
    } catch (error) {
      if (!(error instanceof HapnError)) throw error;
      throw error.withContext({ ...context, status: response.status });
    }
  }

  /**
   * Sends, and after a 401/403 forces a token refresh and replays, at most {@link MAX_AUTH_REFRESHES} times per call
   * (`refreshes` counts across attempts). Each refused token is invalidated only if still cached, so fifty calls
   * refused with the same stale token share one refresh.
   */
  private async sendWithFreshToken(
    method: string,
    path: string,
    body: string | undefined,
    budget: CallBudget,
    refreshes: { used: number },
  ): Promise<SentAttempt> {
    let sent = await this.send(method, path, body, budget);
    while (isAuthFailure(sent.response.status) && !isUnknownRoute(sent.response, false)) {
      if (refreshes.used >= MAX_AUTH_REFRESHES) break;
      refreshes.used++;
      this.tokens.invalidate(sent.token);
      sent = await this.send(method, path, body, budget);
    }
    return sent;
  }

  /**
   * Feeds a 429 to the throttle or the quota breaker, and anything else to the throttle as a success and to the
   * quota breaker as a sign the quota is back.
   */
  private learnFromAnswer(sent: SentAttempt, context: FailureContext): void {
    if (sent.response.status !== 429) {
      this.throttle.onSuccess();
      this.breaker.onAnswer(sent.startedAt);
      return;
    }
    const error = errorForResponse(sent.response, context);
    if (error.code === "HAPN_QUOTA_EXHAUSTED") {
      this.breaker.trip(error);
      return;
    }
    this.breaker.onAnswer(sent.startedAt);
    const retryAfterMs =
      error.retryAfterMs === undefined ? undefined : Math.min(error.retryAfterMs, this.options.retry.maxRetryAfterMs);
    this.throttle.onThrottled(sent.startedAt, retryAfterMs);
  }

  /** The error for a 401/403 that outlived every forced refresh, saying how many fresh tokens were refused. */
  private refusedTokens(response: TransportResponse, context: FailureContext, refreshesUsed: number): HapnError {
    const tokens = refreshesUsed + 1;
    return errorForResponse(response, context).withContext(
      { redactor: this.redactor },
      `. The API refused ${tokens} access token${tokens > 1 ? "s" : ""} in a row (${refreshesUsed} forced ` +
        `refresh${refreshesUsed === 1 ? "" : "es"}, the limit per call is ${MAX_AUTH_REFRESHES}), the last one ` +
        `issued just before this request: the credentials are valid at the token endpoint but lack access to this ` +
        `resource, API access is disabled for the account, or tokens are being revoked faster than requests complete.`,
    );
  }

  /**
   * One API attempt, slot first and token inside it: a request that queued behind others never leaves with a token
   * that expired meanwhile, and a token refresh runs in this slot. Slot and throttle waits extend the budget.
   */
  private async send(method: string, path: string, body: string | undefined, budget: CallBudget): Promise<SentAttempt> {
    const { now } = this.options;
    const queuedAt = now();
    return this.slots.run(async (slot) => {
      budget.extend(now() - queuedAt);
      this.breaker.check(method, path);
      const { startedAt, waitedMs } = await this.throttle.pace();
      budget.spendThrottled(waitedMs);
      const token = await this.tokens.getToken(budget, slot);
      this.breaker.admit(method, path); // the breaker may have tripped (or be due to half-open) by now
      const headers: Record<string, string> = {
        Accept: "application/json",
        "User-Agent": this.userAgent,
        Authorization: `Bearer ${token}`,
      };
      if (body !== undefined) headers["Content-Type"] = "application/json";
      const request: TransportRequest = {
        method,
        url: this.options.apiUrl + path,
        path,
        headers,
        body,
        deadlineAt: budget.deadlineAt,
      };
      let response: TransportResponse;
      try {
        response = await this.gate({ method, path }, () => {
          this.counters.requests++;
          return this.transport.send(request, slot);
        });
      } catch (error) {
        this.breaker.onNoAnswer();
        throw error;
      }
      const sent = { response, token, startedAt };
      this.learnFromAnswer(sent, { method, path, redactor: this.redactor, now });
      return sent;
    });
  }

  /**
   * Every HTTP attempt, token requests included, passes here: it is not sent once the engine that started this
   * process is gone (./engine-watch.ts), and goes through the outage breaker (./outage-breaker.ts).
   */
  private async gate(
    label: { method: string; path: string },
    send: () => Promise<TransportResponse>,
  ): Promise<TransportResponse> {
    const gone = await this.engineCheck?.();
    if (gone !== undefined) {
      throw new HapnError(
        "HAPN_ENGINE_GONE",
        `${label.method} ${label.path} was not sent: ${gone}; stopping without sending anything more`,
        { ...label, redactor: this.redactor },
      );
    }
    return this.outage.guard(label, send);
  }
}

async function collect<T>(pages: AsyncGenerator<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) items.push(...page.items);
  return items;
}

function queryString(query: Record<string, string | number | undefined> | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}

function invalidArgument(message: string): HapnError {
  return new HapnError("HAPN_INVALID_ARGUMENT", message);
}

function checkImei(imei: unknown): string {
  if (typeof imei !== "string" || !/^\d+$/.test(imei)) {
    throw invalidArgument("imei must be a string of digits (IMEIs can start with 0, so never pass a number)");
  }
  return imei;
}

function checkBoundaryId(id: unknown): string | number {
  const ok =
    (typeof id === "number" && Number.isSafeInteger(id) && id >= 0) || (typeof id === "string" && /^\d+$/.test(id));
  if (!ok) throw invalidArgument("boundaryId must be a non-negative integer (or a string of digits)");
  return id as string | number;
}

function checkPositiveInteger(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw invalidArgument(`${name} must be a positive integer`);
  }
  return value;
}

/**
 * Copies only `fields` from `source`, skipping undefined ones, and checks each is a string. Sending only what was
 * given keeps PATCH partial; dropping unknown keys keeps stray provider inputs off the wire.
 */
function pickFields(what: string, source: object, fields: readonly string[]): Record<string, string> {
  if (typeof source !== "object" || source === null) throw invalidArgument(`${what} must be an object`);
  const out: Record<string, string> = {};
  for (const field of fields) {
    const value = (source as Record<string, unknown>)[field];
    if (value === undefined) continue;
    if (typeof value !== "string") throw invalidArgument(`${what}.${field} must be a string`);
    out[field] = value;
  }
  return out;
}

function pickBoundaryInput(input: BoundaryInput): Record<string, unknown> {
  const out: Record<string, unknown> = pickFields("input", input, ["name", "color", "location"]);
  if (input.geometry !== undefined) {
    if (typeof input.geometry !== "object" || input.geometry === null) {
      throw invalidArgument("input.geometry must be a GeoJSON Feature object");
    }
    out.geometry = input.geometry;
  }
  return out;
}
