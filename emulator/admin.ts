/**
 * The admin handle: out-of-band changes to the emulated account (as someone editing it in the Hapn app), token
 * expiry, faults and counters. `startEmulator` returns it for in-process tests; `/_admin` serves the same handle.
 */
import type { Boundary, BoundaryInput, Device } from "../provider/api-model";
import { appUrlFor, defaultDevice } from "./fleet";
import type { CounterSnapshot, Counters, HandledListener } from "./counters";
import { FaultOptionsError, type FaultOptions, type FaultState } from "./fault-options";
import type { FaultEngine } from "./faults";
import type { AccountStore } from "./store";
import type { TokenStore } from "./tokens";
import {
  ADMIN_DEVICE_ADD,
  ADMIN_DEVICE_PATCH,
  BOUNDARY_CREATE,
  BOUNDARY_PATCH,
  checkFields,
  type FieldTable,
} from "./validate";

/** An admin request that cannot be done; `status` is the HTTP status the admin API answers with. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "AdminError";
  }
}

/** Device fields the admin may set out of band (all but the IMEI and the derived `appUrl`). */
export type AdminDevicePatch = Partial<Omit<Device, "imei" | "appUrl">>;

/** `GET /_admin/health`. */
export interface EmulatorHealth {
  status: "ok";
  uptimeSeconds: number;
  devices: number;
  boundaries: number;
  activeTokens: number;
}

/** The in-process admin handle. Methods that fail throw {@link AdminError} (400 invalid, 404 unknown, 409 exists). */
export interface EmulatorAdmin {
  /** Every device, ordered by IMEI. */
  listDevices(): Device[];
  /** One device, or undefined. */
  getDevice(imei: string): Device | undefined;
  /** Adds a device: `imei` required and Luhn-valid, other fields defaulted. */
  addDevice(device: AdminDevicePatch & { imei: string }): Device;
  /** Changes any device fields out of band and bumps `modified` (unless the patch sets it). */
  editDevice(imei: string, patch: AdminDevicePatch): Device;
  /** Removes a device. */
  removeDevice(imei: string): void;
  /** Every boundary, ordered by id. */
  listBoundaries(): Boundary[];
  /** One boundary, or undefined. */
  getBoundary(boundaryId: number): Boundary | undefined;
  /** Adds a boundary out of band (same fields and rules as the API's create), e.g. to seed an account. */
  addBoundary(input: BoundaryInput): Boundary;
  /** Changes a boundary out of band (same fields and rules as the API's PATCH) and bumps `modified`. */
  editBoundary(boundaryId: number, patch: BoundaryInput): Boundary;
  /** Removes a boundary. */
  removeBoundary(boundaryId: number): void;
  /** Expires every issued token; returns how many were live. */
  expireTokens(): number;
  /**
   * Rotates the client secret, as an admin does in the Hapn app: from now on only `clientSecret` gets a token.
   * Tokens issued before stay valid until they expire. Never served over HTTP in the other direction: the admin
   * API can set a secret but not read one.
   */
  rotateClientSecret(clientSecret: string): void;
  /**
   * The most recently issued tokens (up to 1000, expired ones included). In-process only, never over HTTP: it
   * lets a test prove that no issued token ended up in a log or a stack's state.
   */
  issuedTokens(): string[];
  /** The current fault settings. */
  getFaults(): FaultState;
  /** Replaces every fault setting. */
  setFaults(faults: FaultOptions): FaultState;
  /** Merges fault settings (keys present replace current ones). */
  updateFaults(faults: FaultOptions): FaultState;
  /** Request counters. */
  counters(): CounterSnapshot;
  /** Sets request counters back to zero. */
  resetCounters(): void;
  /**
   * Calls `listener` each time a request was handled (a write applied) and before its answer leaves; returns the
   * function that removes it. In-process only: it lets a harness act at that exact moment, e.g. SIGKILL a client
   * whose write is applied but not yet answered, which polling the counters cannot catch reliably.
   */
  onHandled(listener: HandledListener): () => void;
  /** Liveness and a summary of the account. */
  health(): EmulatorHealth;
}

/** What the admin handle works on. */
export interface AdminDeps {
  store: AccountStore;
  tokens: TokenStore;
  faults: FaultEngine;
  counters: Counters;
  /** The credentials the token endpoint accepts; rotation changes `clientSecret` in place. */
  credentials: { clientId: string; clientSecret: string };
  /** The account number of devices the admin adds (their `clientId`); default the primary account's. */
  accountNumber?: number;
  startedAt: number;
}

/** Validates a body against a field table or throws a 400 {@link AdminError}. */
function checked<T>(body: unknown, table: FieldTable): T {
  const result = checkFields<T>(body, table);
  if (!result.ok) throw new AdminError(400, result.message);
  return result.value;
}

/** Runs a fault-settings change, turning a validation error into a 400 {@link AdminError}. */
function faultChange(change: () => FaultState): FaultState {
  try {
    return change();
  } catch (err) {
    if (err instanceof FaultOptionsError) throw new AdminError(400, err.message);
    throw err;
  }
}

/** Returns `value`, or throws a 404 {@link AdminError} when it is undefined or false. */
function found<T>(value: T | undefined | false, what: string): T {
  if (value === undefined || value === false) throw new AdminError(404, `${what} not found`);
  return value;
}

/** Builds the admin handle over the emulator's state. */
export function createAdmin(deps: AdminDeps): EmulatorAdmin {
  const { store, tokens, faults, counters } = deps;
  return {
    listDevices: () => store.listDevices(),
    getDevice: (imei) => store.getDevice(imei),
    addDevice(input) {
      const fields = checked<AdminDevicePatch & { imei: string }>(input, ADMIN_DEVICE_ADD);
      const now = new Date().toISOString();
      const device: Device = { ...defaultDevice(fields.imei, now, deps.accountNumber), ...fields };
      device.appUrl = appUrlFor(device.imei);
      if (!store.addDevice(device)) throw new AdminError(409, `Device ${fields.imei} already exists`);
      return found(store.getDevice(device.imei), `Device ${device.imei}`);
    },
    editDevice(imei, patch) {
      found(store.getDevice(imei), `Device ${imei}`);
      return found(store.updateDevice(imei, checked<AdminDevicePatch>(patch, ADMIN_DEVICE_PATCH)), `Device ${imei}`);
    },
    removeDevice: (imei) => void found(store.removeDevice(imei), `Device ${imei}`),
    listBoundaries: () => store.listBoundaries(),
    getBoundary: (id) => store.getBoundary(id),
    addBoundary: (input) =>
      store.createBoundary(checked<Parameters<AccountStore["createBoundary"]>[0]>(input, BOUNDARY_CREATE)),
    editBoundary(id, patch) {
      found(store.getBoundary(id), `Boundary ${id}`);
      return found(store.updateBoundary(id, checked<BoundaryInput>(patch, BOUNDARY_PATCH)), `Boundary ${id}`);
    },
    removeBoundary: (id) => void found(store.removeBoundary(id), `Boundary ${id}`),
    expireTokens: () => tokens.expireAll(),
    rotateClientSecret(clientSecret) {
      if (typeof clientSecret !== "string" || clientSecret.trim() === "") {
        throw new AdminError(400, "clientSecret must be a non-empty string");
      }
      deps.credentials.clientSecret = clientSecret;
    },
    issuedTokens: () => tokens.recent(),
    getFaults: () => faults.state(),
    setFaults: (options) => faultChange(() => faults.set(options)),
    updateFaults: (options) => faultChange(() => faults.update(options)),
    counters: () => counters.snapshot(),
    resetCounters: () => counters.reset(),
    onHandled: (listener) => counters.onHandled(listener),
    health: () => ({
      status: "ok",
      uptimeSeconds: Math.floor((Date.now() - deps.startedAt) / 1000),
      devices: store.listDevices().length,
      boundaries: store.listBoundaries().length,
      activeTokens: tokens.activeCount(),
    }),
  };
}
