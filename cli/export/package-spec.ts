/**
 * Where the exported project gets pulumi-hapn. The package is not published on npm yet, so a version range in the
 * generated package.json would fail its `npm install` with E404. The spec is, in this order: `--pulumi-hapn` (a
 * tarball path or a version range); else the spec of the project the export runs in (the nearest package.json
 * above the current folder that depends on pulumi-hapn, e.g. `file:pulumi-hapn-0.1.0.tgz` after the README's
 * install line); else `^VERSION`, with a warning. A `file:` path is rewritten relative to the new project.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { VERSION } from "../../provider/client/version";

/** The chosen spec, and a line for stderr saying where it came from (and what to do when it cannot install). */
export interface PackageSpec {
  spec: string;
  note: string;
}

/** `spec` as seen from `out`, when it is a path (`file:x`, `./x.tgz`, `/abs/x.tgz`) resolved from `base`. */
function rebase(spec: string, base: string, out: string): string {
  const file = spec.startsWith("file:") ? spec.slice("file:".length) : spec;
  const isPath = spec.startsWith("file:") || /^[./~]/.test(file) || file.endsWith(".tgz");
  if (!isPath) return spec;
  const relative = path.relative(out, path.resolve(base, file)).split(path.sep).join("/");
  return `file:${relative}`;
}

/** The nearest package.json from `dir` upwards that depends on pulumi-hapn: its folder and its spec. */
function enclosingSpec(dir: string): { base: string; spec: string } | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const file = path.join(current, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, Record<string, string> | undefined>;
      const spec = pkg.dependencies?.["pulumi-hapn"] ?? pkg.devDependencies?.["pulumi-hapn"];
      if (spec) return { base: current, spec };
    }
    if (path.dirname(current) === current) return undefined;
  }
}

/** The pulumi-hapn dependency for a project written to `out`, run from `cwd` with `--pulumi-hapn` = `flag`. */
export function pulumiHapnSpec(flag: string | undefined, cwd: string, out: string): PackageSpec {
  if (flag !== undefined) {
    const spec = rebase(flag, cwd, out);
    return { spec, note: `package.json takes pulumi-hapn from ${spec} (--pulumi-hapn)` };
  }
  const enclosing = enclosingSpec(cwd);
  if (enclosing && !/^(workspace:|\*$)/.test(enclosing.spec)) {
    const spec = rebase(enclosing.spec, enclosing.base, out);
    return {
      spec,
      note: `package.json takes pulumi-hapn from ${spec}, as ${path.join(enclosing.base, "package.json")} does`,
    };
  }
  return {
    spec: `^${VERSION}`,
    note:
      `package.json takes pulumi-hapn ^${VERSION}, which is not on npm yet: pass --pulumi-hapn ` +
      `path/to/pulumi-hapn-${VERSION}.tgz (made with npm pack), or install that tarball in the new project`,
  };
}
