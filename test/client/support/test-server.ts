/**
 * A real HTTP server on 127.0.0.1, port 0, for client tests (the stripe-node / ky pattern): the handler sees the
 * attempt number per route, so "fail twice, then succeed" is one `if`, and it can reset the socket or stall.
 * Real sockets matter here: mocks skip node-fetch's redirect, abort and streaming paths.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the server saw it. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** 1-based count of requests with this method and path so far, this one included. */
  attempt: number;
}

/** What a handler gets: the request, plus helpers to answer it. */
export interface HandlerContext extends RecordedRequest {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  /** Answers with a JSON body. */
  json(status: number, body: unknown, headers?: http.OutgoingHttpHeaders): void;
  /** Answers with a raw body and the given headers. */
  send(status: number, body: string, headers?: http.OutgoingHttpHeaders): void;
  /** Destroys the socket without answering (the client sees ECONNRESET / socket hang up). */
  resetSocket(): void;
  /** Never answers (until the server closes). */
  stall(): void;
}

/** Handles one request. */
export type Handler = (ctx: HandlerContext) => void | Promise<void>;

/** A running test server. */
export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Requests with this method and path. */
  requestsTo(method: string, path: string): RecordedRequest[];
  /** Requests being handled right now, and the most ever at once. */
  inFlight: { now: number; max: number };
  close(): Promise<void>;
}

/** Starts a server; remember to `close()` it (it also drops stalled and keep-alive sockets). */
export async function startTestServer(handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const inFlight = { now: 0, max: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const method = req.method ?? "GET";
      const attempt = requests.filter((r) => r.method === method && r.path === url.pathname).length + 1;
      const recorded: RecordedRequest = {
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        attempt,
      };
      requests.push(recorded);
      inFlight.now++;
      inFlight.max = Math.max(inFlight.max, inFlight.now);
      res.on("close", () => inFlight.now--);
      const ctx: HandlerContext = {
        ...recorded,
        req,
        res,
        json: (status, body, headers = {}) => {
          res.writeHead(status, { "content-type": "application/json", ...headers });
          res.end(JSON.stringify(body));
        },
        send: (status, body, headers = {}) => {
          res.writeHead(status, headers);
          res.end(body);
        },
        resetSocket: () => req.socket.destroy(),
        stall: () => undefined,
      };
      Promise.resolve(handler(ctx)).catch((error: unknown) => {
        if (!res.headersSent) ctx.json(500, { message: `test handler failed: ${String(error)}` });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestsTo: (method, path) => requests.filter((r) => r.method === method && r.path === path),
    inFlight,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
