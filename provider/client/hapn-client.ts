/**
 * `HapnClient`: the one token-refreshing client every provider read, diff and update goes through.
 *
 * Each call gets an overall deadline; each API attempt gets a concurrency slot, then its token, then its own
 * timeout (transport.ts);
 * failures are classified once (http-errors.ts) and retried by one loop (retry-loop.ts); tokens come from one
 * single-flight cache (token-source.ts). Paths come only from the ROUTES table (../routes.ts).
 *
 * Pulumi closure serialization (test/client/serialization.test.ts runs a serialized copy): no ES `#private` fields,
 * no module-level Map/Set, and no class field initializers (the serializer drops them); all state is created in
 * constructors. Construct the client inside provider methods; never capture an instance.
 */
import { DEVICE_LABEL_FIELDS } from "../types";
import type { Boundary, BoundaryInput, Device, DevicePatch, DeviceStatus } from "../types";
import { ROUTES, routePath, RouteName } from "../routes";
import { HapnError, Redactor } from "./errors";
import { errorForResponse } from "./http-errors";
import { HapnClientOptions, ResolvedOptions, resolveOptions } from "./options";
import { badResponse, Page } from "./parse";
import * as parsers from "./parse";
import { RetryLoop } from "./retry-loop";
import { isIdempotentMethod } from "./retry-policy";
import { TokenSource } from "./token-source";
import { Transport, TransportResponse } from "./transport";
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
  /** Page size sent as `limit`. Default 100. */
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

/** Client for the Hapn REST API (see module docs). */
export class HapnClient {
  private readonly options: ResolvedOptions;
  private readonly redactor: Redactor;
  private readonly transport: Transport;
  private readonly tokens: TokenSource;
  private readonly retryLoop: RetryLoop;
  private readonly userAgent: string;
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
      transport: this.transport,
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
    const limit = checkPositiveInteger("limit", options.limit ?? DEFAULT_PAGE_SIZE);
    const maxPages = options.maxPages === undefined ? Infinity : checkPositiveInteger("maxPages", options.maxPages);
    const seen = new Set<string>();
    let nextToken: string | undefined;
    for (let fetched = 0; fetched < maxPages; fetched++) {
      const page = await this.call(name, { query: { limit, nextToken }, parse });
      if (page.nextToken !== undefined && (seen.has(page.nextToken) || page.nextToken === nextToken)) {
        const { method, path } = ROUTES[name];
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

  /** One API call: deadline, retries, token, one auth replay, status classification and parsing. */
  private async call<T>(name: RouteName, spec: CallSpec<T>): Promise<T> {
    const { method } = ROUTES[name];
    const path = routePath(name, spec.params) + queryString(spec.query);
    const deadlineMs = this.options.deadlineMs;
    const deadlineAt = this.options.now() + deadlineMs;
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const context = { method, path, redactor: this.redactor, now: this.options.now };
    let replayed = false;
    const idempotent = isIdempotentMethod(method);
    return this.retryLoop.run({ method, path, idempotent, deadlineAt, deadlineMs }, async () => {
      const first = await this.send(method, path, body, deadlineAt);
      let response = first.response;
      if (isAuthFailure(response.status) && !replayed) {
        // The token may have expired or been revoked early: force one refresh and replay once (google-auth-library
        // does the same). Both 401 and 403 count, as public Hapn clients have seen either for a dead token.
        replayed = true;
        this.tokens.invalidate(first.token);
        response = (await this.send(method, path, body, deadlineAt)).response;
      }
      if (isAuthFailure(response.status)) {
        throw errorForResponse(response, context).withContext(
          { redactor: this.redactor },
          ". The API refused a freshly issued token: the credentials are valid but lack access to this resource, " +
            "or API access is disabled for the account.",
        );
      }
      if (response.status === 404 && spec.onNotFound) return spec.onNotFound();
      if (response.status < 200 || response.status >= 300) throw errorForResponse(response, context);
      try {
        return spec.parse(response.json);
      } catch (error) {
        if (!(error instanceof HapnError)) throw error;
        throw error.withContext({ ...context, status: response.status });
      }
    });
  }

  /**
   * One API attempt. The token is taken once the transport holds a concurrency slot, so a request that queued
   * behind others never leaves with a token that expired meanwhile; the token used is returned for `invalidate`.
   */
  private async send(
    method: string,
    path: string,
    body: string | undefined,
    deadlineAt: number,
  ): Promise<{ response: TransportResponse; token: string }> {
    const headers: Record<string, string> = { Accept: "application/json", "User-Agent": this.userAgent };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let token = "";
    const authorization = async () => {
      token = await this.tokens.getToken(deadlineAt);
      this.counters.requests++; // counted once the request can leave, as before: not when the token fetch failed
      return `Bearer ${token}`;
    };
    const url = this.options.apiUrl + path;
    const response = await this.transport.send({ method, url, path, headers, body, deadlineAt, authorization });
    return { response, token };
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
