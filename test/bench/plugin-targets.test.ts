import { checkPluginTargets } from "../../bench/plugin-targets";
import { summarize } from "../../bench/summary";
import { benchSample } from "../support/bench-samples";

describe("the plugin's drift-check target (issue 17)", () => {
  it("checks P/A of both drift checks at every size, met when the plugin is no slower", () => {
    const rows = summarize([
      benchSample("A", 100, "refresh", { wallMs: 5000 }),
      benchSample("P", 100, "refresh", { wallMs: 4000 }),
      benchSample("A", 100, "refreshFinal", { wallMs: 4000 }),
      benchSample("P", 100, "refreshFinal", { wallMs: 4400 }),
      benchSample("A", 100, "up", { wallMs: 9000 }),
      benchSample("P", 100, "up", { wallMs: 9900 }),
    ]);
    expect(checkPluginTargets(rows)).toEqual([
      { target: "drift check, N=100: P/A ≤ 1.00", measured: "0.80 (0.80–0.80)", met: true },
      {
        target: "drift check with PULUMI_SKIP_CHECKPOINTS, N=100: P/A ≤ 1.00",
        measured: "1.10 (1.10–1.10)",
        met: false,
      },
    ]);
  });

  it("checks nothing where the plugin did not run", () => {
    expect(checkPluginTargets(summarize([benchSample("A", 1000, "refresh")]))).toEqual([]);
  });
});
