/**
 * Injects one-shot faults into a running emulator on a timer (a reset every 400 ms, say), so they spread over a
 * whole `pulumi up` instead of hitting its first requests only, and counts how many were actually consumed. An
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

/** The interval of `s` for a fleet of `n` (see {@link startSchedule}). */
function stretched(s: ScheduledFault, n: number): number {
  return s.fault.route === "token" ? s.everyMs : s.everyMs * Math.max(1, SCHEDULE_N / n);
}

/** The fleet size the API-route intervals are written for; smaller fleets get them stretched by `SCHEDULE_N / n`. */
export const SCHEDULE_N = 100;

/**
 * Starts pushing `schedule`'s faults onto the emulator's one-shot queue. API requests scale with the fleet size `n`
 * and these intervals do not, so below {@link SCHEDULE_N} devices the API-route intervals are stretched to keep the
 * share of faulted requests alike (at N = 12, a truncated answer every second on the writes hit nearly every PATCH
 * attempt). Token-endpoint intervals stay: token requests follow the token lifetime, not the fleet size.
 */
export function startSchedule(admin: EmulatorAdmin, schedule: ScheduledFault[] = [], n = SCHEDULE_N): FaultSchedule {
  const pushed: Record<string, number> = {};
  const timers = schedule.map((s) => {
    const turns = [s.fault, ...(s.rotate ?? [])];
    const mine = new Set(turns.map(label));
    let queued = 0;
    return setInterval(
      () => {
        const waiting = admin.getFaults().next;
        if (queued >= (s.limit ?? Infinity) || waiting.some((f) => mine.has(label(f)))) return;
        const fault = turns[queued % turns.length];
        queued++;
        admin.updateFaults({ next: [...waiting, fault] });
        pushed[label(fault)] = (pushed[label(fault)] ?? 0) + 1;
      },
      stretched(s, n),
    );
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
