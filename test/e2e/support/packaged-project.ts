import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "../../..");

/** Runs npm quietly in `cwd`, failing with its output. */
function npm(args: string[], cwd: string): string {
  return execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/**
 * Builds the package and packs it as `npm publish` would; returns the tarball's path. `mutate` may change the
 * built files first (to simulate a new release with an internal change).
 */
export function packPackage(destination: string, mutate?: (distDir: string) => void): string {
  npm(["run", "build"], REPO);
  mutate?.(path.join(REPO, "dist"));
  try {
    const name = npm(["pack", "--pack-destination", destination], REPO).trim().split("\n").pop() as string;
    return path.join(destination, name);
  } finally {
    // Leave dist as the source builds it.
    if (mutate) npm(["run", "build"], REPO);
  }
}

/**
 * A throwaway project that installs the packed package the way users do (`npm install pulumi-hapn`). Its
 * @pulumi/pulumi is the repo's own copy, linked in, so the inline program and the Automation API share one
 * Pulumi runtime; the provider process resolves both from this folder, as it would in a user's project.
 */
export function createProject(tarball: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-project-"));
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "hapn-e2e-project", private: true, dependencies: {} }, null, 2),
  );
  installTarball(dir, tarball);
  return dir;
}

/** Installs (or replaces) the packed package in a project made by {@link createProject}. */
export function installTarball(dir: string, tarball: string): void {
  const link = path.join(dir, "node_modules", "@pulumi");
  fs.rmSync(link, { force: true, recursive: true });
  // Peer dependencies (@pulumi/pulumi) are linked below rather than installed a second time.
  npm(["install", "--prefer-offline", "--legacy-peer-deps", tarball], dir);
  fs.symlinkSync(path.join(REPO, "node_modules", "@pulumi"), link, "dir");
}

/** Loads the package as installed in `dir` (what `import "pulumi-hapn"` gives a program there). */
export function requireInstalled<T>(dir: string, id: string): T {
  return require(require.resolve(id, { paths: [dir] })) as T;
}
