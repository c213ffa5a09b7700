import { DEFAULT_API_URL, DEFAULT_AUTH_URL } from "./routes";

/** Where each setting comes from: a stack config key, then an environment variable. */
export const SETTING_SOURCES = {
  clientId: { config: "hapn:clientId", env: "HAPN_CLIENT_ID" },
  clientSecret: { config: "hapn:clientSecret", env: "HAPN_CLIENT_SECRET" },
  authUrl: { config: "hapn:authUrl", env: "HAPN_AUTH_URL" },
  apiUrl: { config: "hapn:apiUrl", env: "HAPN_API_URL" },
  allowInsecureHttp: { config: "hapn:allowInsecureHttp", env: "HAPN_ALLOW_INSECURE_HTTP" },
} as const;

/** Connection settings of the provider, resolved from stack config and the environment. */
export interface HapnSettings {
  clientId?: string;
  clientSecret?: string;
  authUrl: string;
  apiUrl: string;
  /** Allow `http://` to hosts other than loopback, e.g. an emulator running as a CI service. Off by default. */
  allowInsecureHttp: boolean;
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
  const pick = (key: keyof typeof SETTING_SOURCES): string | undefined => {
    const { config: configKey, env: envKey } = SETTING_SOURCES[key];
    return present(config?.get(configKey)) ?? present(env[envKey]);
  };
  return {
    clientId: pick("clientId"),
    clientSecret: pick("clientSecret"),
    authUrl: pick("authUrl") ?? DEFAULT_AUTH_URL,
    apiUrl: pick("apiUrl") ?? DEFAULT_API_URL,
    allowInsecureHttp: pick("allowInsecureHttp")?.toLowerCase() === "true",
  };
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
