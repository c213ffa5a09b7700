/**
 * What the package and the repository point at exists. The published package (dist/ from provider/ and
 * emulator/, whose comments reach the shipped .d.ts files, plus README.md and docs/) must not name files outside
 * it, such as research notes that live beside the repository; and every relative Markdown link in the repository
 * must lead to a file that is there.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "..");

/** Files below `dir` (relative to the repo) whose names match `pattern`. */
function filesUnder(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(REPO, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) {
        if (!["node_modules", "dist", ".git"].includes(entry.name)) walk(child);
      } else if (pattern.test(entry.name)) out.push(child);
    }
  };
  walk(dir);
  return out;
}

const shipped = [
  ...filesUnder("provider", /\.ts$/),
  ...filesUnder("emulator", /\.ts$/),
  ...filesUnder("docs", /\.md$/),
  "README.md",
  "CHANGELOG.md",
];

const markdown = [...filesUnder(".", /\.md$/)];

describe("references", () => {
  it.each(shipped)("%s names no file outside the package", (file) => {
    const text = fs.readFileSync(path.join(REPO, file), "utf8");
    expect(text).not.toMatch(/\.\.\/shared\b/);
    // The research notes ship as docs/hapn-api-notes.md; the unshipped original is never cited.
    expect(text.replace(/hapn-api-notes\.md/g, "")).not.toMatch(/hapn-api\.md/);
  });

  it.each(markdown)("every relative link in %s leads to a file in the repository", (file) => {
    const text = fs.readFileSync(path.join(REPO, file), "utf8");
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^(https?:|mailto:|#)/.test(target)) continue;
      const resolved = path.resolve(path.dirname(path.join(REPO, file)), target.split("#")[0]);
      expect({ link: target, exists: fs.existsSync(resolved) }).toEqual({ link: target, exists: true });
    }
  });
});
