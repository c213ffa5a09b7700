/**
 * Runs one case of the fault matrix: a fresh emulator with N trackers, a fresh stack of the example fleet project,
 * `pulumi up` under the case's faults (with a SIGKILL and the user's recovery when the case has one), then the
 * checks: convergence (or, for the quota case, a fast and clear failure) and the request counts.
 */
import { startEmulator, type RunningEmulator } from "../../../emulator";
import type { Device } from "../../../provider/api-model/wire-types";
import { ProjectStack } from "../project-stack";
import type { CommandResult, PulumiSandbox } from "../pulumi-sandbox";
import type { FaultCase } from "./cases";
import {
  convergenceProblems,
  parseExport,
  staleUpdates,
  stateVersusAccount,
  strandedAdoptions,
  type ExportedState,
} from "./convergence";
import { startSchedule } from "./fault-schedule";
import { fleetEntries, type FleetEntry } from "./fleet-project";
import { killMidRun } from "./kill-mid-run";

/** What one case did and whether it held. */
export interface CaseResult {
  id: string;
  title: string;
  n: number;
  ok: boolean;
  /** Every assertion that failed, as a sentence. */
  problems: string[];
  /** Wall time of the faulted phase (kill and recovery included). */
  seconds: number;
  /** The commands of the faulted phase with their exit codes, e.g. `up 0`. */
  commands: string[];
  apiRequests: number;
  tokenRequests: number;
  maxRequests: number;
  /** Answers by kind: "429", "5xx", "lost", "reset", "stall". */
  outcomes: Record<string, number>;
  /** Scheduled one-shot faults the emulator actually served, by kind. */
  injected: Record<string, number>;
  /** Kill cases: trackers written but not recorded in state at the kill. */
  stranded?: number;
  /** Quota case: requests after the first quota answer, and by the refresh that follows. */
  quota?: { afterFirst: number; refreshRequests: number };
}

/** Where and how a case runs. */
export interface CaseContext {
  sandbox: PulumiSandbox;
  projectDir: string;
  n: number;
  /** Extra environment for every command (e.g. PULUMI_NODEJS_TRANSPILE_ONLY). */
  env?: Record<string, string>;
}

const QUOTA_MESSAGE = /API quota is used up/;

/** Sums the counters' outcomes over every route and the token endpoint, grouping 5xx. */
function outcomes(emu: RunningEmulator): Record<string, number> {
  const c = emu.admin.counters();
  const sums: Record<string, number> = {};
  for (const byStatus of [...Object.values(c.byRoute), c.tokenRequestsByStatus]) {
    for (const [outcome, count] of Object.entries(byStatus ?? {})) {
      const key = /^5\d\d$/.test(outcome) ? "5xx" : outcome;
      if (key !== "200") sums[key] = (sums[key] ?? 0) + count;
    }
  }
  return sums;
}

const requestsSoFar = (emu: RunningEmulator) => emu.admin.counters().apiRequests + emu.admin.counters().tokenRequests;

/** Runs one case (see module docs). Never throws for a failed assertion: it lands in `problems`. */
export async function runCase(c: FaultCase, ctx: CaseContext): Promise<CaseResult> {
  const emu = await startEmulator({
    port: 0,
    devices: ctx.n,
    seed: 7,
    tokenTtlSeconds: c.tokenTtlSeconds,
    unauthorizedStatus: c.unauthorizedStatus,
  });
  try {
    return await runAgainst(emu, c, ctx);
  } finally {
    await emu.stop();
  }
}

async function runAgainst(emu: RunningEmulator, c: FaultCase, ctx: CaseContext): Promise<CaseResult> {
  const env = {
    ...ctx.env,
    HAPN_CLIENT_ID: emu.clientId,
    HAPN_CLIENT_SECRET: emu.clientSecret,
    HAPN_API_URL: emu.apiUrl,
    HAPN_AUTH_URL: emu.authUrl,
  };
  const devices = emu.admin.listDevices();
  const originals = new Map<string, Device>(devices.map((d) => [d.imei, d]));
  const stack = await ProjectStack.init(ctx.sandbox, ctx.projectDir, `faults-${c.id}`);
  const commands: string[] = [];
  const problems: string[] = [];
  const run = async (args: string[]): Promise<CommandResult> => {
    const r = await stack.run(args, env);
    commands.push(`${args[0]} ${r.code}`);
    return r;
  };
  const configure = (entries: FleetEntry[]) =>
    stack.setConfig({ devices: JSON.stringify(entries), randomTag: "false" });
  const exported = async (): Promise<ExportedState> => parseExport(await stack.exportText());

  let entries = fleetEntries(devices, 1);
  await configure(entries);
  if (c.kill === "update") {
    const first = await stack.run(["up", "--yes", "--skip-preview"], env);
    if (first.code !== 0) problems.push(`the fault-free first up failed:\n${first.stdout}${first.stderr}`);
    entries = fleetEntries(devices, 2);
    await configure(entries);
  }

  emu.admin.resetCounters();
  const started = Date.now();
  emu.admin.setFaults(c.expect === "quota" ? { quota: { limit: Math.floor(ctx.n / 2) } } : c.faults);
  const schedule = startSchedule(emu.admin, c.schedule);
  let stranded: number | undefined;
  let quota: CaseResult["quota"];
  let injected: Record<string, number> = {};
  try {
    if (c.kill) {
      // Kill once a quarter of the devices were written, with some answers lost or slowed in flight.
      const patches = () => Object.values(emu.admin.counters().byRoute.updateDevice ?? {}).reduce((a, b) => a + b, 0);
      const killed = await killMidRun(ctx.sandbox, ["up", "--yes", "--skip-preview", "--stack", stack.name], {
        cwd: ctx.projectDir,
        env,
        killWhen: () => patches() >= Math.max(3, Math.floor(ctx.n / 4)),
      });
      commands.push(killed.killed ? "up SIGKILL" : `up ${killed.code} (ended before the kill)`);
      if (!killed.killed) problems.push("the run ended before the kill; raise N or the latency");
      const atKill = await exported();
      stranded =
        c.kill === "adoption"
          ? strandedAdoptions(emu.admin, atKill, entries)
          : staleUpdates(emu.admin, atKill, entries);
      // The recovery a user does after a killed run (docs/reliability.md).
      await run(["cancel", "--yes"]);
      await run(["refresh", "--clear-pending-creates", "--yes"]);
    }
    const up = await run(["up", "--yes", "--skip-preview"]);
    if (c.expect === "quota") {
      quota = await checkQuota(emu, up, run, problems);
    } else if (up.code !== 0) {
      problems.push(`pulumi up exited ${up.code}:\n${(up.stdout + up.stderr).slice(-3000)}`);
    }
  } finally {
    injected = schedule.stop();
  }
  const seconds = (Date.now() - started) / 1000;
  const apiRequests = emu.admin.counters().apiRequests;
  const tokenRequests = emu.admin.counters().tokenRequests;
  const counted = outcomes(emu);
  emu.admin.setFaults({});

  const state = await exported();
  if (c.expect === "quota") problems.push(...stateVersusAccount(emu.admin, state));
  else problems.push(...convergenceProblems(emu.admin, state, entries, originals).slice(0, 20));
  const maxRequests = Math.round(c.maxRequests(ctx.n, seconds));
  if (apiRequests + tokenRequests > maxRequests) {
    problems.push(`${apiRequests + tokenRequests} requests, more than the bound of ${maxRequests}`);
  }
  if (c.kill && !(stranded! > 0))
    problems.push("the kill left nothing to recover (no written device missing from state)");
  await stack.run(["stack", "rm", "--yes", "--force"]);
  return {
    id: c.id,
    title: c.title,
    n: ctx.n,
    ok: problems.length === 0,
    problems,
    seconds,
    commands,
    apiRequests,
    tokenRequests,
    maxRequests,
    outcomes: counted,
    injected,
    stranded,
    quota,
  };
}

/** The quota case's checks: the failure is the quota one, fast, and a refresh after it stops at once too. */
async function checkQuota(
  emu: RunningEmulator,
  up: CommandResult,
  run: (args: string[]) => Promise<CommandResult>,
  problems: string[],
): Promise<CaseResult["quota"]> {
  const text = up.stdout + up.stderr;
  if (up.code === 0) problems.push("pulumi up succeeded although the quota ran out");
  if (!QUOTA_MESSAGE.test(text)) problems.push(`pulumi up did not give the quota message:\n${text.slice(-2000)}`);
  const afterFirst = (outcomes(emu)["429"] ?? 0) - 1;
  if (afterFirst < 0) problems.push("the quota was never reached");
  if (afterFirst > 8) problems.push(`${afterFirst} requests after the first quota answer (at most 8 allowed)`);
  const before = requestsSoFar(emu);
  const refresh = await run(["refresh", "--yes"]);
  const refreshRequests = requestsSoFar(emu) - before;
  if (refresh.code === 0) problems.push("pulumi refresh succeeded with no quota left");
  if (!QUOTA_MESSAGE.test(refresh.stdout + refresh.stderr))
    problems.push("pulumi refresh did not give the quota message");
  if (refreshRequests > 8) problems.push(`the refresh with no quota left made ${refreshRequests} requests (at most 8)`);
  return { afterFirst, refreshRequests };
}
