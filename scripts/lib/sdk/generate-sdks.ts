/**
 * Generates the hapn package's SDKs from its schema, offline: Node.js and Go with the real CLI's
 * `pulumi package gen-sdk` (its language plugins beside the CLI, as scripts/toolchain.sh builds them), Python with
 * our build of the same code generator (./python-generator.ts). Each SDK goes to `<out>/<language>`, replacing
 * what was there.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ensurePythonGenerator } from "./python-generator";
import { PLUGIN_SCHEMA_FILE, writeSchemaForSdks } from "./schema-for-sdks";

/** The SDK languages, each a folder of sdk/. */
export const SDK_LANGUAGES = ["nodejs", "go", "python"] as const;

/** One SDK language. */
export type SdkLanguage = (typeof SDK_LANGUAGES)[number];

/** How to generate. */
export interface GenerateOptions {
  /** The package schema (default: plugin/schema.json). */
  schemaFile?: string;
  /** Environment of the `pulumi` runs (default: this process's); the update check is always off. */
  env?: NodeJS.ProcessEnv;
}

/** Runs one generator quietly; a failure is thrown with everything the tool printed, in its own words. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  try {
    execFileSync(command, args, { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed:\n${stdout}${stderr}`);
  }
}

/** Writes the SDK of each language to `<out>/<language>` (see module docs). */
export function generateSdks(out: string, options: GenerateOptions = {}): void {
  const env = { ...(options.env ?? process.env), PULUMI_SKIP_UPDATE_CHECK: "true" };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-sdk-schema-"));
  try {
    const schema = path.join(work, "schema.json");
    writeSchemaForSdks(options.schemaFile ?? PLUGIN_SCHEMA_FILE, schema);
    for (const language of ["nodejs", "go"] satisfies SdkLanguage[]) {
      run("pulumi", ["package", "gen-sdk", schema, "--language", language, "--out", out], env);
    }
    run(ensurePythonGenerator(), [schema, path.join(out, "python")], env);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
