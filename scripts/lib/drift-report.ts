/**
 * Reads the drift out of `pulumi preview --diff` text: for each resource the preview would update, its name, id
 * and the fields that differ, as live value → desired value. Used by the demo to print a short report.
 */

/** One resource the preview would change, and how. */
export interface DriftEntry {
  name: string;
  id?: string;
  fields: Array<{ field: string; live: string; desired: string }>;
}

/** Parses the first preview report in `output` (the CLI may repeat it inside an error message). */
export function driftReport(output: string): DriftEntry[] {
  const report = output.split(/^Resources:/m)[0];
  const entries: DriftEntry[] = [];
  let current: DriftEntry | undefined;
  for (const line of report.split("\n")) {
    if (/^\s*~ \S+: \(update\)\s*$/.test(line)) {
      current = { name: "", fields: [] };
      entries.push(current);
    } else if (/^\s*[~+-]? ?\S+: \(\w+\)\s*$/.test(line)) {
      current = undefined;
    } else if (current) {
      const urn = /^\s*\[urn=.*::([^:\]]+)\]/.exec(line);
      const id = /^\s*\[id=([^\]]+)\]/.exec(line);
      const field = /^\s*~ (\w+)\s*: (.*) => (.*)$/.exec(line);
      if (urn) current.name = urn[1];
      else if (id) current.id = id[1];
      else if (field) current.fields.push({ field: field[1], live: field[2], desired: field[3] });
    }
  }
  return entries;
}
