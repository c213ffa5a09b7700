/**
 * One HTTP attempt, with the safety rules every Hapn request needs and nothing else (no retries, no auth logic):
 * - sent only by a caller holding a concurrency slot (a {@link Slot} is required), held for the whole attempt,
 *   body included; the slot is taken by the caller (HapnClient), which gets the token inside it;
 * - a per-attempt timeout that also never outlives the call's overall deadline, enforced by racing the fetch and the
 *   body against a timer (aborting is only a courtesy: an injected fetch may ignore the signal);
 * - redirects are never followed (`redirect: "manual"`), so a bearer token cannot be forwarded anywhere;
 * - the response body is streamed with a byte cap, so a hostile or broken server cannot exhaust memory;
 * - a success (2xx) must be JSON (or empty).
 */
import * as http from "node:http";
import * as https from "node:https";
import nodeFetch from "node-fetch";
import type { Slot } from "./concurrency";
import { HapnError, type Redactor, truncate } from "./errors";
import { isJsonContentType, parseJsonBody } from "./parse";
import { raceTimer } from "./timer-race";

/** Reads response headers case-insensitively (node-fetch `Headers` satisfies it). */
export interface HeaderReader {
  get(name: string): string | null;
}

/** The subset of node-fetch's `RequestInit` this client sends. */
export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  redirect: "manual";
  signal: AbortSignal;
  agent?: (parsedUrl: URL) => http.Agent;
  compress?: boolean;
}

/** The subset of node-fetch's `Response` this client reads. A WHATWG stream body is async-iterable too. */
export interface FetchResponse {
  status: number;
  headers: HeaderReader;
  body: AsyncIterable<Uint8Array | string> | null;
}

/** A fetch implementation with node-fetch v2's signature; injectable for tests or proxies. */
export type FetchFunction = (url: string, init: FetchInit) => Promise<FetchResponse>;

/** One request to send. `path` is what error messages show (never the full URL with its host). */
export interface TransportRequest {
  method: string;
  url: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Epoch ms after which the call as a whole must stop. */
  deadlineAt: number;
  /** This attempt's timeout in ms, when not the transport's `timeoutMs` (token requests have their own). */
  timeoutMs?: number;
}

/** A fully read response. */
export interface TransportResponse {
  status: number;
  headers: HeaderReader;
  /** The parsed JSON body; undefined for an empty body, or for a non-JSON error body. */
  json: unknown;
  /** The raw body text (already capped). */
  text: string;
}

/** Settings of a {@link Transport}. */
export interface TransportOptions {
  fetch?: FetchFunction;
  concurrency: number;
  timeoutMs: number;
  maxResponseBytes: number;
  redactor: Redactor;
  now: () => number;
}

/** Reads the server's request id from the headers API Gateway and common proxies use. */
export function requestIdOf(headers: HeaderReader): string | undefined {
  const id = headers.get("x-amzn-requestid") ?? headers.get("x-request-id") ?? headers.get("apigw-requestid");
  return id ? truncate(id, 100) : undefined;
}

/** Sends single HTTP attempts over keep-alive agents sized to the concurrency limit. */
export class Transport {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  private readonly fetch: FetchFunction;

  constructor(private readonly options: TransportOptions) {
    const agentOptions = { keepAlive: true, maxSockets: options.concurrency };
    this.httpAgent = new http.Agent(agentOptions);
    this.httpsAgent = new https.Agent(agentOptions);
    this.fetch = options.fetch ?? (nodeFetch as unknown as FetchFunction);
  }

  /**
   * Sends one attempt and reads its body; throws a {@link HapnError} for every failure it can detect itself. The
   * `slot` argument is the proof that the caller holds a concurrency slot for the whole attempt.
   */
  send(request: TransportRequest, slot: Slot): Promise<TransportResponse> {
    void slot;
    return this.attempt(request);
  }

  /**
   * Destroys every socket of the keep-alive agents, idle and in use alike: an attempt still in flight fails with a
   * network error (retried like any other when its call allows it). Meant for disposing of the client; it stays
   * usable, as new sockets open on demand.
   */
  destroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private async attempt(request: TransportRequest): Promise<TransportResponse> {
    const { method, path } = request;
    const context = { method, path, redactor: this.options.redactor };
    const budget = Math.min(request.timeoutMs ?? this.options.timeoutMs, request.deadlineAt - this.options.now());
    if (budget <= 0) {
      throw new HapnError("HAPN_TIMEOUT", `${method} ${path}: the overall deadline passed before the request`, context);
    }
    const controller = new AbortController();
    let abortReason: "timeout" | "too-large" | undefined;
    const abort = (reason: "timeout" | "too-large") => {
      abortReason ??= reason;
      controller.abort();
    };
    const exchange = this.exchange(request, controller.signal, () => abort("too-large"));
    try {
      // The timer, not the abort signal, ends the attempt: a fetch or body stream that ignores the signal would
      // otherwise never settle and keep the concurrency slot forever.
      return await raceTimer(exchange, budget, () => {
        abort("timeout");
        return new Error("timeout");
      });
    } catch (error) {
      if (error instanceof HapnError) throw error;
      throw this.failure(request, error, abortReason, budget);
    }
  }

  /** Fetches, reads the body and interprets the response: the part of an attempt that the timer races. */
  private async exchange(
    request: TransportRequest,
    signal: AbortSignal,
    abortTooLarge: () => void,
  ): Promise<TransportResponse> {
    const response = await this.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal,
      agent: (parsedUrl) => (parsedUrl.protocol === "http:" ? this.httpAgent : this.httpsAgent),
      compress: true,
    });
    const text = await this.readBody(response, abortTooLarge);
    return this.interpret(request, response, text);
  }

  /** Streams the body, counting bytes; aborts the request as soon as it passes the cap. */
  private async readBody(response: FetchResponse, abortTooLarge: () => void): Promise<string> {
    const max = this.options.maxResponseBytes;
    const declared = Number(response.headers.get("content-length"));
    if (Number.isFinite(declared) && declared > max) {
      abortTooLarge();
      throw new Error("too large");
    }
    const chunks: Buffer[] = [];
    let total = 0;
    if (response.body) {
      for await (const chunk of response.body) {
        const buffer =
          typeof chunk === "string"
            ? Buffer.from(chunk, "utf8")
            : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        total += buffer.length;
        if (total > max) {
          abortTooLarge();
          throw new Error("too large");
        }
        chunks.push(buffer);
      }
    }
    return Buffer.concat(chunks).toString("utf8");
  }

  /** Applies the redirect and JSON rules to a complete response. */
  private interpret(request: TransportRequest, response: FetchResponse, text: string): TransportResponse {
    const { status, headers } = response;
    const context = {
      method: request.method,
      path: request.path,
      status,
      requestId: requestIdOf(headers),
      redactor: this.options.redactor,
    };
    if (status >= 300 && status < 400) {
      const location = headers.get("location");
      throw new HapnError(
        "HAPN_REDIRECT_REFUSED",
        `${request.method} ${request.path}: the server answered HTTP ${status} (redirect${location ? ` to ${originOf(location)}` : ""}); ` +
          `redirects are refused so the bearer token is never sent to another URL. Check the configured URL.`,
        context,
      );
    }
    const contentType = headers.get("content-type");
    if (status >= 200 && status < 300) {
      if (text.trim() === "") return { status, headers, json: undefined, text };
      try {
        return { status, headers, json: parseJsonBody(text, contentType), text };
      } catch (error) {
        // A 2xx whose body is not JSON (an HTML page, truncated JSON) comes from a gateway or proxy under load, not
        // from the application: retryable, for requests that may be repeated (the retry policy decides that).
        const message = error instanceof Error ? error.message : String(error);
        throw new HapnError("HAPN_BAD_RESPONSE", `${request.method} ${request.path}: ${message}`, {
          ...context,
          retryable: true,
        });
      }
    }
    let json: unknown;
    if (isJsonContentType(contentType)) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined; // an unreadable error body still leaves the status to act on
      }
    }
    return { status, headers, json, text };
  }

  /** Maps a thrown fetch/stream error to a {@link HapnError}. */
  private failure(request: TransportRequest, error: unknown, abortReason: string | undefined, budget: number) {
    const context = { method: request.method, path: request.path, redactor: this.options.redactor, cause: error };
    const what = `${request.method} ${request.path}`;
    if (abortReason === "too-large") {
      return new HapnError(
        "HAPN_BAD_RESPONSE",
        `${what}: the response is larger than the ${this.options.maxResponseBytes}-byte limit`,
        { ...context, cause: undefined },
      );
    }
    if (abortReason === "timeout") {
      return new HapnError("HAPN_TIMEOUT", `${what}: no complete response within ${budget} ms`, {
        ...context,
        retryable: true,
      });
    }
    const detail = error instanceof Error ? error.message : String(error);
    return new HapnError("HAPN_NETWORK", `${what}: network error: ${truncate(detail)}`, {
      ...context,
      retryable: true,
    });
  }
}

/** The scheme and host of a redirect target, without its path or query (which could carry anything). */
function originOf(location: string): string {
  try {
    return new URL(location).origin;
  } catch {
    return "another location";
  }
}
