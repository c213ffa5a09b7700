import { parseBenchOptions } from "../../bench/options";
import { markdown, rerunCommand } from "../../bench/report";
import { benchResults, benchSample } from "../support/bench-samples";

describe("bench report", () => {
  it("gives the command that reruns the same bench, flags that differ from the defaults included", () => {
    const recorded = (argv: string[]) => {
      const { outDir: _o, keep: _k, ...options } = parseBenchOptions(argv);
      return options;
    };
    expect(rerunCommand(recorded([]))).toBe("npm run bench -- --sizes 100,1000 --pairs 3 --latency 50");
    expect(rerunCommand(recorded(["--sizes", "5000", "--pairs", "1", "--variants", "A,B", "--fast-up"]))).toBe(
      "npm run bench -- --sizes 5000 --pairs 1 --latency 50 --variants A,B --fast-up",
    );
    expect(rerunCommand(recorded(["--sizes", "1000", "--variants", "A,F", "--fleet-sizes", "10000"]))).toBe(
      "npm run bench -- --sizes 1000 --pairs 3 --latency 50 --fleet-sizes 10000 --variants A,F",
    );
  });

  it("shows the fleet beside the Devices where both ran, alone where only it ran, and its targets", () => {
    const results = benchResults(
      [
        benchSample("A", 1000, "refresh", { wallMs: 24_000, apiRequests: 1, lists: 1 }),
        benchSample("F", 1000, "refresh", { wallMs: 6_000, apiRequests: 1, lists: 1 }),
        benchSample("F", 10000, "refresh", { wallMs: 9_000, apiRequests: 10, lists: 10 }),
      ],
      { "1000": { A: 2372, F: 210 }, "10000": { F: 205 } },
    );
    results.fleetTargets = [{ target: "F drift check, N=10000: < 15 s", measured: "9.0 s", met: true }];
    const text = markdown(results);
    expect(text).toContain("| Operation | A s | F s | F/A | API requests A / F |");
    expect(text).toContain("| `pulumi preview --refresh` (drift check) | 24.00 (24.00) | 6.00 (6.00) | **0.25**");
    expect(text).toContain("| Operation | F s | API requests F |");
    expect(text).toContain(
      "State per tracker (bytes of `pulumi stack export` JSON; F: its one resource's divided by N): F 205.",
    );
    expect(text).toContain(
      "## Targets (issue 19: DeviceFleet)\n\n| Target | Measured | Met |\n|---|---|---|\n| F drift check",
    );
    expect(text).toContain("| 10000 | – / 0.9 |");
    expect(text).toContain("--fleet-sizes 10000 --variants A,F");
  });
});
