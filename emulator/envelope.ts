/**
 * The Hapn response envelope (`{success, message, result}`) and the types shared by the API handlers.
 */
import type { AccountStore } from "./store";
import type { JsonAnswer } from "./http-util";
import type { TokenStore } from "./tokens";

/** What API handlers can reach. */
export interface ApiContext {
  store: AccountStore;
  tokens: TokenStore;
  unauthorizedStatus: 401 | 403;
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
