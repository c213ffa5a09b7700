/**
 * Injects one-shot faults into a running emulator on a timer (one stalled token request 5 s in, say), so they land
 * in the middle of a `pulumi up` instead of on its first requests, and counts how many were actually consumed. An
 * entry's fault is queued only while none of that entry's faults (its rotation included) is waiting, so idle moments
 * (the program starting) do not pile up a burst that would then hit consecutive requests.
 */
import type { EmulatorAdmin } from "../../../emulator";
import type { OneShotFault } from "../../../emulator/fault-options";
import type { ScheduledFault } from "./cases";

/** A running schedule. */
export interface FaultSchedule {
  /** Stops injecting and drops the faults not consumed yet; returns how many were consumed, by kind. */
  stop(): Record<string, number>;
}

/** A fault's name in the counts: its kind, body and route ("reset@token"). */
function label(fault: OneShotFault): string {
  const kind = fault.kind === "malformed" ? `${fault.kind}-${fault.body}` : fault.kind;
  return fault.route ? `${kind}@${fault.route}` : kind;
}

/**
 * Starts pushing `schedule`'s faults onto the emulator's one-shot queue. For faults that should hit a share of
 * requests, use the emulator's `randomFaults` instead: a fault queued on a timer waits for the next request, so when
 * traffic is sparse (the end of an `up`) it hits nearly every one.
 */
export function startSchedule(admin: EmulatorAdmin, schedule: ScheduledFault[] = []): FaultSchedule {
  const pushed: Record<string, number> = {};
  const timers = schedule.map((s) => {
    const turns = [s.fault, ...(s.rotate ?? [])];
    const mine = new Set(turns.map(label));
    let queued = 0;
    return setInterval(() => {
      const waiting = admin.getFaults().next;
      if (queued >= (s.limit ?? Infinity) || waiting.some((f) => mine.has(label(f)))) return;
      const fault = turns[queued % turns.length];
      queued++;
      admin.updateFaults({ next: [...waiting, fault] });
      pushed[label(fault)] = (pushed[label(fault)] ?? 0) + 1;
    }, s.everyMs);
  });
  return {
    stop() {
      for (const t of timers) clearInterval(t);
      const left = admin.getFaults().next;
      admin.updateFaults({ next: [] });
      const consumed = { ...pushed };
      for (const f of left) consumed[label(f)] = (consumed[label(f)] ?? 0) - (f.count ?? 1);
      return consumed;
    },
  };
}
