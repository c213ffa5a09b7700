/**
 * A Pulumi TypeScript project on disk, as a user has one: Pulumi.yaml (runtime nodejs), package.json, tsconfig.json
 * and index.ts, in a fresh temp folder whose `node_modules` is a link to this repo's (where `pulumi-hapn` is the
 * workspace link to the repo, so `npm run build` must have run: see {@link buildPackage}).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "../../..");

/** Compiles the package to dist/ once per test process, so `pulumi-hapn` resolves to this checkout's code. */
export function buildPackage(): void {
  const g = globalThis as { __hapnBuilt?: boolean };
  if (g.__hapnBuilt) return;
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: REPO });
  g.__hapnBuilt = true;
}

/** Links `dir/node_modules` to the repo's, so the project resolves `pulumi-hapn` and `@pulumi/pulumi`. */
export function linkNodeModules(dir: string): void {
  fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
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
