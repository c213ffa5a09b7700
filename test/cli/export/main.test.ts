import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { hapnExport } from "../../../cli/export/main";
import { type RunningEmulator } from "../../../emulator";
import { feature } from "../../support/polygons";
import { emulatorEnv, startTestEmulator } from "../../support/emulator";
import { EXPORTED_FILES } from "../../support/exported-project";

describe("hapn-export against the emulator", () => {
  let emu: RunningEmulator;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-export-"));
  beforeAll(async () => {
    emu = await startTestEmulator({ devices: 1200, seed: 11 });
    emu.admin.addBoundary({ name: "Yard", geometry: feature() });
  });
  afterAll(async () => {
    await emu.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const env = () => emulatorEnv(emu);
  const run = async (args: string[], environment: NodeJS.ProcessEnv = env(), cwd = tmp) => {
    let out = "";
    let err = "";
    const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t), env: environment, cwd };
    const code = await hapnExport(args, io);
    return { code, out, err };
  };

  it("writes the project, reporting progress page by page, with no write to the account", async () => {
    emu.admin.resetCounters();
    const out = path.join(tmp, "fleet");
    const r = await run(["--out", out]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("1200 devices and 1 boundary.");
    expect(r.err).toMatch(/devices: 1000 read, more to come\n.*devices: 1200 read\n.*boundaries: 1 read/);
    expect(fs.readdirSync(out).sort()).toEqual(EXPORTED_FILES);
    expect(fs.readFileSync(path.join(out, "Pulumi.yaml"), "utf8")).toMatch(/^name: fleet\n/);
    const files = fs
      .readdirSync(out)
      .map((f) => fs.readFileSync(path.join(out, f), "utf8"))
      .join("\n");
    expect(files).not.toContain(emu.clientSecret);
    const { byRoute } = emu.admin.counters();
    expect(Object.keys(byRoute).sort()).toEqual(["listBoundaries", "listDevices"]);
  });

  it("with --fleet, writes the 1200 devices as one DeviceFleet, each with its labels as the account has them", async () => {
    const out = path.join(tmp, "as-fleet");
    const r = await run(["--out", out, "--fleet", "--resources", "devices"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("1200 devices (one DeviceFleet) and 0 boundaries.");
    expect(fs.readFileSync(path.join(out, "index.ts"), "utf8")).toContain(
      'new hapn.DeviceFleet("devices", { devices });',
    );
    const fleet = fs.readFileSync(path.join(out, "fleet.ts"), "utf8");
    const entries = [...fleet.matchAll(/^ {2}"(\d{15})": (\{.*\}),?$/gm)];
    expect(entries).toHaveLength(1200);
    const byImei = new Map(emu.admin.listDevices().map((d) => [d.imei, d]));
    for (const [, imei, labels] of entries) {
      const { name, description, color, icon } = byImei.get(imei)!;
      expect(JSON.parse(labels)).toEqual({ name, description, color, icon });
    }
  });

  it("exports only the resources asked for", async () => {
    const out = path.join(tmp, "only-boundaries");
    expect((await run(["--out", out, "--resources", "boundaries", "--project", "geo"])).code).toBe(0);
    expect(fs.readFileSync(path.join(out, "fleet.ts"), "utf8")).toMatch(/devices: Array<[^=]*= \[\];/);
    expect(fs.readFileSync(path.join(out, "Pulumi.yaml"), "utf8")).toMatch(/^name: geo\n/);
  });

  it("refuses an existing, non-empty output folder and touches nothing in it", async () => {
    const out = path.join(tmp, "taken");
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, "index.ts"), "mine");
    const r = await run(["--out", out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/the output folder .*taken already exists and is not empty; choose another --out/);
    expect(fs.readFileSync(path.join(out, "index.ts"), "utf8")).toBe("mine");
  });

  it("fails clearly on refused credentials, without the secret, and writes nothing", async () => {
    const out = path.join(tmp, "refused");
    const r = await run(["--out", out], { ...env(), HAPN_CLIENT_SECRET: "wrong-secret-123" });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/hapn-export: Hapn rejected the client credentials/);
    expect(r.err).not.toContain("wrong-secret-123");
    expect(fs.existsSync(out)).toBe(false);
  });

  it("names the flag or variable a wrong API URL came from", async () => {
    const wrong = emu.apiUrl.replace(/\/v1$/, "");
    const byFlag = await run(["--out", path.join(tmp, "wrong-flag"), "--api-url", wrong]);
    expect(byFlag.code).toBe(1);
    expect(byFlag.err).toMatch(/the apiUrl \S+ is probably wrong .*Check --api-url\./);
    expect(byFlag.err).not.toContain("hapn:apiUrl");
    const byEnv = await run(["--out", path.join(tmp, "wrong-env")], { ...env(), HAPN_API_URL: wrong });
    expect(byEnv.err).toMatch(/Check HAPN_API_URL\./);
  });

  it("makes package.json take pulumi-hapn from --pulumi-hapn, or from the project it runs in", async () => {
    const user = path.join(tmp, "user");
    fs.mkdirSync(user);
    const dependency = (dir: string) =>
      JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).dependencies["pulumi-hapn"];
    const flagged = await run(["--out", "flagged", "--pulumi-hapn", "../dist/pulumi-hapn-0.1.0.tgz"], env(), user);
    expect(flagged.err).toContain("package.json takes pulumi-hapn from file:../../dist/pulumi-hapn-0.1.0.tgz");
    expect(dependency(path.join(user, "flagged"))).toBe("file:../../dist/pulumi-hapn-0.1.0.tgz");
    fs.writeFileSync(
      path.join(user, "package.json"),
      JSON.stringify({ dependencies: { "pulumi-hapn": "file:pulumi-hapn-0.1.0.tgz" } }),
    );
    await run(["--out", "fleet/prod"], env(), user);
    expect(dependency(path.join(user, "fleet/prod"))).toBe("file:../../pulumi-hapn-0.1.0.tgz");
  });

  it("with --import-file alone, writes a pulumi import file of every device and boundary, and no project", async () => {
    emu.admin.resetCounters();
    const file = path.join(tmp, "import.json");
    const r = await run(["--import-file", "import.json"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Wrote " + file + ": 1200 devices and 1 boundary");
    const { resources } = JSON.parse(fs.readFileSync(file, "utf8"));
    const [yard] = emu.admin.listBoundaries();
    expect(resources).toHaveLength(1201);
    expect(resources[0]).toEqual({
      type: "hapn:index:Device",
      name: `tracker-${emu.admin.listDevices()[0].imei}`,
      id: emu.admin.listDevices()[0].imei,
    });
    expect(resources[1200]).toEqual({
      type: "hapn:index:Boundary",
      name: `boundary-${yard.boundaryId}`,
      id: String(yard.boundaryId),
    });
    expect(fs.readdirSync(tmp)).not.toContain("fleet.ts");
    expect(Object.keys(emu.admin.counters().byRoute).sort()).toEqual(["listBoundaries", "listDevices"]);
    const again = await run(["--import-file", file]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/the import file .*import.json already exists; choose another --import-file/);
  });

  it("names missing credentials, a bad --resources and a missing --out", async () => {
    expect((await run(["--out", path.join(tmp, "x")], {})).err).toMatch(
      /credentials are missing: set the client id \(--client-id or HAPN_CLIENT_ID\) and HAPN_CLIENT_SECRET/,
    );
    expect((await run(["--out", path.join(tmp, "x"), "--resources", "devices,geofences"])).err).toMatch(
      /--resources takes .*devices, boundaries; got "devices,geofences"/,
    );
    expect((await run([])).err).toMatch(
      /--out DIR \(the folder to write the project to\) or --import-file FILE .* is required/,
    );
  });
});
