/**
 * The benchmark target of issue 17 (the `hapn` provider plugin): its drift check no slower than the dynamic
 * Device's, side by side in the same rounds (the per-round ratio P/A, so both ran under the same load). Checked at
 * every size both variants ran at; the issue names N = 100 and 1000.
 */
import type { Row } from "./summary";
import type { TargetCheck } from "./targets";

/** The largest median P/A ratio of a drift check that counts as "no slower". */
export const PLUGIN_DRIFT_RATIO = 1.0;

/** Checks the drift-check ratio P/A for both drift checks at every size where P and A ran. */
export function checkPluginTargets(rows: Row[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const row of rows) {
    const r = row.ratios["P/A"];
    if (!r || (row.operation !== "refresh" && row.operation !== "refreshFinal")) continue;
    checks.push({
      target: `${row.operation === "refresh" ? "drift check" : "drift check with PULUMI_SKIP_CHECKPOINTS"}, N=${row.size}: P/A ≤ ${PLUGIN_DRIFT_RATIO.toFixed(2)}`,
      measured: `${r.median.toFixed(2)} (${r.min.toFixed(2)}–${r.max.toFixed(2)})`,
      met: r.median <= PLUGIN_DRIFT_RATIO,
    });
  }
  return checks;
}
