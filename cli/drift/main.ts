/**
 * `hapn-drift`: the drift report for CI. Exit codes: 0 no drift, 2 drift, 1 error (a broken stack, refused
 * credentials, bad flags); `pulumi preview --expect-no-changes` uses one code for drift and errors (pulumi#8992).
 */
import * as fs from "node:fs";
import { parseCommandArgs } from "../command-args";
import { markdownReport, textReport } from "./format";
import { driftFromPreview, previewErrors } from "./preview-drift";
import { loadPreview } from "./run-preview";

/** The exit codes. */
export const EXIT = { clean: 0, error: 1, drift: 2 } as const;

const USAGE = `Usage: hapn-drift [--stack NAME] [--cwd DIR] [--from FILE|-] [--markdown FILE] [--json FILE]

Runs \`pulumi preview --refresh --run-program --json\` on the stack (or reads that JSON from FILE, - for stdin)
and prints, per resource and field, the value in the program and the value in Hapn. Only the fields a Device or
Boundary manages count, and for a DeviceFleet each tracker's managed labels, one row per tracker and field.
Markdown goes to $GITHUB_STEP_SUMMARY when it is set, and to --markdown FILE.

Exit codes: 0 no drift, 2 drift, 1 error.
`;

/** Where the command writes; injectable for tests. */
export interface DriftIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

/** Runs the command with `argv` (without `node` and the script) and returns its exit code. */
export async function hapnDrift(argv: string[], io: DriftIo): Promise<number> {
  const args = parseCommandArgs(
    "hapn-drift",
    USAGE,
    argv,
    {
      stack: { type: "string", short: "s" },
      cwd: { type: "string", short: "C" },
      from: { type: "string" },
      markdown: { type: "string" },
      json: { type: "string" },
    },
    io,
  );
  if ("exit" in args) return args.exit;
  const { values } = args;
  try {
    const doc = await loadPreview({ stack: values.stack, cwd: values.cwd, from: values.from, env: io.env });
    const errors = previewErrors(doc);
    if (errors.length > 0 || doc.steps === undefined) {
      const why = errors.length > 0 ? errors.join("\n") : "the preview document has no steps";
      io.err(`hapn-drift: the preview failed, so drift is unknown:\n${why}\n`);
      return EXIT.error;
    }
    const drift = driftFromPreview(doc);
    io.out(textReport(drift, values.stack));
    const markdown = markdownReport(drift, values.stack);
    if (values.markdown) fs.writeFileSync(values.markdown, markdown);
    if (io.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(io.env.GITHUB_STEP_SUMMARY, markdown);
    if (values.json) {
      fs.writeFileSync(
        values.json,
        JSON.stringify({ stack: values.stack, drift: drift.length > 0, resources: drift }, null, 2) + "\n",
      );
    }
    return drift.length > 0 ? EXIT.drift : EXIT.clean;
  } catch (error) {
    io.err(`hapn-drift: ${(error as Error).message}\n`);
    return EXIT.error;
  }
}
