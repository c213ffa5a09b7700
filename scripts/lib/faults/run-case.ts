/**
 * Runs one case of the fault matrix: a fresh emulator with N trackers, a fresh stack of the example fleet project
 * (or of its variant on the `hapn` plugin), `pulumi up` under the case's faults (with a SIGKILL and the user's recovery when the case has one), then the
 * checks: convergence (or, for the quota case, a fast and clear failure) and the request counts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../../emulator";
import type { Device } from "../../../provider/api-model/wire-types";
import { removeEmptyStateSidecars } from "../empty-state-sidecars";
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
import { fleetEntries, writeDevicesConfig, type FleetEntry } from "./fleet-project";
import { killMidRun } from "./kill-mid-run";
import { type AfterKill, processNames, watchOrphans } from "./orphans";

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
  /** "engine" kill: device writes that reached the emulator after the kill, and the processes left running. */
  afterKill?: AfterKill;
  /** Dead-API cases: how long the failing `up` took, in seconds. */
  downSeconds?: number;
  /** The longest a stalled token request was held before the client gave up, in ms. */
  tokenStallMs?: number;
  /** Dead-API cases: requests of the failing `up` alone (the bound's subject; the recovery comes after). */
  faultedRequests?: number;
}

/** Where and how a case runs. */
export interface CaseContext {
  sandbox: PulumiSandbox;
  /** The example fleet project (./fleet-project.ts), for the cases on the dynamic provider. */
  projectDir: string;
  /** Its plugin variant (./plugin-fleet-project.ts), for the cases with `program: "plugin"`. */
  pluginProjectDir?: string;
  n: number;
  /** Extra environment for every command (e.g. PULUMI_NODEJS_TRANSPILE_ONLY). */
  env?: Record<string, string>;
}

const QUOTA_MESSAGE = /API quota is used up/;
const OUTAGE_MESSAGE = /the Hapn API at \S+ is down\..*run the\s+command again/s;
/** Writes arriving within this many ms of the kill left before it (they are counted as before the kill). */
const KILL_GRACE_MS = 50;
/** The longest a dead-API `up` may take, in seconds (issue 20: "within 2 minutes"). */
const DOWN_MAX_SECONDS = 120;

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

/** The project folder of the case's program. */
function projectOf(c: FaultCase, ctx: CaseContext): string {
  if (c.program !== "plugin") return ctx.projectDir;
  if (ctx.pluginProjectDir === undefined) {
    throw new Error(
      `case ${c.id} runs the plugin variant of the fleet: give pluginProjectDir (createPluginFleetProject)`,
    );
  }
  return ctx.pluginProjectDir;
}

async function runAgainst(emu: RunningEmulator, c: FaultCase, ctx: CaseContext): Promise<CaseResult> {
  const projectDir = projectOf(c, ctx);
  const env = {
    ...ctx.env,
    // The plugin needs no shim: the engine runs its executable itself (./plugin-fleet-project.ts).
    ...(c.kill === "engine" && c.program !== "plugin" ? upstreamShimEnv(ctx) : {}),
    HAPN_CLIENT_ID: emu.clientId,
    HAPN_CLIENT_SECRET: emu.clientSecret,
    HAPN_API_URL: emu.apiUrl,
    HAPN_AUTH_URL: emu.authUrl,
  };
  const devices = emu.admin.listDevices();
  const originals = new Map<string, Device>(devices.map((d) => [d.imei, d]));
  const stack = await ProjectStack.init(ctx.sandbox, projectDir, `faults-${c.id}`);
  const commands: string[] = [];
  const problems: string[] = [];
  const run = async (args: string[]): Promise<CommandResult> => {
    const r = await stack.run(args, env);
    commands.push(`${args[0]} ${r.code}`);
    return r;
  };
  const configure = async (entries: FleetEntry[]) => {
    await stack.setConfig({ devices: "[]", randomTag: "false" });
    writeDevicesConfig(projectDir, stack.name, entries);
  };
  const exported = async (): Promise<ExportedState> => parseExport(await stack.exportText());

  let entries = fleetEntries(devices, 1);
  await configure(entries);
  if (c.kill === "update" || c.kill === "engine" || c.update) {
    const first = await stack.run(["up", "--yes", "--skip-preview"], env);
    if (first.code !== 0) problems.push(`the fault-free first up failed:\n${first.stdout}${first.stderr}`);
    entries = fleetEntries(devices, 2);
    await configure(entries);
  }

  const before = c.expect === "down" ? await exported() : undefined;
  emu.admin.resetCounters();
  const started = Date.now();
  emu.admin.setFaults(c.expect === "quota" ? { quota: { limit: Math.floor(ctx.n / 2) } } : c.faults);
  const schedule = startSchedule(emu.admin, c.schedule);
  let stranded: number | undefined;
  let quota: CaseResult["quota"];
  let afterKill: CaseResult["afterKill"];
  let downSeconds: number | undefined;
  let faultedRequests: number | undefined;
  let injected: Record<string, number> = {};
  try {
    if (c.kill) {
      // Kill once a quarter of the devices were written, at the moment the last of them is applied and before its
      // answer leaves: that write is in the account and cannot be in state, whatever the machine's speed.
      const killAt = Math.max(3, Math.floor(ctx.n / 4));
      let applied = 0;
      let unhook = () => {};
      const writesArrived = () => emu.admin.counters().arrivals.updateDevice ?? 0;
      let arrivedAtKill = 0;
      let namesAtKill: string[] = [];
      // More engine steps than client slots (8), as on a 4-core machine (Pulumi runs 4 per core): some updates are
      // always waiting for a slot, so an orphaned provider still has writes to send after the kill.
      const parallel = c.kill === "engine" ? ["--parallel", "32"] : [];
      const args = ["up", "--yes", "--skip-preview", ...parallel, "--stack", stack.name];
      const killed = await killMidRun(ctx.sandbox, args, {
        cwd: projectDir,
        env,
        arm: (kill) => {
          unhook = emu.admin.onHandled((target, status) => {
            if (target === "updateDevice" && status === 200 && ++applied === killAt) kill();
          });
        },
        only: c.kill === "engine" ? "cli" : "tree",
        onKill: (tree) => {
          namesAtKill = processNames(tree.slice(1)); // the CLI's children, still there
          // Read a moment after the kill: a write that left before it may still be in the socket or the event loop.
          setTimeout(() => (arrivedAtKill = writesArrived()), KILL_GRACE_MS);
        },
      });
      unhook();
      commands.push(killed.killed ? `up SIGKILL${c.kill === "engine" ? " (CLI only)" : ""}` : `up ${killed.code}`);
      if (!killed.killed) problems.push("the run ended before the kill; raise N or the latency");
      if (c.kill === "engine" && killed.killed) {
        afterKill = await watchOrphans(killed.tree, namesAtKill, () => writesArrived() - arrivedAtKill);
        if (afterKill.writes > 0) problems.push(`${afterKill.writes} device writes reached the API after the kill`);
      }
      // The first step of the documented recovery: a kill while the CLI rewrote a state sidecar leaves it empty.
      const emptied = removeEmptyStateSidecars(ctx.sandbox.stateDir).length;
      if (emptied > 0) commands.push(`removed ${emptied} empty state sidecar${emptied === 1 ? "" : "s"}`);
      const atKill = await exported();
      stranded =
        c.kill === "adoption"
          ? strandedAdoptions(emu.admin, atKill, entries)
          : staleUpdates(emu.admin, atKill, entries);
      // The recovery a user does after a killed run (docs/reliability.md).
      await run(["cancel", "--yes"]);
      await run(["refresh", "--clear-pending-creates", "--yes"]);
    }
    const upStarted = Date.now();
    const up = await run(["up", "--yes", "--skip-preview"]);
    if (c.expect === "quota") {
      quota = await checkQuota(emu, up, run, problems);
    } else if (c.expect === "down") {
      downSeconds = (Date.now() - upStarted) / 1000;
      faultedRequests = requestsSoFar(emu);
      problems.push(...checkDown(up, downSeconds, before!, await exported()));
      emu.admin.setFaults({}); // the API is back: the user runs the command again
      const again = await run(["up", "--yes", "--skip-preview"]);
      if (again.code !== 0) problems.push(`up after the API came back exited ${again.code}`);
    } else if (up.code !== 0) {
      problems.push(`pulumi up exited ${up.code}:\n${(up.stdout + up.stderr).slice(-3000)}`);
    }
  } finally {
    injected = schedule.stop();
  }
  const seconds = (Date.now() - started) / 1000;
  const counters = emu.admin.counters();
  const apiRequests = counters.apiRequests;
  const tokenRequests = counters.tokenRequests;
  const tokenStallMs = counters.longestStallMs.token;
  const counted = outcomes(emu);
  emu.admin.setFaults({});
  if (c.maxTokenStallMs !== undefined) {
    if (tokenStallMs === undefined) problems.push("no token request was stalled");
    else if (tokenStallMs > c.maxTokenStallMs) {
      problems.push(`a stalled token request was held ${tokenStallMs} ms, more than ${c.maxTokenStallMs} ms`);
    }
  }

  const state = await exported();
  if (c.expect === "quota") problems.push(...stateVersusAccount(emu.admin, state));
  else problems.push(...convergenceProblems(emu.admin, state, entries, originals).slice(0, 20));
  const maxRequests = Math.round(c.maxRequests(ctx.n, seconds));
  const bounded = faultedRequests ?? apiRequests + tokenRequests; // dead API: the failing up, not the recovery
  if (bounded > maxRequests) problems.push(`${bounded} requests, more than the bound of ${maxRequests}`);
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
    afterKill,
    downSeconds,
    tokenStallMs,
    faultedRequests,
  };
}

/**
 * The environment that runs the dynamic provider through `@pulumi/pulumi`'s own `pulumi-resource-pulumi-nodejs`
 * (the script Pulumi's CLI distribution ships too): it runs `node` without `exec`, so the provider is the CLI's
 * grandchild. The CLI has its plugins killed when it dies (the toolchain's shim `exec`s, so there the provider
 * goes too), but a grandchild outlives it: the case users meet.
 */
function upstreamShimEnv(ctx: CaseContext): Record<string, string | undefined> {
  const dir = path.join(ctx.sandbox.dir, "upstream-shim");
  const shim = path.join(dir, "pulumi-resource-pulumi-nodejs");
  if (!fs.existsSync(shim)) {
    fs.mkdirSync(dir, { recursive: true });
    const upstream = require.resolve("@pulumi/pulumi/pulumi-resource-pulumi-nodejs", { paths: [ctx.projectDir] });
    fs.symlinkSync(upstream, shim);
  }
  // PATH is where the CLI looks before its own folder, unless told to ignore it (the sandbox does, by default).
  return { PATH: `${dir}${path.delimiter}${process.env.PATH ?? ""}`, PULUMI_IGNORE_AMBIENT_PLUGINS: undefined };
}

/** The dead-API checks: a fast failure with the one message, and state as it was before. */
function checkDown(up: CommandResult, seconds: number, before: ExportedState, after: ExportedState): string[] {
  const problems: string[] = [];
  const text = up.stdout + up.stderr;
  if (up.code === 0) problems.push("pulumi up succeeded against a dead API");
  if (!OUTAGE_MESSAGE.test(text)) problems.push(`pulumi up did not give the outage message:\n${text.slice(-2000)}`);
  if (seconds > DOWN_MAX_SECONDS) problems.push(`pulumi up took ${seconds.toFixed(0)} s, over ${DOWN_MAX_SECONDS} s`);
  const outputs = (s: ExportedState) =>
    JSON.stringify(s.resources.map((r) => [r.id, r.outputs]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
  if (outputs(after) !== outputs(before)) problems.push("the failed up changed the Devices in state");
  problems.push(...after.pendingOperations.map((p) => `pending ${p.type} left in state: ${p.urn}`));
  return problems;
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
