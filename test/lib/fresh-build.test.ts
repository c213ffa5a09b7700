import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ensureFreshBuild, isBuildStale } from "../../scripts/lib/fresh-build";

/** A package whose build writes dist/provider/index.js and counts how often it ran. */
function fakeRepo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-build-"));
  fs.mkdirSync(path.join(dir, "provider"));
  fs.writeFileSync(path.join(dir, "provider", "index.ts"), "export const x = 1;\n");
  const build =
    "node -e \"const fs=require('fs');fs.mkdirSync('dist/provider',{recursive:true});" +
    "fs.writeFileSync('dist/provider/index.js','');fs.appendFileSync('builds','x')\"";
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "fake", scripts: { build } }));
  return dir;
}

describe("ensureFreshBuild", () => {
  it("builds a missing or stale dist once, even when called twice at the same time", async () => {
    const repo = fakeRepo();
    expect(isBuildStale(repo)).toBe(true);
    await Promise.all([ensureFreshBuild(repo), ensureFreshBuild(repo)]);
    expect(fs.readFileSync(path.join(repo, "builds"), "utf8")).toBe("x");
    expect(isBuildStale(repo)).toBe(false);

    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(path.join(repo, "provider", "index.ts"), later, later);
    expect(isBuildStale(repo)).toBe(true);
    await ensureFreshBuild(repo);
    expect(fs.readFileSync(path.join(repo, "builds"), "utf8")).toBe("xx");
    expect(fs.existsSync(path.join(repo, ".build.lock"))).toBe(false);
    fs.rmSync(repo, { recursive: true, force: true });
  });
});
