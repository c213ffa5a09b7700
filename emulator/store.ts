/**
 * The emulated account: devices and boundaries in memory, optionally persisted to a state file after every
 * change. Every getter returns a copy, so callers can never change the state behind the store's back.
 */
import { randomBytes } from "node:crypto";
import type { Boundary, BoundaryInput, Device } from "../provider/api-model";
import { accountFleet } from "./fleet";
import { loadState, saveState, type AccountState } from "./persistence";

/** Color given to a boundary created without one (guess: the Hapn app's default is unknown). */
export const DEFAULT_BOUNDARY_COLOR = "#3bb2d0";

/** First boundary id handed out in a fresh account (just after the documented example, 316385). */
export const FIRST_BOUNDARY_ID = 316386;

/** How to open the account: from a state file if it exists, else a seeded fleet. */
export interface StoreOptions {
  stateFile?: string;
  devices: number;
  seed: number;
  /** The account's position among the emulator's accounts (0, the default: the primary); see accountFleet. */
  position?: number;
}

/** An ISO timestamp for "now" that is strictly later than `previous`, so every change moves `modified`. */
export function laterThan(previous: string | undefined, now = Date.now()): string {
  const prev = previous === undefined ? NaN : Date.parse(previous);
  return new Date(Number.isNaN(prev) || now > prev ? now : prev + 1).toISOString();
}

/** The emulated account state. */
export class AccountStore {
  private readonly devices = new Map<string, Device>();
  private readonly boundaries = new Map<number, Boundary>();
  private nextBoundaryId: number;
  private closed = false;

  /** Builds a store from a state; `file` (if any) is written after every change. */
  constructor(
    state: AccountState,
    private readonly file?: string,
  ) {
    for (const d of state.devices) this.devices.set(d.imei, structuredClone(d));
    for (const b of state.boundaries) this.boundaries.set(b.boundaryId, structuredClone(b));
    this.nextBoundaryId = state.nextBoundaryId;
  }

  /** Loads the state file if it exists (ignoring `devices` and `seed`), else seeds a fleet; saves it at once. */
  static open(options: StoreOptions): AccountStore {
    const loaded = options.stateFile ? loadState(options.stateFile) : undefined;
    const state: AccountState = loaded ?? {
      version: 1,
      devices: accountFleet(options.devices, options.seed, options.position ?? 0),
      boundaries: [],
      nextBoundaryId: FIRST_BOUNDARY_ID,
    };
    const store = new AccountStore(state, options.stateFile);
    store.save();
    return store;
  }

  /** A copy of the whole state, as persisted. */
  snapshot(): AccountState {
    return {
      version: 1,
      devices: this.listDevices(),
      boundaries: this.listBoundaries(),
      nextBoundaryId: this.nextBoundaryId,
    };
  }

  /** Writes the state file, if there is one and the store is not closed. */
  save(): void {
    if (this.file && !this.closed) saveState(this.file, this.snapshot());
  }

  /**
   * Saves one last time, then never writes the file again: a request still running when the emulator stops (one
   * sleeping in injected latency, say) must not overwrite the file once another emulator may own it.
   */
  close(): void {
    try {
      this.save();
    } finally {
      this.closed = true;
    }
  }

  /** All devices, ordered by IMEI (the order pagination relies on). */
  listDevices(): Device[] {
    return [...this.devices.values()].sort((a, b) => (a.imei < b.imei ? -1 : 1)).map((d) => structuredClone(d));
  }

  /** One device, or undefined. */
  getDevice(imei: string): Device | undefined {
    const d = this.devices.get(imei);
    return d && structuredClone(d);
  }

  /** Adds a device; returns false (and changes nothing) if its IMEI exists. */
  addDevice(device: Device): boolean {
    if (this.devices.has(device.imei)) return false;
    this.devices.set(device.imei, structuredClone(device));
    this.save();
    return true;
  }

  /** Applies `patch` to a device and moves `modified` forward (unless the patch sets it); undefined if unknown. */
  updateDevice(imei: string, patch: Partial<Device>): Device | undefined {
    const current = this.devices.get(imei);
    if (!current) return undefined;
    const next: Device = { ...current, ...structuredClone(patch), imei };
    if (patch.modified === undefined) next.modified = laterThan(current.modified);
    this.devices.set(imei, next);
    this.save();
    return structuredClone(next);
  }

  /** Removes a device; false if unknown. */
  removeDevice(imei: string): boolean {
    const removed = this.devices.delete(imei);
    if (removed) this.save();
    return removed;
  }

  /** All boundaries, ordered by id. */
  listBoundaries(): Boundary[] {
    return [...this.boundaries.values()].sort((a, b) => a.boundaryId - b.boundaryId).map((b) => structuredClone(b));
  }

  /** One boundary, or undefined. */
  getBoundary(boundaryId: number): Boundary | undefined {
    const b = this.boundaries.get(boundaryId);
    return b && structuredClone(b);
  }

  /** Creates a boundary from validated input (`name` and `geometry` present); assigns id, Feature id, times. */
  createBoundary(input: BoundaryInput & Required<Pick<BoundaryInput, "name" | "geometry">>): Boundary {
    const now = new Date().toISOString();
    const boundary: Boundary = {
      boundaryId: this.nextBoundaryId++,
      name: input.name,
      created: now,
      modified: now,
      ...(input.location !== undefined && { location: input.location }),
      color: input.color ?? DEFAULT_BOUNDARY_COLOR,
      status: "active",
      geometry: featureOf(input.geometry, randomBytes(16).toString("hex")),
    };
    this.boundaries.set(boundary.boundaryId, boundary);
    this.save();
    return structuredClone(boundary);
  }

  /** Applies validated input to a boundary (keeping its Feature id) and moves `modified`; undefined if unknown. */
  updateBoundary(boundaryId: number, input: BoundaryInput): Boundary | undefined {
    const current = this.boundaries.get(boundaryId);
    if (!current) return undefined;
    const next: Boundary = {
      ...current,
      ...structuredClone(input),
      modified: laterThan(current.modified),
      geometry: input.geometry ? featureOf(input.geometry, current.geometry.id) : current.geometry,
    };
    this.boundaries.set(boundaryId, next);
    this.save();
    return structuredClone(next);
  }

  /** Removes a boundary; false if unknown. */
  removeBoundary(boundaryId: number): boolean {
    const removed = this.boundaries.delete(boundaryId);
    if (removed) this.save();
    return removed;
  }
}

/** The stored Feature for validated input geometry: server-assigned id, properties defaulted to `{}`. */
function featureOf(geometry: Boundary["geometry"], id: string | undefined): Boundary["geometry"] {
  return {
    id,
    type: "Feature",
    properties: structuredClone(geometry.properties ?? {}),
    geometry: { type: "Polygon", coordinates: structuredClone(geometry.geometry.coordinates) },
  };
}
