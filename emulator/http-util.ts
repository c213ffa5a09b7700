/**
 * Small HTTP helpers shared by the token endpoint, the API and the admin API: JSON answers with a request id,
 * bounded body reading, JSON parsing, the loopback check and a cancellable sleep.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** An answer to send: status, JSON body and extra headers. */
export interface JsonAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Sends `text` with a content type and an `x-amzn-RequestId` (a fresh UUID), as API Gateway does. */
export function sendText(res: ServerResponse, status: number, contentType: string, text: string, headers = {}): void {
  res.writeHead(status, {
    "content-type": contentType,
    "content-length": Buffer.byteLength(text),
    "x-amzn-RequestId": randomUUID(),
    ...headers,
  });
  res.end(text);
}

/** Sends a JSON answer (`content-type: application/json`). */
export function sendJson(res: ServerResponse, answer: JsonAnswer): void {
  sendText(res, answer.status, "application/json", JSON.stringify(answer.body), answer.headers);
}

/** Thrown when a request body is larger than {@link MAX_BODY_BYTES}. */
export class BodyTooLargeError extends Error {}

/** Reads the whole request body as UTF-8, refusing more than {@link MAX_BODY_BYTES}. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`request body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Parses a JSON body; `undefined` for an empty body, a {@link SyntaxError} for invalid JSON. */
export function parseRequestJson(text: string): unknown {
  return text.trim() === "" ? undefined : JSON.parse(text);
}

/** The media type of a request (lower case, without parameters), or "". */
export function mediaType(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
}

/**
 * True when a socket's remote address is a loopback address (127.0.0.0/8, ::1, or IPv4-mapped 127.x). The admin
 * API refuses everything else.
 */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  return v4 === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** Resolves after `ms` milliseconds; the timer does not keep the process alive. */
export function sleep(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms).unref());
}
