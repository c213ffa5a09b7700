import { createHash } from "node:crypto";
import { HapnClient } from "./client";
import { HapnCredentials } from "./config";
import { DeviceReader } from "./device/device-reader";

/** The API client and device reader that every resource of one provider process shares. */
export interface SharedClient {
  client: HapnClient;
  reader: DeviceReader;
}

// Kept on globalThis, not in module scope: a provider serialized by value gets its own copy of module-level
// variables, but every copy in the process sees the same globalThis.
const REGISTRY = "__pulumiHapnSharedClients";

/**
 * One client per provider process and credentials, so all resources share one token (one token request per
 * process) and one concurrency limit. Keyed by a hash, so the secret is not kept as a key.
 */
export function sharedClient(settings: HapnCredentials): SharedClient {
  const g = globalThis as unknown as Record<string, Record<string, SharedClient> | undefined>;
  const registry = (g[REGISTRY] ??= {});
  const key = createHash("sha256").update(JSON.stringify(settings)).digest("hex");
  let entry = registry[key];
  if (!entry) {
    const client = new HapnClient(settings);
    entry = { client, reader: new DeviceReader(client) };
    registry[key] = entry;
  }
  return entry;
}
