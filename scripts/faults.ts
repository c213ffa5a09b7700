/**
 * `npm run faults`: the fault matrix (scripts/lib/faults/cases.ts) under the real `pulumi` binary and its Node.js
 * language host, the example fleet project (for the `-plugin` cases, its variant on the `hapn` provider plugin)
 * against the emulator, N trackers per case (default 200). Prints a table and writes it into docs/reliability.md.
 * Exits 1 if any case failed.
 *
 *   npm run faults                       # every case, N = 200
 *   npm run faults -- --n 20 --case 5xx --case quota --no-write
 *   npm run faults -- --case kill-engine-plugin --no-write   # on the `hapn` provider plugin
 *   HAPN_FAULTS_N=50 npm run faults
 */
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { FAULT_CASES } from "./lib/faults/cases";
import { createFleetProject } from "./lib/faults/fleet-project";
import { createPluginFleetProject } from "./lib/faults/plugin-fleet-project";
import { ensureFreshBuild } from "./lib/fresh-build";
import { markdownTable, textTable, writeResults } from "./lib/faults/report";
import { runCase, type CaseResult } from "./lib/faults/run-case";
import { PulumiSandbox } from "./lib/pulumi-sandbox";

const REPORT = path.resolve(__dirname, "..", "docs", "reliability.md");

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      n: { type: "string", default: process.env.HAPN_FAULTS_N ?? "200" },
      case: { type: "string", multiple: true },
      "no-write": { type: "boolean", default: false },
    },
  });
  const n = Number(values.n);
  if (!Number.isInteger(n) || n < 4 || n > 1000)
    throw new Error(`--n must be an integer from 4 to 1000 (got ${values.n})`);
  const unknown = (values.case ?? []).filter((id) => !FAULT_CASES.some((c) => c.id === id));
  if (unknown.length > 0) {
    throw new Error(`unknown case(s) ${unknown.join(", ")}; known: ${FAULT_CASES.map((c) => c.id).join(", ")}`);
  }
  const cases = values.case ? FAULT_CASES.filter((c) => values.case!.includes(c.id)) : FAULT_CASES;
  await ensureFreshBuild(path.resolve(__dirname, ".."));
  const sandbox = PulumiSandbox.create("hapn-faults-");
  const results: CaseResult[] = [];
  try {
    const projectDir = createFleetProject(sandbox.dir);
    // The plugin variant compiles the generated SDK into its project: only when a case runs on it.
    const pluginProjectDir = cases.some((c) => c.program === "plugin")
      ? createPluginFleetProject(sandbox.dir)
      : undefined;
    for (const c of cases) {
      console.log(`[faults] ${c.id}: ${c.title} (N = ${n})`);
      const result = await runCase(c, { sandbox, projectDir, pluginProjectDir, n });
      results.push(result);
      console.log(`[faults] ${c.id}: ${result.ok ? "pass" : "FAIL"} in ${result.seconds.toFixed(0)} s`);
      for (const p of result.problems) console.log(`         ${p.replace(/\n/g, "\n         ")}`);
    }
  } finally {
    sandbox.dispose();
  }
  console.log(`\n${textTable(results)}\n`);
  if (!values["no-write"]) {
    const how = `\`npm run faults\` with N = ${n}, ${os.cpus().length} cores, pulumi under scripts/toolchain.sh`;
    writeResults(REPORT, markdownTable(results, new Date(), how));
    console.log(`[faults] results written to ${path.relative(process.cwd(), REPORT)}`);
  }
  return results.every((r) => r.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`faults: FAILED: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
