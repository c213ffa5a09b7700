/**
 * The drift report as people read it: a plain-text table for the terminal and the same rows as Markdown for a CI
 * step summary. Both come from {@link driftRows}, so they always say the same thing.
 */
import type { ResourceDrift } from "./preview-drift";

/** Longest value shown in a cell; longer ones (polygons) are cut with "…". */
const MAX_VALUE = 60;

/** The table's column titles. */
export const COLUMNS = ["Resource", "Type", "Id", "Field", "In the program", "In Hapn"] as const;

/** A value as shown in a cell: JSON, cut to {@link MAX_VALUE} characters. */
export function showValue(value: unknown): string {
  const text = value === undefined ? "(not set)" : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** One row per drifted field, as the cells of {@link COLUMNS}. */
export function driftRows(drift: ResourceDrift[]): string[][] {
  return drift.flatMap((r) =>
    r.fields.map((f) => [r.name, r.kind, r.id, f.field, showValue(f.program), showValue(f.hapn)]),
  );
}

/** A one-line verdict: "No drift" or "Drift: 3 fields on 2 resources". */
export function summaryLine(drift: ResourceDrift[], stack?: string): string {
  const on = stack ? ` (stack ${stack})` : "";
  if (drift.length === 0) return `No drift: Hapn matches the program${on}.`;
  const fields = drift.reduce((n, r) => n + r.fields.length, 0);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `Drift${on}: ${plural(fields, "field")} on ${plural(drift.length, "resource")} differ from the program.`;
}

/** The report as a plain-text table with aligned columns. */
export function textReport(drift: ResourceDrift[], stack?: string): string {
  const rows = [COLUMNS as readonly string[], ...driftRows(drift)];
  if (rows.length === 1) return `${summaryLine(drift, stack)}\n`;
  const widths = COLUMNS.map((_, c) => Math.max(...rows.map((r) => [...r[c]].length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]))
      .join("  ")
      .trimEnd();
  return [
    summaryLine(drift, stack),
    "",
    line(rows[0]),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.slice(1).map(line),
    "",
  ].join("\n");
}

/** A cell's text made safe for a Markdown table. */
function markdownCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/`/g, "'");
}

/** The report as Markdown (for `$GITHUB_STEP_SUMMARY`): a heading, the verdict and the same rows as the text table. */
export function markdownReport(drift: ResourceDrift[], stack?: string): string {
  const out = [`### Hapn drift report${stack ? `: ${stack}` : ""}`, "", summaryLine(drift, stack), ""];
  const rows = driftRows(drift);
  if (rows.length > 0) {
    out.push(`| ${COLUMNS.join(" | ")} |`, `|${COLUMNS.map(() => "---").join("|")}|`);
    for (const row of rows) out.push(`| ${row.map(markdownCell).join(" | ")} |`);
    out.push("");
  }
  return out.join("\n");
}
