/**
 * Writes the bench's figures: bench/results.json (every sample, the summary rows, machine and versions) and
 * bench/RESULTS.md (the same numbers as tables), and prints the tables.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ALL_VARIANTS, type BenchOptions, operationLabel, type Variant } from "./options";
import { VARIANTS } from "./programs";
import type { Sample } from "./round";
import { RATIOS, type Row, type VariantFigures } from "./summary";
import type { TargetCheck } from "./targets";

/** Everything one bench run found, as results.json holds it. */
export interface BenchResults {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; os: string };
  versions: Record<string, string>;
  options: Omit<BenchOptions, "outDir" | "keep">;
  /**
   * Mean bytes per tracker in the exported state, per size and variant: one tracker resource's, or for F the
   * fleet resource's divided by N.
   */
  stateBytesPerResource: Record<string, Partial<Record<Variant, number>>>;
  rows: Row[];
  /** The targets of issue 9 (the Device against the floor and a docs-style provider). */
  targets: TargetCheck[];
  /** The targets of issue 19 (the DeviceFleet at 10,000 trackers). */
  fleetTargets: TargetCheck[];
  /** The target of issue 17 (the plugin's drift check against the dynamic Device's); absent in older results. */
  pluginTargets?: TargetCheck[];
  samples: Sample[];
}

function quiet(command: string, args: string[], cwd?: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "unknown";
  }
}

/** The machine and the versions that produced the figures. */
export function environment(): Pick<BenchResults, "machine" | "versions"> {
  const repo = path.resolve(__dirname, "..");
  const pkg = (name: string) =>
    (JSON.parse(fs.readFileSync(path.join(repo, "node_modules", name, "package.json"), "utf8")) as { version: string })
      .version;
  return {
    machine: {
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()}`,
    },
    versions: {
      node: process.version,
      pulumi: quiet("pulumi", ["version"]),
      "@pulumi/pulumi": pkg("@pulumi/pulumi"),
      "pulumi-hapn": `${pkg("pulumi-hapn")} (${quiet("git", ["rev-parse", "--short", "HEAD"], repo)})`,
    },
  };
}

const s = (ms: number) => (ms / 1000).toFixed(2);
const x = (r?: { median: number; min: number; max: number }) =>
  r ? `**${r.median.toFixed(2)}** (${r.min.toFixed(2)}–${r.max.toFixed(2)})` : "–";
/** The variants that ran at `size`, in table order. */
function variantsAt(results: BenchResults, size: number): Variant[] {
  return ALL_VARIANTS.filter((v) => results.rows.some((r) => r.size === size && r.variants[v]));
}

/** The command that reruns a bench with `options`. */
export function rerunCommand(options: BenchResults["options"]): string {
  const flags = [
    `--sizes ${options.sizes.join(",")}`,
    `--pairs ${options.pairs}`,
    `--latency ${options.latencyMs}`,
    ...(options.fleetSizes.length > 0 ? [`--fleet-sizes ${options.fleetSizes.join(",")}`] : []),
    ...(options.variants.join(",") === ALL_VARIANTS.join(",") ? [] : [`--variants ${options.variants.join(",")}`]),
    ...(options.fastUp ? ["--fast-up"] : []),
  ];
  return `npm run bench -- ${flags.join(" ")}`;
}

/** The table of one size: each operation's times, ratios, requests and peaks, one column group per variant. */
function sizeTable(results: BenchResults, size: number): string[] {
  const o = results.options;
  const vs = variantsAt(results, size);
  const rows = results.rows.filter((r) => r.size === size);
  const ratios = RATIOS.filter((name) => rows.some((r) => r.ratios[name]));
  const names = vs.join(" / ");
  const each = (row: Row, f: (v: VariantFigures) => string) =>
    vs.map((v) => (row.variants[v] ? f(row.variants[v]!) : "–")).join(" / ");
  const lines = [
    `| Operation | ${[...vs.map((v) => `${v} s`), ...ratios].join(" | ")} | API requests ${names} | ` +
      `lists, GETs, PATCHes ${names} | tokens ${names} | provider peak MiB ${names} | program peak MiB ${names} |`,
    `|---|${[...vs, ...ratios].map(() => "---|").join("")}---|---|---|---|---|`,
  ];
  for (const row of rows) {
    const cell = (v: Variant) => {
      const f = row.variants[v];
      return f ? `${s(f.medianMs)} (${s(f.minMs)})` : "–";
    };
    lines.push(
      `| ${operationLabel(row.operation, o)} | ${[...vs.map(cell), ...ratios.map((n) => x(row.ratios[n]))].join(" | ")} | ` +
        `${each(row, (f) => String(f.apiRequests))} | ${each(row, (f) => `${f.lists}, ${f.gets}, ${f.patches}`)} | ` +
        `${each(row, (f) => String(f.tokenRequests))} | ${each(row, (f) => f.providerPeakMiB.toFixed(0))} | ` +
        `${each(row, (f) => f.programPeakMiB.toFixed(0))} |`,
    );
  }
  lines.push(
    "",
    "CPU seconds by process, median (engine: the `pulumi` process; program; provider), where a difference in wall",
    "time was spent:",
    "",
    `| Operation | ${vs.join(" | ")} |`,
    `|---|${vs.map(() => "---|").join("")}`,
  );
  for (const row of rows) {
    const cpu = (v: Variant) => {
      const c = row.variants[v]?.cpu;
      return c ? `${c.engine.toFixed(1)} / ${c.program.toFixed(1)} / ${c.provider.toFixed(1)}` : "–";
    };
    lines.push(`| ${operationLabel(row.operation, o)} | ${vs.map(cpu).join(" | ")} |`);
  }
  const bytes = results.stateBytesPerResource[String(size)] ?? {};
  lines.push(
    "",
    "State per tracker (bytes of `pulumi stack export` JSON; F: its one resource's divided by N): " +
      vs.map((v) => `${v} ${bytes[v]?.toFixed(0) ?? "–"}`).join(", ") +
      ".",
    "",
  );
  return lines;
}

/** A targets table under `title`, or nothing when no target was checked. */
function targetTable(title: string, checks: TargetCheck[]): string[] {
  if (checks.length === 0) return [];
  return [
    `## ${title}`,
    "",
    "| Target | Measured | Met |",
    "|---|---|---|",
    ...checks.map((t) => `| ${t.target} | ${t.measured} | ${t.met ? "yes" : "**no**"} |`),
    "",
  ];
}

/** The results as Markdown: variants, one table per size, growth, targets, machine. */
export function markdown(results: BenchResults): string {
  const o = results.options;
  const sizes = [...new Set(results.rows.map((r) => r.size))];
  const ran = ALL_VARIANTS.filter((v) => results.rows.some((r) => r.variants[v]));
  const lines = [
    "# Benchmark results",
    "",
    `Written by \`npm run bench\` on ${results.date}. The real \`pulumi\` CLI and its Node.js language host on`,
    `on-disk TypeScript projects (\`PULUMI_NODEJS_TRANSPILE_ONLY=true\` for all), against the emulator on`,
    `127.0.0.1 with ${o.latencyMs} ms latency per answer; ${o.pairs} interleaved round(s) per size (${ran.join(", ")}`,
    "in a rotating order, each on a fresh stack and a fresh emulator). Ratios are the median (range) of per-round",
    "ratios. Times are median (min) in seconds; request counts and peak RSS are medians.",
    "",
    ...ran.map((v) => `- **${v}**: ${VARIANTS[v].title}`),
    "",
  ];
  for (const size of sizes) lines.push(`## N = ${size}`, "", ...sizeTable(results, size));
  const refresh = results.rows.filter((r) => r.operation === "refresh");
  if (refresh.length > 1) {
    lines.push(
      `## Growth: \`preview --refresh\`, ms per tracker (${ran.join(" / ")})`,
      "",
      "| N | ms per tracker |",
      "|---|---|",
    );
    for (const r of refresh)
      lines.push(`| ${r.size} | ${ran.map((v) => r.variants[v]?.msPerTracker.toFixed(1) ?? "–").join(" / ")} |`);
    lines.push("");
  }
  lines.push(...targetTable("Targets (issue 9)", results.targets));
  lines.push(...targetTable("Targets (issue 19: DeviceFleet)", results.fleetTargets ?? []));
  lines.push(...targetTable("Targets (issue 17: the hapn plugin)", results.pluginTargets ?? []));
  const m = results.machine;
  lines.push(
    "## Machine and versions",
    "",
    `${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.os}; shared with other jobs while it ran, which is why`,
    "only side-by-side ratios are compared. " +
      Object.entries(results.versions)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ") +
      ".",
    "",
    `Rerun: \`${rerunCommand(o)}\` (\`--help\` for all flags).`,
    "",
  );
  return lines.join("\n");
}

/** Writes results.json and RESULTS.md into `dir`. */
export function writeResults(dir: string, results: BenchResults): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "results.json"), JSON.stringify(results, null, 2) + "\n");
  fs.writeFileSync(path.join(dir, "RESULTS.md"), markdown(results));
}
