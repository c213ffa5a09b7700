/**
 * The targets of issue 9, checked against the bench's rows for every size measured, so RESULTS.md says plainly
 * which are met. Time targets are about N = 1000; request and memory targets hold for any N.
 */
import type { BenchOptions } from "./options";
import type { Row, VariantFigures } from "./summary";

/** One target and what the bench measured for it. */
export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

/**
 * Checks every target the rows allow (a target whose variants or size did not run is left out; so is the `up` time
 * target when the `up`s ran with `--fast-up`, which it is not about).
 */
export function checkTargets(rows: Row[], options: Pick<BenchOptions, "fastUp">): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const add = (target: string, measured: string, met: boolean) => checks.push({ target, measured, met });
  const row = (size: number, op: Row["operation"]) => rows.find((r) => r.size === size && r.operation === op);
  const sizes = [...new Set(rows.map((r) => r.size))];

  const refresh1000 = row(1000, "refresh");
  const ab = refresh1000?.ratios["A/B"];
  const ac = refresh1000?.ratios["A/C"];
  if (ab) add("`preview --refresh`, N=1000: A/B ≤ 1.10", ab.median.toFixed(2), ab.median <= 1.1);
  if (ac) add("`preview --refresh`, N=1000: A/C < 0.85", ac.median.toFixed(2), ac.median < 0.85);
  const up1000 = row(1000, "up");
  if (up1000?.ratios["A/B"] && !options.fastUp) {
    const r = up1000.ratios["A/B"].median;
    add("`up` from empty, N=1000: A/B ≤ 1.20", r.toFixed(2), r <= 1.2);
  }
  for (const size of sizes) {
    const a = (op: Row["operation"]): VariantFigures | undefined => row(size, op)?.variants.A;
    const up = a("up");
    const pages = Math.ceil(size / 1000);
    if (up) {
      const bound = up.patches + pages + 2;
      add(
        `\`up\` from empty, N=${size}: API requests ≤ PATCHes + ⌈N/1000⌉ + 2 (PATCHes ≤ N)`,
        `${up.apiRequests} (${up.patches} PATCHes)`,
        up.apiRequests <= bound && up.patches <= size,
      );
    }
    for (const op of ["refresh", "refreshFinal"] as const) {
      const refresh = a(op);
      if (refresh) {
        add(
          `${op}, N=${size}: API requests ≤ ⌈N/1000⌉ + 1`,
          String(refresh.apiRequests),
          refresh.apiRequests <= pages + 1,
        );
      }
    }
    for (const op of ["up", "refresh", "refreshFinal", "noop"] as const) {
      const f = a(op);
      // `up` runs two provider processes (preview and update); the preview of a create calls no API.
      const processes = op === "up" || op === "noop" ? 2 : 1;
      if (f)
        add(
          `${op}, N=${size}: token requests ≤ 1 per provider process`,
          String(f.tokenRequests),
          f.tokenRequests <= processes,
        );
    }
    if (size === 1000) {
      const peak = Math.max(...(["up", "refresh", "noop"] as const).map((op) => a(op)?.providerPeakMiB ?? 0));
      add("provider peak RSS ≤ 200 MiB at N=1000", `${peak.toFixed(0)} MiB`, peak <= 200);
      for (const op of ["up", "refresh"] as const) {
        const r = row(1000, op);
        if (r?.variants.A && r.variants.B) {
          const q = r.variants.A.programPeakMiB / r.variants.B.programPeakMiB;
          add(`${op}, N=1000: program peak RSS ≤ 1.15 × floor's`, `${q.toFixed(2)}×`, q <= 1.15);
        }
      }
    }
  }
  return checks;
}
