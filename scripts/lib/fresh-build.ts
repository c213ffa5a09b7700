/**
 * Builds dist/ from the sources when it is missing or older than them, once, even when several runs (demos, the
 * bench, the fault matrix, test files) start at the same moment: the check and the build run under a lock folder,
 * so a second run waits and then finds dist/ fresh instead of rewriting files the first one is already loading.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** Newest modification time of the files in (or below) `dir` whose names match `pattern` (0 when there are none). */
function newest(dir: string, pattern: RegExp, recursive = true): number {
  if (!fs.existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive })) {
    if (entry.isFile() && pattern.test(entry.name)) {
      latest = Math.max(latest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return latest;
}

/**
 * The folders the build compiles: tsconfig.build.json's `include`, read rather than repeated here so that a new
 * source folder (as `cli/` once was) cannot be left out of the staleness check.
 */
function sourceRoots(repo: string): string[] {
  const config = JSON.parse(fs.readFileSync(path.join(repo, "tsconfig.build.json"), "utf8")) as { include?: string[] };
  return config.include ?? [];
}

/** True when dist/ is older than the package's TypeScript sources or build configuration (or missing). */
export function isBuildStale(repo: string): boolean {
  const configs = newest(repo, /^tsconfig.*\.json$/, false);
  const sources = Math.max(configs, ...sourceRoots(repo).map((root) => newest(path.join(repo, root), /\.ts$/)));
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
