import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseBenchOptions } from "../../bench/options";
import { writeResults } from "../../bench/report";
import { runBench } from "../../bench/run";

/**
 * `npm run bench -- --quick` end to end, so the bench cannot rot: every variant (the DeviceFleet F included) and
 * operation runs under the real CLI, the counters, process peaks and state sizes are filled in, and both result files are written.
 */
describe("npm run bench --quick", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-bench-test-"));
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it("measures A, B, C and F through up, both drift checks and a no-op up, and writes the results", async () => {
    const options = parseBenchOptions(["--quick", "--out", out]);
    const results = await runBench(options, () => undefined);
    expect(results.rows.map((r) => r.operation)).toEqual(["up", "refresh", "refreshFinal", "noop"]);
    for (const row of results.rows) {
      expect(Object.keys(row.variants)).toEqual(["A", "B", "C", "F"]);
      expect(row.ratios["A/B"]?.median).toBeGreaterThan(0);
      expect(row.ratios["F/A"]?.median).toBeGreaterThan(0);
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

    writeResults(out, results);
    expect(fs.readFileSync(path.join(out, "RESULTS.md"), "utf8")).toContain("| `pulumi up` from empty |");
    expect(fs.readFileSync(path.join(out, "RESULTS.md"), "utf8")).toContain("## Targets (issue 19: DeviceFleet)");
    expect(JSON.parse(fs.readFileSync(path.join(out, "results.json"), "utf8")).samples).toHaveLength(16);
  });
});
