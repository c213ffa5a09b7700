/**
 * The preview-time check of the connection settings: credentials present, client settings valid, and both URLs
 * acceptable (https, or plain http to loopback or with `hapn:allowInsecureHttp`), so a configuration mistake fails
 * `pulumi preview`, naming the stack config key and its environment variable, before any API call.
 */
import { checkUrl } from "./client/options";
import { type HapnSettings, requireCredentials, requireUsableSettings, SETTING_SOURCES } from "./config";

/** One of the settings, by the name the client and a provider resource's inputs give it. */
export type SettingName = keyof typeof SETTING_SOURCES;

/** What is wrong with one setting, as a message naming its config key and how to fix it. */
export interface SettingProblem {
  setting: SettingName;
  reason: string;
}

/** The setting an invalid-setting line of {@link HapnSettings.invalid} is about (each starts with its source). */
function settingOfLine(line: string): SettingName {
  const names = Object.keys(SETTING_SOURCES) as SettingName[];
  const source = (name: SettingName) => [SETTING_SOURCES[name].config, SETTING_SOURCES[name].env];
  return names.find((name) => source(name).some((s) => line.startsWith(`${s}:`) || line.startsWith(`${s} `)))!;
}

/** Why the URL setting `key` is unacceptable, naming its config key and variable, or undefined. */
function urlProblem(settings: HapnSettings, key: "authUrl" | "apiUrl"): string | undefined {
  try {
    checkUrl(key, settings[key], settings.allowInsecureHttp);
    return undefined;
  } catch (error) {
    const { config, env } = SETTING_SOURCES[key];
    const requirement = (error as Error).message.replace(/^HapnClient option "\w+" /, "");
    return `${config} (or ${env}) ${requirement.replace("the allowInsecureHttp option", "hapn:allowInsecureHttp")}`;
  }
}

/**
 * Every problem of `settings`, each naming its setting: for a provider's `CheckConfig`, which names the field of
 * each failure. Missing credentials are one problem, on the first missing one (its message names both).
 */
export function settingProblems(settings: HapnSettings): SettingProblem[] {
  const problems: SettingProblem[] = settings.invalid.map((line) => ({ setting: settingOfLine(line), reason: line }));
  try {
    requireCredentials(settings);
  } catch (error) {
    const setting = settings.clientId === undefined ? "clientId" : "clientSecret";
    problems.push({ setting, reason: (error as Error).message });
  }
  for (const key of ["authUrl", "apiUrl"] as const) {
    const reason = urlProblem(settings, key);
    if (reason) problems.push({ setting: key, reason });
  }
  return problems;
}

/** Why `settings` cannot work, as a message naming the setting, or undefined when they can. */
export function settingsProblem(settings: HapnSettings): string | undefined {
  try {
    requireUsableSettings(settings);
  } catch (error) {
    return (error as Error).message;
  }
  return urlProblem(settings, "authUrl") ?? urlProblem(settings, "apiUrl");
}
