/**
 * The request log: one line per request, `METHOD path outcome ms`. It never contains a secret or a token: bodies
 * and headers are never logged, and query values are replaced by `***` except for harmless ones like `limit`.
 */

/** Receives one log line (without a trailing newline). */
export type Logger = (line: string) => void;

/** Query parameters whose values are logged when they are short numbers. */
const SAFE_QUERY_KEYS = new Set(["limit"]);
/** Query parameter names that are logged (with their value hidden unless safe); any other name shows as `***`. */
const KNOWN_QUERY_KEYS = new Set(["limit", "nextToken", "startDate", "endDate"]);

/** The logged form of a request URL: the path, plus query keys with only safe values shown. */
export function safePath(url: string): string {
  const q = url.indexOf("?");
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  const shown = [...params].map(([key, value]) =>
    KNOWN_QUERY_KEYS.has(key) ? `${key}=${SAFE_QUERY_KEYS.has(key) && /^\d{1,7}$/.test(value) ? value : "***"}` : "***",
  );
  return `${url.slice(0, q)}?${shown.join("&")}`;
}

/** One log line: method, safe path, outcome (status, "reset" or "stall") and duration. */
export function formatLogLine(method: string, url: string, outcome: string, ms: number): string {
  return `${method} ${safePath(url)} ${outcome} ${Math.round(ms)}ms`;
}

/** The logger to use: `logger` if given, else stdout when `log` is true, else none. */
export function chooseLogger(options: { log?: boolean; logger?: Logger }): Logger | undefined {
  if (options.logger) return options.logger;
  return options.log ? (line) => process.stdout.write(line + "\n") : undefined;
}
