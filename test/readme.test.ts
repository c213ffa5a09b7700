/**
 * README.md's recipes are run by the end-to-end suite (and the demo) exactly as written. This keeps the list of
 * recipes, README.md and the runners in step: a new recipe block nobody runs, or a recipe a runner asks for that
 * README.md lost, fails here in seconds rather than in a long e2e run.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { README_RECIPES, readmeBlock, readmeBlocks } from "../scripts/lib/readme-blocks";

const REPO = path.resolve(__dirname, "..");
const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");

/** Every source that runs recipes: the e2e tests and the demo. */
function runnerSources(): string {
  const e2e = path.join(REPO, "test", "e2e");
  const files = fs.readdirSync(e2e).filter((f) => f.endsWith(".test.ts"));
  return [...files.map((f) => path.join(e2e, f)), path.join(REPO, "scripts", "demo.ts")]
    .map((f) => fs.readFileSync(f, "utf8"))
    .join("\n");
}

describe("README recipes", () => {
  it("are exactly the recipes the suite knows", () => {
    expect(Object.keys(readmeBlocks(readme)).sort()).toEqual(Object.values(README_RECIPES).sort());
  });

  it.each(Object.entries(README_RECIPES))("%s is run by an e2e test or the demo", (key) => {
    expect(runnerSources()).toContain(`README_RECIPES.${key}`);
  });

  it("are read from the fenced block right after the marker, and a missing one is an error", () => {
    const md = "text\n<!-- recipe: a -->\n```sh\necho one\necho two\n```\n\n<!-- recipe: b -->\n```ts\nx;\n```\n";
    expect(readmeBlocks(md)).toEqual({ a: "echo one\necho two\n", b: "x;\n" });
    expect(() => readmeBlock("c", md)).toThrow(/no recipe "c"/);
    expect(() => readmeBlocks(`${md}${md}`)).toThrow(/two recipes named "a"/);
  });
});
