/**
 * The bench's command line: sizes, pairs, emulator latency, which variants and operations, where to write, and the
 * `--quick` mode the test suite runs so the bench cannot rot. Every flag has an environment fallback.
 */
import { parseArgs } from "node:util";

/** The stacks measured side by side (see bench/programs.ts). */
export type Variant = "A" | "B" | "C" | "F" | "P";

/** Every variant, in the order tables list them; also the default of `--variants`. */
export const ALL_VARIANTS: readonly Variant[] = ["A", "B", "C", "F", "P"];

/** The variant that holds every tracker in one resource, the only one measured at `fleetSizes`. */
export const FLEET_VARIANT: Variant = "F";
/** The operations measured on each stack, in the order they run. */
export type Operation = "up" | "refresh" | "refreshFinal" | "noop";

/**
 * The engine's own switch (pulumi/pulumi#10668) to write the state once, when the command ends, instead of after
 * every step: the engine rewrites its whole snapshot at each step, so a step costs time in proportion to the size
 * of the stack. Losing the checkpoints risks nothing in a drift check (a rerun reads everything again).
 */
export const SKIP_CHECKPOINTS: Record<string, string> = { PULUMI_SKIP_CHECKPOINTS: "true" };

const DRIFT_CHECK = ["preview", "--refresh", "--run-program", "--expect-no-changes"];

/** The operations, in order, with the command each runs (after `pulumi`) and its extra environment. */
export const OPERATIONS: Record<Operation, { label: string; args: string[]; env?: Record<string, string> }> = {
  up: { label: "`pulumi up` from empty", args: ["up", "--yes"] },
  refresh: { label: "`pulumi preview --refresh` (drift check)", args: DRIFT_CHECK },
  refreshFinal: {
    label: "drift check with `PULUMI_SKIP_CHECKPOINTS=true` (as `hapn-drift` runs it)",
    args: DRIFT_CHECK,
    env: SKIP_CHECKPOINTS,
  },
  noop: { label: "no-op `pulumi up`", args: ["up", "--yes"] },
};

const UPS: Operation[] = ["up", "noop"];

/** The extra environment of one operation: its own, plus {@link SKIP_CHECKPOINTS} for an `up` when asked to. */
export function operationEnv(operation: Operation, options: Pick<BenchOptions, "fastUp">): Record<string, string> {
  return { ...OPERATIONS[operation].env, ...(options.fastUp && UPS.includes(operation) ? SKIP_CHECKPOINTS : {}) };
}

/** The label of one operation in the results, saying when an `up` ran with {@link SKIP_CHECKPOINTS}. */
export function operationLabel(operation: Operation, options: Pick<BenchOptions, "fastUp">): string {
  const label = OPERATIONS[operation].label;
  return options.fastUp && UPS.includes(operation) ? `${label} with \`PULUMI_SKIP_CHECKPOINTS=true\`` : label;
}

/** What one bench run measures. */
export interface BenchOptions {
  /** Fleet sizes, each measured on its own. */
  sizes: number[];
  /**
   * Further sizes at which only the fleet variant F runs: one resource per tracker takes hours at 10,000 (the
   * engine's rewrite after every step), one resource for all of them does not.
   */
  fleetSizes: number[];
  /** Interleaved rounds per size: each pair runs every variant once, in a rotating order. */
  pairs: number;
  /** Emulator latency per answer. */
  latencyMs: number;
  variants: Variant[];
  /** Where RESULTS.md and results.json go; undefined writes nothing (the default of `--quick`). */
  outDir?: string;
  /** Small N and one pair, for the test that keeps the bench from rotting. */
  quick: boolean;
  /**
   * Run the `up`s with {@link SKIP_CHECKPOINTS} (all variants alike): at N = 5000 an `up` with checkpoints takes
   * over an hour, and every drift check needs a stack that an `up` built first. The `up` time targets are then not
   * checked, since they are about the default `up`.
   */
  fastUp: boolean;
  /** Keep the temp folder (projects, state, profiles) for inspection. */
  keep: boolean;
}

const HELP = `npm run bench -- [--quick] [--sizes 100,1000] [--fleet-sizes 10000] [--pairs 3] [--latency 50] [--variants A,B,C,F,P] [--out DIR] [--keep] [--fast-up]
  env fallbacks: BENCH_SIZES, BENCH_FLEET_SIZES, BENCH_PAIRS, BENCH_LATENCY_MS, BENCH_VARIANTS, BENCH_OUT, BENCH_FAST_UP=true
  --variants: A Device, B engine floor, C docs-style provider, F DeviceFleet, P the hapn plugin's Device
  --fleet-sizes: further sizes at which only the DeviceFleet variant F runs (when --variants includes it)
  --quick: N=20, one pair, writes nothing unless --out is given
  --fast-up: run every \`up\` with PULUMI_SKIP_CHECKPOINTS=true (for N = 5000 and more; up targets not checked)`;

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
      "fleet-sizes": { type: "string" },
      pairs: { type: "string" },
      latency: { type: "string" },
      variants: { type: "string" },
      out: { type: "string" },
      keep: { type: "boolean" },
      "fast-up": { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help) throw new Error(HELP);
  const quick = values.quick ?? false;
  const sizes = list(values.sizes ?? env.BENCH_SIZES ?? (quick ? "20" : "100,1000")).map((s) => positive("sizes", s));
  const fleetSizes = list(values["fleet-sizes"] ?? env.BENCH_FLEET_SIZES ?? "").map((s) => positive("fleet-sizes", s));
  const variants = list(values.variants ?? env.BENCH_VARIANTS ?? ALL_VARIANTS.join(","));
  for (const v of variants)
    if (!(ALL_VARIANTS as string[]).includes(v)) throw new Error(`--variants: unknown variant "${v}"`);
  if (fleetSizes.length > 0 && !variants.includes(FLEET_VARIANT))
    throw new Error(`--fleet-sizes runs only variant ${FLEET_VARIANT}: add it to --variants`);
  return {
    sizes,
    fleetSizes,
    pairs: positive("pairs", values.pairs ?? env.BENCH_PAIRS ?? (quick ? "1" : "3")),
    latencyMs: positive("latency", values.latency ?? env.BENCH_LATENCY_MS ?? "50"),
    variants: variants as Variant[],
    outDir: values.out ?? env.BENCH_OUT ?? (quick ? undefined : "bench"),
    quick,
    keep: values.keep ?? false,
    fastUp: values["fast-up"] ?? env.BENCH_FAST_UP === "true",
  };
}

/**
 * The sizes to measure and the variants at each: every variant at `sizes`, only the fleet variant at `fleetSizes`
 * (a fleet size also in `sizes` is measured once, there).
 */
export function sizePlan(options: Pick<BenchOptions, "sizes" | "fleetSizes" | "variants">): SizePlan[] {
  return [
    ...options.sizes.map((size) => ({ size, variants: options.variants })),
    ...options.fleetSizes
      .filter((size) => !options.sizes.includes(size))
      .map((size) => ({ size, variants: [FLEET_VARIANT] })),
  ];
}

/** One size of a bench run and the variants measured at it. */
export interface SizePlan {
  size: number;
  variants: Variant[];
}
