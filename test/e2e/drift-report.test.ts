import * as fs from "node:fs";
import * as path from "node:path";
import { type RunningEmulator } from "../../emulator";
import { startTestEmulator } from "../support/emulator";
import { ProjectStack } from "../../scripts/lib/project-stack";
import { PulumiSandbox } from "../../scripts/lib/pulumi-sandbox";
import { README_RECIPES, readmeBlock } from "../../scripts/lib/readme-blocks";
import { markdownRows, textRows } from "../support/report-tables";
import { buildPackage, writeProject } from "./support/disk-project";

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as hapn from "pulumi-hapn";

const imeis = new pulumi.Config().requireObject<string[]>("imeis");
imeis.forEach((imei, i) => new hapn.Device(\`tracker-\${i + 1}\`, { imei, name: \`Unit \${i + 1}\`, color: "#1f77b4" }));
new hapn.Boundary("yard", {
  name: "Yard",
  geometry: {
    type: "Polygon",
    coordinates: [[[9.99, 53.54], [10.0, 53.54], [10.0, 53.55], [9.99, 53.55], [9.99, 53.54]]],
  },
});
`;

/**
 * The README's `hapn-drift` recipe on an on-disk project under the real `pulumi` binary: exit 0 when clean, 2 with
 * a table naming device and field after a hand edit (the Markdown saying the same), 1 when the stack or the
 * credentials are broken.
 */
describe("hapn-drift under the real Pulumi CLI", () => {
  const sandbox = PulumiSandbox.create("hapn-drift-");
  let emu: RunningEmulator;
  let projectDir: string;
  let stack: ProjectStack;
  let imeis: string[];
  const recipe = () => readmeBlock(README_RECIPES.driftReport);
  const drift = (env: Record<string, string> = {}) => sandbox.shell(recipe(), { cwd: projectDir, env });
  const markdown = () => fs.readFileSync(path.join(projectDir, "drift.md"), "utf8");

  beforeAll(async () => {
    await buildPackage();
    emu = await startTestEmulator({ devices: 5, seed: 13 });
    imeis = emu.admin
      .listDevices()
      .slice(0, 3)
      .map((d) => d.imei);
    projectDir = writeProject("hapn-drift-e2e", PROGRAM);
    // The recipe names the stack "prod".
    stack = await ProjectStack.init(sandbox, projectDir, "prod");
    await stack.setConfig(
      {
        "hapn:apiUrl": emu.apiUrl,
        "hapn:authUrl": emu.authUrl,
        "hapn:clientId": emu.clientId,
        imeis: JSON.stringify(imeis),
      },
      { "hapn:clientSecret": emu.clientSecret },
    );
    await stack.must(["up", "--yes"]);
  });

  afterAll(async () => {
    await stack?.run(["destroy", "--yes"]);
    await emu?.stop();
    sandbox.dispose();
    if (projectDir) fs.rmSync(projectDir, { recursive: true, force: true });
  });

  it("exits 0 on a clean stack", async () => {
    const r = await drift({ GITHUB_STEP_SUMMARY: path.join(projectDir, "summary.md") });
    expect(r).toMatchObject({ code: 0, stdout: "No drift: Hapn matches the program (stack prod).\n" });
    expect(fs.readFileSync(path.join(projectDir, "summary.md"), "utf8")).toMatch(
      /^### Hapn drift report: prod\n\nNo drift/,
    );
  });

  it("exits 2 after hand edits, with a table naming resource and field; the Markdown has the same rows", async () => {
    emu.admin.editDevice(imeis[1], { name: "Renamed in the Hapn app", color: "#ff0000" });
    const yard = emu.admin.listBoundaries()[0];
    emu.admin.editBoundary(yard.boundaryId, { name: "Yard (moved)" });
    const r = await drift();
    expect(r.code).toBe(2);
    expect(r.stdout.split("\n")[0]).toBe("Drift (stack prod): 3 fields on 2 resources differ from the program.");
    const rows = textRows(r.stdout);
    expect(rows).toEqual(
      expect.arrayContaining([
        ["tracker-2", "Device", imeis[1], "name", '"Unit 2"', '"Renamed in the Hapn app"'],
        ["tracker-2", "Device", imeis[1], "color", '"#1f77b4"', '"#ff0000"'],
        ["yard", "Boundary", String(yard.boundaryId), "name", '"Yard"', '"Yard (moved)"'],
      ]),
    );
    expect(rows).toHaveLength(3);
    expect(markdownRows(markdown())).toEqual(rows);
    // Only the report ran: nothing was changed in Hapn.
    expect(emu.admin.getDevice(imeis[1])?.name).toBe("Renamed in the Hapn app");
  });

  it("exits 1 when the credentials are refused, saying so", async () => {
    await stack.setConfig({}, { "hapn:clientSecret": "wrong-secret-456" });
    try {
      const r = await drift();
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/the preview failed, so drift is unknown:[\s\S]*rejected the client credentials/);
      expect(r.stdout + r.stderr).not.toContain("wrong-secret-456");
    } finally {
      await stack.setConfig({}, { "hapn:clientSecret": emu.clientSecret });
    }
  });

  it("exits 1 when the stack does not exist", async () => {
    const r = await sandbox.shell(recipe().replace("--stack prod", "--stack no-such-stack"), { cwd: projectDir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no-such-stack/);
  });

  it("shows, for a polygon moved by hand, the moved corner in the table and both polygons whole in the Markdown", async () => {
    const yard = emu.admin.listBoundaries()[0];
    const moved = [
      [
        [9.99, 53.54],
        [10.0, 53.54],
        [10.0, 53.5512],
        [9.99, 53.55],
        [9.99, 53.54],
      ],
    ];
    emu.admin.editBoundary(yard.boundaryId, {
      geometry: { type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: moved } },
    });
    const r = await drift();
    expect(r.code).toBe(2);
    const geometry = textRows(r.stdout).find((row) => row[3] === "geometry")!;
    expect(geometry[4]).toMatch(/^….*\[10,53\.55\],/);
    expect(geometry[5]).toMatch(/^….*\[10,53\.5512\],/);
    const whole = markdownRows(markdown()).find((row) => row[3] === "geometry")!;
    expect(whole.slice(4).map((cell) => JSON.parse(cell).coordinates)).toEqual([
      [
        [
          [9.99, 53.54],
          [10, 53.54],
          [10, 53.55],
          [9.99, 53.55],
          [9.99, 53.54],
        ],
      ],
      moved,
    ]);
  });

  it("exits 1 when the program is broken", async () => {
    const index = path.join(projectDir, "index.ts");
    const program = fs.readFileSync(index, "utf8");
    fs.writeFileSync(index, `${program}\nthrow new Error("broken program");\n`);
    try {
      const r = await drift();
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/broken program/);
    } finally {
      fs.writeFileSync(index, program);
    }
  });
});
