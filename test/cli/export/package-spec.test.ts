import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pulumiHapnSpec } from "../../../cli/export/package-spec";

describe("pulumiHapnSpec", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-spec-"));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const project = (dir: string, dependencies: Record<string, string>) => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "p", dependencies }));
    return dir;
  };

  it("takes --pulumi-hapn: a tarball path relative to the new project, a version range as it is", () => {
    const cwd = path.join(tmp, "a");
    expect(pulumiHapnSpec("./pulumi-hapn-0.1.0.tgz", cwd, path.join(cwd, "out")).spec).toBe(
      "file:../pulumi-hapn-0.1.0.tgz",
    );
    expect(pulumiHapnSpec("/opt/pkgs/pulumi-hapn-0.1.0.tgz", cwd, "/srv/fleet").spec).toBe(
      "file:../../opt/pkgs/pulumi-hapn-0.1.0.tgz",
    );
    expect(pulumiHapnSpec("^0.2.0", cwd, path.join(cwd, "out"))).toEqual({
      spec: "^0.2.0",
      note: "package.json takes pulumi-hapn from ^0.2.0 (--pulumi-hapn)",
    });
  });

  it("else takes the spec of the nearest project that depends on pulumi-hapn, rebased to the new folder", () => {
    const user = project(path.join(tmp, "user"), { "pulumi-hapn": "file:pulumi-hapn-0.1.0.tgz" });
    const nested = path.join(user, "infra", "scripts");
    fs.mkdirSync(nested, { recursive: true });
    const { spec, note } = pulumiHapnSpec(undefined, nested, path.join(nested, "hapn-fleet"));
    expect(spec).toBe("file:../../../pulumi-hapn-0.1.0.tgz");
    expect(note).toContain(path.join(user, "package.json"));
  });

  it("else a version range, saying it is not on npm yet and what to pass", () => {
    const lone = project(path.join(tmp, "lone"), { "@pulumi/pulumi": "^3.0.0" });
    const { spec, note } = pulumiHapnSpec(undefined, lone, path.join(lone, "out"));
    expect(spec).toMatch(/^\^\d+\.\d+\.\d+$/);
    expect(note).toMatch(/not on npm yet: pass --pulumi-hapn path\/to\/pulumi-hapn-\S+\.tgz/);
  });
});
