/**
 * `hapn-export`: reads a Hapn account and writes a ready-to-run Pulumi project that adopts it (generate.ts).
 * Credentials come from flags or the `HAPN_*` environment variables; the client secret only from
 * `HAPN_CLIENT_SECRET`, so it never lands in shell history, and it is never written to the project.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { HapnClient, isHapnError } from "../../provider/client";
import { DEFAULT_API_URL, DEFAULT_AUTH_URL } from "../../provider/api-model/routes";
import { resolveSettings } from "../../provider/config";
import { count } from "../count";
import { generateProject } from "./generate";
import { importFileText } from "./import-file";
import { pulumiHapnSpec } from "./package-spec";
import { readAccount, type ResourceKind } from "./read-account";

const KINDS: readonly ResourceKind[] = ["devices", "boundaries"];

const USAGE = `Usage: hapn-export --out DIR | --import-file FILE [--resources devices,boundaries] [--project NAME]
                   [--api-url URL] [--auth-url URL] [--client-id ID] [--allow-insecure-http]
                   [--pulumi-hapn TARBALL|RANGE] [--fleet]

Reads the Hapn account and writes a Pulumi project to DIR (which must not exist, or be empty) that adopts every
device and boundary as they are: its first \`pulumi up\` changes nothing in Hapn.

Credentials: --client-id or HAPN_CLIENT_ID, and HAPN_CLIENT_SECRET (never a flag). Endpoints: --api-url /
HAPN_API_URL and --auth-url / HAPN_AUTH_URL (default: the live service); --allow-insecure-http (or
HAPN_ALLOW_INSECURE_HTTP=true) allows http:// to hosts other than loopback. --pulumi-hapn: what the project's
package.json depends on (default: what the project you run this in depends on, e.g. its tarball).
--fleet: declare the devices as one DeviceFleet (IMEI → labels) instead of one Device each: for accounts of
thousands of trackers, whose \`up\` and drift check one resource per tracker makes slow.
--import-file FILE: also (or, without --out, only) write a \`pulumi import --file\` document of the same devices and
boundaries, typed for the hapn provider plugin (hapn:index:Device, hapn:index:Boundary), named as --out names them.
`;

/** Where the command writes; injectable for tests. */
export interface ExportIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** The folder the command runs in (default: the process's). */
  cwd?: string;
}

/** A problem with the user's input, reported without a stack trace. */
class UsageError extends Error {}

/** Where a setting came from, as the user would name it: the flag, the variable, or the default. */
function sourceOf(flag: string, variable: string, values: Record<string, unknown>, env: NodeJS.ProcessEnv): string {
  if (values[flag] !== undefined) return `--${flag}`;
  return env[variable] !== undefined ? variable : `the default (set --${flag} or ${variable})`;
}

/**
 * The client's message for a URL the server does not serve names the stack config key (`Check hapn:apiUrl (or
 * HAPN_API_URL).`), which is right for a Pulumi program; here the URL came from a flag or a variable: name that.
 */
function nameUrlSource(error: unknown, sources: { apiUrl: string; authUrl: string }): string {
  const message = (error as Error).message;
  if (!isHapnError(error, "HAPN_ROUTE_NOT_FOUND")) return message;
  return message.replace(
    /Check hapn:(apiUrl|authUrl) \(or HAPN_(?:API|AUTH)_URL\)\./,
    (_, key: "apiUrl" | "authUrl") => `Check ${sources[key]}.`,
  );
}

/** The resource kinds of `--resources`, or a UsageError naming the allowed ones. */
function parseKinds(value: string | undefined): ResourceKind[] {
  if (value === undefined) return [...KINDS];
  const kinds = value.split(",").map((k) => k.trim());
  const unknown = kinds.filter((k) => !(KINDS as readonly string[]).includes(k));
  if (unknown.length > 0 || kinds.length === 0) {
    throw new UsageError(`--resources takes a comma-separated list of ${KINDS.join(", ")}; got "${value}"`);
  }
  return kinds as ResourceKind[];
}

/** Throws when `dir` exists and is not an empty folder: the export never mixes with or overwrites files. */
function checkOutputFolder(dir: string): void {
  if (!fs.existsSync(dir)) return;
  if (!fs.statSync(dir).isDirectory() || fs.readdirSync(dir).length > 0) {
    throw new UsageError(
      `the output folder ${dir} already exists and is not empty; choose another --out, or remove it first`,
    );
  }
}

/** Writes `files` (path → text) into the folder `out`; on a failure nothing half-written stays behind. */
function writeFolder(out: string, files: Record<string, string>): void {
  const created = !fs.existsSync(out);
  try {
    fs.mkdirSync(out, { recursive: true });
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(out, name), text);
  } catch (error) {
    if (created) fs.rmSync(out, { recursive: true, force: true });
    throw error;
  }
}

/** Runs the command with `argv` (without `node` and the script) and returns its exit code (0 ok, 1 error). */
export async function hapnExport(argv: string[], io: ExportIo): Promise<number> {
  let sources = { apiUrl: "--api-url", authUrl: "--auth-url" };
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        out: { type: "string", short: "o" },
        resources: { type: "string" },
        project: { type: "string" },
        "api-url": { type: "string" },
        "auth-url": { type: "string" },
        "client-id": { type: "string" },
        "allow-insecure-http": { type: "boolean" },
        "pulumi-hapn": { type: "string" },
        fleet: { type: "boolean" },
        "import-file": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    if (!values.out && !values["import-file"]) {
      throw new UsageError(
        "--out DIR (the folder to write the project to) or --import-file FILE (a pulumi import file) is required",
      );
    }
    const cwd = io.cwd ?? process.cwd();
    const out = values.out === undefined ? undefined : path.resolve(cwd, values.out);
    const importFile = values["import-file"] === undefined ? undefined : path.resolve(cwd, values["import-file"]);
    const kinds = parseKinds(values.resources);
    if (out) checkOutputFolder(out);
    if (importFile && fs.existsSync(importFile)) {
      throw new UsageError(`the import file ${importFile} already exists; choose another --import-file, or remove it`);
    }
    const clientId = values["client-id"] ?? io.env.HAPN_CLIENT_ID;
    const clientSecret = io.env.HAPN_CLIENT_SECRET;
    if (!clientId || !clientSecret) {
      const missing = [
        !clientId && "the client id (--client-id or HAPN_CLIENT_ID)",
        !clientSecret && "HAPN_CLIENT_SECRET",
      ];
      throw new UsageError(`Hapn credentials are missing: set ${missing.filter(Boolean).join(" and ")}`);
    }
    const apiUrl = values["api-url"] ?? io.env.HAPN_API_URL ?? DEFAULT_API_URL;
    const authUrl = values["auth-url"] ?? io.env.HAPN_AUTH_URL ?? DEFAULT_AUTH_URL;
    sources = {
      apiUrl: sourceOf("api-url", "HAPN_API_URL", values, io.env),
      authUrl: sourceOf("auth-url", "HAPN_AUTH_URL", values, io.env),
    };
    const allowInsecureHttp = values["allow-insecure-http"] ?? io.env.HAPN_ALLOW_INSECURE_HTTP === "true";
    // The HAPN_* overrides of guessed API behaviour (routes, pagination, list envelope) apply here too.
    const { dialect, invalid } = resolveSettings(undefined, io.env);
    if (invalid.length > 0) throw new UsageError(invalid.join("\n"));
    const client = new HapnClient({ clientId, clientSecret, apiUrl, authUrl, allowInsecureHttp, dialect });
    io.err(`hapn-export: reading ${kinds.join(" and ")} from ${client.apiUrl}\n`);
    const account = await readAccount(client, kinds, (line) => io.err(`hapn-export: ${line}\n`));
    if (importFile) {
      fs.writeFileSync(importFile, importFileText(account));
      io.out(
        `Wrote ${importFile}: ${count(account.devices.length, "device")} and ` +
          `${count(account.boundaries.length, "boundary", "boundaries")} to import into a stack on the hapn plugin ` +
          `(pulumi import --file ${values["import-file"]}).\n`,
      );
    }
    if (!out) return 0;
    const project = values.project ?? (path.basename(out).replace(/[^\w.-]/g, "-") || "hapn-fleet");
    const pulumiHapn = pulumiHapnSpec(values["pulumi-hapn"], cwd, out);
    io.err(`hapn-export: ${pulumiHapn.note}\n`);
    const files = generateProject(account, {
      project,
      apiUrl: client.apiUrl,
      authUrl: client.authUrl,
      clientId,
      allowInsecureHttp,
      pulumiHapn: pulumiHapn.spec,
      fleet: values.fleet ?? false,
    });
    writeFolder(out, files);
    io.out(
      `Wrote ${out}: ${count(account.devices.length, "device")}${values.fleet ? " (one DeviceFleet)" : ""} and ` +
        `${count(account.boundaries.length, "boundary", "boundaries")}.\n` +
        `Next: cd ${values.out} and follow its README.md (npm install, stack, config, pulumi up).\n`,
    );
    return 0;
  } catch (error) {
    const message = nameUrlSource(error, sources);
    io.err(
      `hapn-export: ${message}\n${error instanceof UsageError || /Unknown option/.test(message) ? `\n${USAGE}` : ""}`,
    );
    return 1;
  }
}
