/**
 * List pagination (guess, see docs/api-guesses.md): `?limit=` (default 100, 1..1000) and an opaque `?nextToken=`
 * returned as `result.nextToken` until the last page. Tokens are keyset cursors (the last key returned), so
 * items added or removed between pages never cause duplicates.
 */
import type { ApiDialect, Page } from "../provider/api-model";
import type { Checked } from "./validate";

/** Page size when `limit` is absent. */
export const DEFAULT_LIMIT = 100;
/** Largest accepted `limit`. */
export const MAX_LIMIT = 1000;

/** A list key: IMEIs are strings, boundary ids numbers. */
type Key = string | number;

/** An opaque cursor for `list` positioned after `key`. */
export function encodeNextToken(list: string, key: Key): string {
  return Buffer.from(JSON.stringify({ l: list, k: key }), "utf8").toString("base64url");
}

/** The key inside a cursor for `list`, or undefined when the token is not one of ours for this list. */
export function decodeNextToken(list: string, token: string): Key | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (typeof parsed !== "object" || parsed === null) return undefined;
    const { l, k } = parsed as { l?: unknown; k?: unknown };
    return l === list && (typeof k === "string" || typeof k === "number") ? k : undefined;
  } catch {
    return undefined;
  }
}

/** Parses `limit`: absent → default; otherwise an integer from 1 to {@link MAX_LIMIT}. */
export function parseLimit(raw: string | null): Checked<number> {
  if (raw === null) return { ok: true, value: DEFAULT_LIMIT };
  const n = /^\d{1,7}$/.test(raw) ? Number(raw) : NaN;
  return n >= 1 && n <= MAX_LIMIT
    ? { ok: true, value: n }
    : { ok: false, message: `Invalid limit: must be an integer from 1 to ${MAX_LIMIT}` };
}

/**
 * One page of `items` (sorted ascending by `keyOf`) for the request's `limit` and `nextToken`, read under the
 * names of `names` (a variant's pagination parameters; our guesses by default).
 */
export function paginate<T>(
  list: string,
  items: T[],
  keyOf: (item: T) => Key,
  query: URLSearchParams,
  names: ApiDialect["pageParams"] = { limit: "limit", nextToken: "nextToken" },
): Checked<Page<T>> {
  const limit = parseLimit(query.get(names.limit));
  if (!limit.ok) return { ok: false, message: limit.message.replace("limit", names.limit) };
  const token = query.get(names.nextToken);
  let start = 0;
  if (token !== null) {
    const after = decodeNextToken(list, token);
    if (after === undefined) return { ok: false, message: `Invalid ${names.nextToken}` };
    start = items.findIndex((item) => keyOf(item) > after);
    if (start < 0) start = items.length;
  }
  const page = items.slice(start, start + limit.value);
  const more = start + limit.value < items.length;
  return {
    ok: true,
    value: more ? { items: page, nextToken: encodeNextToken(list, keyOf(page[page.length - 1])) } : { items: page },
  };
}
