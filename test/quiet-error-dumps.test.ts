import { HapnError } from "../provider/client";
import { isHapnErrorDump, quietHapnErrorDumps } from "../provider/quiet-error-dumps";

/** What Pulumi's dynamic-provider host prints for an error thrown by check, diff, read or delete. */
const hostDump = (e: Error) => `${e}: ${e.stack}`;

describe("quietHapnErrorDumps", () => {
  const refused = new HapnError("HAPN_AUTH_REJECTED", "Hapn rejected the client credentials (HTTP 400: x). Check it.");

  it("recognizes the host's dump of a HapnError, and only that", () => {
    expect(isHapnErrorDump(hostDump(refused))).toBe(true);
    expect(isHapnErrorDump(hostDump(new TypeError("cannot read x of undefined")))).toBe(false);
    expect(isHapnErrorDump(refused.message)).toBe(false);
    expect(isHapnErrorDump(`HapnError: one: HapnError: another`)).toBe(false);
  });

  it("keeps console.error from printing it, and prints everything else as before", () => {
    const original = console.error;
    const printed: unknown[][] = [];
    console.error = (...args: unknown[]) => void printed.push(args);
    delete (globalThis as Record<string, unknown>).__pulumiHapnQuietErrorDumps;
    try {
      quietHapnErrorDumps();
      quietHapnErrorDumps(); // once per process: a second call wraps nothing again
      console.error(hostDump(refused));
      const bug = new TypeError("cannot read x of undefined");
      console.error(hostDump(bug));
      console.error("two", "arguments");
      expect(printed).toEqual([[hostDump(bug)], ["two", "arguments"]]);
    } finally {
      console.error = original;
      delete (globalThis as Record<string, unknown>).__pulumiHapnQuietErrorDumps;
    }
  });
});
