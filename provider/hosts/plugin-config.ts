/**
 * The plugin's provider configuration: the inputs of a `hapn` provider resource (explicit, `new hapn.Provider(…)`,
 * or the default one the engine builds from the stack's `hapn:*` config), named as the settings are (`apiUrl` for
 * `hapn:apiUrl`). CheckConfig names the field of each problem and marks the client secret secret, DiffConfig never
 * replaces (new credentials only change what later calls use), and Configure resolves the settings exactly as the
 * dynamic provider does, the environment still the fallback of each one.
 */
import { isKnown, UNKNOWN } from "../check-core";
import { type ConfigSource, resolveSettings, SETTING_SOURCES } from "../config";
import type { Props } from "../kind/definition";
import { configureProcess, kindState } from "../process-state";
import { type SettingName, settingProblems } from "../settings-check";

/** The provider's inputs: one per setting. */
export const PROVIDER_INPUTS = Object.keys(SETTING_SOURCES) as SettingName[];

/** The inputs that are always stored as secrets, whatever marked them. */
export const SECRET_INPUTS: readonly SettingName[] = ["clientSecret"];

/** Keys of a provider's inputs that the engine owns, not the user. */
function isEngineKey(key: string): boolean {
  return key.startsWith("__") || key === "version" || key === "pluginDownloadURL";
}

/** A provider input as a setting's text (a YAML or typed SDK may send numbers and booleans); unknown: none. */
function settingText(value: unknown): string | undefined {
  if (value === undefined || value === null || !isKnown(value)) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * The settings source of a provider: its inputs first, then the engine's `variables` (`hapn:apiUrl` → text, what
 * older engines send instead); `resolveSettings` falls back to the environment.
 */
export function providerConfigSource(inputs: Props, variables: Record<string, string> = {}): ConfigSource {
  return {
    get: (key) => settingText(inputs[key.replace(/^hapn:/, "")]) ?? variables[key],
  };
}

/** One CheckConfig failure: the input it names and why. */
export interface ConfigFailure {
  property: string;
  reason: string;
}

/**
 * The failures of a provider's inputs, each naming its input: inputs it does not take, then every setting problem
 * (resolved with the environment, as Configure will). Settings whose value is not known yet are not judged.
 */
export function checkProviderConfig(news: Props): ConfigFailure[] {
  const unknownInputs = Object.keys(news)
    .filter((key) => !isEngineKey(key) && !(PROVIDER_INPUTS as string[]).includes(key))
    .map((key) => ({
      property: key,
      reason: `unknown property "${key}"; the hapn provider takes ${PROVIDER_INPUTS.join(", ")}`,
    }));
  const settings = resolveSettings(providerConfigSource(news), process.env);
  const problems = settingProblems(settings)
    .filter(({ setting }) => news[setting] === undefined || isKnown(news[setting]))
    .map(({ setting, reason }) => ({ property: setting, reason }));
  return [...unknownInputs, ...problems];
}

/** How one input changed between two configurations. */
export type ConfigChange = "add" | "delete" | "update";

/** The inputs whose value differs between `olds` and `news` (one not known yet counts as changed). */
export function diffProviderConfig(olds: Props, news: Props): Record<string, ConfigChange> {
  const changes: Record<string, ConfigChange> = {};
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)].filter((k) => !isEngineKey(k)));
  for (const key of keys) {
    if (news[key] === UNKNOWN) changes[key] = "update";
    else if (JSON.stringify(olds[key]) === JSON.stringify(news[key])) continue;
    else changes[key] = olds[key] === undefined ? "add" : news[key] === undefined ? "delete" : "update";
  }
  return changes;
}

/** Whether this process's provider was configured with settings not known yet (see {@link configureProvider}). */
function pending(): { unknown: boolean } {
  return kindState("plugin-config", () => ({ unknown: false }));
}

/**
 * Configures this process's settings from the provider's inputs and the engine's variables. During a preview an
 * explicit provider's inputs may not be known yet (a secret from another resource's output): the settings are then
 * only checked once they are, by the `up` that knows them, instead of failing the preview as missing.
 */
export function configureProvider(inputs: Props, variables: Record<string, string>): void {
  configureProcess(providerConfigSource(inputs, variables));
  pending().unknown = PROVIDER_INPUTS.some((name) => inputs[name] !== undefined && !isKnown(inputs[name]));
}

/** True while the settings of this process's provider are not all known (a preview of a computed config). */
export function settingsPending(): boolean {
  return pending().unknown;
}
