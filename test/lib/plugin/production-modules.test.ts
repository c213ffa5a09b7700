import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { productionModules } from "../../../scripts/lib/plugin/production-modules";

/** Writes a package folder with these dependencies. */
function pkg(dir: string, manifest: Record<string, unknown>): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest));
}

describe("productionModules", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-modules-"));
  const nm = path.join(root, "node_modules");
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  beforeAll(() => {
    pkg(path.join(nm, "@scope", "lib"), { dependencies: { dep: "^1", nested: "^2" }, devDependencies: { jest: "*" } });
    pkg(path.join(nm, "dep"), { dependencies: { nested: "^1" }, optionalDependencies: { absent: "*" } });
    pkg(path.join(nm, "nested"), {}); // version 1, hoisted
    pkg(path.join(nm, "@scope", "lib", "node_modules", "nested"), {}); // version 2, under its user
    pkg(path.join(nm, "jest"), {});
    pkg(path.join(nm, "unrelated"), {});
  });

  it("follows dependencies the way Node resolves them, and leaves dev dependencies and the rest out", () => {
    expect(productionModules(root, ["@scope/lib"])).toEqual([
      "node_modules/@scope/lib",
      "node_modules/@scope/lib/node_modules/nested",
      "node_modules/dep",
      "node_modules/nested",
    ]);
  });

  it("names a missing required package and who needs it", () => {
    pkg(path.join(nm, "broken"), { dependencies: { gone: "*" } });
    expect(() => productionModules(root, ["broken"])).toThrow(/gone \(needed by broken\) is not installed/);
  });
});
