/**
 * Pulumi's dynamic-provider host prints every error a provider's check, diff, read or delete throws as
 * `${error}: ${error.stack}` on stderr, then hands the same error to the engine, which reports it in its own words
 * (`error: Preview failed: <message>`). For a HapnError that is its message three times and a stack trace: a drift
 * check with a wrong client secret showed it so. This drops that one print for HapnErrors only, whose messages are
 * written to be read alone (what failed, what to check, no secret) and still reach the user through the engine.
 * Any other error, a bug for example, keeps its dump and stack trace.
 */

/** The host's print of a HapnError: `HapnError: <message>: HapnError: <message>` and the stack's frames. */
const HAPN_ERROR_DUMP = /^HapnError: ([\s\S]*?): HapnError: \1(\n|$)/;

/** True for the text the dynamic-provider host prints for a HapnError (see the module docs). */
export function isHapnErrorDump(text: unknown): boolean {
  return typeof text === "string" && HAPN_ERROR_DUMP.test(text);
}

const KEY = "__pulumiHapnQuietErrorDumps";

/** Makes `console.error` skip {@link isHapnErrorDump} texts; once per process, whatever copy of this module runs. */
export function quietHapnErrorDumps(): void {
  const g = globalThis as Record<string, unknown>;
  if (g[KEY]) return;
  g[KEY] = true;
  const print = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    if (args.length === 1 && isHapnErrorDump(args[0])) return;
    print(...args);
  };
}
