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
  fs.writeFileSync(path.join(dir, "tsconfig.build.json"), JSON.stringify({ include: ["provider", "cli"] }));
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

  it("counts every folder tsconfig.build.json includes, and the tsconfig files themselves, as sources", async () => {
    const repo = fakeRepo();
    await ensureFreshBuild(repo);
    expect(isBuildStale(repo)).toBe(false);
    const later = new Date(Date.now() + 5_000);

    fs.mkdirSync(path.join(repo, "cli"));
    fs.writeFileSync(path.join(repo, "cli", "tool.ts"), "export {};\n");
    fs.utimesSync(path.join(repo, "cli", "tool.ts"), later, later);
    expect(isBuildStale(repo)).toBe(true);
    await ensureFreshBuild(repo);

    const evenLater = new Date(Date.now() + 10_000);
    fs.utimesSync(path.join(repo, "tsconfig.build.json"), evenLater, evenLater);
    expect(isBuildStale(repo)).toBe(true);

    // A folder the build does not include is not a source.
    fs.mkdirSync(path.join(repo, "docs"));
    fs.writeFileSync(path.join(repo, "docs", "note.ts"), "");
    await ensureFreshBuild(repo);
    fs.utimesSync(path.join(repo, "docs", "note.ts"), evenLater, evenLater);
    const earlier = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(repo, "tsconfig.build.json"), earlier, earlier);
    fs.utimesSync(path.join(repo, "cli", "tool.ts"), earlier, earlier);
    expect(isBuildStale(repo)).toBe(false);
    fs.rmSync(repo, { recursive: true, force: true });
  });
});
