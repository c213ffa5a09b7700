/**
 * The one place tests start an emulator and wire its credentials: as stack config (`hapn:*`), as the provider's
 * `configure` config, as the environment of a user's shell, and as HapnClient options. Every form is built from the
 * same four values, so a new setting is wired once.
 */
import type * as pulumi from "@pulumi/pulumi";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../emulator";
import type { HapnClientOptions } from "../../provider/client";
import { SETTING_SOURCES } from "../../provider/config";

/** Starts a quiet emulator on a free port. */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, ...options });
}

/** The emulator's endpoints and credentials, by setting name. */
function settingsOf(emu: RunningEmulator) {
  return { apiUrl: emu.apiUrl, authUrl: emu.authUrl, clientId: emu.clientId, clientSecret: emu.clientSecret };
}

/** The emulator's settings as stack config keys (`hapn:apiUrl`, …), with `overrides` on top. */
export function emulatorSettings(emu: RunningEmulator, overrides: Record<string, string> = {}): Record<string, string> {
  const entries = Object.entries(settingsOf(emu)).map(([key, value]) => [
    SETTING_SOURCES[key as keyof typeof SETTING_SOURCES].config,
    value,
  ]);
  return { ...Object.fromEntries(entries), ...overrides };
}

/** A dynamic-provider config pointing at the emulator, as the engine would pass it to `configure`. */
export function emulatorConfig(emu: RunningEmulator, overrides: Record<string, string> = {}): pulumi.dynamic.Config {
  const values = emulatorSettings(emu, overrides);
  return {
    get: (key: string) => values[key],
    require: (key: string) => {
      if (values[key] === undefined) throw new Error(`missing ${key}`);
      return values[key];
    },
  };
}

/**
 * The environment a user's shell would have when pointed at `emu`: the credentials the README's recipes read
 * (`$HAPN_CLIENT_ID`, `$HAPN_CLIENT_SECRET`) and the endpoints as environment fallbacks of `hapn:apiUrl` and
 * `hapn:authUrl`, which the provider process inherits from the CLI.
 */
export function emulatorEnv(emu: RunningEmulator): Record<string, string> {
  const entries = Object.entries(settingsOf(emu)).map(([key, value]) => [
    SETTING_SOURCES[key as keyof typeof SETTING_SOURCES].env,
    value,
  ]);
  return Object.fromEntries(entries);
}

/** HapnClient options for the emulator. */
export function emulatorClientOptions(emu: RunningEmulator): HapnClientOptions {
  return settingsOf(emu);
}
