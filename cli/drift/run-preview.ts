/**
 * Gets the preview document: runs `pulumi preview --refresh --run-program --json` on the stack (`--run-program`
 * so the program's current config and credentials are used by the refresh), or reads a saved document.
 *
 * The preview runs with `PULUMI_SKIP_CHECKPOINTS=true` unless the caller set that variable: the refresh of a preview
 * is persisted, and the engine rewrites its whole snapshot after each refreshed resource, which was half of a
 * 1000-tracker drift check's time (bench/FINDINGS.md). Writing it once at the end loses nothing a drift check needs:
 * if the run dies, the next one reads everything again.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import type { PreviewDocument } from "./preview-drift";

/** Where the preview comes from. */
export interface PreviewSource {
  /** Run pulumi on this stack (default: the selected stack). */
  stack?: string;
  /** Run pulumi in this project folder (default: the current folder). */
  cwd?: string;
  /** Read a saved `pulumi preview --json` document from this file instead; `-` is stdin. */
  from?: string;
  /** The pulumi binary (default `pulumi` on PATH). */
  pulumi?: string;
  /** Its environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

/** The preview's environment: `env`, with checkpoints skipped unless `env` says otherwise (see module docs). */
export function previewEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, PULUMI_SKIP_CHECKPOINTS: env.PULUMI_SKIP_CHECKPOINTS ?? "true" };
}

/** Parses a preview document, or throws saying what was expected. */
export function parsePreview(text: string, where: string): PreviewDocument {
  try {
    const doc = JSON.parse(text) as PreviewDocument;
    if (typeof doc === "object" && doc !== null && !Array.isArray(doc)) return doc;
  } catch {
    // Reported below.
  }
  const start = text.trim().slice(0, 200);
  throw new Error(
    `${where} is not the JSON of \`pulumi preview --json\`${start ? `; it starts with: ${start}` : " (empty)"}`,
  );
}

/** Runs the preview and returns its document; a preview that failed still returns one, with its diagnostics. */
function runPulumi(source: PreviewSource): Promise<PreviewDocument> {
  const args = ["preview", "--refresh", "--run-program", "--json", "--non-interactive"];
  if (source.stack) args.push("--stack", source.stack);
  return new Promise((resolve, reject) => {
    const child = spawn(source.pulumi ?? "pulumi", args, {
      cwd: source.cwd,
      env: previewEnv(source.env ?? process.env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", (e) => reject(new Error(`could not run pulumi: ${e.message}; is the Pulumi CLI on PATH?`)));
    child.on("close", (code) => {
      try {
        resolve(parsePreview(stdout, `the output of \`pulumi ${args.join(" ")}\``));
      } catch {
        reject(new Error(`\`pulumi ${args.join(" ")}\` exited ${code}:\n${(stderr || stdout).trim()}`));
      }
    });
  });
}

/** The preview document from `source`. */
export async function loadPreview(source: PreviewSource): Promise<PreviewDocument> {
  if (source.from === undefined) return runPulumi(source);
  const text = source.from === "-" ? fs.readFileSync(0, "utf8") : fs.readFileSync(source.from, "utf8");
  return parsePreview(text, source.from === "-" ? "stdin" : source.from);
}
