/**
 * A Pulumi TypeScript project on disk, as a user has one: Pulumi.yaml (runtime nodejs), package.json, tsconfig.json
 * and index.ts, in a fresh temp folder whose `node_modules` is a link to this repo's (where `pulumi-hapn` is the
 * workspace link to the repo, so `npm run build` must have run: see {@link buildPackage}).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ensureFreshBuild } from "../../../scripts/lib/fresh-build";
import { linkModulesWithOpenFolder } from "../../../scripts/lib/linked-modules";

const REPO = path.resolve(__dirname, "../../..");

/**
 * Brings dist/ up to date with the sources, so `pulumi-hapn` resolves to this checkout's code; under the shared
 * build lock, so test files starting together never rewrite dist/ while another one's program loads it.
 */
export function buildPackage(): Promise<void> {
  return ensureFreshBuild(REPO);
}

/**
 * Gives `dir` a `node_modules` that resolves like the repo's (each entry a link to the repo's), and whose `.bin` also
 * holds this package's commands, as `npm install pulumi-hapn` leaves them: `npx hapn-export` / `npx hapn-drift` / `npx hapn-probe` then
 * run there exactly as a user types them. Nothing is written into the repo's own `node_modules`.
 */
export function linkNodeModules(dir: string): void {
  const bins = linkModulesWithOpenFolder(dir, ".bin");
  for (const name of ["hapn-export", "hapn-drift", "hapn-probe"]) {
    const bin = path.join(REPO, "dist", "cli", `${name}.js`);
    fs.chmodSync(bin, 0o755);
    // After `npm ci` the repo's own .bin may already link these (the workspace link installs the package's bins).
    fs.rmSync(path.join(bins, name), { force: true });
    fs.symlinkSync(bin, path.join(bins, name));
  }
}

/** Writes a project named `name` with the program `indexTs` in a fresh temp folder; returns the folder. */
export function writeProject(name: string, indexTs: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  fs.writeFileSync(
    path.join(dir, "Pulumi.yaml"),
    `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n`,
  );
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name, private: true, main: "index.ts", dependencies: { "pulumi-hapn": "*" } }, null, 2),
  );
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { strict: true, target: "es2020", module: "commonjs", esModuleInterop: true } }),
  );
  fs.writeFileSync(path.join(dir, "index.ts"), indexTs);
  linkNodeModules(dir);
  return dir;
}

/**
 * Makes the package folder `target` resolvable as `name` from the project in `dir`, as `npm install <folder>` would
 * (a link in its node_modules). A scope folder that is still a link to the repo's (`@pulumi`) becomes a folder of
 * links first, so nothing is written into the repo's own node_modules.
 */
export function linkPackage(dir: string, name: string, target: string): void {
  const link = path.join(dir, "node_modules", name);
  const scope = path.dirname(link);
  if (scope !== path.join(dir, "node_modules") && fs.lstatSync(scope).isSymbolicLink()) {
    const shared = fs.realpathSync(scope);
    fs.unlinkSync(scope);
    fs.mkdirSync(scope);
    for (const entry of fs.readdirSync(shared)) fs.symlinkSync(path.join(shared, entry), path.join(scope, entry));
  }
  fs.symlinkSync(target, link, "dir");
}
