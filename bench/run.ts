/**
 * `npm run bench`: pulumi-hapn end to end (Devices, a DeviceFleet and the plugin's Devices) against the engine floor and a docs-style
 * provider, side by side in one run (see bench/RESULTS.md for what it measures and the latest figures; `--help` for the flags). Builds dist/
 * first, talks only to emulators on 127.0.0.1, and removes its temp folder unless `--keep`.
 */
import * as path from "node:path";
import { seedFleet } from "../emulator";
import { ensureFreshBuild } from "../scripts/lib/fresh-build";
import { PulumiSandbox } from "../scripts/lib/pulumi-sandbox";
import { type BenchOptions, parseBenchOptions, sizePlan, type Variant } from "./options";
import { trackerArgs, writeProject } from "./programs";
import { environment, markdown, writeResults, type BenchResults } from "./report";
import { FLEET_SEED, runRound, type Sample } from "./round";
import { summarize } from "./summary";
import { checkTargets } from "./targets";
import { checkFleetTargets } from "./fleet-targets";
import { checkPluginTargets } from "./plugin-targets";

const REPO = path.resolve(__dirname, "..");

/** Rotates the variant order each pair (ABC, BCA, CAB…), so no variant always runs first after a size change. */
function order(variants: Variant[], pair: number): Variant[] {
  const k = pair % variants.length;
  return [...variants.slice(k), ...variants.slice(0, k)];
}

/** Runs every round of `options` and returns the results (nothing written). */
export async function runBench(
  options: BenchOptions,
  log: (line: string) => void = console.error,
  afterSize: (partial: BenchResults) => void = () => undefined,
): Promise<BenchResults> {
  await ensureFreshBuild(REPO);
  const sandbox = PulumiSandbox.create("hapn-bench-");
  const samples: Sample[] = [];
  const stateBytesPerResource: BenchResults["stateBytesPerResource"] = {};
  try {
    log(`[bench] temp folder ${sandbox.dir}`);
    for (const { size, variants } of sizePlan(options)) {
      const trackers = trackerArgs(seedFleet(size, FLEET_SEED).map((d) => d.imei));
      const dirs = Object.fromEntries(
        variants.map((v) => [v, writeProject(path.join(sandbox.dir, `n${size}`, v), v, trackers)]),
      );
      const bytes: Partial<Record<Variant, number[]>> = {};
      for (let pair = 0; pair < options.pairs; pair++) {
        for (const variant of order(variants, pair)) {
          const stackName = `n${size}-p${pair}`;
          const at = { variant, size, pair, latencyMs: options.latencyMs, stackName, fastUp: options.fastUp };
          const round = await runRound(sandbox, dirs[variant], at);
          samples.push(...round.samples);
          (bytes[variant] ??= []).push(round.stateBytesPerResource);
          const times = round.samples.map((s) => `${s.operation} ${(s.wallMs / 1000).toFixed(1)}s`).join(", ");
          log(`[bench] N=${size} round ${pair + 1}/${options.pairs} ${variant}: ${times}`);
        }
      }
      stateBytesPerResource[String(size)] = Object.fromEntries(
        Object.entries(bytes).map(([v, list]) => [v, list.reduce((a, b) => a + b, 0) / list.length]),
      );
      afterSize(results(options, samples, stateBytesPerResource));
    }
  } finally {
    if (options.keep) log(`[bench] kept ${sandbox.dir}`);
    else sandbox.dispose();
  }
  return results(options, samples, stateBytesPerResource);
}

/** The results of the samples so far. */
function results(
  options: BenchOptions,
  samples: Sample[],
  stateBytesPerResource: BenchResults["stateBytesPerResource"],
): BenchResults {
  const rows = summarize(samples);
  const { outDir: _o, keep: _k, ...recorded } = options;
  return {
    date: new Date().toISOString(),
    ...environment(),
    options: recorded,
    stateBytesPerResource,
    rows,
    targets: checkTargets(rows, options),
    fleetTargets: checkFleetTargets(rows, stateBytesPerResource, options),
    pluginTargets: checkPluginTargets(rows),
    samples,
  };
}

async function main(): Promise<void> {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  // Results are written after each size, so a long run that is stopped still leaves its figures so far.
  const write = (partial: BenchResults) => {
    if (!options.outDir) return;
    writeResults(path.resolve(REPO, options.outDir), partial);
    console.error(`[bench] wrote ${path.join(options.outDir, "RESULTS.md")} and results.json`);
  };
  console.log(markdown(await runBench(options, console.error, write)));
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
