/**
 * The preview-time check of the connection settings: credentials present, client settings valid, and both URLs
 * acceptable (https, or plain http to loopback or with `hapn:allowInsecureHttp`), so a configuration mistake fails
 * `pulumi preview`, naming the stack config key and its environment variable, before any API call.
 */
import { checkUrl } from "./client/options";
import { type HapnSettings, requireUsableSettings, SETTING_SOURCES } from "./config";

/** Why `settings` cannot work, as a message naming the setting, or undefined when they can. */
export function settingsProblem(settings: HapnSettings): string | undefined {
  try {
    requireUsableSettings(settings);
  } catch (error) {
    return (error as Error).message;
  }
  for (const key of ["authUrl", "apiUrl"] as const) {
    try {
      checkUrl(key, settings[key], settings.allowInsecureHttp);
    } catch (error) {
      const { config, env } = SETTING_SOURCES[key];
      const requirement = (error as Error).message.replace(/^HapnClient option "\w+" /, "");
      return `${config} (or ${env}) ${requirement.replace("the allowInsecureHttp option", "hapn:allowInsecureHttp")}`;
    }
  }
  return undefined;
}
