/**
 * The probe's report: the table a user reads (assumption, answer, verdict, setting), the overrides it suggests as
 * commands to paste, and the JSON form to attach to a bug report. Nothing here sees credentials.
 */
import { formatRouteOverrides, parseRouteOverrides, type ApiDialect } from "../../provider/api-model";
import { SETTING_SOURCES } from "../../provider/config";
import type { CheckResult, Suggestion } from "./checks";

/** The whole outcome of one probe run. */
export interface ProbeReport {
  apiUrl: string;
  authUrl: string;
  results: CheckResult[];
  /** Suggested overrides by setting name (`routes`, `pageParams`, `listEnvelope`), merged with those already set. */
  suggested: Suggestion;
  requests: number;
  maxRequests: number;
}

/** Merges the checks' suggestions, keeping the route overrides already in effect. */
export function mergeSuggestions(results: CheckResult[], dialect: ApiDialect): Suggestion {
  const merged: Suggestion = {};
  const newRoutes = results.flatMap((r) => (r.suggest?.routes ? [r.suggest.routes] : []));
  if (newRoutes.length > 0) {
    const parsed = parseRouteOverrides(newRoutes.join(";"));
    if (parsed.ok) merged.routes = formatRouteOverrides({ ...dialect.routes, ...parsed.value });
  }
  for (const r of results) {
    if (r.suggest?.pageParams) merged.pageParams = r.suggest.pageParams;
    if (r.suggest?.listEnvelope) merged.listEnvelope = r.suggest.listEnvelope;
  }
  return merged;
}

/** True when some check found a difference. */
export const hasDifferences = (report: ProbeReport) => report.results.some((r) => r.verdict === "differs");

/** The suggested overrides as stack config commands and as environment variables. */
export function suggestionLines(suggested: Suggestion): string[] {
  const entries = Object.entries(suggested) as [keyof Suggestion, string][];
  if (entries.length === 0) return [];
  return [
    "Suggested settings (stack config):",
    ...entries.map(([key, value]) => `  pulumi config set ${SETTING_SOURCES[key].config} '${value}'`),
    "or in the environment:",
    ...entries.map(([key, value]) => `  export ${SETTING_SOURCES[key].env}='${value}'`),
  ];
}

/** The plain-text table and summary. */
export function textReport(report: ProbeReport): string {
  const header = ["Check", "Assumption", "Answer", "Verdict", "Setting that adapts"];
  const rows = report.results.map((r) => [r.id, r.assumption, r.answer, r.verdict, r.setting]);
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((row) => row[i].length))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  const count = (v: string) => report.results.filter((r) => r.verdict === v).length;
  return [
    `hapn-probe: ${report.apiUrl} (token endpoint ${report.authUrl})`,
    "",
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    `${count("matches")} match, ${count("differs")} differ, ${count("could not tell")} could not tell; ` +
      `${report.requests} requests (at most ${report.maxRequests}).`,
    ...suggestionLines(report.suggested),
    "",
  ].join("\n");
}

/** The JSON report (for `--json`): the same facts, for a bug report upstream. */
export function jsonReport(report: ProbeReport): string {
  return `${JSON.stringify({ tool: "hapn-probe", ...report }, null, 2)}\n`;
}
