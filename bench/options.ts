/**
 * The bench's command line: sizes, pairs, emulator latency, which variants and operations, where to write, and the
 * `--quick` mode the test suite runs so the bench cannot rot. Every flag has an environment fallback.
 */
import { parseArgs } from "node:util";

/** The three stacks measured side by side (see bench/programs.ts). */
export type Variant = "A" | "B" | "C";
/** The operations measured on each stack, in the order they run. */
export type Operation = "up" | "refresh" | "noop";

/** The operations, in order, with the command each runs (after `pulumi`). */
export const OPERATIONS: Record<Operation, { label: string; args: string[] }> = {
  up: { label: "`pulumi up` from empty", args: ["up", "--yes"] },
  refresh: {
    label: "`pulumi preview --refresh` (drift check)",
    args: ["preview", "--refresh", "--run-program", "--expect-no-changes"],
  },
  noop: { label: "no-op `pulumi up`", args: ["up", "--yes"] },
};

/** What one bench run measures. */
export interface BenchOptions {
  /** Fleet sizes, each measured on its own. */
  sizes: number[];
  /** Interleaved rounds per size: each pair runs every variant once, in a rotating order. */
  pairs: number;
  /** Emulator latency per answer. */
  latencyMs: number;
  variants: Variant[];
  /** Where RESULTS.md and results.json go; undefined writes nothing (the default of `--quick`). */
  outDir?: string;
  /** Small N and one pair, for the test that keeps the bench from rotting. */
  quick: boolean;
  /** Keep the temp folder (projects, state, profiles) for inspection. */
  keep: boolean;
}

const HELP = `npm run bench -- [--quick] [--sizes 100,1000] [--pairs 3] [--latency 50] [--variants A,B,C] [--out DIR] [--keep]
  env fallbacks: BENCH_SIZES, BENCH_PAIRS, BENCH_LATENCY_MS, BENCH_VARIANTS, BENCH_OUT
  --quick: N=20, one pair, writes nothing unless --out is given`;

function list(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function positive(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, not "${text}"`);
  return n;
}

/** Parses flags (falling back to BENCH_* variables); throws a usage message on a bad value. */
export function parseBenchOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: "boolean" },
      sizes: { type: "string" },
      pairs: { type: "string" },
      latency: { type: "string" },
      variants: { type: "string" },
      out: { type: "string" },
      keep: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help) throw new Error(HELP);
  const quick = values.quick ?? false;
  const sizes = list(values.sizes ?? env.BENCH_SIZES ?? (quick ? "20" : "100,1000")).map((s) => positive("sizes", s));
  const variants = list(values.variants ?? env.BENCH_VARIANTS ?? "A,B,C");
  for (const v of variants) if (!["A", "B", "C"].includes(v)) throw new Error(`--variants: unknown variant "${v}"`);
  return {
    sizes,
    pairs: positive("pairs", values.pairs ?? env.BENCH_PAIRS ?? (quick ? "1" : "3")),
    latencyMs: positive("latency", values.latency ?? env.BENCH_LATENCY_MS ?? "50"),
    variants: variants as Variant[],
    outDir: values.out ?? env.BENCH_OUT ?? (quick ? undefined : "bench"),
    quick,
    keep: values.keep ?? false,
  };
}
