/**
 * Injects one-shot faults into a running emulator on a timer (a reset every 400 ms, say), so they spread over a
 * whole `pulumi up` instead of hitting its first requests only, and counts how many were actually consumed. A fault
 * is queued only while none of its kind is waiting, so idle moments (the program starting) do not pile up a burst
 * that would then hit consecutive requests.
 */
import type { EmulatorAdmin } from "../../../emulator";
import type { ScheduledFault } from "./cases";

/** A running schedule. */
export interface FaultSchedule {
  /** Stops injecting and drops the faults not consumed yet; returns how many were consumed, by kind. */
  stop(): Record<string, number>;
}

/** Starts pushing `schedule`'s faults onto the emulator's one-shot queue. */
export function startSchedule(admin: EmulatorAdmin, schedule: ScheduledFault[] = []): FaultSchedule {
  const pushed: Record<string, number> = {};
  const label = (s: ScheduledFault) => (s.fault.body ? `${s.fault.kind}-${s.fault.body}` : s.fault.kind);
  const timers = schedule.map((s) =>
    setInterval(() => {
      const waiting = admin.getFaults().next;
      if (waiting.some((f) => label({ everyMs: 0, fault: f }) === label(s))) return;
      admin.updateFaults({ next: [...waiting, s.fault] });
      pushed[label(s)] = (pushed[label(s)] ?? 0) + 1;
    }, s.everyMs),
  );
  return {
    stop() {
      for (const t of timers) clearInterval(t);
      const left = admin.getFaults().next;
      admin.updateFaults({ next: [] });
      const consumed = { ...pushed };
      for (const f of left) {
        const key = label({ everyMs: 0, fault: f });
        consumed[key] = (consumed[key] ?? 0) - (f.count ?? 1);
      }
      return consumed;
    },
  };
}
