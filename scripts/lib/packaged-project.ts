/**
 * Throwaway Pulumi projects that install this package the way users do: built, packed as `npm publish` would,
 * and `npm install`ed from the tarball. The demo and the end-to-end tests run their programs in them.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "../..");

/** Runs a command quietly in `cwd`, failing with its output. */
function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Runs npm quietly in `cwd`. */
function npm(args: string[], cwd: string): string {
  return run("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], cwd);
}

/** Packs the package folder `dir` into `destination` (`extra`: more npm flags); returns the tarball's path. */
function pack(dir: string, destination: string, extra: string[] = []): string {
  fs.mkdirSync(destination, { recursive: true });
  const name = npm(["pack", "--pack-destination", destination, ...extra], dir)
    .trim()
    .split("\n")
    .pop() as string;
  return path.join(destination, name);
}

/** Packs the package as `npm publish` would (its `prepare` script builds dist/ first); returns the tarball's path. */
export function packPackage(destination: string): string {
  return pack(REPO, destination);
}

/**
 * A copy of `tarball` with its files changed by `mutate` (given the unpacked package folder), packed into
 * `destination`: a stand-in for a new release, made without touching the repository's own build.
 */
export function repackWith(tarball: string, destination: string, mutate: (packageDir: string) => void): string {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-repack-"));
  try {
    run("tar", ["-xzf", tarball, "-C", work], work);
    const packageDir = path.join(work, "package");
    mutate(packageDir);
    // A published package has no sources to build: its `prepare` script must not run here.
    return pack(packageDir, destination, ["--ignore-scripts"]);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * A throwaway project with the packed package installed. Its @pulumi/pulumi is the repo's own copy, linked in,
 * so an inline program and the Automation API share one Pulumi runtime; the provider process resolves both from
 * this folder, as it would in a user's project.
 */
export function createProject(tarball: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-project-"));
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "hapn-project", private: true, dependencies: {} }, null, 2),
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

/**
 * Loads a module as installed in `dir` (what `import "<id>"` gives a program there). Resolved as from a file in
 * `dir`: `require.resolve(id, { paths })` would let this repository's own package name resolve to itself.
 */
export function requireInstalled<T>(dir: string, id: string): T {
  return createRequire(path.join(dir, "package.json"))(id) as T;
}
