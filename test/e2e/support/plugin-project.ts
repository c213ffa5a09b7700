/**
 * A Pulumi TypeScript project on disk that uses the `hapn` provider plugin as a user of the package would: the
 * generated TypeScript SDK compiled and installed as `@pulumi/hapn`, and the plugin loaded from this checkout's
 * plugin/ folder (`plugins.providers` of its Pulumi.yaml), with a stack on the emulator's account.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type EmulatorAccount } from "../../../emulator";
import { ProjectStack } from "../../../scripts/lib/project-stack";
import type { PulumiSandbox } from "../../../scripts/lib/pulumi-sandbox";
import { buildNodejsSdk } from "../../../scripts/lib/sdk/nodejs-package";
import { emulatorSettings } from "../../support/emulator";
import { linkPackage } from "./disk-project";

/** The plugin folder of this checkout (its package.json's `main` runs dist/). */
export const PLUGIN_DIR = path.resolve(__dirname, "../../../plugin");

/** Compiles the TypeScript SDK into the project in `dir` and makes it resolvable there as `@pulumi/hapn`. */
export function installSdk(dir: string): void {
  const sdk = path.join(dir, ".sdk");
  buildNodejsSdk(sdk);
  linkPackage(dir, "@pulumi/hapn", sdk);
}

/** Makes the project in `dir` load the `hapn` plugin from this checkout: an entry in its Pulumi.yaml. */
export function loadPlugin(dir: string): void {
  fs.appendFileSync(
    path.join(dir, "Pulumi.yaml"),
    `plugins:\n  providers:\n    - name: hapn\n      path: ${PLUGIN_DIR}\n`,
  );
}

/** A new stack of the project in `dir` with the account's `hapn:*` config, the client secret as a secret. */
export async function accountStack(
  sandbox: PulumiSandbox,
  dir: string,
  name: string,
  account: EmulatorAccount,
): Promise<ProjectStack> {
  const stack = await ProjectStack.init(sandbox, dir, name);
  const { "hapn:clientSecret": secret, ...plain } = emulatorSettings(account);
  await stack.setConfig(plain, { "hapn:clientSecret": secret });
  return stack;
}
