/**
 * Emulator options: the programmatic option type with its defaults and checks, and the `hapn-emulator` command
 * line (flag table, parsing with errors naming the flag, and the --help text generated from the same table).
 */
import { parseArgs } from "node:util";
import { DEFAULT_DIALECT, parsePageParams, ROUTES, type ApiDialect, type RouteName } from "../provider/api-model";
import type { FaultOptions } from "./fault-options";
import type { Logger } from "./log";
import { atField, intIn, listOf, nonEmptyString, settings, type Rule } from "./validate";

/** Client id the emulator accepts unless told otherwise. */
export const DEFAULT_CLIENT_ID = "hapn-emulator-client";
/** Client secret the emulator accepts unless told otherwise (not a secret: it is documented). */
export const DEFAULT_CLIENT_SECRET = "hapn-emulator-secret";

/**
 * One more account the emulator serves beside the primary one (the top-level `clientId`, `clientSecret`,
 * `devices`, `seed`, `stateFile`): its own client, fleet, boundaries, tokens and counters.
 */
export interface AccountOptions {
  /** The account's client id; unique among the accounts. */
  clientId: string;
  /** The account's client secret. */
  clientSecret: string;
  /** Size of its seeded fleet (ignored when its state file exists). Default: the primary account's. */
  devices?: number;
  /** Seed of its fleet. Default: the primary seed plus the account's position (1, 2, …), so fleets differ. */
  seed?: number;
  /** Its own state file (never the primary one's). Default: in memory. */
  stateFile?: string;
  /**
   * Its limits and faults, as the top-level `faults` (its own rate-limit bucket, quota count and one-shots: each
   * account is its own API client, with its own usage plan). Default: the same settings as the primary account.
   */
  faults?: FaultOptions;
}

/** Options of {@link startEmulator} (every field optional). */
export interface EmulatorOptions {
  /** TCP port; 0 picks a free one. Default 8787. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** Size of the seeded fleet (ignored when the state file exists). Default 25. */
  devices?: number;
  /** Seed of the fleet and of the error-rate fault. Default 1. */
  seed?: number;
  /** Lifetime of issued tokens in seconds (`expires_in`). Default 3600. */
  tokenTtlSeconds?: number;
  /** Accepted client id. Default {@link DEFAULT_CLIENT_ID}. */
  clientId?: string;
  /** Accepted client secret. Default {@link DEFAULT_CLIENT_SECRET}. */
  clientSecret?: string;
  /** Account state file: loaded at start if it exists, written atomically after every change. */
  stateFile?: string;
  /** More accounts served beside the primary one, each with its own credentials, fleet and counters. */
  accounts?: AccountOptions[];
  /** Delay before every answer in ms (shorthand for `faults.latencyMs`). */
  latencyMs?: number;
  /** Status for a missing, unknown or expired token: 401 (default) or 403. */
  unauthorizedStatus?: 401 | 403;
  /** Method of the two update routes: PATCH (our guess, default) or PUT; the other method is then no route. */
  updateMethod?: "PATCH" | "PUT";
  /**
   * Answer to an unknown route: 404 `{"message":"Not Found"}` (an AWS HTTP API; default) or 403
   * `{"message":"Missing Authentication Token"}` (an AWS REST API gateway).
   */
  unknownRouteStatus?: 404 | 403;
  /** Query parameter names of the page size and next-page token. Default `limit` and `nextToken`. */
  pageParams?: { limit: string; nextToken: string };
  /** `result` (default): lists in the envelope, paginated; `none`: the body is the bare array of every item. */
  listEnvelope?: "result" | "none";
  /** Initial limits and faults. */
  faults?: FaultOptions;
  /** Log one line per request to stdout. Default false (the CLI logs unless --quiet). */
  log?: boolean;
  /** Receives log lines instead of stdout (implies logging). */
  logger?: Logger;
}

/** Options with defaults applied and checked. */
export interface ResolvedEmulatorOptions {
  port: number;
  host: string;
  devices: number;
  seed: number;
  tokenTtlSeconds: number;
  clientId: string;
  clientSecret: string;
  stateFile?: string;
  /** Every account served, the primary one (the fields above) first, with fleet sizes and seeds resolved. */
  accounts: ResolvedAccount[];
  unauthorizedStatus: 401 | 403;
  unknownRouteStatus: 404 | 403;
  /** The API this emulator plays: our guesses unless a variant option says otherwise. */
  dialect: ApiDialect;
  faults: FaultOptions;
  log: boolean;
  logger?: Logger;
}

/** An account with its fleet size and seed decided. */
export type ResolvedAccount = Required<Omit<AccountOptions, "stateFile">> & Pick<AccountOptions, "stateFile">;

/** Fault settings are checked where they are parsed (the fault engine); here only their shape. */
const anObject: Rule = (value) =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? undefined : "must be an object";

type IntOption = "port" | "devices" | "seed" | "tokenTtlSeconds" | "latencyMs";

/** Accepted range of each integer option. */
const INT_RANGES: Record<IntOption, [number, number]> = {
  port: [0, 65535],
  devices: [1, 100_000],
  seed: [0, 0xffffffff],
  tokenTtlSeconds: [1, 86_400],
  latencyMs: [0, 600_000],
};

/** Thrown for a bad option or flag; the message names it. The CLI exits with status 2. */
export class UsageError extends Error {}

/** The rule of each checked option, in the order they are checked. */
const OPTION_RULES: Partial<Record<keyof EmulatorOptions, Rule>> = {
  port: intIn(...INT_RANGES.port),
  devices: intIn(...INT_RANGES.devices),
  seed: intIn(...INT_RANGES.seed),
  tokenTtlSeconds: intIn(...INT_RANGES.tokenTtlSeconds),
  latencyMs: intIn(...INT_RANGES.latencyMs),
  host: nonEmptyString,
  clientId: nonEmptyString,
  clientSecret: nonEmptyString,
  stateFile: nonEmptyString,
  unauthorizedStatus: (value) => (value === 401 || value === 403 ? undefined : "must be 401 or 403"),
  updateMethod: (value) => (value === "PATCH" || value === "PUT" ? undefined : 'must be "PATCH" or "PUT"'),
  unknownRouteStatus: (value) => (value === 404 || value === 403 ? undefined : "must be 404 or 403"),
  pageParams: (value) => {
    const { limit, nextToken } = (value ?? {}) as { limit?: unknown; nextToken?: unknown };
    const parsed = parsePageParams(`${String(limit)},${String(nextToken)}`);
    return parsed.ok ? undefined : `must be {limit, nextToken} names: ${parsed.problem}`;
  },
  listEnvelope: (value) => (value === "result" || value === "none" ? undefined : 'must be "result" or "none"'),
  accounts: listOf(
    settings(
      {
        clientId: nonEmptyString,
        clientSecret: nonEmptyString,
        devices: intIn(...INT_RANGES.devices),
        seed: intIn(...INT_RANGES.seed),
        stateFile: nonEmptyString,
        faults: anObject,
      },
      ["clientId", "clientSecret"],
    ),
    "{clientId, clientSecret} objects",
  ),
};

/** Every account, the primary first; throws {@link UsageError} for a client id or state file used twice. */
function resolveAccounts(options: EmulatorOptions, primary: ResolvedAccount): ResolvedAccount[] {
  const accounts = [primary];
  for (const [i, extra] of (options.accounts ?? []).entries()) {
    const field = `option accounts[${i}]`;
    if (accounts.some((a) => a.clientId === extra.clientId)) {
      throw new UsageError(`${field}.clientId "${extra.clientId}" is already an account's: client ids must differ`);
    }
    if (extra.stateFile !== undefined && accounts.some((a) => a.stateFile === extra.stateFile)) {
      throw new UsageError(`${field}.stateFile is already an account's: give every account its own file`);
    }
    accounts.push({
      clientId: extra.clientId,
      clientSecret: extra.clientSecret,
      devices: extra.devices ?? primary.devices,
      seed: extra.seed ?? (primary.seed + i + 1) % 0x100000000,
      faults: extra.faults ?? primary.faults,
      ...(extra.stateFile !== undefined && { stateFile: extra.stateFile }),
    });
  }
  return accounts;
}

/** The dialect the variant options describe. */
function variantDialect(options: EmulatorOptions): ApiDialect {
  const routes: ApiDialect["routes"] = {};
  if (options.updateMethod === "PUT") {
    for (const name of ["updateDevice", "updateBoundary"] as RouteName[]) {
      routes[name] = { method: "PUT", path: ROUTES[name].path };
    }
  }
  return {
    ...DEFAULT_DIALECT,
    routes,
    pageParams: options.pageParams ?? DEFAULT_DIALECT.pageParams,
    listEnvelope: options.listEnvelope ?? DEFAULT_DIALECT.listEnvelope,
  };
}

/** Applies defaults and checks every option; throws {@link UsageError} naming the option. */
export function resolveEmulatorOptions(options: EmulatorOptions = {}): ResolvedEmulatorOptions {
  const resolved: ResolvedEmulatorOptions = {
    port: options.port ?? 8787,
    host: options.host ?? "127.0.0.1",
    devices: options.devices ?? 25,
    seed: options.seed ?? 1,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    clientId: options.clientId ?? DEFAULT_CLIENT_ID,
    clientSecret: options.clientSecret ?? DEFAULT_CLIENT_SECRET,
    stateFile: options.stateFile,
    accounts: [],
    unauthorizedStatus: options.unauthorizedStatus ?? 401,
    unknownRouteStatus: options.unknownRouteStatus ?? 404,
    dialect: variantDialect(options),
    faults: { ...options.faults, ...(options.latencyMs !== undefined && { latencyMs: options.latencyMs }) },
    log: options.log ?? options.logger !== undefined,
    logger: options.logger,
  };
  for (const [option, rule] of Object.entries(OPTION_RULES)) {
    const value = options[option as keyof EmulatorOptions];
    const problem = value === undefined ? undefined : rule(value);
    if (problem) throw new UsageError(atField(`option ${option}`, problem));
  }
  const { clientId, clientSecret, devices, seed, stateFile, faults } = resolved;
  resolved.accounts = resolveAccounts(options, { clientId, clientSecret, devices, seed, stateFile, faults });
  return resolved;
}

/** What the command line asks for: help, or a run with these options. */
export type CliRequest = { help: true } | { help: false; options: EmulatorOptions };

/** Command-line values being collected before they become options. */
interface CliValues {
  options: EmulatorOptions;
  faults: FaultOptions;
  rate?: number;
  burst?: number;
  retryAfter?: number;
}

/** One flag: name, value placeholder (none for a switch), help line, and how it sets the values. */
interface FlagSpec {
  name: string;
  meta?: string;
  help: string;
  /** The flag may be given several times; `apply` runs once per value, in order. */
  multiple?: boolean;
  apply(values: CliValues, raw: string): void;
}

/** A number from a flag, or a {@link UsageError} naming the flag. */
function flagNumber(flag: string, raw: string, min: number, max: number, integer: boolean): number {
  const n = /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!(n >= min && n <= max) || (integer && !Number.isInteger(n))) {
    const kind = integer ? "an integer" : "a number";
    throw new UsageError(`--${flag} must be ${kind} from ${min} to ${max} (got "${raw}")`);
  }
  return n;
}

/**
 * The account of one `--account ID:SECRET[:N]`: the id ends at the first colon; a last part of digits after a
 * further colon is the fleet size (so a secret ending in `:digits` needs an explicit `:N` after it).
 */
export function parseAccountFlag(raw: string): AccountOptions {
  const colon = raw.indexOf(":");
  const [clientId, rest] = colon < 0 ? [raw, ""] : [raw.slice(0, colon), raw.slice(colon + 1)];
  const sized = /^(.*):(\d+)$/.exec(rest);
  const clientSecret = sized ? sized[1] : rest;
  if (clientId === "" || clientSecret === "") {
    // The value is not echoed: it holds a secret.
    throw new UsageError("--account must be ID:SECRET or ID:SECRET:N, with a non-empty id and secret");
  }
  if (!sized) return { clientId, clientSecret };
  return { clientId, clientSecret, devices: flagNumber("account", sized[2], ...INT_RANGES.devices, true) };
}

/** A flag setting an integer option, with the option's range. */
const intFlag = (name: string, meta: string, key: IntOption, help: string): FlagSpec => ({
  name,
  meta,
  help,
  apply: (v, raw) => (v.options[key] = flagNumber(name, raw, ...INT_RANGES[key], true)),
});

/** A flag setting a non-empty string option. */
const stringFlag = (
  name: string,
  meta: string,
  key: "host" | "clientId" | "clientSecret" | "stateFile",
  help: string,
) => ({
  name,
  meta,
  help,
  apply: (v: CliValues, raw: string) => {
    if (raw === "") throw new UsageError(`--${name} must not be empty`);
    v.options[key] = raw;
  },
});

/** Every flag of `hapn-emulator`; the help text is generated from this table. */
export const FLAGS: FlagSpec[] = [
  intFlag("port", "PORT", "port", "TCP port to listen on; 0 picks a free port. Default 8787."),
  stringFlag("host", "HOST", "host", "Interface to listen on. Default 127.0.0.1."),
  intFlag("devices", "N", "devices", "Number of devices in the seeded fleet (1-100000). Default 25."),
  intFlag("seed", "N", "seed", "Seed of the fleet and of --error-rate draws. Default 1."),
  intFlag("token-ttl", "SECONDS", "tokenTtlSeconds", "Lifetime of issued tokens (expires_in). Default 3600."),
  stringFlag("client-id", "ID", "clientId", `Accepted client id. Default ${DEFAULT_CLIENT_ID}.`),
  stringFlag("client-secret", "SECRET", "clientSecret", `Accepted client secret. Default ${DEFAULT_CLIENT_SECRET}.`),
  stringFlag("state", "FILE", "stateFile", "Load the account from FILE if it exists; save it after every change."),
  {
    name: "account",
    meta: "ID:SECRET[:N]",
    multiple: true,
    help: "One more account (repeatable): its client id, secret and fleet size (default --devices).",
    apply: (v, raw) => (v.options.accounts ??= []).push(parseAccountFlag(raw)),
  },
  intFlag("latency", "MS", "latencyMs", "Delay every answer by MS milliseconds. Default 0."),
  {
    name: "unauthorized-status",
    meta: "401|403",
    help: "Status for a missing, unknown or expired token. Default 401.",
    apply: (v, raw) => {
      if (raw !== "401" && raw !== "403")
        throw new UsageError(`--unauthorized-status must be 401 or 403 (got "${raw}")`);
      v.options.unauthorizedStatus = Number(raw) as 401 | 403;
    },
  },
  {
    name: "update-method",
    meta: "PATCH|PUT",
    help: "Method of the device and boundary update routes (variant; the other method is no route). Default PATCH.",
    apply: (v, raw) => {
      if (raw !== "PATCH" && raw !== "PUT") throw new UsageError(`--update-method must be PATCH or PUT (got "${raw}")`);
      v.options.updateMethod = raw;
    },
  },
  {
    name: "unknown-route",
    meta: "404|403",
    help: 'Unknown routes: 404 Not Found (HTTP API) or 403 "Missing Authentication Token" (REST API). Default 404.',
    apply: (v, raw) => {
      if (raw !== "404" && raw !== "403") throw new UsageError(`--unknown-route must be 404 or 403 (got "${raw}")`);
      v.options.unknownRouteStatus = Number(raw) as 404 | 403;
    },
  },
  {
    name: "page-params",
    meta: "LIMIT,NEXT",
    help: "Query parameter names of page size and next-page token (variant). Default limit,nextToken.",
    apply: (v, raw) => {
      const parsed = parsePageParams(raw);
      if (!parsed.ok) throw new UsageError(`--page-params: ${parsed.problem}`);
      v.options.pageParams = parsed.value;
    },
  },
  {
    name: "list-envelope",
    meta: "result|none",
    help: "none: lists answer a bare JSON array of every item, unpaginated (variant). Default result.",
    apply: (v, raw) => {
      if (raw !== "result" && raw !== "none") {
        throw new UsageError(`--list-envelope must be result or none (got "${raw}")`);
      }
      v.options.listEnvelope = raw;
    },
  },
  {
    name: "rate-limit",
    meta: "RPS",
    help: "Token-bucket rate limit in requests per second (429 TooManyRequests). Default off.",
    apply: (v, raw) => (v.rate = flagNumber("rate-limit", raw, 0.001, 1_000_000, false)),
  },
  {
    name: "burst",
    meta: "N",
    help: "Bucket size for --rate-limit. Default: the rate rounded up.",
    apply: (v, raw) => (v.burst = flagNumber("burst", raw, 1, 1_000_000, true)),
  },
  {
    name: "retry-after",
    meta: "SECONDS",
    help: "Send Retry-After on rate-limit 429s (the real gateway sends none). Default off.",
    apply: (v, raw) => (v.retryAfter = flagNumber("retry-after", raw, 0, 86_400, true)),
  },
  {
    name: "quota",
    meta: "N",
    help: "Account quota: total API requests allowed before 429 LimitExceeded. Default off.",
    apply: (v, raw) => (v.faults.quota = { limit: flagNumber("quota", raw, 0, Number.MAX_SAFE_INTEGER, true) }),
  },
  {
    name: "error-rate",
    meta: "P",
    help: "Probability (0-1) that an API request fails with 500 (seeded by --seed). Default 0.",
    apply: (v, raw) => (v.faults.errorRate = flagNumber("error-rate", raw, 0, 1, false)),
  },
  {
    name: "lost-answer-rate",
    meta: "P",
    help: "Probability (0-1) that a write is applied and its answer lost (connection reset). Default 0.",
    apply: (v, raw) => (v.faults.lostAnswerRate = flagNumber("lost-answer-rate", raw, 0, 1, false)),
  },
  {
    name: "down",
    meta: "reset|503",
    help: "The whole server is down, token endpoint included: reset every connection, or answer 503 to everything.",
    apply: (v, raw) => {
      if (raw !== "reset" && raw !== "503") throw new UsageError(`--down must be reset or 503 (got "${raw}")`);
      v.faults.down = raw;
    },
  },
  {
    name: "faults-on-token",
    help: "Also apply latency, rate limit, quota and error rate to the token endpoint.",
    apply: (v) => (v.faults.includeTokenEndpoint = true),
  },
  {
    name: "quiet",
    help: "Do not log requests (the startup banner is still printed).",
    apply: (v) => (v.options.log = false),
  },
  { name: "help", help: "Show this help and exit.", apply: () => undefined },
];

/** The --help text: usage and every flag. */
export function helpText(): string {
  const rows = FLAGS.map((f) => [`--${f.name}${f.meta ? ` ${f.meta}` : ""}`, f.help]);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return [
    "Usage: hapn-emulator [flags]",
    "",
    "A local emulator of the Hapn GPS API (token endpoint, /v1 devices and boundaries, /_admin).",
    "",
    "Flags:",
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`),
    "",
    "Docs: docs/emulator.md in the pulumi-hapn package.",
  ].join("\n");
}

/** Parses command-line arguments (without `node` and the script); throws {@link UsageError} naming the flag. */
export function parseCliArgs(argv: string[]): CliRequest {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: Object.fromEntries(
        FLAGS.map((f) => [f.name, { type: f.meta ? "string" : "boolean", multiple: f.multiple ?? false }] as const),
      ),
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (parsed.values.help) return { help: true };
  const values: CliValues = { options: { log: true }, faults: {} };
  for (const flag of FLAGS) {
    const raw = parsed.values[flag.name];
    for (const one of Array.isArray(raw) ? raw : [raw]) {
      if (one !== undefined && one !== false) flag.apply(values, String(one));
    }
  }
  if (values.rate === undefined && (values.burst !== undefined || values.retryAfter !== undefined)) {
    throw new UsageError("--burst and --retry-after need --rate-limit");
  }
  if (values.rate !== undefined) {
    values.faults.rateLimit = {
      ratePerSecond: values.rate,
      burst: values.burst ?? Math.max(1, Math.ceil(values.rate)),
      ...(values.retryAfter !== undefined && { retryAfterSeconds: values.retryAfter }),
    };
  }
  return { help: false, options: { ...values.options, faults: values.faults } };
}
