/**
 * Everything one process keeps for its life, in one module: the provider's record (one deployment: `preview`,
 * `up`, `refresh` and `destroy` each get their own provider process) with the connection settings from `configure`,
 * what resources have said and each kind's bookkeeping; and the client's, shared by every client instance: the
 * quota breakers and the adaptive throttles.
 *
 * Each lives on `globalThis` under one string key, not in a module-level variable, because the provider code can be
 * loaded more than once in a process (a provider serialized by value gets its own copy of every module-level
 * variable; tests load both): every copy in the process sees the same globalThis. Only plain data is stored (no Map
 * or Set, which break once copied by the serializer), so copies of the classes built from it interoperate. The
 * client's entries are keyed by account (client id) and API origin: the quota and the gateway's limits belong to
 * those.
 */
import { type ConfigSource, type HapnSettings, resolveSettings } from "./config";
import type { ProviderApi } from "./provider-api";
import type { OutageState } from "./client/outage-breaker";
import { quietHapnErrorDumps } from "./quiet-error-dumps";

/** The provider's per-process record. Plain objects only: no Map or Set, which break once copied by the serializer. */
interface ProviderRecord {
  settings?: HapnSettings;
  /** One client per credentials, keyed by a hash so the secret is never a key. */
  apis: Record<string, ProviderApi>;
  /** Messages already said in this process (see {@link oncePerProcess}). */
  said: Record<string, true>;
  /** Per-resource-kind bookkeeping, e.g. `device`. */
  kinds: Record<string, Record<string, unknown>>;
}

const KEY = "__pulumiHapnProcess";

function state(): ProviderRecord {
  const g = globalThis as Record<string, unknown>;
  return (g[KEY] ??= { apis: {}, said: {}, kinds: {} }) as ProviderRecord;
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

/** The record that holds the shared API access (./provider-api.ts), keyed by a hash of the credentials. */
export function apiRecord(): Record<string, ProviderApi> {
  return state().apis;
}

/**
 * Test-only: forgets everything, as if the next operation ran in a new provider process (the client's quota
 * breakers and throttles included).
 */
export function resetProviderProcess(): void {
  delete (globalThis as Record<string, unknown>)[KEY];
  resetProcessState();
}

// The client's state: quota breakers and throttles, shared by every client instance of the process.

/** The `globalThis` property holding the shared state; versioned so an incompatible shape never collides. */
export const PROCESS_STATE_KEY = "__pulumiHapnClientState_v1";

/** A tripped quota breaker: what the first exhausted answer said. */
export interface TrippedBreaker {
  message: string;
  method?: string;
  path?: string;
  status?: number;
  /** Epoch ms when the breaker half-opens: one call may then try again (client/quota-breaker.ts). */
  retryAt?: number;
  /** Epoch ms of the last quota answer; only answers to requests started after it close the breaker. */
  trippedAt?: number;
  /** Whether the one half-open request is in flight. */
  probing?: boolean;
}

/** The adaptive throttle of one account and gateway (see client/throttle.ts). */
export interface ThrottleState {
  /** Requests per second allowed now; `Infinity` until the gateway first throttles. */
  rate: number;
  /** Epoch ms at which the last request left (pacing: the next leaves `1000 / rate` ms later). */
  lastStartAt: number;
  /** Epoch ms until which no request may leave (a `Retry-After`). */
  pausedUntil: number;
  /** Epoch ms of the last decrease (one decrease per round of in-flight requests). */
  decreasedAt: number;
  /** Epoch ms of the last increase, to grow the rate by elapsed time rather than by call count. */
  increasedAt: number;
  /** Start times (epoch ms) of recent requests, newest last, to measure the rate the gateway refused. */
  recentStarts: number[];
}

/** Everything shared, by account key. */
export interface ProcessState {
  breakers: Record<string, TrippedBreaker | undefined>;
  throttles: Record<string, ThrottleState | undefined>;
  outages: Record<string, OutageState | undefined>;
}

/** The shared state, created on first use. */
export function processState(): ProcessState {
  const holder = globalThis as unknown as Record<string, ProcessState | undefined>;
  let state = holder[PROCESS_STATE_KEY];
  if (!state) {
    state = {
      breakers: Object.create(null) as ProcessState["breakers"],
      throttles: Object.create(null) as ProcessState["throttles"],
      outages: Object.create(null) as ProcessState["outages"],
    };
    holder[PROCESS_STATE_KEY] = state;
  }
  return state;
}

/** The key of one account at one gateway: the client id and the API URL's origin. */
export function accountKey(clientId: string, apiUrl: string): string {
  return `${clientId} ${new URL(apiUrl).origin}`;
}

/** Forgets every breaker and throttle of this process. For tests, and for a long-lived process after a quota reset. */
export function resetProcessState(): void {
  delete (globalThis as unknown as Record<string, unknown>)[PROCESS_STATE_KEY];
}
