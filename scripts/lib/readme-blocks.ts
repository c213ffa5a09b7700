/**
 * The README's recipes, read out of README.md itself, so the demo and the tests run exactly what users copy.
 * A recipe is the fenced code block right after a `<!-- recipe: NAME -->` comment.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The recipe names the README carries, each run by a test or the demo (test/readme.test.ts checks both ways). */
export const README_RECIPES = {
  /** The CI drift check. */
  driftCheck: "drift-check",
  /** The same with the state written once, for large fleets. */
  driftCheckLarge: "drift-check-large",
  /** Installing the package into a project from a packed tarball. */
  install: "install",
  /** The quick start's program (a TypeScript file). */
  quickStartProgram: "quick-start-program",
  /** The quick start's commands. */
  quickStart: "quick-start",
  /** Rotating the client secret. */
  rotateSecret: "rotate-secret",
  /** A Boundary program (a TypeScript file). */
  boundaryProgram: "boundary-program",
  /** A program using every lookup (a TypeScript file). */
  lookupsProgram: "lookups-program",
  /** A YAML program on the plugin (a Pulumi.yaml). */
  yamlProgram: "yaml-program",
  /** A Go program on the generated Go SDK (a main.go). */
  goProgram: "go-program",
  /** The Go module of that program: the SDK required from the checkout. */
  goModule: "go-module",
  /** Packing the hapn plugin into its tarball and installing it with `pulumi plugin install --file`. */
  pluginInstall: "plugin-install",
  /** Packing the generated TypeScript SDK from a checkout and installing it into a project with `npm install`. */
  sdkInstall: "sdk-install",
  /** A TypeScript program on the generated SDK with two explicit providers, one per account. */
  twoAccountsProgram: "two-accounts-program",
  /** The quick start's program moved from the dynamic Device to the plugin's (an alias to the old type). */
  moveToPluginProgram: "move-to-plugin-program",
  /** Exporting an account with hapn-export. */
  export: "export",
  /** A pulumi import file from hapn-export, imported into a stack on the plugin. */
  importFile: "import-file",
  /** The recovery after a SIGKILLed `pulumi up` (file backend included). */
  recoverKilledRun: "recover-killed-run",
  /** The drift report for CI. */
  driftReport: "drift-report",
  /** Running examples/fleet from a checkout. */
  exampleFromCheckout: "example-from-checkout",
  /** Building the tarball from a checkout. */
  pack: "pack",
  /** Renaming a Device with `aliases` (a TypeScript file). */
  renameProgram: "rename-program",
  /** Reading a Device's facts out of `pulumi stack export` with jq. */
  factsFromState: "facts-from-state",
  /** Probing the account with hapn-probe. */
  probe: "probe",
  /** Setting the overrides the probe suggests, and probing again through the stack. */
  probeOverrides: "probe-overrides",
  /** The first `pulumi up` and a clean drift check after probing. */
  probeFirstUp: "probe-first-up",
} as const;

const README = path.resolve(__dirname, "../../README.md");

/** Every recipe in `markdown` by name. */
export function readmeBlocks(markdown: string): Record<string, string> {
  const blocks: Record<string, string> = {};
  const pattern = /<!--\s*recipe:\s*([\w-]+)\s*-->\s*\n```[^\n]*\n([\s\S]*?)\n```/g;
  for (const m of markdown.matchAll(pattern)) {
    if (blocks[m[1]] !== undefined) throw new Error(`README.md has two recipes named "${m[1]}"`);
    blocks[m[1]] = `${m[2]}\n`;
  }
  return blocks;
}

/** One recipe of README.md; throws when it is missing, so a renamed recipe cannot silently go untested. */
export function readmeBlock(name: string, markdown = fs.readFileSync(README, "utf8")): string {
  const block = readmeBlocks(markdown)[name];
  if (block === undefined) throw new Error(`README.md has no recipe "${name}" (a <!-- recipe: ${name} --> block)`);
  return block;
}
