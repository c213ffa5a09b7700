import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EXIT, hapnDrift } from "../../../cli/drift/main";
import { loadPreview } from "../../../cli/drift/run-preview";

const FIXTURES = path.join(__dirname, "fixtures");

describe("hapn-drift with a saved preview", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-drift-"));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const run = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
    let out = "";
    let err = "";
    const code = await hapnDrift(args, { out: (t) => void (out += t), err: (t) => void (err += t), env });
    return { code, out, err };
  };

  it("exits 0 and says so when there is no drift", async () => {
    const r = await run(["--from", path.join(FIXTURES, "preview-clean.json")]);
    expect(r).toMatchObject({ code: EXIT.clean, out: "No drift: Hapn matches the program.\n" });
  });

  it("exits 2 with the table, and writes the same report as Markdown, to the step summary and as JSON", async () => {
    const summary = path.join(tmp, "summary.md");
    fs.writeFileSync(summary, "earlier step\n");
    const markdown = path.join(tmp, "drift.md");
    const json = path.join(tmp, "drift.json");
    const r = await run(["--from", path.join(FIXTURES, "preview-drift.json"), "--markdown", markdown, "--json", json], {
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(r.code).toBe(EXIT.drift);
    expect(r.out).toMatch(/van\s+Device\s+862785041422448\s+name\s+"Van"\s+"Hand"/);
    expect(r.out).toMatch(/yard\s+Boundary\s+\d+\s+geometry/);
    expect(fs.readFileSync(markdown, "utf8")).toContain('| van | Device | 862785041422448 | name | "Van" | "Hand" |');
    expect(fs.readFileSync(summary, "utf8")).toBe("earlier step\n" + fs.readFileSync(markdown, "utf8"));
    const report = JSON.parse(fs.readFileSync(json, "utf8"));
    expect(report.drift).toBe(true);
    expect(report.resources.map((x: { name: string }) => x.name)).toEqual(["yard", "van"]);
  });

  it("exits 1 when the preview failed, with its error", async () => {
    const r = await run(["--from", path.join(FIXTURES, "preview-broken.json")]);
    expect(r.code).toBe(EXIT.error);
    expect(r.err).toMatch(/the preview failed, so drift is unknown:\n.*Hapn rejected the client credentials/);
  });

  it("exits 1 for input that is not preview JSON or an unknown flag; a missing pulumi is an error", async () => {
    const bad = path.join(tmp, "bad.json");
    fs.writeFileSync(bad, "Previewing update (dev):");
    expect(await run(["--from", bad])).toMatchObject({
      code: EXIT.error,
      err: expect.stringMatching(/is not the JSON of `pulumi preview --json`/),
    });
    expect(await run(["--colour"])).toMatchObject({
      code: EXIT.error,
      err: expect.stringMatching(/Unknown option '--colour'/),
    });
    // A pulumi that cannot be started (not installed): the loader says so, and hapn-drift exits 1 with it.
    await expect(loadPreview({ stack: "dev", cwd: tmp, pulumi: path.join(tmp, "no-pulumi-here") })).rejects.toThrow(
      /could not run pulumi: .*is the Pulumi CLI on PATH\?/,
    );
  });

  it("runs the preview with checkpoints skipped, unless the caller's environment chose otherwise", async () => {
    // A stand-in for the CLI that answers with what it was given, as a preview document.
    const fake = path.join(tmp, "fake-pulumi");
    fs.writeFileSync(
      fake,
      `#!${process.execPath}\nconsole.log(JSON.stringify({ args: process.argv.slice(2), skip: process.env.PULUMI_SKIP_CHECKPOINTS ?? null, path: process.env.PATH ?? null }));\n`,
    );
    fs.chmodSync(fake, 0o755);
    const seen = (env: NodeJS.ProcessEnv) =>
      loadPreview({ stack: "dev", cwd: tmp, pulumi: fake, env }) as unknown as Promise<Record<string, unknown>>;
    expect(await seen({ PATH: "/usr/bin" })).toEqual({
      args: ["preview", "--refresh", "--run-program", "--json", "--non-interactive", "--stack", "dev"],
      skip: "true",
      path: "/usr/bin",
    });
    expect(await seen({ PULUMI_SKIP_CHECKPOINTS: "false" })).toMatchObject({ skip: "false" });
  });
});
