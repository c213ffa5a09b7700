/**
 * What each connection setting is, with its type, for the `hapn` package schema: the provider's inputs and the
 * `hapn:*` config variables, as editors and `pulumi config` show them. The settings themselves and where they come
 * from are ./config.ts.
 */
import { OPTION_LIMITS } from "./client/options";
import type { ClientSettingName } from "./config";
import type { PropertyDoc } from "./kind/definition";
import type { SettingName } from "./settings-check";

/** A client setting's schema type: an integer or a number, as the client accepts it. */
function numeric(name: ClientSettingName, doc: string): PropertyDoc {
  return { type: { type: OPTION_LIMITS[name].integer ? "integer" : "number" }, doc };
}

/** Each setting's doc; the environment variable it falls back to is added where the schema is built. */
export const SETTING_DOCS: Readonly<Record<SettingName, PropertyDoc>> = {
  clientId: {
    doc: "The Hapn API client id (Hapn customer success issues it; the Hapn app shows it under API Tokens).",
  },
  clientSecret: { doc: "The Hapn API client secret. Stored only encrypted; never in outputs, logs or errors." },
  authUrl: { doc: "The token endpoint (https; plain http only to loopback, e.g. the emulator)." },
  apiUrl: { doc: "The API's base URL (https; plain http only to loopback, e.g. the emulator)." },
  allowInsecureHttp: {
    type: { type: "boolean" },
    doc: "Allow plain http to hosts other than loopback, e.g. an emulator running as a CI service. Off by default.",
  },
  timeoutMs: numeric("timeoutMs", "Timeout of one request, in milliseconds."),
  deadlineMs: numeric("deadlineMs", "Deadline of one call with its retries, in milliseconds."),
  maxRetries: numeric("maxRetries", "How many times a failed request is retried."),
  concurrency: numeric("concurrency", "How many requests may be in flight at once."),
  throttleBudgetMs: numeric("throttleBudgetMs", "How long a call may wait for the adaptive throttle, in milliseconds."),
  tokenTimeoutMs: numeric("tokenTimeoutMs", "Timeout of a token request, in milliseconds."),
  outageCooldownMs: numeric("outageCooldownMs", "How long calls fail fast after the API is found down, in ms."),
  routes: {
    doc: "Overrides of guessed API routes, e.g. `updateDevice=PUT /devices/{imei}` (hapn-probe suggests them).",
  },
  pageParams: { doc: "The paging parameters of list routes (page size, next token), e.g. `pageSize,cursor`." },
  pageSize: { type: { type: "integer" }, doc: "The page size of list requests." },
  listEnvelope: { doc: "How list responses wrap their items: `result` (the guess) or `none`." },
};
