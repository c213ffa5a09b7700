/**
 * What a kill of the `pulumi` CLI alone leaves behind: the processes it had started (language hosts, the provider)
 * live on as orphans, and the provider must stop writing and exit by itself. Names the processes by their program,
 * watches for writes that still reach the API, and kills what is left (the matrix must not leave processes behind).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { killAll, stillRunning } from "./kill-mid-run";

/** How long the matrix watches for writes from orphans after an "engine" kill, in ms. */
export const ORPHAN_WATCH_MS = 5_000;

/** What an "engine" kill left behind. */
export interface AfterKill {
  /** Device writes that reached the emulator after the kill. */
  writes: number;
  /** The processes still running {@link ORPHAN_WATCH_MS} after the kill, by name (then killed). */
  orphans: string[];
  /** The CLI's descendants at the kill, by name: what could have been left (so a test can see its provider there). */
  atKill: string[];
}

/**
 * Watches {@link ORPHAN_WATCH_MS} for writes from the processes the kill left (`tree`, named `atKill` at the kill),
 * then kills what is still running and says what was.
 */
export async function watchOrphans(
  tree: number[],
  atKill: string[],
  writesSinceKill: () => number,
): Promise<AfterKill> {
  await new Promise((resolve) => setTimeout(resolve, ORPHAN_WATCH_MS));
  const writes = writesSinceKill();
  const orphans = stillRunning(tree);
  const names = processNames(orphans);
  killAll(orphans);
  return { writes, orphans: names, atKill };
}

/** The names of `pids` (see {@link commandName}). */
export function processNames(pids: number[]): string[] {
  return pids.map(commandName);
}

/**
 * A process's program name, e.g. `pulumi-language-nodejs`, `node dynamic-provider` (the dynamic provider) or
 * `node plugin` (the `hapn` plugin's executable, which runs node on plugin/bin/../index.js).
 */
function commandName(pid: number): string {
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    const script = argv.slice(1).find((a) => !a.startsWith("-"));
    const base = (p: string) =>
      path
        .normalize(p)
        .replace(/\/index\.js$/, "")
        .split("/")
        .pop();
    return [base(argv[0] ?? "?"), script && base(script)].filter(Boolean).join(" ");
  } catch {
    return String(pid);
  }
}
