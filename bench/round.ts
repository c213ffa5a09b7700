/**
 * One round of the bench: one variant, one fleet size, a fresh emulator (same seed, so the same fleet) and a fresh
 * stack, then each operation in order (`up` from empty, the drift check, the drift check with the state written
 * once, a no-op `up`), each timed, with the emulator's request counters and what the engine, provider and program
 * processes used (peak RSS, CPU time).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../emulator";
import type { CounterSnapshot } from "../emulator";
import { commandError, ProjectStack, type StateResource } from "../scripts/lib/project-stack";
import type { PulumiSandbox } from "../scripts/lib/pulumi-sandbox";
import { OPERATIONS, type Operation, operationEnv, type Variant } from "./options";
import { type ProcessUsage, watchProcesses } from "./process-usage";
import { VARIANTS } from "./programs";

/** The fleet's seed: every round of every variant sees the same trackers. */
export const FLEET_SEED = 9;

/** Environment of every measured command, the same for all variants. */
const COMMAND_ENV = { PULUMI_NODEJS_TRANSPILE_ONLY: "true" };

/** One measured command. */
export interface Sample {
  variant: Variant;
  size: number;
  pair: number;
  operation: Operation;
  wallMs: number;
  apiRequests: number;
  tokenRequests: number;
  /** API requests by route: listDevices, getDevice, updateDevice. */
  lists: number;
  gets: number;
  patches: number;
  /** Peak RSS in MiB and CPU seconds, by process. */
  usage: ProcessUsage;
}

/** What a round measured: its samples and the state size after `up`. */
export interface RoundResult {
  samples: Sample[];
  /**
   * Mean bytes per tracker in `pulumi stack export` (JSON, compact): one tracker resource's, or the fleet
   * resource's divided by N.
   */
  stateBytesPerResource: number;
}

function routeTotal(counters: CounterSnapshot, route: keyof CounterSnapshot["byRoute"]): number {
  return Object.values(counters.byRoute[route] ?? {}).reduce((a, b) => a + b, 0);
}

/**
 * The resources of a stack, read from the sandbox's file backend (what `pulumi stack export` prints, without
 * another CLI run per round).
 */
function storedResources(sandbox: PulumiSandbox, projectDir: string, stackName: string): StateResource[] {
  const project = /^name:\s*(\S+)/m.exec(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8"))![1];
  const file = path.join(sandbox.dir, "backend", ".pulumi", "stacks", project, `${stackName}.json`);
  const checkpoint = JSON.parse(fs.readFileSync(file, "utf8")) as {
    checkpoint: { latest?: { resources?: StateResource[] } };
  };
  return checkpoint.checkpoint.latest?.resources ?? [];
}

/**
 * Mean bytes per tracker of the variant's resources in state: one resource's for a variant with one per tracker,
 * the fleet resource's divided by the trackers it holds for one with a single resource.
 */
function stateBytesPerTracker(
  sandbox: PulumiSandbox,
  projectDir: string,
  at: { variant: Variant; size: number; stackName: string },
): number {
  const { type, oneResource } = VARIANTS[at.variant];
  const resources = storedResources(sandbox, projectDir, at.stackName).filter((r) => r.type === type);
  const expected = oneResource ? 1 : at.size;
  if (resources.length !== expected) {
    throw new Error(`${at.variant}: ${resources.length} resources of type ${type} in state, not ${expected}`);
  }
  return resources.reduce((n, r) => n + JSON.stringify(r).length, 0) / at.size;
}

/** Runs `pulumi args` in the sandbox and measures wall time and process usage; throws unless it exits 0. */
function timed(
  sandbox: PulumiSandbox,
  cwd: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ wallMs: number; usage: ProcessUsage }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn("pulumi", [...args, "--non-interactive"], {
      cwd,
      env: sandbox.commandEnv({ ...COMMAND_ENV, ...env }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const watch = watchProcesses(child.pid!);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      const usage = watch.stop();
      if (code === 0) resolve({ wallMs, usage });
      else reject(commandError(`pulumi ${args.join(" ")}`, { code: code ?? 1, stdout, stderr }));
    });
  });
}

/** Runs one round (see module docs) in `projectDir`, with a stack named `stackName`. */
export async function runRound(
  sandbox: PulumiSandbox,
  projectDir: string,
  at: { variant: Variant; size: number; pair: number; latencyMs: number; stackName: string; fastUp: boolean },
): Promise<RoundResult> {
  const emu = await startEmulator({ port: 0, devices: at.size, seed: FLEET_SEED, latencyMs: at.latencyMs });
  try {
    const stack = await ProjectStack.init(sandbox, projectDir, at.stackName);
    await stack.must([
      "config",
      "set-all",
      "--plaintext",
      `hapn:apiUrl=${emu.apiUrl}`,
      "--plaintext",
      `hapn:authUrl=${emu.authUrl}`,
      "--plaintext",
      `hapn:clientId=${emu.clientId}`,
      "--secret",
      `hapn:clientSecret=${emu.clientSecret}`,
    ]);
    const samples: Sample[] = [];
    let stateBytesPerResource = 0;
    for (const operation of Object.keys(OPERATIONS) as Operation[]) {
      emu.admin.resetCounters();
      const { wallMs, usage } = await timed(
        sandbox,
        projectDir,
        [...OPERATIONS[operation].args, "--stack", at.stackName],
        operationEnv(operation, at),
      );
      const c = emu.admin.counters();
      samples.push({
        variant: at.variant,
        size: at.size,
        pair: at.pair,
        operation,
        wallMs,
        apiRequests: c.apiRequests,
        tokenRequests: c.tokenRequests,
        lists: routeTotal(c, "listDevices"),
        gets: routeTotal(c, "getDevice"),
        patches: routeTotal(c, "updateDevice"),
        usage,
      });
      if (operation === "up") stateBytesPerResource = stateBytesPerTracker(sandbox, projectDir, at);
    }
    return { samples, stateBytesPerResource };
  } finally {
    await emu.stop();
  }
}
