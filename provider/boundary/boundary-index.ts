import type { Boundary } from "../api-model/wire-types";

/** The client call the index uses: the API has no route to read one boundary, only the list. */
export interface BoundarySource {
  listBoundaries(opts?: { limit?: number }): Promise<Boundary[]>;
}

/**
 * Serves boundary reads from one listing of the account's boundaries. Hapn has no single-boundary GET (only
 * `GET /boundaries`), so reading each boundary would list them all every time; instead concurrent reads share one
 * listing in flight, and a listing answers further reads for a few seconds (a refresh of every boundary costs one
 * or two list calls). A boundary that the last listing lacks is looked up in a fresh one, so a boundary created
 * meanwhile is never reported missing. Kept in the per-process state, never captured by serialization.
 */
export class BoundaryIndex {
  private snapshot: { at: number; boundaries: Record<string, Boundary> };
  private inFlight: Promise<Record<string, Boundary>> | undefined;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly source: BoundarySource,
    options: { ttlMs?: number; now?: () => number } = {},
  ) {
    this.snapshot = { at: -Infinity, boundaries: {} };
    this.inFlight = undefined;
    this.ttlMs = options.ttlMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** The boundary with this id, or undefined when it is not in the account. */
  async get(boundaryId: number): Promise<Boundary | undefined> {
    const key = String(boundaryId);
    if (this.now() - this.snapshot.at < this.ttlMs && this.snapshot.boundaries[key]) {
      return this.snapshot.boundaries[key];
    }
    return (await this.list())[key];
  }

  /** Every boundary of the account, from a listing at most a few seconds old. */
  async all(): Promise<Boundary[]> {
    const fresh = this.now() - this.snapshot.at < this.ttlMs;
    return Object.values(fresh ? this.snapshot.boundaries : await this.list());
  }

  /** Records a boundary the caller just received (from a create or an update), so later reads see it. */
  remember(boundary: Boundary): void {
    this.snapshot.boundaries[String(boundary.boundaryId)] = boundary;
  }

  /** Drops a boundary (after a delete). */
  forget(boundaryId: number): void {
    delete this.snapshot.boundaries[String(boundaryId)];
  }

  /** One listing, shared by every read that asks while it runs. */
  private list(): Promise<Record<string, Boundary>> {
    this.inFlight ??= (async () => {
      try {
        const at = this.now();
        const boundaries: Record<string, Boundary> = {};
        for (const b of await this.source.listBoundaries({ limit: 1000 })) boundaries[String(b.boundaryId)] = b;
        this.snapshot = { at, boundaries };
        return boundaries;
      } finally {
        this.inFlight = undefined;
      }
    })();
    return this.inFlight;
  }
}
