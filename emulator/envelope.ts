/**
 * The Hapn response envelope (`{success, message, result}`) and the types shared by the API handlers.
 */
import type { ApiDialect, Page } from "../provider/api-model";
import type { AccountStore } from "./store";
import type { JsonAnswer } from "./http-util";
import type { TokenStore } from "./tokens";
import type { Checked } from "./validate";

/** What API handlers can reach. */
export interface ApiContext {
  store: AccountStore;
  tokens: TokenStore;
  unauthorizedStatus: 401 | 403;
  /** Answer to an unknown route: 404 (HTTP API) or 403 Missing Authentication Token (REST API). */
  unknownRouteStatus: 404 | 403;
  /** The API variant served: routes, pagination names, list envelope. */
  dialect: ApiDialect;
}

/** A parsed API request: path parameters, query and JSON body (undefined when empty or not read). */
export interface ApiRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

/** Handles one API route. */
export type ApiHandler = (ctx: ApiContext, req: ApiRequest) => JsonAnswer;

/** A 200 answer wrapping `result` in the documented envelope. */
export function ok(result: unknown): JsonAnswer {
  return { status: 200, body: { success: true, message: "OK", result } };
}

/** An application error in the envelope (guess: `{"success": false, "message": …}`). */
export function failure(status: number, message: string): JsonAnswer {
  return { status, body: { success: false, message } };
}

/**
 * A list answer in the variant's shape: one page in the envelope (`result.items`, `result.nextToken`), or with
 * `listEnvelope: "none"` the bare array of every item, unpaginated.
 */
export function listAnswer<T>(
  ctx: ApiContext,
  items: T[],
  page: (names: ApiDialect["pageParams"]) => Checked<Page<T>>,
): JsonAnswer {
  if (ctx.dialect.listEnvelope === "none") return { status: 200, body: items };
  const checked = page(ctx.dialect.pageParams);
  return checked.ok ? ok(checked.value) : failure(400, checked.message);
}
