import { operationEnv, operationLabel, parseBenchOptions } from "../../bench/options";

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
  });
});
