/**
 * SIGKILL of a running `pulumi` command, as a cancelled CI job or a lost machine does it: the CLI and every process
 * it started (language host, program, the dynamic provider) die at once, at a moment chosen by a condition on the
 * emulator (say, after some PATCHes were applied). Pulumi starts plugins in process groups of their own, so a
 * signal to the CLI's group alone would leave the provider running (and writing); the whole tree is killed, found
 * through /proc (Linux). With `only: "cli"` just the CLI is killed, as when the runner kills the process it started
 * and nothing else: its language host and provider live on as orphans, and must stop writing by themselves.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import type { PulumiSandbox } from "../pulumi-sandbox";

/** What the killed command did. */
export interface KilledRun {
  /** True if the condition held and the group was killed; false if the command ended first. */
  killed: boolean;
  /** Exit code, or 128 + 9 when killed. */
  code: number;
  output: string;
  /** Milliseconds from start to the kill (or the end). */
  elapsedMs: number;
  /** The CLI and every process below it at the kill (empty when not killed). */
  tree: number[];
}

/** How to run and when to kill. */
export interface KillOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  /** Polled every `pollMs`; the group is killed the first time it returns true. */
  killWhen?: () => boolean;
  /**
   * Given the kill function at the start, for a caller that kills from an event (an emulator hook) at an exact
   * moment rather than by polling.
   */
  arm?: (kill: () => void) => void;
  pollMs?: number;
  /** Kill anyway after this long (default 10 minutes). */
  timeoutMs?: number;
  /** "tree" (default): the CLI and every process it started; "cli": the `pulumi` process alone. */
  only?: "tree" | "cli";
  /** Called right after the kill with the processes it found (e.g. to read counters at that moment). */
  onKill?: (tree: number[]) => void;
}

/** `root` and every process below it, from the parent links in /proc. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue; // ended meanwhile
    }
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
  return tree;
}

/** Runs `pulumi <args> --non-interactive` and SIGKILLs it with every process it started when `killWhen()` holds. */
export function killMidRun(sandbox: PulumiSandbox, args: string[], opts: KillOptions): Promise<KilledRun> {
  const started = Date.now();
  const child = spawn("pulumi", [...args, "--non-interactive"], {
    cwd: opts.cwd,
    env: sandbox.commandEnv(opts.env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  let killed = false;
  let tree: number[] = [];
  const killGroup = () => {
    if (killed || child.exitCode !== null) return;
    killed = true;
    tree = processTree(child.pid!);
    killAll(opts.only === "cli" ? [child.pid!] : tree);
    opts.onKill?.(tree);
  };
  opts.arm?.(killGroup);
  const poll = setInterval(() => {
    if (opts.killWhen?.()) killGroup();
  }, opts.pollMs ?? 50);
  const deadline = setTimeout(killGroup, opts.timeoutMs ?? 600_000);
  return new Promise((resolve) => {
    // Orphans may hold the CLI's output pipes open, so with `only: "cli"` the CLI's exit ends the run, not "close".
    child.on(opts.only === "cli" ? "exit" : "close", (code) => {
      clearInterval(poll);
      clearTimeout(deadline);
      resolve({ killed, code: code ?? 137, output, elapsedMs: Date.now() - started, tree });
    });
  });
}

/** SIGKILLs each of `pids` that is still there. */
export function killAll(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** The ones of `pids` that are still running. */
export function stillRunning(pids: number[]): number[] {
  return pids.filter((pid) => {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      return stat[stat.lastIndexOf(")") + 2] !== "Z"; // a zombie has stopped already
    } catch {
      return false;
    }
  });
}
