import * as ts from "typescript";
import { DRIFT_RECIPE, generateProject, SETUP_RECIPE } from "../../../cli/export/generate";
import { readmeBlock } from "../../../scripts/lib/readme-blocks";
import { seedFleet } from "../../../emulator/fleet";
import type { Boundary } from "../../../provider/api-model/wire-types";
import { feature, square } from "../../support/polygons";
import { EXPORTED_FILES, exportedProgramErrors } from "../../support/exported-project";

const OPTIONS = {
  project: "acme-fleet",
  apiUrl: "https://api.example/v1",
  authUrl: "https://auth.example/token",
  clientId: "cid",
  pulumiHapn: "file:../pulumi-hapn-0.1.0.tgz",
};
const BOUNDARY: Boundary = {
  boundaryId: 316386,
  name: "Yard",
  created: "2024-01-01T00:00:00.000Z",
  modified: "2024-01-01T00:00:00.000Z",
  color: "#3bb2d0",
  status: "active",
  geometry: { ...feature(), id: "abc" },
};

/** The data of a generated fleet.ts, by compiling it and running it. */
function loadFleet(source: string): {
  devices: Array<Record<string, unknown>> | Record<string, Record<string, unknown>>;
  boundaries: Array<Record<string, unknown>>;
} {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText;
  const module = { exports: {} as ReturnType<typeof loadFleet> };
  new Function("exports", "require", "module", js)(module.exports, require, module);
  return module.exports;
}

describe("generateProject", () => {
  const devices = seedFleet(3, 1);

  it("writes a runnable project: Pulumi.yaml, package.json on pulumi-hapn, tsconfig, data, program, README", () => {
    const files = generateProject({ devices, boundaries: [BOUNDARY] }, OPTIONS);
    expect(Object.keys(files).sort()).toEqual(EXPORTED_FILES);
    expect(files["Pulumi.yaml"]).toMatch(/^name: acme-fleet\n[\s\S]*runtime:\n {2}name: nodejs/);
    expect(JSON.parse(files["package.json"]).dependencies).toMatchObject({
      "pulumi-hapn": "file:../pulumi-hapn-0.1.0.tgz",
    });
    expect(files["index.ts"]).toContain("new hapn.Device(key, args)");
    expect(files["index.ts"]).toContain("new hapn.Boundary(key, args)");
    expect(Object.values(files).join("\n")).not.toMatch(/secret[^\n]*=/i);
  });

  it("writes the tsconfig of today's pulumi new typescript: nodenext module and resolution (no TS5110)", () => {
    const { compilerOptions } = JSON.parse(generateProject({ devices, boundaries: [] }, OPTIONS)["tsconfig.json"]);
    expect(compilerOptions).toMatchObject({ module: "nodenext", moduleResolution: "nodenext", strict: true });
  });

  it("writes a README whose recipes install, configure, adopt and check for drift, with the counts in words", () => {
    const readme = generateProject({ devices: devices.slice(0, 1), boundaries: [BOUNDARY] }, OPTIONS)["README.md"];
    expect(readme).toContain("1 device and 1 boundary.");
    expect(readme).toContain("`file:../pulumi-hapn-0.1.0.tgz`");
    expect(readmeBlock(SETUP_RECIPE, readme)).toBe(
      [
        "npm install",
        "pulumi stack init prod",
        "pulumi config set hapn:apiUrl https://api.example/v1",
        "pulumi config set hapn:authUrl https://auth.example/token",
        "pulumi config set hapn:clientId cid",
        'pulumi config set --secret hapn:clientSecret "$HAPN_CLIENT_SECRET"',
        "pulumi up --yes",
        "",
      ].join("\n"),
    );
    expect(readmeBlock(DRIFT_RECIPE, readme)).toBe(
      "pulumi preview --refresh --run-program --expect-no-changes --diff\n",
    );
    const insecure = generateProject({ devices, boundaries: [] }, { ...OPTIONS, allowInsecureHttp: true })["README.md"];
    expect(readmeBlock(SETUP_RECIPE, insecure)).toContain("pulumi config set hapn:allowInsecureHttp true\n");
  });

  it("lists every device with its current labels and every boundary by id with its fields and polygon", () => {
    const fleet = loadFleet(generateProject({ devices, boundaries: [BOUNDARY] }, OPTIONS)["fleet.ts"]);
    expect(fleet.devices).toEqual(
      devices.map((d) => ({
        key: `tracker-${d.imei}`,
        imei: d.imei,
        name: d.name,
        description: d.description,
        color: d.color,
        icon: d.icon,
      })),
    );
    expect(fleet.boundaries).toEqual([
      {
        key: "boundary-316386",
        boundaryId: 316386,
        name: "Yard",
        color: "#3bb2d0",
        geometry: square(),
      },
    ]);
  });

  it("leaves out, with a comment, a label the resources would reject", () => {
    const odd = { ...devices[0], icon: "" };
    const fleet = generateProject({ devices: [odd], boundaries: [] }, OPTIONS)["fleet.ts"];
    expect(fleet).toContain("// Not managed (fails pulumi-hapn's checks): icon must not be empty");
    expect((loadFleet(fleet).devices as Array<Record<string, unknown>>)[0]).not.toHaveProperty("icon");
  });

  it("with fleet, declares the devices as one DeviceFleet: IMEI → the labels each has now, the same comments", () => {
    const odd = { ...devices[0], icon: "" };
    const files = generateProject(
      { devices: [odd, ...devices.slice(1)], boundaries: [BOUNDARY] },
      {
        ...OPTIONS,
        fleet: true,
      },
    );
    expect(files["index.ts"]).toContain('new hapn.DeviceFleet("devices", { devices });');
    expect(files["index.ts"]).not.toContain("new hapn.Device(");
    expect(files["index.ts"]).toContain("new hapn.Boundary(key, args)");
    expect(files["index.ts"]).toContain("devices: Object.keys(devices).length");
    expect(files["fleet.ts"]).toContain("// Not managed (fails pulumi-hapn's checks): icon must not be empty");
    const { devices: map, boundaries } = loadFleet(files["fleet.ts"]);
    const { icon: _c, ...oddLabels } = pick(odd);
    expect(map).toEqual({
      [odd.imei]: oddLabels,
      ...Object.fromEntries(devices.slice(1).map((d) => [d.imei, pick(d)])),
    });
    expect(boundaries).toHaveLength(1);
  });

  it("writes a program that type-checks against pulumi-hapn, one Device each or one DeviceFleet", () => {
    const [perDevice, fleet] = [false, true].map((f) =>
      generateProject({ devices, boundaries: [BOUNDARY] }, { ...OPTIONS, fleet: f }),
    );
    // The check sees a wrong program: a label the fleet does not take.
    const wrong = { ...fleet, "fleet.ts": fleet["fleet.ts"].replace('"name":', '"nickname":') };
    const [a, b, c] = exportedProgramErrors([perDevice, fleet, wrong]);
    expect([a, b]).toEqual([[], []]);
    expect(c.join("\n")).toMatch(/fleet\.ts: .*nickname/);
  });
});

/** A device's four labels as the export writes them. */
function pick(d: { name: string; description: string; color: string; icon: string }) {
  return { name: d.name, description: d.description, color: d.color, icon: d.icon };
}
