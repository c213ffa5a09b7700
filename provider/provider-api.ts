/**
 * The API access every resource and lookup of one process shares: one client per credentials, with the device
 * reader and the boundary index that serve their kinds' reads from few listings. Kept in the process state
 * (./process-state.ts), never captured by serialization.
 */
import { createHash } from "node:crypto";
import { BoundaryIndex } from "./boundary/boundary-index";
import { HapnClient } from "./client/hapn-client";
import { clientOptions, type HapnCredentials, requireUsableSettings } from "./config";
import { DeviceReader } from "./device/reader";
import { apiRecord, currentSettings } from "./process-state";

/** The API client, device reader and boundary index that every resource of one provider process shares. */
export interface ProviderApi {
  client: HapnClient;
  reader: DeviceReader;
  boundaries: BoundaryIndex;
}

/**
 * The process's shared API access, created on first use with the client settings from config; throws the message
 * of {@link requireUsableSettings} when credentials are missing or a client setting is invalid.
 */
export function providerApi(): ProviderApi {
  const settings: HapnCredentials = requireUsableSettings(currentSettings());
  const apis = apiRecord();
  const key = createHash("sha256").update(JSON.stringify(settings)).digest("hex"); // the secret is never a key
  if (!apis[key]) {
    const client = new HapnClient(clientOptions(settings));
    apis[key] = { client, reader: new DeviceReader(client), boundaries: new BoundaryIndex(client) };
  }
  return apis[key];
}
