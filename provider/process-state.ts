/**
 * Everything the provider keeps for the life of one provider process (one deployment: `preview`, `up`, `refresh`
 * and `destroy` each get their own): the connection settings from `configure`, the shared API client, and what
 * resources have said or done in this deployment. One `globalThis` key holds it all: a provider serialized by
 * value gets its own copy of every module-level variable, but every copy in the process sees the same globalThis.
 * Resource files (device/, boundary/) keep their own bookkeeping here under their own key.
 */
import { createHash } from "node:crypto";
import { BoundaryIndex } from "./boundary/boundary-index";
import { HapnClient, resetProcessState as resetClientState } from "./client";
import {
  clientOptions,
  type ConfigSource,
  type HapnCredentials,
  type HapnSettings,
  requireUsableSettings,
  resolveSettings,
} from "./config";
import { DeviceReader } from "./device-reader";
import { quietHapnErrorDumps } from "./quiet-error-dumps";

/** The API client, device reader and boundary index that every resource of one provider process shares. */
export interface ProviderApi {
  client: HapnClient;
  reader: DeviceReader;
  boundaries: BoundaryIndex;
}

/** The per-process record. Plain objects only: no Map or Set, which break once copied by the serializer. */
interface ProcessState {
  settings?: HapnSettings;
  /** One client per credentials, keyed by a hash so the secret is never a key. */
  apis: Record<string, ProviderApi>;
  /** Messages already said in this process (see {@link oncePerProcess}). */
  said: Record<string, true>;
  /** Per-resource-kind bookkeeping, e.g. `device`. */
  kinds: Record<string, Record<string, unknown>>;
}

const KEY = "__pulumiHapnProcess";

function state(): ProcessState {
  const g = globalThis as Record<string, unknown>;
  return (g[KEY] ??= { apis: {}, said: {}, kinds: {} }) as ProcessState;
}

/**
 * Stores the connection settings. Synchronous on purpose: the host may call other methods before an async
 * `configure` finishes, so nothing may be awaited before the settings are in place.
 */
export function configureProcess(config: ConfigSource | undefined): void {
  quietHapnErrorDumps();
  state().settings = resolveSettings(config, process.env);
}

/** The settings from `configure`, or from the environment alone when `configure` has not run. */
export function currentSettings(): HapnSettings {
  return (state().settings ??= resolveSettings(undefined, process.env));
}

/**
 * The process's shared API client, created on first use with the client settings from config; throws the message
 * of {@link requireUsableSettings} when credentials are missing or a client setting is invalid.
 */
export function providerApi(): ProviderApi {
  const settings: HapnCredentials = requireUsableSettings(currentSettings());
  const apis = state().apis;
  const key = createHash("sha256").update(JSON.stringify(settings)).digest("hex");
  if (!apis[key]) {
    const client = new HapnClient(clientOptions(settings));
    apis[key] = { client, reader: new DeviceReader(client), boundaries: new BoundaryIndex(client) };
  }
  return apis[key];
}

/**
 * True the first time `key` is asked for in this process, false after: advice that applies to every resource of
 * a deployment (300 destroys) is said once.
 */
export function oncePerProcess(key: string): boolean {
  const said = state().said;
  if (said[key]) return false;
  said[key] = true;
  return true;
}

/** The bookkeeping record of one resource kind (created empty on first use), e.g. `kindState("device")`. */
export function kindState<T extends object>(kind: string, empty: () => T): T {
  const kinds = state().kinds;
  return (kinds[kind] ??= empty() as Record<string, unknown>) as T;
}

/**
 * Test-only: forgets everything, as if the next operation ran in a new provider process (the client's quota
 * breakers and throttles included).
 */
export function resetProviderProcess(): void {
  delete (globalThis as Record<string, unknown>)[KEY];
  resetClientState();
}
