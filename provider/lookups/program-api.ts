/**
 * The API access of lookups, which run in the program's process (not the provider's): the same `hapn:*` stack
 * config as the resources, read with `new pulumi.Config("hapn")` (secrets arrive decrypted in the program; the
 * client keeps the secret out of every value it hands back), then the `HAPN_*` environment variables. One client,
 * device reader and token per process, from the same per-process state as the provider's (process-state.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import type { ConfigSource } from "../config";
import { configureProcess, kindState } from "../process-state";
import { type ProviderApi, providerApi } from "../provider-api";

/** The `hapn:*` keys of the program's stack config, in the form the settings resolver reads. */
export function programConfig(): ConfigSource {
  const config = new pulumi.Config("hapn");
  return { get: (key) => (key.startsWith("hapn:") ? config.get(key.slice("hapn:".length)) : undefined) };
}

/** The process's shared API access for lookups; throws the credentials message when they are missing. */
function lookupApi(): ProviderApi {
  const lookups = kindState("lookups", () => ({ configured: false }));
  if (!lookups.configured) {
    configureProcess(programConfig());
    lookups.configured = true;
  }
  return providerApi();
}

/**
 * Prefixes an error's message with the lookup's name, so the program's failure says which call failed. A
 * `RunError`, so the program host prints that one line, not "failed with an unhandled exception" and a stack
 * trace (the message says all there is, and the client's messages never carry a secret), and ends the run even
 * when two stack outputs fail, where two ordinary errors keep the host waiting.
 */
export function lookupError(lookup: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new pulumi.RunError(`hapn.${lookup}: ${message}`);
}

/** Runs one lookup with the shared API access, naming the lookup in any error. */
export async function runLookup<T>(lookup: string, run: (api: ProviderApi) => Promise<T>): Promise<T> {
  try {
    return await run(lookupApi());
  } catch (error) {
    throw error instanceof Error && error.message.startsWith("hapn.") ? error : lookupError(lookup, error);
  }
}
