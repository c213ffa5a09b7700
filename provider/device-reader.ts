import { isHapnError } from "./client/errors";
import type { Device } from "./types";

/** The two client calls the reader chooses between. */
export interface DeviceSource {
  getDevice(imei: string): Promise<Device | undefined>;
  listDevicePages(opts?: { limit?: number }): AsyncIterable<{ items: Device[]; nextToken?: string }>;
}

/** Tuning of {@link DeviceReader}. */
export interface DeviceReaderOptions {
  /** How long to gather concurrent reads before deciding how to serve them. */
  windowMs?: number;
  /** How long a listed device may answer later reads (a refresh is one burst of reads). */
  snapshotTtlMs?: number;
  /** Page size of list calls; 1000 is the largest page public clients used successfully. */
  pageSize?: number;
  now?: () => number;
}

interface Pending {
  imei: string;
  resolve: (d: Device | undefined) => void;
  reject: (e: unknown) => void;
}

/**
 * Serves device reads so that a refresh of many devices spends few requests of the account's quota (Hapn's quota
 * is a hard account-level ceiling; see docs/hapn-api-notes.md).
 *
 * Reads arriving within a short window are gathered. One read is a single GET. Several are served by paging the
 * device list, which costs one request per page instead of one per device; paging stops as soon as every wanted
 * device is found, and gives up (falling back to single GETs for the rest) once it has spent as many requests as
 * the single GETs would have. A device the listing lacks is confirmed with a single GET. Listed devices then answer reads for a few seconds, which is what carries a whole
 * refresh (the engine issues reads a handful at a time) on one or two list calls. A device not in a recent listing
 * is always fetched on its own, so a device added meanwhile is never reported missing.
 */
export class DeviceReader {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private snapshot: { at: number; devices: Record<string, Device> } = { at: -Infinity, devices: {} };
  private readonly windowMs: number;
  private readonly snapshotTtlMs: number;
  private readonly pageSize: number;
  private readonly now: () => number;

  constructor(
    private readonly source: DeviceSource,
    options: DeviceReaderOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 25;
    this.snapshotTtlMs = options.snapshotTtlMs ?? 10_000;
    this.pageSize = options.pageSize ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** The device with this IMEI, or undefined when it is not in the account. */
  get(imei: string): Promise<Device | undefined> {
    const fresh = this.now() - this.snapshot.at < this.snapshotTtlMs;
    if (fresh && this.snapshot.devices[imei]) return Promise.resolve(this.snapshot.devices[imei]);
    return new Promise((resolve, reject) => {
      this.pending.push({ imei, resolve, reject });
      this.timer ??= setTimeout(() => void this.flush(), this.windowMs);
    });
  }

  /** Records a device the caller just received (for example from an update), so later reads see it. */
  remember(device: Device): void {
    if (this.snapshot.devices[device.imei]) this.snapshot.devices[device.imei] = device;
  }

  /** Drops a device from the snapshot, so the next read asks the API. */
  forget(imei: string): void {
    delete this.snapshot.devices[imei];
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.timer = undefined;
    const settle = (imei: string, outcome: { device?: Device; error?: unknown }) => {
      for (const p of batch) {
        if (p.imei !== imei) continue;
        if (outcome.error !== undefined) p.reject(outcome.error);
        else p.resolve(outcome.device);
      }
    };
    const missing = new Set(batch.map((p) => p.imei));
    if (missing.size > 1) {
      try {
        await this.listUntilFound(missing, (device) => settle(device.imei, { device }));
      } catch (error) {
        if (endsAllReads(error)) {
          for (const imei of missing) settle(imei, { error });
          return;
        }
        // Otherwise the devices the listing had not answered yet fall back to single GETs.
      }
    }
    await Promise.all(
      [...missing].map((imei) =>
        this.source.getDevice(imei).then(
          (device) => settle(imei, { device }),
          (error: unknown) => settle(imei, { error }),
        ),
      ),
    );
  }

  /**
   * Pages the list, handing each wanted device to `found` and removing it from `missing`. Stops when all are
   * found, or once it has spent as many requests as single GETs would have. A device the listing lacks stays in
   * `missing`: only the API's 404 for that device proves it gone (list pagination is a guess, see
   * docs/api-guesses.md, and a wrongly "gone" device would be dropped from state).
   */
  private async listUntilFound(missing: Set<string>, found: (device: Device) => void): Promise<void> {
    const budget = missing.size;
    // Merged into a fresh snapshot, published before the first page arrives and filled as pages come in:
    // callers woken by a settled read may ask for the next device before this listing finishes.
    const fresh = this.now() - this.snapshot.at < this.snapshotTtlMs;
    const devices = fresh ? this.snapshot.devices : {};
    this.snapshot = { at: this.now(), devices };
    let pages = 0;
    for await (const page of this.source.listDevicePages({ limit: this.pageSize })) {
      pages++;
      for (const device of page.items) {
        devices[device.imei] = device;
        if (missing.delete(device.imei)) found(device);
      }
      if (missing.size === 0 || pages >= budget) break;
    }
  }
}

/** Errors after which no further request can succeed (used-up quota, refused credentials, a wrong API URL). */
function endsAllReads(error: unknown): boolean {
  return (
    isHapnError(error, "HAPN_QUOTA_EXHAUSTED") ||
    isHapnError(error, "HAPN_AUTH_REJECTED") ||
    isHapnError(error, "HAPN_UNAUTHORIZED") ||
    isHapnError(error, "HAPN_ROUTE_NOT_FOUND")
  );
}
