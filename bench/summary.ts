/**
 * Turns the bench's samples into its figures: per size, operation and variant the median and min wall time,
 * median request counts, peak RSS and CPU time by process; per size and operation the per-pair ratios A/B, A/C
 * F/A and P/A (each pair ran side by side, so a ratio compares runs under the same load) with their median and range.
 */
import { ALL_VARIANTS, type Operation, type Variant } from "./options";
import type { CpuSeconds } from "./process-usage";
import type { Sample } from "./round";

/** One variant's figures for one size and operation. */
export interface VariantFigures {
  runs: number;
  medianMs: number;
  minMs: number;
  /** Median wall time per tracker. */
  msPerTracker: number;
  apiRequests: number;
  tokenRequests: number;
  lists: number;
  gets: number;
  patches: number;
  providerPeakMiB: number;
  programPeakMiB: number;
  /** Median CPU seconds of the engine, program and provider processes. */
  cpu: CpuSeconds;
}

/** A ratio of two variants over the pairs: median, min and max of the per-pair ratios. */
export interface Ratio {
  median: number;
  min: number;
  max: number;
  perPair: number[];
}

/** The ratios computed, each `top/bottom`. */
export const RATIOS = ["A/B", "A/C", "F/A", "P/A"] as const;
/** One of {@link RATIOS}. */
export type RatioName = (typeof RATIOS)[number];

/** The figures of one size and operation. */
export interface Row {
  size: number;
  operation: Operation;
  variants: Partial<Record<Variant, VariantFigures>>;
  /** "A/B", "A/C", "F/A" (the fleet against Devices) and "P/A" (the plugin against the dynamic Device) when those variants ran. */
  ratios: Partial<Record<RatioName, Ratio>>;
}

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function figures(samples: Sample[]): VariantFigures {
  const med = (f: (s: Sample) => number) => median(samples.map(f));
  return {
    runs: samples.length,
    medianMs: med((s) => s.wallMs),
    minMs: Math.min(...samples.map((s) => s.wallMs)),
    msPerTracker: med((s) => s.wallMs / s.size),
    apiRequests: med((s) => s.apiRequests),
    tokenRequests: med((s) => s.tokenRequests),
    lists: med((s) => s.lists),
    gets: med((s) => s.gets),
    patches: med((s) => s.patches),
    providerPeakMiB: med((s) => s.usage.peaks.provider),
    programPeakMiB: med((s) => s.usage.peaks.program),
    cpu: {
      engine: med((s) => s.usage.cpu.engine),
      program: med((s) => s.usage.cpu.program),
      provider: med((s) => s.usage.cpu.provider),
    },
  };
}

function ratio(samples: Sample[], top: Variant, bottom: Variant): Ratio | undefined {
  const perPair: number[] = [];
  for (const a of samples.filter((s) => s.variant === top)) {
    const b = samples.find((s) => s.variant === bottom && s.pair === a.pair);
    if (b) perPair.push(a.wallMs / b.wallMs);
  }
  if (perPair.length === 0) return undefined;
  return { median: median(perPair), min: Math.min(...perPair), max: Math.max(...perPair), perPair };
}

/** The rows for every size and operation found in `samples`, in the order they ran. */
export function summarize(samples: Sample[]): Row[] {
  const rows: Row[] = [];
  const keys = [...new Set(samples.map((s) => `${s.size}|${s.operation}`))];
  for (const key of keys) {
    const group = samples.filter((s) => `${s.size}|${s.operation}` === key);
    const variants: Row["variants"] = {};
    for (const v of ALL_VARIANTS) {
      const mine = group.filter((s) => s.variant === v);
      if (mine.length > 0) variants[v] = figures(mine);
    }
    const ratios: Row["ratios"] = {};
    for (const name of RATIOS) {
      const [top, bottom] = name.split("/") as [Variant, Variant];
      const r = ratio(group, top, bottom);
      if (r) ratios[name] = r;
    }
    rows.push({ size: group[0].size, operation: group[0].operation, variants, ratios });
  }
  return rows;
}
