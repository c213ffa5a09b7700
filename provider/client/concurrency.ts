/**
 * A small counting semaphore. The client wraps every API attempt in one (a token fetch runs in the slot of the
 * caller waiting for it), so refreshing a stack with 1000 devices keeps at most `concurrency` requests and sockets
 * open instead of 1000.
 */

declare const SLOT: unique symbol;

/**
 * Proof that the holder runs inside a slot. Only {@link Semaphore.run} hands one out, and every function that sends
 * a request takes one, so "each request is sent inside a slot" holds by construction, checked by the compiler.
 */
export interface Slot {
  readonly [SLOT]: true;
}

/** A counting semaphore whose `run` hands its task a {@link Slot}. */
export class Semaphore {
  // Assigned in the constructor, not with field initializers: Pulumi's closure serializer drops initializers.
  private active: number;
  private waiters: Array<() => void>;

  /** @param limit maximum number of holders at once; a positive integer. */
  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`Semaphore limit must be a positive integer`);
    this.active = 0;
    this.waiters = [];
  }

  /** Number of current holders. */
  get inUse(): number {
    return this.active;
  }

  /** Number of callers waiting for a slot. */
  get waiting(): number {
    return this.waiters.length;
  }

  /** Waits for a slot and returns its release function; releasing twice is a no-op. */
  async acquire(): Promise<() => void> {
    if (this.active < this.limit) {
      this.active++;
    } else {
      // The releasing holder hands its slot straight to us, so `active` is not decremented and re-incremented;
      // that keeps a newcomer from overtaking a waiter (FIFO fairness).
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) next();
      else this.active--;
    };
  }

  /** Runs `task` while holding a slot, releasing it however `task` ends. */
  async run<T>(task: (slot: Slot) => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await task({} as Slot);
    } finally {
      release();
    }
  }
}
