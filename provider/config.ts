import { CLIENT_DEFAULTS, OPTION_LIMITS, type HapnClientOptions } from "./client/options";
import { DEFAULT_RETRY_POLICY } from "./client/retry-policy";
import { DEFAULT_API_URL, DEFAULT_AUTH_URL } from "./api-model/routes";
import {
  DEFAULT_DIALECT,
  parseListEnvelope,
  parsePageParams,
  parsePageSize,
  parseRouteOverrides,
  type ApiDialect,
} from "./api-model/dialect";

/** Where each setting comes from: a stack config key, then an environment variable. */
export const SETTING_SOURCES = {
  clientId: { config: "hapn:clientId", env: "HAPN_CLIENT_ID" },
  clientSecret: { config: "hapn:clientSecret", env: "HAPN_CLIENT_SECRET" },
  authUrl: { config: "hapn:authUrl", env: "HAPN_AUTH_URL" },
  apiUrl: { config: "hapn:apiUrl", env: "HAPN_API_URL" },
  allowInsecureHttp: { config: "hapn:allowInsecureHttp", env: "HAPN_ALLOW_INSECURE_HTTP" },
  timeoutMs: { config: "hapn:timeoutMs", env: "HAPN_TIMEOUT_MS" },
  deadlineMs: { config: "hapn:deadlineMs", env: "HAPN_DEADLINE_MS" },
  maxRetries: { config: "hapn:maxRetries", env: "HAPN_MAX_RETRIES" },
  concurrency: { config: "hapn:concurrency", env: "HAPN_CONCURRENCY" },
  throttleBudgetMs: { config: "hapn:throttleBudgetMs", env: "HAPN_THROTTLE_BUDGET_MS" },
  tokenTimeoutMs: { config: "hapn:tokenTimeoutMs", env: "HAPN_TOKEN_TIMEOUT_MS" },
  outageCooldownMs: { config: "hapn:outageCooldownMs", env: "HAPN_OUTAGE_COOLDOWN_MS" },
  routes: { config: "hapn:routes", env: "HAPN_ROUTES" },
  pageParams: { config: "hapn:pageParams", env: "HAPN_PAGE_PARAMS" },
  pageSize: { config: "hapn:pageSize", env: "HAPN_PAGE_SIZE" },
  listEnvelope: { config: "hapn:listEnvelope", env: "HAPN_LIST_ENVELOPE" },
} as const;

/**
 * The overrides of guessed API behaviour (docs/api-guesses.md), each with its parser and an example of a valid
 * value for error messages: what `hapn-probe` suggests when the live API answers differently from a guess.
 */
const DIALECT_SETTINGS = {
  routes: { parse: parseRouteOverrides, example: "updateDevice=PUT /devices/{imei}" },
  pageParams: { parse: parsePageParams, example: "pageSize,cursor" },
  pageSize: { parse: parsePageSize, example: "100" },
  listEnvelope: { parse: parseListEnvelope, example: "none" },
} as const;

/** One of the override settings. */
export type DialectSettingName = keyof typeof DIALECT_SETTINGS;

/** The {@link HapnClientOptions} settable as `hapn:*` config, named as the client names them. */
export const CLIENT_SETTINGS = [
  "timeoutMs",
  "deadlineMs",
  "maxRetries",
  "concurrency",
  "throttleBudgetMs",
  "tokenTimeoutMs",
  "outageCooldownMs",
] as const;

/** One of {@link CLIENT_SETTINGS}. */
export type ClientSettingName = (typeof CLIENT_SETTINGS)[number];

/** The client options set in config; an unset one keeps the client's default. */
export type ClientSettings = Pick<HapnClientOptions, ClientSettingName>;

/** The client's default of each config-settable option, for error messages. */
const CLIENT_SETTING_DEFAULTS: Record<ClientSettingName, number> = {
  timeoutMs: CLIENT_DEFAULTS.timeoutMs,
  deadlineMs: CLIENT_DEFAULTS.deadlineMs,
  maxRetries: DEFAULT_RETRY_POLICY.maxRetries,
  concurrency: CLIENT_DEFAULTS.concurrency,
  throttleBudgetMs: CLIENT_DEFAULTS.throttleBudgetMs,
  tokenTimeoutMs: CLIENT_DEFAULTS.tokenTimeoutMs,
  outageCooldownMs: CLIENT_DEFAULTS.outageCooldownMs,
};

/** Connection settings of the provider, resolved from stack config and the environment. */
export interface HapnSettings {
  clientId?: string;
  clientSecret?: string;
  authUrl: string;
  apiUrl: string;
  /** Allow `http://` to hosts other than loopback, e.g. an emulator running as a CI service. Off by default. */
  allowInsecureHttp: boolean;
  /** Client options from config; empty while any of them is invalid (nothing is partly applied). */
  client: ClientSettings;
  /** The API as the overrides describe it (our guesses where none is set). */
  dialect: ApiDialect;
  /** One line per invalid client setting, naming its key, its value and what it accepts. */
  invalid: string[];
}

/** The settings once credentials are known to be present. */
export type HapnCredentials = Required<HapnSettings>;

/** The part of Pulumi's dynamic-provider config object that settings are read from. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

/**
 * Resolves settings synchronously (the provider's `configure` must not await before storing them: the engine may
 * call create before an async configure finishes). Stack config wins over the environment.
 */
export function resolveSettings(config: ConfigSource | undefined, env: NodeJS.ProcessEnv): HapnSettings {
  const present = (value: string | undefined) =>
    value === undefined || value.trim() === "" ? undefined : value.trim();
  const lookup = (key: keyof typeof SETTING_SOURCES): RawSetting | undefined => {
    const { config: configKey, env: envKey } = SETTING_SOURCES[key];
    const fromConfig = present(config?.get(configKey));
    if (fromConfig !== undefined) return { value: fromConfig, source: configKey };
    const fromEnv = present(env[envKey]);
    return fromEnv === undefined ? undefined : { value: fromEnv, source: envKey };
  };
  const pick = (key: keyof typeof SETTING_SOURCES) => lookup(key)?.value;
  return {
    clientId: pick("clientId"),
    clientSecret: pick("clientSecret"),
    authUrl: pick("authUrl") ?? DEFAULT_AUTH_URL,
    apiUrl: pick("apiUrl") ?? DEFAULT_API_URL,
    allowInsecureHttp: pick("allowInsecureHttp")?.toLowerCase() === "true",
    ...mergeInvalid(resolveClientSettings(lookup), resolveDialect(lookup)),
  };
}

/** Both parts of the settings, with the lines of every invalid one together. */
function mergeInvalid(
  client: Pick<HapnSettings, "client" | "invalid">,
  dialect: Pick<HapnSettings, "dialect" | "invalid">,
): Pick<HapnSettings, "client" | "dialect" | "invalid"> {
  return { client: client.client, dialect: dialect.dialect, invalid: [...client.invalid, ...dialect.invalid] };
}

/** Parses the override settings into a dialect; an invalid one is a line naming its key, value and the fix. */
function resolveDialect(
  lookup: (key: DialectSettingName) => RawSetting | undefined,
): Pick<HapnSettings, "dialect" | "invalid"> {
  const dialect: { -readonly [K in keyof ApiDialect]: ApiDialect[K] } = { ...DEFAULT_DIALECT };
  const invalid: string[] = [];
  for (const name of Object.keys(DIALECT_SETTINGS) as DialectSettingName[]) {
    const raw = lookup(name);
    if (raw === undefined) continue;
    const { parse, example } = DIALECT_SETTINGS[name];
    const parsed = parse(raw.value);
    if (parsed.ok) Object.assign(dialect, { [name]: parsed.value });
    else invalid.push(`${raw.source}: ${parsed.problem}. To fix it, ${fixHint(raw.source, example)}.`);
  }
  return { dialect, invalid };
}

/** How to set a setting right, by where it came from, with an example value when one helps. */
function fixHint(source: string, example?: string): string {
  const value = example === undefined ? "<value>" : `'${example}'`;
  return source.startsWith("hapn:")
    ? `run \`pulumi config set ${source} ${value}\`, or \`pulumi config rm ${source}\` for the default`
    : `set the environment variable ${source} to a valid value${example === undefined ? "" : ` (e.g. ${value})`}, ` +
        "or unset it for the default";
}

/** A setting's text and where it came from: the config key or the environment variable. */
interface RawSetting {
  value: string;
  source: string;
}

/** Parses the client settings; with any invalid, none applies and `invalid` says why. */
function resolveClientSettings(
  lookup: (key: ClientSettingName) => RawSetting | undefined,
): Pick<HapnSettings, "client" | "invalid"> {
  const client: ClientSettings = {};
  const invalid: string[] = [];
  for (const name of CLIENT_SETTINGS) {
    const raw = lookup(name);
    if (raw === undefined) continue;
    const parsed = parseClientSetting(name, raw);
    if (typeof parsed === "number") client[name] = parsed;
    else invalid.push(parsed);
  }
  return invalid.length > 0 ? { client: {}, invalid } : { client, invalid };
}

/** The number a client setting's text stands for, or a line saying what is wrong and how to fix it. */
function parseClientSetting(name: ClientSettingName, { value, source }: RawSetting): number | string {
  const { min, max, integer } = OPTION_LIMITS[name];
  const n = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (n >= min && n <= max && (!integer || Number.isInteger(n))) return n;
  const unit = name.endsWith("Ms") ? " (milliseconds)" : "";
  const fix = fixHint(source);
  return (
    `${source} is ${JSON.stringify(value)}, but must be ${integer ? "an integer" : "a number"} from ${min} to ` +
    `${max}${unit}; default ${CLIENT_SETTING_DEFAULTS[name]}. To fix it, ${fix}.`
  );
}

/** The options of the provider's shared client: the connection settings and the client settings from config. */
export function clientOptions(settings: HapnCredentials): HapnClientOptions {
  const { clientId, clientSecret, authUrl, apiUrl, allowInsecureHttp, client, dialect } = settings;
  return { ...client, clientId, clientSecret, authUrl, apiUrl, allowInsecureHttp, dialect };
}

/**
 * Returns the settings once they can be used (every client setting valid, credentials present), or throws one
 * error that says everything to fix. Called by `check` (to fail the preview) and before any API call.
 */
export function requireUsableSettings(settings: HapnSettings): HapnCredentials {
  const problems: string[] = [];
  if (settings.invalid.length > 0) {
    problems.push(
      "Invalid Hapn client settings (none of them is applied until all are valid):\n" +
        settings.invalid.map((line) => `  ${line}`).join("\n"),
    );
  }
  try {
    requireCredentials(settings);
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (problems.length > 0) throw new Error(problems.join("\n"));
  return settings as HapnCredentials;
}

/**
 * Returns the settings with credentials, or throws one error that names every missing value and both ways to set
 * it. Called only when an API call is about to happen, so `check` works without credentials.
 */
export function requireCredentials(settings: HapnSettings): HapnCredentials {
  const missing = (["clientId", "clientSecret"] as const).filter((k) => settings[k] === undefined);
  if (missing.length === 0) return settings as HapnCredentials;
  const how = missing.map((k) => {
    const { config, env } = SETTING_SOURCES[k];
    const secret = k === "clientSecret" ? "--secret " : "";
    return `  ${config}: run \`pulumi config set ${secret}${config} <value>\`, or set the environment variable ${env}`;
  });
  throw new Error(
    `Hapn credentials are missing (${missing.map((k) => SETTING_SOURCES[k].config).join(", ")}). Set them with:\n` +
      how.join("\n") +
      "\nHapn customer success issues the client id and secret (the Hapn app also shows them under API Tokens).",
  );
}
