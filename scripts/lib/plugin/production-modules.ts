/**
 * The installed packages a set of runtime dependencies needs, found in a node_modules tree the way Node resolves
 * them (the nearest `node_modules/<name>` walking up from the requiring package): the closure over `dependencies`
 * and `optionalDependencies`, never `devDependencies` or peers. The plugin tarball copies exactly these, so it runs
 * without this checkout and without a registry.
 */
import * as fs from "node:fs";
import * as path from "node:path";

interface Manifest {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** The folder Node would load `name` from when required by code in `from`, searching no higher than `root`. */
function locate(name: string, from: string, root: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (fs.existsSync(path.join(candidate, "package.json"))) return candidate;
    if (dir === root || path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Every package folder (relative to `root`, e.g. `node_modules/@pulumi/pulumi`) that `names`, required from
 * `root`, load at run time. A missing required package throws naming who needs it; a missing optional one is
 * skipped, as npm skips it.
 */
export function productionModules(root: string, names: string[]): string[] {
  const found = new Set<string>();
  const queue = names.map((name) => ({ name, from: root, by: "the plugin", optional: false }));
  while (queue.length > 0) {
    const { name, from, by, optional } = queue.shift()!;
    const dir = locate(name, from, root);
    if (!dir) {
      if (optional) continue;
      throw new Error(`${name} (needed by ${by}) is not installed under ${root}: run npm ci first`);
    }
    const relative = path.relative(root, fs.realpathSync(dir));
    if (relative.startsWith("..")) throw new Error(`${name} resolves outside ${root} (${dir}), a link to a checkout`);
    if (found.has(relative)) continue;
    found.add(relative);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as Manifest;
    const required = Object.keys(manifest.dependencies ?? {});
    const optionals = Object.keys(manifest.optionalDependencies ?? {});
    for (const dep of required) queue.push({ name: dep, from: dir, by: name, optional: optionals.includes(dep) });
    for (const dep of optionals) queue.push({ name: dep, from: dir, by: name, optional: true });
  }
  return [...found].sort();
}
