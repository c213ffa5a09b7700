/**
 * What the processes of one `pulumi` command used, by role: the engine (the `pulumi` process itself), the dynamic
 * provider process (node running `@pulumi/pulumi/cmd/dynamic-provider`, or `cmd/run-plugin` for the hapn plugin) and the program process (the language
 * host's node running `@pulumi/pulumi/cmd/run`). Samples /proc every `intervalMs` for descendants of one root pid
 * only (other jobs on the machine are never counted) and keeps, per process, its high-water mark of resident memory
 * (VmHWM) and its CPU time so far. CPU time says which process a slower run spent its time in without a profiler;
 * the few milliseconds a process uses after its last sample are not counted.
 */
import * as fs from "node:fs";

/** The roles whose memory is measured; the CLI and the language host are not. */
export type Role = "provider" | "program";

/** Peak RSS in MiB per role: the largest of all processes of that role (an `up` has two of each). */
export type Peaks = Record<Role, number>;

/** CPU seconds (user + system) per role, summed over the role's processes; `engine` is the `pulumi` process. */
export type CpuSeconds = Record<Role | "engine", number>;

/** What {@link watchProcesses} measured. */
export interface ProcessUsage {
  peaks: Peaks;
  cpu: CpuSeconds;
}

// Linux reports CPU times in clock ticks of USER_HZ, which is 100 on every architecture Node supports.
const TICKS_PER_SECOND = 100;

/** The role of a process by its command line (its arguments joined by spaces), or undefined for others. */
export function roleOf(cmdline: string): Role | undefined {
  // The hapn plugin (variant P) is the Node.js language host's `cmd/run-plugin`, whose path `cmd/run` also matches.
  if (cmdline.includes("dynamic-provider") || cmdline.includes("run-plugin")) return "provider";
  if (/@pulumi[/\\]pulumi[/\\]cmd[/\\]run\b/.test(cmdline)) return "program";
  return undefined;
}

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined; // the process exited meanwhile
  }
}

/** The fields of /proc/<pid>/stat after the command name, which may hold spaces and parentheses (field 3 is [0]). */
function statFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/** Parent pid of every live process. */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    const ppid = stat ? Number(statFields(stat)[1]) : NaN;
    if (Number.isFinite(ppid)) map.set(Number(entry), ppid);
  }
  return map;
}

function descendants(root: number, parentOf: Map<number, number>): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parentOf) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    for (const child of children.get(pid) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

/** CPU seconds a process has used so far (utime + stime, fields 14 and 15), or undefined once it is gone. */
export function cpuSecondsOf(pid: number): number | undefined {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  const fields = statFields(stat);
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Samples the process tree under `root` (the engine) until `stop()`, which returns what each role used. */
export function watchProcesses(root: number, intervalMs = 100): { stop: () => ProcessUsage } {
  // Only a found role is remembered: a process seen before it execs (a shell shim) is looked at again.
  const roles = new Map<number, Role | "engine">([[root, "engine"]]);
  const cpuByPid = new Map<number, number>();
  const peaks: Peaks = { provider: 0, program: 0 };
  const sample = () => {
    for (const pid of [root, ...descendants(root, parents())]) {
      const role = roles.get(pid) ?? roleOf((read(`/proc/${pid}/cmdline`) ?? "").replace(/\0/g, " "));
      if (!role) continue;
      roles.set(pid, role);
      const cpu = cpuSecondsOf(pid);
      if (cpu !== undefined) cpuByPid.set(pid, cpu);
      if (role === "engine") continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(read(`/proc/${pid}/status`) ?? "");
      if (hwm) peaks[role] = Math.max(peaks[role], Number(hwm[1]) / 1024);
    }
  };
  const timer = setInterval(sample, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      const cpu: CpuSeconds = { engine: 0, provider: 0, program: 0 };
      for (const [pid, seconds] of cpuByPid) cpu[roles.get(pid)!] += seconds;
      return { peaks: { ...peaks }, cpu };
    },
  };
}
