/**
 * The repair a SIGKILLed `pulumi` can need on a file backend before any other command works again.
 *
 * Pulumi's file backend (gocloud's fileblob) replaces each state file atomically (a temp file, then a rename), but
 * rewrites its `.attrs` sidecar in place: truncate, then write. A kill between the two leaves the sidecar empty,
 * and from then on every command on that stack (`pulumi cancel` included) fails with
 * `error: failed to load checkpoint: EOF`. The sidecar holds only a content type and a checksum, which reads do
 * without when it is missing, so removing an empty one loses nothing. docs/reliability.md gives users the same
 * step as a `find` command, first in the recovery after a kill.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** Removes every empty `*.attrs` file under `stateDir` (a backend's `.pulumi` folder); returns their paths. */
export function removeEmptyStateSidecars(stateDir: string): string[] {
  const removed: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith(".attrs") && fs.statSync(full).size === 0) {
        fs.unlinkSync(full);
        removed.push(full);
      }
    }
  };
  if (fs.existsSync(stateDir)) walk(stateDir);
  return removed;
}
