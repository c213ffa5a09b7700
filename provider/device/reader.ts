import { isHapnError } from "../client/errors";
import type { Device } from "../api-model/wire-types";

/** The two client calls the reader chooses between. */
export interface DeviceSource {
  getDevice(imei: string): Promise<Device | undefined>;
  listDevicePages(opts?: { limit?: number }): AsyncIterable<{ items: Device[]; nextToken?: string }>;
}

/** Tuning of {@link DeviceReader}. */
export interface DeviceReaderOptions {
  /** How long to gather concurrent reads before deciding how to serve them. */
  windowMs?: number;
  /**
   * How long one listing may answer reads: long enough for the reads of one deployment (an `up` of many devices
   * creates a few per second for minutes). Our own writes are kept in it (see {@link DeviceReader.remember}).
   */
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

/** The deployment's listing: the devices seen so far, and the pages still to fetch (none once complete). */
interface Listing {
  at: number;
  devices: Record<string, Device>;
  pages?: AsyncIterator<{ items: Device[]; nextToken?: string }>;
  /** The distinct IMEIs read while this listing served, answered or not: what single GETs would have cost. */
  asked: Set<string>;
  /** The pages fetched for it. */
  requests: number;
}

/**
 * Serves device reads so that a deployment spends few requests of the account's quota (Hapn's quota is a hard
 * account-level ceiling; see docs/hapn-api-notes.md).
 *
 * One listing of the account (paged, up to 1000 devices a page) answers the reads of a whole deployment: the
 * reads of a refresh, which arrive a handful at a time, and the adoptions of an `up`, which arrive one at a time
 * for minutes. A read the listing has not answered yet fetches the listing's next page, and reads that arrive
 * while a page is in flight wait for it; paging stops (falling back to single GETs for the rest) once the listing
 * has fetched as many pages as there were distinct devices read while it served, that is as many requests as
 * single GETs would have cost, and resumes where it stopped as more reads come. The budget counts every read of
 * the listing's life, not only the ones still waiting: a refresh's last reads, on the last pages, are then paged
 * too instead of each costing a GET. A device the listing lacks is confirmed with a single GET, so a device added
 * meanwhile is never reported missing.
 */
export class DeviceReader {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private serving = false;
  private listing: Listing = { at: -Infinity, devices: {}, asked: new Set(), requests: 0 };
  private readonly windowMs: number;
  private readonly snapshotTtlMs: number;
  private readonly pageSize: number;
  private readonly now: () => number;

  constructor(
    private readonly source: DeviceSource,
    options: DeviceReaderOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 25;
    this.snapshotTtlMs = options.snapshotTtlMs ?? 10 * 60_000;
    this.pageSize = options.pageSize ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** The device with this IMEI, or undefined when it is not in the account. */
  get(imei: string): Promise<Device | undefined> {
    const known = this.fresh() ? this.listing.devices[imei] : undefined;
    if (known) {
      this.listing.asked.add(imei);
      return Promise.resolve(known);
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ imei, resolve, reject });
      if (!this.serving) this.timer ??= setTimeout(() => void this.serve(), this.windowMs);
    });
  }

  /** Records a device the caller just received (for example from an update), so later reads see it. */
  remember(device: Device): void {
    if (this.listing.devices[device.imei]) this.listing.devices[device.imei] = device;
  }

  /** Drops a device from the listing, so the next read asks the API. */
  forget(imei: string): void {
    delete this.listing.devices[imei];
  }

  private fresh(): boolean {
    return this.now() - this.listing.at < this.snapshotTtlMs;
  }

  /** Serves pending reads until none are left; reads that arrive meanwhile join in. */
  private async serve(): Promise<void> {
    this.timer = undefined;
    this.serving = true;
    try {
      while (this.pending.length > 0) await this.serveBatch();
    } finally {
      this.serving = false;
    }
  }

  /** Takes the pending reads, answering those the listing knows; returns the others. */
  private take(into: Pending[]): void {
    for (const p of this.pending.splice(0)) {
      this.listing.asked.add(p.imei);
      const device = this.listing.devices[p.imei];
      if (device) p.resolve(device);
      else into.push(p);
    }
  }

  private async serveBatch(): Promise<void> {
    if (!this.fresh()) {
      void this.listing.pages?.return?.();
      this.listing = { at: this.now(), devices: {}, pages: undefined, asked: new Set(), requests: 0 };
      this.listing.pages = this.source.listDevicePages({ limit: this.pageSize })[Symbol.asyncIterator]();
    }
    const listing = this.listing;
    let waiting: Pending[] = [];
    this.take(waiting);
    try {
      while (waiting.length > 0 && listing.pages && listing.requests < listing.asked.size) {
        const page = await listing.pages.next();
        listing.requests++;
        if (page.done) {
          listing.pages = undefined;
          break;
        }
        for (const device of page.value.items) listing.devices[device.imei] = device;
        const still: Pending[] = [];
        for (const p of waiting) {
          const device = listing.devices[p.imei];
          if (device) p.resolve(device);
          else still.push(p);
        }
        waiting = still;
        this.take(waiting); // reads that arrived while the page was in flight
      }
    } catch (error) {
      listing.pages = undefined;
      if (endsAllReads(error)) {
        for (const p of [...waiting, ...this.pending.splice(0)]) p.reject(error);
        return;
      }
      // Otherwise the reads the listing had not answered fall back to single GETs.
    }
    await this.getEach(waiting);
  }

  /** One GET per distinct IMEI, settling every read of it. */
  private async getEach(reads: Pending[]): Promise<void> {
    const byImei: Record<string, Pending[]> = {};
    for (const p of reads) (byImei[p.imei] ??= []).push(p);
    await Promise.all(
      Object.entries(byImei).map(([imei, ps]) =>
        this.source.getDevice(imei).then(
          (device) => ps.forEach((p) => p.resolve(device)),
          (error: unknown) => ps.forEach((p) => p.reject(error)),
        ),
      ),
    );
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
