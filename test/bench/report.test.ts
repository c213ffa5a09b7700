import { parseBenchOptions } from "../../bench/options";
import { rerunCommand } from "../../bench/report";

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
  });
});
