/**
 * `hapn-probe`: checks the guesses of docs/api-guesses.md against an account, with the provider's credentials and
 * settings, and prints what matches, what differs and the override that adapts the provider. Exit codes: 0 nothing
 * differs, 2 something differs, 1 it could not run.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { parseCommandArgs } from "../command-args";
import { isValidImei } from "../../provider/api-model";
import { requireUsableSettings, resolveSettings, type ConfigSource } from "../../provider/config";
import { ABSENT_BOUNDARY_ID, ABSENT_IMEI, CHECKS, READ_ONLY_MAX_REQUESTS, type CheckResult } from "./checks";
import { ProbeHttp, ProbeStop } from "./http";
import { hasDifferences, jsonReport, mergeSuggestions, textReport, type ProbeReport } from "./report";
import { WRITE_MAX_REQUESTS, writeCheck } from "./write-check";

/** The exit codes. */
export const EXIT = { matches: 0, error: 1, differs: 2 } as const;

const USAGE = `Usage: hapn-probe [--stack NAME] [--cwd DIR] [--json FILE|-] [--write-imei IMEI]

Checks what the Hapn API answers against what pulumi-hapn assumes (docs/api-guesses.md), with the provider's
credentials and settings: the hapn:* config of --stack (read with \`pulumi config --show-secrets\`), else the
HAPN_* environment. Prints a table of assumption, answer, verdict (matches / differs / could not tell) and the
setting that adapts the provider, then the overrides to set.

Read-only: GETs, plus a PATCH/PUT with the body {} and a DELETE, each naming an IMEI or boundary id no account
has (${ABSENT_IMEI}, ${ABSENT_BOUNDARY_ID}), which change nothing. At most ${READ_ONLY_MAX_REQUESTS} requests, the token request included.
--write-imei IMEI  also relabel that tracker, read it back, restore its labels and verify them
                   (at most ${WRITE_MAX_REQUESTS} more requests; the labels are restored even when a step fails).
--json FILE        also write the report as JSON to FILE, to attach to a bug report (-: JSON alone on
                   stdout, the table on stderr).

Exit codes: 0 nothing differs, 2 something differs, 1 the probe could not run.
`;

/** Where the command writes; injectable for tests. */
export interface ProbeIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

/** A stack's `hapn:*` config, secrets decrypted, as the provider would see it. */
function stackConfig(stack: string, cwd: string | undefined, env: NodeJS.ProcessEnv): ConfigSource {
  const text = execFileSync("pulumi", ["config", "--json", "--show-secrets", "--stack", stack], {
    cwd,
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const values = JSON.parse(text) as Record<string, { value?: string }>;
  return { get: (key) => values[key]?.value };
}

/** Runs the command with `argv` (without `node` and the script) and returns its exit code. */
export async function hapnProbe(argv: string[], io: ProbeIo): Promise<number> {
  const args = parseCommandArgs(
    "hapn-probe",
    USAGE,
    argv,
    {
      stack: { type: "string", short: "s" },
      cwd: { type: "string", short: "C" },
      json: { type: "string" },
      "write-imei": { type: "string" },
    },
    io,
  );
  if ("exit" in args) return args.exit;
  const { values } = args;
  const writeImei = values["write-imei"];
  if (writeImei !== undefined && !isValidImei(writeImei)) {
    io.err(`hapn-probe: --write-imei must be a 15-digit IMEI with a valid check digit (got "${writeImei}")\n`);
    return EXIT.error;
  }
  let secret = "";
  try {
    const config = values.stack ? stackConfig(values.stack, values.cwd, io.env) : undefined;
    const settings = requireUsableSettings(resolveSettings(config, io.env));
    secret = settings.clientSecret;
    const maxRequests = READ_ONLY_MAX_REQUESTS + (writeImei ? WRITE_MAX_REQUESTS : 0);
    const http = new ProbeHttp(settings, maxRequests);
    await http.authenticate();
    const ctx = { http, dialect: settings.dialect, facts: {} };
    const results: CheckResult[] = [];
    for (const check of CHECKS) results.push(await check.run(ctx));
    if (writeImei) results.push(await writeCheck(http, settings.dialect, writeImei));
    const report: ProbeReport = {
      apiUrl: settings.apiUrl,
      authUrl: settings.authUrl,
      results,
      suggested: mergeSuggestions(results, settings.dialect),
      requests: http.sent,
      maxRequests,
    };
    // With `--json -` stdout carries the JSON alone, and the table goes to stderr.
    (values.json === "-" ? io.err : io.out)(redact(textReport(report), secret));
    if (values.json === "-") io.out(redact(jsonReport(report), secret));
    else if (values.json) fs.writeFileSync(values.json, redact(jsonReport(report), secret));
    return hasDifferences(report) ? EXIT.differs : EXIT.matches;
  } catch (error) {
    const message = error instanceof ProbeStop ? error.message : (error as Error).message;
    io.err(redact(`hapn-probe: could not run: ${message}\n`, secret));
    return EXIT.error;
  }
}

/** Removes the secret from text, a last guard: no message is built with it. */
function redact(text: string, secret: string): string {
  return secret.length >= 4 ? text.split(secret).join("[secret]") : text;
}
