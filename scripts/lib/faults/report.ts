/**
 * The fault matrix's results as a table: plain text for the terminal and Markdown for docs/reliability.md, where
 * it replaces the part between the `faults:results` markers.
 */
import * as fs from "node:fs";
import type { CaseResult } from "./run-case";

const HEADERS = [
  "case",
  "N",
  "result",
  "s",
  "requests",
  "bound",
  "tokens",
  "429",
  "5xx",
  "lost",
  "reset",
  "stall",
  "malformed",
  "injected",
  "notes",
];

function notes(r: CaseResult): string {
  const parts: string[] = [];
  if (r.stranded !== undefined) parts.push(`${r.stranded} written but not in state at the kill`);
  if (r.quota)
    parts.push(`${r.quota.afterFirst} requests after the first quota answer, refresh ${r.quota.refreshRequests}`);
  if (r.afterKill) {
    const left = r.afterKill.orphans.length > 0 ? r.afterKill.orphans.join(", ") : "none";
    parts.push(`${r.afterKill.writes} writes after the kill; still running 5 s later: ${left}`);
  }
  if (r.downSeconds !== undefined) {
    const recovery = r.apiRequests + r.tokenRequests - (r.faultedRequests ?? 0);
    parts.push(
      `the failing up: ${r.faultedRequests} requests in ${r.downSeconds.toFixed(0)} s ` +
        `(the requests column; the up once the API was back made ${recovery} more)`,
    );
  }
  if (r.tokenStallMs !== undefined) parts.push(`stalled token request held ${(r.tokenStallMs / 1000).toFixed(1)} s`);
  parts.push(r.commands.join(" → "));
  return parts.join("; ");
}

function row(r: CaseResult): string[] {
  const o = r.outcomes;
  const injected = Object.entries(r.injected)
    .map(([k, v]) => `${v} ${k}`)
    .join(", ");
  return [
    r.id,
    String(r.n),
    r.ok ? "pass" : "FAIL",
    r.seconds.toFixed(0),
    String(r.faultedRequests ?? r.apiRequests + r.tokenRequests),
    String(r.maxRequests),
    String(r.tokenRequests),
    String(o["429"] ?? 0),
    String(o["5xx"] ?? 0),
    String(o.lost ?? 0),
    String(o.reset ?? 0),
    String(o.stall ?? 0),
    String(o.malformed ?? 0),
    injected || "–",
    notes(r),
  ];
}

/** The results as an aligned plain-text table. */
export function textTable(results: CaseResult[]): string {
  const rows = [HEADERS, ...results.map(row)];
  const widths = HEADERS.map((_, i) => Math.max(...rows.map((r) => (i === HEADERS.length - 1 ? 0 : r[i].length))));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** The results as a Markdown table with a line saying when and how they were made. */
export function markdownTable(results: CaseResult[], when: Date, how: string): string {
  const lines = [
    `Last run: ${when.toISOString().slice(0, 16).replace("T", " ")} UTC, ${how}.`,
    "",
    `| ${HEADERS.join(" | ")} |`,
    `|${HEADERS.map(() => "---").join("|")}|`,
    ...results.map((r) => `| ${row(r).join(" | ")} |`),
  ];
  return lines.join("\n");
}

const START = "<!-- faults:results:start -->";
const END = "<!-- faults:results:end -->";

/** Replaces the text between the result markers of `file` with `markdown`. */
export function writeResults(file: string, markdown: string): void {
  const text = fs.readFileSync(file, "utf8");
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${file} has no ${START} … ${END} markers`);
  fs.writeFileSync(file, `${text.slice(0, from + START.length)}\n\n${markdown}\n\n${text.slice(to)}`);
}
