/** Public surface of the Hapn API client. Internals (transport, token source, retry loop) stay importable by path. */
export { HapnClient, DEFAULT_PAGE_SIZE } from "./hapn-client";
export type { HapnClientStats, ListOptions, PageOptions } from "./hapn-client";
export type { HapnClientOptions } from "./options";
export type { EngineCheck } from "./engine-watch";
export { CLIENT_DEFAULTS } from "./options";
export { HapnError, HAPN_ERROR_CODES, isHapnError, Redactor, REDACTED } from "./errors";
export type { HapnErrorCode, HapnErrorOptions, RedactedCause } from "./errors";
export type { Page } from "../api-model/wire-types";
export { DEFAULT_RETRY_POLICY, parseRetryAfter, backoffDelayMs } from "./retry-policy";
export type { RetryPolicy } from "./retry-policy";
export type { FetchFunction, FetchInit, FetchResponse, HeaderReader } from "./transport";
export { VERSION } from "./version";
export { resetProcessState } from "../process-state";
