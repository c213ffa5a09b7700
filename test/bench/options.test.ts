import { operationEnv, operationLabel, parseBenchOptions, sizePlan } from "../../bench/options";

describe("bench options", () => {
  it("runs the second drift check, and with --fast-up every up, with PULUMI_SKIP_CHECKPOINTS", () => {
    const normal = parseBenchOptions([]);
    const fast = parseBenchOptions(["--fast-up"]);
    expect(normal.fastUp).toBe(false);
    expect(fast.fastUp).toBe(true);
    expect(parseBenchOptions([], { BENCH_FAST_UP: "true" }).fastUp).toBe(true);

    expect(operationEnv("refresh", normal)).toEqual({});
    expect(operationEnv("refreshFinal", normal)).toEqual({ PULUMI_SKIP_CHECKPOINTS: "true" });
    expect(operationEnv("up", normal)).toEqual({});
    expect(operationEnv("noop", normal)).toEqual({});
    expect(operationEnv("up", fast)).toEqual({ PULUMI_SKIP_CHECKPOINTS: "true" });
    expect(operationEnv("noop", fast)).toEqual({ PULUMI_SKIP_CHECKPOINTS: "true" });
    expect(operationEnv("refresh", fast)).toEqual({});

    // The results say which `up`s ran without checkpoints.
    expect(operationLabel("up", normal)).not.toContain("PULUMI_SKIP_CHECKPOINTS");
    expect(operationLabel("up", fast)).toContain("PULUMI_SKIP_CHECKPOINTS=true");
  });

  it("rejects a bad value naming the flag", () => {
    expect(() => parseBenchOptions(["--sizes", "1000,x"])).toThrow('--sizes must be a non-negative integer, not "x"');
    expect(() => parseBenchOptions(["--variants", "A,D"])).toThrow('--variants: unknown variant "D"');
    expect(() => parseBenchOptions(["--fleet-sizes", "ten"])).toThrow("--fleet-sizes must be a non-negative integer");
    expect(() => parseBenchOptions(["--variants", "A", "--fleet-sizes", "10000"])).toThrow(
      "--fleet-sizes runs only variant F: add it to --variants",
    );
  });

  it("measures the fleet F by default, and alone at --fleet-sizes (Devices at 10,000 would take hours)", () => {
    expect(parseBenchOptions([]).variants).toEqual(["A", "B", "C", "F", "P"]);
    expect(parseBenchOptions(["--quick"]).variants).toContain("F");
    const options = parseBenchOptions(["--sizes", "1000", "--variants", "A,F", "--fleet-sizes", "10000,1000"]);
    expect(sizePlan(options)).toEqual([
      { size: 1000, variants: ["A", "F"] },
      { size: 10000, variants: ["F"] },
    ]);
    expect(parseBenchOptions([], { BENCH_FLEET_SIZES: "10000" }).fleetSizes).toEqual([10000]);
  });
});
