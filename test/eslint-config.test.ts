/**
 * The lint rule that keeps the emulator a model of Hapn rather than of this provider: from provider/ it may import
 * the API model (provider/api-model) and nothing else. ESLint runs as the CLI does, on text given for a real
 * emulator file, so the test sees what `npm run lint` would say.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "..");
const FILE = "emulator/fleet.ts";

/** The ids of the rules ESLint reports for `text` linted as if it were `FILE`. */
function rulesBroken(text: string): string[] {
  let out: string;
  try {
    out = execFileSync(
      process.execPath,
      [
        path.join(REPO, "node_modules", "eslint", "bin", "eslint.js"),
        "--format",
        "json",
        "--stdin",
        "--stdin-filename",
        FILE,
      ],
      { cwd: REPO, input: text, encoding: "utf8" },
    );
  } catch (error) {
    out = (error as { stdout: string }).stdout; // exit code 1: problems found
  }
  const [result] = JSON.parse(out) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>;
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe("eslint.config.mjs: the emulator's imports", () => {
  const source = fs.readFileSync(path.join(REPO, FILE), "utf8");

  it("lets the emulator import the API model", () => {
    expect(source).toMatch(/from "\.\.\/provider\/api-model"/);
    expect(rulesBroken(source)).toEqual([]);
  }, 60_000);

  it.each(["../provider/client", "../provider"])(
    "fails on an import of %s",
    (specifier) => {
      const bad = `import * as other from "${specifier}";\nexport const used = other;\n${source}`;
      expect(rulesBroken(bad)).toEqual([
        expect.stringMatching(/^no-restricted-imports: .*nothing from provider\/ but the API model/),
      ]);
    },
    60_000,
  );
});
