/**
 * The trackers a fleet operation could not write, grouped by reason: a fleet of 10,000 trackers whose writes fail
 * for one cause gets one line for the cause, with the IMEIs listed up to a limit, not 10,000 lines.
 */
import { isHapnError } from "../client/errors";

/** IMEIs listed per reason; the rest are counted. */
export const MAX_IMEIS_LISTED = 10;

/** The tracker is not in the account (with `onMissing: "fail"`). */
export const NOT_IN_ACCOUNT = "not in this Hapn account";

/** "1 tracker", "3 trackers". */
export function trackers(n: number): string {
  return `${n} tracker${n === 1 ? "" : "s"}`;
}

/** "3 trackers (a, b, c)": IMEIs for a log line, the first ten of them. */
export function trackerList(imeis: readonly string[]): string {
  const shown = imeis.slice(0, MAX_IMEIS_LISTED).join(", ");
  return `${trackers(imeis.length)} (${shown}${imeis.length > MAX_IMEIS_LISTED ? ", …" : ""})`;
}

/** One tracker that failed, and why. */
export interface TrackerFailure {
  imei: string;
  error: unknown;
}

/**
 * The reason a write failed, as failures are grouped by it: the client's error code and HTTP status (the message
 * names the tracker's path, so it would make every tracker its own group), else the message.
 */
export function reasonOf(error: unknown): string {
  if (isHapnError(error)) return `${error.code}${error.status ? ` (HTTP ${error.status})` : ""}`;
  return error instanceof Error ? error.message : String(error);
}

/** The failures grouped by reason, the largest group first. */
export function groupFailures(
  failures: readonly TrackerFailure[],
): Array<{ reason: string; imeis: string[]; example: string }> {
  const groups = new Map<string, { reason: string; imeis: string[]; example: string }>();
  for (const f of failures) {
    const reason = reasonOf(f.error);
    const group = groups.get(reason) ?? {
      reason,
      imeis: [],
      example: f.error instanceof Error ? f.error.message : String(f.error),
    };
    group.imeis.push(f.imei);
    groups.set(reason, group);
  }
  return [...groups.values()].sort((a, b) => b.imeis.length - a.imeis.length || a.reason.localeCompare(b.reason));
}

/** "3 trackers: 8627…, 3567…, 0143…" with at most {@link MAX_IMEIS_LISTED} IMEIs and the rest counted. */
function imeiList(imeis: string[]): string {
  const sorted = [...imeis].sort();
  const listed = sorted.slice(0, MAX_IMEIS_LISTED).join(", ");
  const more = sorted.length > MAX_IMEIS_LISTED ? `, and ${sorted.length - MAX_IMEIS_LISTED} more` : "";
  return `${trackers(sorted.length)}: ${listed}${more}`;
}

/**
 * The message for failed trackers: what was done (`action`, e.g. "wrote the labels of 997 trackers"), then one line
 * per reason with its trackers and one example message.
 */
export function failureMessage(fleetId: string, action: string, failures: readonly TrackerFailure[]): string {
  const lines = groupFailures(failures).map((g) => {
    const example = g.example !== g.reason ? ` (e.g. ${g.example})` : "";
    return `  - ${g.reason}${example}: ${imeiList(g.imeis)}`;
  });
  return [`DeviceFleet ${fleetId}: ${action}; ${trackers(failures.length)} failed:`, ...lines].join("\n");
}
