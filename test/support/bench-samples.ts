/** Made-up bench samples and results for the bench's unit tests: only the figures a test sets differ from zero. */
import type { Operation, Variant } from "../../bench/options";
import type { BenchResults } from "../../bench/report";
import type { Sample } from "../../bench/round";
import { summarize } from "../../bench/summary";

/** One sample of `variant` at `size`; `figures` overrides the zeros. */
export function benchSample(
  variant: Variant,
  size: number,
  operation: Operation,
  figures: Partial<Omit<Sample, "variant" | "size" | "operation">> = {},
): Sample {
  return {
    variant,
    size,
    pair: 0,
    operation,
    wallMs: 1000,
    apiRequests: 0,
    tokenRequests: 0,
    lists: 0,
    gets: 0,
    patches: 0,
    usage: { peaks: { provider: 100, program: 150 }, cpu: { engine: 1, program: 1, provider: 1 } },
    ...figures,
  };
}

/** Results of these samples, with no targets checked (a test adds what it checks). */
export function benchResults(
  samples: Sample[],
  stateBytesPerResource: BenchResults["stateBytesPerResource"],
  options: Partial<BenchResults["options"]> = {},
): BenchResults {
  return {
    date: "2026-12-03T15:00:00.000Z",
    machine: { cpus: 2, cpuModel: "test", memoryGiB: 1, os: "test" },
    versions: { node: "v22" },
    options: {
      sizes: [1000],
      fleetSizes: [10000],
      pairs: 1,
      latencyMs: 50,
      variants: ["A", "F"],
      quick: false,
      fastUp: false,
      ...options,
    },
    stateBytesPerResource,
    rows: summarize(samples),
    targets: [],
    fleetTargets: [],
    samples,
  };
}
