/**
 * Writes the bench's figures: bench/results.json (every sample, the summary rows, machine and versions) and
 * bench/RESULTS.md (the same numbers as tables), and prints the tables.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type BenchOptions, operationLabel, type Variant } from "./options";
import { VARIANTS } from "./programs";
import type { Sample } from "./round";
import type { Row } from "./summary";
import type { TargetCheck } from "./targets";

/** Everything one bench run found, as results.json holds it. */
export interface BenchResults {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; os: string };
  versions: Record<string, string>;
  options: Omit<BenchOptions, "outDir" | "keep">;
  /** Mean bytes of one tracker resource in the exported state, per size and variant. */
  stateBytesPerResource: Record<string, Partial<Record<Variant, number>>>;
  rows: Row[];
  targets: TargetCheck[];
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
const each = (row: Row, f: (v: NonNullable<Row["variants"]["A"]>) => string) =>
  (["A", "B", "C"] as Variant[]).map((v) => (row.variants[v] ? f(row.variants[v]!) : "–")).join(" / ");

/** The command that reruns a bench with `options`. */
export function rerunCommand(options: BenchResults["options"]): string {
  const flags = [
    `--sizes ${options.sizes.join(",")}`,
    `--pairs ${options.pairs}`,
    `--latency ${options.latencyMs}`,
    ...(options.variants.join(",") === "A,B,C" ? [] : [`--variants ${options.variants.join(",")}`]),
    ...(options.fastUp ? ["--fast-up"] : []),
  ];
  return `npm run bench -- ${flags.join(" ")}`;
}

/** The results as Markdown: variants, one table per size, state size, targets, machine. */
export function markdown(results: BenchResults): string {
  const o = results.options;
  const lines = [
    "# Benchmark results",
    "",
    `Written by \`npm run bench\` on ${results.date}. The real \`pulumi\` CLI and its Node.js language host on`,
    `on-disk TypeScript projects (\`PULUMI_NODEJS_TRANSPILE_ONLY=true\` for all), against the emulator on`,
    `127.0.0.1 with ${o.latencyMs} ms latency per answer; ${o.pairs} interleaved round(s) per size (A, B, C in a`,
    "rotating order, each on a fresh stack and a fresh emulator). Ratios are the median (range) of per-round ratios.",
    "Times are median (min) in seconds; request counts and peak RSS are medians.",
    "",
    ...(["A", "B", "C"] as Variant[]).map((v) => `- **${v}**: ${VARIANTS[v].title}`),
    "",
  ];
  for (const size of o.sizes.filter((n) => results.rows.some((r) => r.size === n))) {
    lines.push(`## N = ${size}`, "");
    lines.push(
      "| Operation | A s | B s | C s | A/B | A/C | API requests A / B / C | A: lists, GETs, PATCHes | tokens A / B / C | provider peak MiB A / B / C | program peak MiB A / B / C |",
      "|---|---|---|---|---|---|---|---|---|---|---|",
    );
    for (const row of results.rows.filter((r) => r.size === size)) {
      const a = row.variants.A;
      const cell = (v: Variant) => {
        const f = row.variants[v];
        return f ? `${s(f.medianMs)} (${s(f.minMs)})` : "–";
      };
      lines.push(
        `| ${operationLabel(row.operation, o)} | ${cell("A")} | ${cell("B")} | ${cell("C")} | ${x(row.ratios["A/B"])} | ` +
          `${x(row.ratios["A/C"])} | ${each(row, (f) => String(f.apiRequests))} | ` +
          `${a ? `${a.lists}, ${a.gets}, ${a.patches}` : "–"} | ${each(row, (f) => String(f.tokenRequests))} | ` +
          `${each(row, (f) => f.providerPeakMiB.toFixed(0))} | ${each(row, (f) => f.programPeakMiB.toFixed(0))} |`,
      );
    }
    lines.push(
      "",
      "CPU seconds by process, median (engine: the `pulumi` process; program; provider), where a difference in wall",
      "time was spent:",
      "",
      "| Operation | A | B | C |",
      "|---|---|---|---|",
    );
    for (const row of results.rows.filter((r) => r.size === size)) {
      const cpu = (v: Variant) => {
        const c = row.variants[v]?.cpu;
        return c ? `${c.engine.toFixed(1)} / ${c.program.toFixed(1)} / ${c.provider.toFixed(1)}` : "–";
      };
      lines.push(`| ${operationLabel(row.operation, o)} | ${cpu("A")} | ${cpu("B")} | ${cpu("C")} |`);
    }
    const bytes = results.stateBytesPerResource[String(size)] ?? {};
    lines.push(
      "",
      `State per resource (bytes of \`pulumi stack export\` JSON): ` +
        (["A", "B", "C"] as Variant[]).map((v) => `${v} ${bytes[v]?.toFixed(0) ?? "–"}`).join(", ") +
        ".",
      "",
    );
  }
  const refresh = results.rows.filter((r) => r.operation === "refresh" && r.variants.A);
  if (refresh.length > 1) {
    lines.push("## Growth: `preview --refresh`, ms per tracker (A / B / C)", "", "| N | ms per tracker |", "|---|---|");
    for (const r of refresh) lines.push(`| ${r.size} | ${each(r, (f) => f.msPerTracker.toFixed(1))} |`);
    lines.push("");
  }
  if (results.targets.length > 0) {
    lines.push("## Targets (issue 9)", "", "| Target | Measured | Met |", "|---|---|---|");
    for (const t of results.targets) lines.push(`| ${t.target} | ${t.measured} | ${t.met ? "yes" : "**no**"} |`);
    lines.push("");
  }
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
