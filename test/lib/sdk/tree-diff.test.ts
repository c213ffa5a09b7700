import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { filesBelow, treeDifferences } from "../../../scripts/lib/sdk/tree-diff";

describe("treeDifferences", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-tree-diff-"));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  /** A folder holding `files` (path → text). */
  function tree(name: string, files: Record<string, string>): string {
    const dir = path.join(root, name);
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    return dir;
  }

  it("is empty for two folders with the same files", () => {
    const files = { "a.ts": "a", "types/b.ts": "b", ".gitignore": "bin/" };
    expect(treeDifferences(tree("same-1", files), tree("same-2", files))).toEqual([]);
  });

  it("names each missing, extra and differing file, by path, in order", () => {
    const expected = tree("want", { "a.ts": "a", "types/b.ts": "b", "c.ts": "c" });
    const actual = tree("have", { "a.ts": "a", "types/b.ts": "B", "d.ts": "d" });
    expect(treeDifferences(expected, actual)).toEqual(["missing c.ts", "extra d.ts", "differs types/b.ts"]);
  });

  it("lists the files below a folder with / separators, and none for a folder that is not there", () => {
    expect(filesBelow(tree("list", { "x/y/z.go": "", "w.go": "" }))).toEqual(["w.go", "x/y/z.go"]);
    expect(filesBelow(path.join(root, "absent"))).toEqual([]);
  });
});
