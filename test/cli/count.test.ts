import { count } from "../../cli/count";

describe("count", () => {
  it("uses the singular for one only", () => {
    expect([0, 1, 2].map((n) => count(n, "boundary", "boundaries"))).toEqual([
      "0 boundaries",
      "1 boundary",
      "2 boundaries",
    ]);
    expect(count(1, "field")).toBe("1 field");
    expect(count(3, "field")).toBe("3 fields");
  });
});
