/**
 * Builds dist/ from the sources when it is missing or older than them, once, even when several demos start at
 * the same moment: the check and the build run under a lock folder, so a second run waits and then finds dist/
 * fresh instead of rewriting files the first one is already loading.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** Newest modification time of the files below `dir` whose names match `pattern` (0 when there are none). */
function newest(dir: string, pattern: RegExp): number {
  if (!fs.existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && pattern.test(entry.name)) {
      latest = Math.max(latest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return latest;
}

/** True when dist/ is older than the package's TypeScript sources (or missing). */
export function isBuildStale(repo: string): boolean {
  const sources = Math.max(newest(path.join(repo, "provider"), /\.ts$/), newest(path.join(repo, "emulator"), /\.ts$/));
  return newest(path.join(repo, "dist"), /\.js$/) < sources;
}

/** Runs `npm run build` in `repo` if dist/ is stale, under a lock shared by every caller on this machine. */
export async function ensureFreshBuild(repo: string, timeoutMs = 300_000): Promise<void> {
  const lock = path.join(repo, ".build.lock");
  const started = Date.now();
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (Date.now() - started > timeoutMs)
        throw new Error(`${lock} is still held after ${timeoutMs} ms; remove it if no build runs`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (isBuildStale(repo)) execFileSync("npm", ["run", "--silent", "build"], { cwd: repo, stdio: "inherit" });
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}
