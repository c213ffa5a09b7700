import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseBenchOptions } from "../../bench/options";
import { writeResults } from "../../bench/report";
import { runBench } from "../../bench/run";

/**
 * `npm run bench -- --quick` end to end, so the bench cannot rot: every variant (the DeviceFleet F and the plugin's
 * Device P included) and
 * operation runs under the real CLI, the counters, process peaks and state sizes are filled in, and both result files are written.
 */
describe("npm run bench --quick", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-bench-test-"));
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it("measures A, B, C, F and P through up, both drift checks and a no-op up, and writes the results", async () => {
    const options = parseBenchOptions(["--quick", "--out", out]);
    const results = await runBench(options, () => undefined);
    expect(results.rows.map((r) => r.operation)).toEqual(["up", "refresh", "refreshFinal", "noop"]);
    for (const row of results.rows) {
      expect(Object.keys(row.variants)).toEqual(["A", "B", "C", "F", "P"]);
      expect(row.ratios["A/B"]?.median).toBeGreaterThan(0);
      expect(row.ratios["F/A"]?.median).toBeGreaterThan(0);
      expect(row.ratios["P/A"]?.median).toBeGreaterThan(0);
      for (const f of Object.values(row.variants)) {
        expect(f.medianMs).toBeGreaterThan(0);
        expect(f.programPeakMiB).toBeGreaterThan(0);
        // Every command runs the engine and a program; CPU time is counted for each.
        expect(f.cpu.engine).toBeGreaterThan(0);
        expect(f.cpu.program).toBeGreaterThan(0);
      }
    }
    const [up, refresh, refreshFinal] = results.rows;
    // The provider processes were found: the docs-style one spends a token and a GET per tracker.
    expect(refresh.variants.C).toMatchObject({ gets: 20, tokenRequests: 20 });
    expect(refreshFinal.variants.C).toMatchObject({ gets: 20, tokenRequests: 20 });
    expect(refreshFinal.variants.A).toMatchObject({ apiRequests: 1, tokenRequests: 1 });
    expect(refresh.variants.A?.providerPeakMiB).toBeGreaterThan(0);
    expect(up.variants.A?.patches).toBe(20);
    expect(results.stateBytesPerResource["20"].A).toBeGreaterThan(0);
    // The fleet sets the same labels as A: the same writes, one listing for its drift check, its one resource's
    // state spread over its trackers, and its targets checked.
    expect(up.variants.F).toMatchObject({ patches: 20, lists: 1, tokenRequests: 1 });
    expect(refresh.variants.F).toMatchObject({ apiRequests: 1, tokenRequests: 1, gets: 0 });
    expect(results.stateBytesPerResource["20"].F).toBeGreaterThan(0);
    expect(results.stateBytesPerResource["20"].F).toBeLessThan(results.stateBytesPerResource["20"].A!);
    expect(results.fleetTargets.length).toBeGreaterThan(0);
    expect(results.fleetTargets.filter((t) => !t.met)).toEqual([]);
    // The plugin's Devices went through the generated SDK and plugin/: the same writes as A, its own resource type
    // in state (stateBytesPerTracker found 20 hapn:index:Device resources), a provider process measured, a drift
    // check that writes nothing, and the drift-check ratio checked (met or not: one quick round says little).
    expect(up.variants.P).toMatchObject({ patches: 20 });
    expect(refresh.variants.P).toMatchObject({ patches: 0 });
    expect(refresh.variants.P?.providerPeakMiB).toBeGreaterThan(0);
    expect(results.stateBytesPerResource["20"].P).toBeGreaterThan(0);
    expect(results.pluginTargets?.map((t) => t.target)).toEqual([
      "drift check, N=20: P/A ≤ 1.00",
      "drift check with PULUMI_SKIP_CHECKPOINTS, N=20: P/A ≤ 1.00",
    ]);

    writeResults(out, results);
    expect(fs.readFileSync(path.join(out, "RESULTS.md"), "utf8")).toContain("| `pulumi up` from empty |");
    expect(fs.readFileSync(path.join(out, "RESULTS.md"), "utf8")).toContain("## Targets (issue 19: DeviceFleet)");
    expect(fs.readFileSync(path.join(out, "RESULTS.md"), "utf8")).toContain("## Targets (issue 17: the hapn plugin)");
    expect(JSON.parse(fs.readFileSync(path.join(out, "results.json"), "utf8")).samples).toHaveLength(20);
  });
});
