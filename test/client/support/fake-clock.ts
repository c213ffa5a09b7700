/**
 * An injected clock for client tests (issue 8: time-based tests without real waits): `sleep` advances a virtual
 * clock at once instead of waiting, and `now` reads real time plus everything slept so far, so timers that really
 * run (the per-attempt timeout) still work while backoff and throttle waits cost nothing.
 */
import type { HapnClientOptions } from "../../../provider/client";

/** A virtual clock and the client options that plug it in. */
export interface FakeClock {
  options: Pick<HapnClientOptions, "now" | "sleep">;
  /** Total virtual time slept, in ms. */
  slept(): number;
}

/** Creates a clock whose sleeps return on the next macrotask and advance virtual time by their length. */
export function fakeClock(): FakeClock {
  let offset = 0;
  return {
    options: {
      now: () => Date.now() + offset,
      sleep: async (ms: number) => {
        offset += Math.max(0, ms);
        await new Promise((resolve) => setImmediate(resolve));
      },
    },
    slept: () => offset,
  };
}
