/**
 * The one place tests start an emulator and wire its credentials: as stack config (`hapn:*`), as the provider's
 * `configure` config, as the environment of a user's shell, and as HapnClient options. Every form is built from the
 * same four values, so a new setting is wired once. Each takes the emulator or one of its accounts
 * (`emu.account("customer-b")`), so a test of several accounts wires each the same way.
 */
import type * as pulumi from "@pulumi/pulumi";
import {
  type AccountOptions,
  type EmulatorAccount,
  type EmulatorOptions,
  type RunningEmulator,
  startEmulator,
} from "../../emulator";
import type { HapnClientOptions } from "../../provider/client";
import type { ProjectStack } from "../../scripts/lib/project-stack";
import { SETTING_SOURCES } from "../../provider/config";

/** Starts a quiet emulator on a free port. */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, ...options });
}

/**
 * `count` more accounts for a multi-account emulator: client ids `customer-b`, `customer-c`, … with secrets of
 * their own (`customer-b-secret`, …), each with `devices` trackers (default: as many as the primary account).
 */
export function testAccounts(count: number, devices?: number): AccountOptions[] {
  return Array.from({ length: count }, (_, i) => {
    const clientId = `customer-${String.fromCharCode(98 + i)}`;
    return { clientId, clientSecret: `${clientId}-secret`, ...(devices !== undefined && { devices }) };
  });
}

/**
 * Starts a quiet emulator on a free port that serves its primary account and `extra` more (see
 * {@link testAccounts}); `emu.account("customer-b")` is the second one's endpoints, credentials and admin handle.
 */
export function startMultiAccountEmulator(extra = 1, options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startTestEmulator({ ...options, accounts: [...(options.accounts ?? []), ...testAccounts(extra)] });
}

/** The emulator's endpoints and credentials, by setting name. */
function settingsOf(emu: EmulatorAccount) {
  return { apiUrl: emu.apiUrl, authUrl: emu.authUrl, clientId: emu.clientId, clientSecret: emu.clientSecret };
}

/** The emulator's settings as stack config keys (`hapn:apiUrl`, …), with `overrides` on top. */
export function emulatorSettings(emu: EmulatorAccount, overrides: Record<string, string> = {}): Record<string, string> {
  const entries = Object.entries(settingsOf(emu)).map(([key, value]) => [
    SETTING_SOURCES[key as keyof typeof SETTING_SOURCES].config,
    value,
  ]);
  return { ...Object.fromEntries(entries), ...overrides };
}

/** Sets a stack's `hapn:*` config to the emulator account's settings, the client secret as a stack secret. */
export async function setEmulatorConfig(stack: ProjectStack, emu: EmulatorAccount): Promise<void> {
  const { "hapn:clientSecret": secret, ...plain } = emulatorSettings(emu);
  await stack.setConfig(plain, { "hapn:clientSecret": secret });
}

/** A dynamic-provider config pointing at the emulator, as the engine would pass it to `configure`. */
export function emulatorConfig(emu: EmulatorAccount, overrides: Record<string, string> = {}): pulumi.dynamic.Config {
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
export function emulatorEnv(emu: EmulatorAccount): Record<string, string> {
  const entries = Object.entries(settingsOf(emu)).map(([key, value]) => [
    SETTING_SOURCES[key as keyof typeof SETTING_SOURCES].env,
    value,
  ]);
  return Object.fromEntries(entries);
}

/** HapnClient options for the emulator. */
export function emulatorClientOptions(emu: EmulatorAccount): HapnClientOptions {
  return settingsOf(emu);
}
