/**
 * A node_modules for an on-disk Pulumi TypeScript project that runs on the `hapn` plugin through the generated SDK:
 * links to this repository's packages, plus `@pulumi/hapn` compiled from sdk/nodejs into the project. The bench's
 * variant P and the fault matrix's plugin cases use it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { linkModulesWithOpenFolder } from "../linked-modules";
import { buildNodejsSdk, NODEJS_SDK_DIR } from "./nodejs-package";

/**
 * Gives `dir` a node_modules of links to the repository's, whose `@pulumi` scope also holds `hapn`: the SDK compiled
 * into `dir/.sdk` (its own `@pulumi/pulumi` then resolves through `dir/node_modules`, the program's instance). The
 * scope is a folder of the project's own, so nothing is added to the repository's.
 */
export function linkModulesWithSdk(dir: string): void {
  const scope = linkModulesWithOpenFolder(dir, "@pulumi");
  const sdk = path.join(dir, ".sdk");
  buildNodejsSdk(sdk);
  fs.symlinkSync(sdk, path.join(scope, "hapn"), "dir");
}

/**
 * The SDK's version, for the program's package.json: the Node.js language host names the plugins a program needs
 * from its dependencies.
 */
export function nodejsSdkVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(NODEJS_SDK_DIR, "package.json"), "utf8")) as { version: string })
    .version;
}
