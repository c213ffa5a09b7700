/**
 * The generated TypeScript SDK (sdk/nodejs) built as it would be published: compiled by tsc with the SDK's own
 * tsconfig.json into a folder that also holds its package.json, so `node_modules/@pulumi/hapn` can point at it and a
 * program imports `@pulumi/hapn` like any other Pulumi package. The SDK's `@pulumi/pulumi` and `@types/node` resolve
 * from this repository's node_modules.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** The TypeScript SDK's sources. */
export const NODEJS_SDK_DIR = path.resolve(__dirname, "..", "..", "..", "sdk", "nodejs");

/** Compiles the SDK into `outDir` (type errors fail with tsc's own messages) and copies its package.json there. */
export function buildNodejsSdk(outDir: string): void {
  const tsc = require.resolve("typescript/bin/tsc");
  try {
    execFileSync(process.execPath, [tsc, "-p", NODEJS_SDK_DIR, "--outDir", outDir], { encoding: "utf8" });
  } catch (error) {
    throw new Error(`tsc -p sdk/nodejs failed:\n${(error as { stdout?: string }).stdout ?? String(error)}`);
  }
  fs.copyFileSync(path.join(NODEJS_SDK_DIR, "package.json"), path.join(outDir, "package.json"));
}
