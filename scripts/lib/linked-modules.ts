/**
 * A node_modules for an on-disk project made of links to this repository's packages, so the project resolves them
 * as the repository does without an install, and nothing is written into the repository's own node_modules.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The repository's node_modules. */
export const REPO_MODULES = path.resolve(__dirname, "..", "..", "node_modules");

/**
 * Gives `dir` a node_modules of links to the repository's entries, except `open` (a scope such as `@pulumi`, or
 * `.bin`), which is a real folder of links to the entries of the repository's: the caller can add to it without
 * touching the repository's. Returns that folder.
 */
export function linkModulesWithOpenFolder(dir: string, open: string): string {
  const target = path.join(dir, "node_modules");
  const opened = path.join(target, open);
  fs.mkdirSync(opened, { recursive: true });
  for (const entry of fs.readdirSync(REPO_MODULES)) {
    if (entry !== open) fs.symlinkSync(path.join(REPO_MODULES, entry), path.join(target, entry));
  }
  for (const entry of fs.readdirSync(path.join(REPO_MODULES, open))) {
    fs.symlinkSync(path.join(REPO_MODULES, open, entry), path.join(opened, entry));
  }
  return opened;
}
