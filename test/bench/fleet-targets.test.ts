import { apiFloorMs, checkFleetTargets } from "../../bench/fleet-targets";
import { summarize } from "../../bench/summary";
import { benchSample } from "../support/bench-samples";

/** F at N = 10,000: `up` from empty, the drift check and a no-op `up`, as the targets want them. */
function fleetAt10k(over: { upMs?: number; driftGets?: number; programPeak?: number } = {}) {
  const usage = (program: number) => ({
    peaks: { provider: 300, program },
    cpu: { engine: 1, program: 1, provider: 1 },
  });
  return summarize([
    benchSample("F", 10000, "up", {
      wallMs: over.upMs ?? 70_000,
      apiRequests: 10_010,
      tokenRequests: 1,
      lists: 10,
      patches: 10_000,
      usage: usage(over.programPeak ?? 400),
    }),
    benchSample("F", 10000, "refresh", {
      wallMs: 9_000,
      apiRequests: 10 + (over.driftGets ?? 0),
      tokenRequests: 1,
      lists: 10,
      gets: over.driftGets ?? 0,
      usage: usage(350),
    }),
    benchSample("F", 10000, "noop", { wallMs: 8_000, usage: usage(350) }),
  ]);
}

const met = (checks: { target: string; met: boolean }[]) => Object.fromEntries(checks.map((c) => [c.target, c.met]));

describe("fleet targets (issue 19)", () => {
  it("takes the API floor of an up from the client's concurrency: 10,000 writes × 50 ms / 8", () => {
    expect(apiFloorMs(10_000, 50)).toBe(62_500);
    expect(apiFloorMs(1000, 50, 16)).toBe(3125);
  });

  it("meets every target at N = 10,000 when the figures are within them", () => {
    const checks = checkFleetTargets(fleetAt10k(), { "10000": { F: 250 } }, { fastUp: false, latencyMs: 50 });
    expect(checks.map((c) => [c.target, c.measured, c.met])).toEqual([
      ["F drift check, N=10000: requests ≤ ⌈N/1000⌉ + 1", "11", true],
      ["F drift check, N=10000: < 15 s", "9.0 s", true],
      ["F `up` from empty, N=10000: N writes + ≤ ⌈N/1000⌉ + 1 other requests", "10000 writes + 11", true],
      ["F `up` from empty, N=10000: ≤ 1.2 × API floor (N × 50 ms / 8 = 62.5 s)", "70.0 s (1.12×)", true],
      ["F no-op `up`, N=10000: < 15 s", "8.0 s", true],
      ["F state, N=10000: ≤ 300 bytes per tracker", "250", true],
      ["F program peak RSS, N=10000: ≤ 500 MiB", "400 MiB", true],
      ["F provider peak RSS, N=10000: ≤ 500 MiB", "300 MiB", true],
    ]);
  });

  it("says which target a slow up, an extra GET, a large state or a large program missed", () => {
    const checks = checkFleetTargets(
      fleetAt10k({ upMs: 80_000, driftGets: 1, programPeak: 600 }),
      { "10000": { F: 320 } },
      { fastUp: false, latencyMs: 50 },
    );
    expect(checks.filter((c) => !c.met).map((c) => c.target)).toEqual([
      "F drift check, N=10000: requests ≤ ⌈N/1000⌉ + 1",
      "F `up` from empty, N=10000: ≤ 1.2 × API floor (N × 50 ms / 8 = 62.5 s)",
      "F state, N=10000: ≤ 300 bytes per tracker",
      "F program peak RSS, N=10000: ≤ 500 MiB",
    ]);
  });

  it("checks times at N = 10,000 only, and no up time after --fast-up", () => {
    const small = summarize([benchSample("F", 20, "refresh", { wallMs: 60_000, apiRequests: 1, tokenRequests: 1 })]);
    expect(met(checkFleetTargets(small, {}, { fastUp: false, latencyMs: 50 }))).toEqual({
      "F drift check, N=20: requests ≤ ⌈N/1000⌉ + 1": true,
      "F program peak RSS, N=20: ≤ 500 MiB": true,
      "F provider peak RSS, N=20: ≤ 500 MiB": true,
    });
    const fast = checkFleetTargets(fleetAt10k({ upMs: 200_000 }), {}, { fastUp: true, latencyMs: 50 });
    expect(fast.some((c) => c.target.includes("API floor"))).toBe(false);
    // Variants other than F are not the fleet's targets.
    expect(
      checkFleetTargets(summarize([benchSample("A", 1000, "refresh")]), {}, { fastUp: false, latencyMs: 50 }),
    ).toEqual([]);
  });
});
