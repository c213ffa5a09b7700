/**
 * Peak resident memory of the processes a `pulumi` command starts, by role: the dynamic provider process (node
 * running `@pulumi/pulumi/cmd/dynamic-provider`) and the program process (the language host's node running
 * `@pulumi/pulumi/cmd/run`). Samples /proc every `intervalMs` for descendants of one root pid only (other jobs on
 * the machine are never counted) and keeps each process's high-water mark (VmHWM), so a sample taken at any time
 * before a process exits sees its peak so far.
 */
import * as fs from "node:fs";

/** The roles measured; other processes (the CLI, the language host) are not. */
export type Role = "provider" | "program";

/** Peak RSS in MiB per role: the largest of all processes of that role (an `up` has two of each). */
export type Peaks = Record<Role, number>;

function roleOf(cmdline: string): Role | undefined {
  if (cmdline.includes("dynamic-provider")) return "provider";
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

/** Parent pid of every live process. */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    // The command name (field 2) may hold spaces and parentheses; ppid is the 2nd field after its last ')'.
    const ppid = stat ? Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) : NaN;
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

/** Samples the process tree under `root` until `stop()`, which returns the peaks. */
export function watchPeaks(root: number, intervalMs = 100): { stop: () => Peaks } {
  // Only a found role is remembered: a process seen before it execs (a shell shim) is looked at again.
  const roles = new Map<number, Role>();
  const peaks: Peaks = { provider: 0, program: 0 };
  const sample = () => {
    for (const pid of descendants(root, parents())) {
      const role = roles.get(pid) ?? roleOf((read(`/proc/${pid}/cmdline`) ?? "").replace(/\0/g, " "));
      if (!role) continue;
      roles.set(pid, role);
      const hwm = /VmHWM:\s+(\d+) kB/.exec(read(`/proc/${pid}/status`) ?? "");
      if (hwm) peaks[role] = Math.max(peaks[role], Number(hwm[1]) / 1024);
    }
  };
  const timer = setInterval(sample, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      return { ...peaks };
    },
  };
}
