/**
 * `npm run pack-sdk`: the generated TypeScript SDK (sdk/nodejs, the npm package `@pulumi/hapn`) as a tarball a user's
 * project installs with `npm install <tarball>`, built the way Pulumi builds its generated packages: in a copy of
 * sdk/nodejs, `npm install` (the SDK's own devDependencies, TypeScript and @types/node, from the registry), `npm run
 * build` (tsc into bin/), the package.json, README.md and LICENSE beside the output, then `npm pack` of bin/. So the
 * tarball holds compiled JavaScript and .d.ts files, never the .ts sources, and nothing of this checkout's
 * node_modules: the user's `npm install` fetches `@pulumi/pulumi` itself. The checkout's sdk/nodejs stays untouched.
 *
 * The file is named `pulumi-hapn-sdk-<version>.tgz`, not npm's own `pulumi-hapn-<version>.tgz` (`@pulumi/hapn`
 * flattened), which is also the name of `npm pack` of this repository's `pulumi-hapn` package.
 *
 *   npm run pack-sdk                # writes pulumi-hapn-sdk-<version>.tgz where npm was started
 *   npm run pack-sdk -- --out DIR   # into DIR
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { NODEJS_SDK_DIR } from "./lib/sdk/nodejs-package";

const REPO = path.resolve(__dirname, "..");

/** The tarball's file name for the SDK of `version` (see module docs for why not npm's own). */
export function sdkTarballName(version: string): string {
  return `pulumi-hapn-sdk-${version}.tgz`;
}

/** Runs npm in `cwd`, its output kept out of the way; a failure is thrown with everything npm printed. */
function npm(args: string[], cwd: string): string {
  try {
    return execFileSync("npm", [...args, "--no-audit", "--no-fund"], {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm ${args.join(" ")} failed in ${cwd}:\n${stdout}${stderr}`);
  }
}

/** Builds the SDK in a copy of sdk/nodejs and packs it into `outDir`; returns the tarball's path. */
export function packSdk(outDir: string): string {
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-sdk-stage-"));
  try {
    // Only the generated files: a node_modules or bin/ left by a build inside sdk/nodejs stays behind.
    const skipped = new Set(["node_modules", "bin"].map((name) => path.join(NODEJS_SDK_DIR, name)));
    fs.cpSync(NODEJS_SDK_DIR, stage, { recursive: true, filter: (src) => !skipped.has(src) });
    npm(["install", "--no-package-lock"], stage);
    npm(["run", "build"], stage);
    const bin = path.join(stage, "bin");
    for (const file of ["package.json", "README.md"]) fs.copyFileSync(path.join(stage, file), path.join(bin, file));
    fs.copyFileSync(path.join(REPO, "LICENSE"), path.join(bin, "LICENSE"));
    const packed = npm(["pack", "--pack-destination", stage, "--loglevel=error"], bin).trim().split("\n").pop()!;
    const { version } = JSON.parse(fs.readFileSync(path.join(bin, "package.json"), "utf8")) as { version: string };
    const tarball = path.resolve(outDir, sdkTarballName(version));
    fs.mkdirSync(outDir, { recursive: true });
    fs.copyFileSync(path.join(stage, packed), tarball);
    return tarball;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  // npm run starts scripts in the package folder; INIT_CWD is where the user typed the command.
  const startedIn = process.env.INIT_CWD ?? process.cwd();
  try {
    const tarball = packSdk(values.out ?? startedIn);
    console.log(`wrote ${path.relative(startedIn, tarball)}`);
  } catch (error) {
    console.error(`pack-sdk: ${(error as Error).message}`);
    process.exit(1);
  }
}
