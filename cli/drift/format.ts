/**
 * The drift report as people read it: a plain-text table for the terminal and the same rows as Markdown for a CI
 * step summary. Both come from {@link driftRows}, so they always say the same thing; the table cuts long values
 * around the place where program and Hapn differ, the Markdown shows them whole.
 */
import { count } from "../count";
import type { ResourceDrift } from "./preview-drift";

/** Longest value shown in a cell of the text table; longer ones (polygons) are cut with "…". */
export const MAX_VALUE = 60;

/** How many characters before the first difference a cut value keeps, so the differing number reads whole. */
const CONTEXT = 16;

/** The table's column titles. */
export const COLUMNS = ["Resource", "Type", "Id", "Field", "In the program", "In Hapn"] as const;

/** A value as JSON, or "(not set)". */
function valueText(value: unknown): string {
  return value === undefined ? "(not set)" : JSON.stringify(value);
}

/** Where two texts first differ (the shorter one's length when one starts the other). */
function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * A value as shown in a cell of the text table: JSON, at most {@link MAX_VALUE} characters. A longer one is cut
 * to the part where it first differs from `other` (the other side of the row), with "…" where text was left out,
 * so in two polygons the coordinate that changed is the one shown.
 */
export function showValue(value: unknown, other?: unknown): string {
  const text = valueText(value);
  if (text.length <= MAX_VALUE) return text;
  const at = other === undefined ? 0 : firstDifference(text, valueText(other));
  const start = Math.min(Math.max(0, at - CONTEXT), text.length - (MAX_VALUE - 1));
  const head = start > 0 ? "…" : "";
  const room = MAX_VALUE - head.length;
  const tail = start + room < text.length ? "…" : "";
  return head + text.slice(start, start + room - tail.length) + tail;
}

/**
 * One row per drifted field, as the cells of {@link COLUMNS}; `whole` keeps long values whole (Markdown), else
 * they are cut around their first difference ({@link showValue}).
 */
export function driftRows(drift: ResourceDrift[], whole = false): string[][] {
  const show = whole ? (value: unknown) => valueText(value) : showValue;
  return drift.flatMap((r) =>
    r.fields.map((f) => [r.name, r.kind, r.id, f.field, show(f.program, f.hapn), show(f.hapn, f.program)]),
  );
}

/** A one-line verdict: "No drift" or "Drift: 3 fields on 2 resources". */
export function summaryLine(drift: ResourceDrift[], stack?: string): string {
  const on = stack ? ` (stack ${stack})` : "";
  if (drift.length === 0) return `No drift: Hapn matches the program${on}.`;
  const fields = drift.reduce((n, r) => n + r.fields.length, 0);
  return `Drift${on}: ${count(fields, "field")} on ${count(drift.length, "resource")} differ from the program.`;
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

/**
 * The report as Markdown (for `$GITHUB_STEP_SUMMARY`): a heading, the verdict and the same rows as the text table,
 * with long values whole (a step summary has room for a polygon).
 */
export function markdownReport(drift: ResourceDrift[], stack?: string): string {
  const out = [`### Hapn drift report${stack ? `: ${stack}` : ""}`, "", summaryLine(drift, stack), ""];
  const rows = driftRows(drift, true);
  if (rows.length > 0) {
    out.push(`| ${COLUMNS.join(" | ")} |`, `|${COLUMNS.map(() => "---").join("|")}|`);
    for (const row of rows) out.push(`| ${row.map(markdownCell).join(" | ")} |`);
    out.push("");
  }
  return out.join("\n");
}
