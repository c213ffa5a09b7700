import * as fs from "node:fs";
import * as path from "node:path";
import { type RunningEmulator } from "../../emulator";
import { startTestEmulator } from "../support/emulator";
import type * as hapn from "../../provider";
import { ProjectStack } from "../../scripts/lib/project-stack";
import { PulumiSandbox } from "../../scripts/lib/pulumi-sandbox";
import { README_RECIPES, readmeBlock } from "../../scripts/lib/readme-blocks";
import { ring, square } from "../support/polygons";
import { buildPackage, writeProject } from "./support/disk-project";

/** One Boundary of the test program, as written in the stack's `boundaries` config. */
type Entry = { key: string } & hapn.BoundaryArgs;

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as hapn from "pulumi-hapn";

const entries = new pulumi.Config().requireObject<Array<{ key: string } & hapn.BoundaryArgs>>("boundaries");
export const ids: Record<string, pulumi.Output<number>> = {};
for (const { key, ...args } of entries) ids[key] = new hapn.Boundary(key, args).boundaryId;
`;

/**
 * The Boundary resource end to end: an on-disk project under the real `pulumi` binary and its Node.js language
 * host, against the emulator. The steps build on each other, in order.
 */
describe("Boundary under the real Pulumi CLI", () => {
  const sandbox = PulumiSandbox.create("hapn-boundary-");
  let emu: RunningEmulator;
  let projectDir: string;
  let stack: ProjectStack;
  const setEntries = (entries: unknown[]) => stack.setConfig({ boundaries: JSON.stringify(entries) });
  const boundaryNamed = (name: string) => emu.admin.listBoundaries().find((b) => b.name === name);

  beforeAll(async () => {
    await buildPackage();
    emu = await startTestEmulator({ devices: 1, seed: 5 });
    projectDir = writeProject("hapn-boundary-e2e", PROGRAM);
    stack = await ProjectStack.init(sandbox, projectDir, "e2e");
    await stack.setConfig(
      { "hapn:apiUrl": emu.apiUrl, "hapn:authUrl": emu.authUrl, "hapn:clientId": emu.clientId, boundaries: "[]" },
      { "hapn:clientSecret": emu.clientSecret },
    );
  });

  afterAll(async () => {
    await stack?.run(["destroy", "--yes"]);
    await emu?.stop();
    sandbox.dispose();
    if (projectDir) fs.rmSync(projectDir, { recursive: true, force: true });
  });

  const invalid: Array<[string, unknown, RegExp]> = [
    [
      "a Feature",
      { type: "Feature", properties: {}, geometry: square(0, 0) },
      /geometry must be a Polygon .*not a Feature/,
    ],
    ["a MultiPolygon", { type: "MultiPolygon", coordinates: [square(0, 0).coordinates] }, /not a MultiPolygon/],
    ["a Point", { type: "Point", coordinates: [0, 0] }, /geometry must be a Polygon .*not a Point/],
    ["no rings", { type: "Polygon", coordinates: [] }, /geometry\.coordinates must be a non-empty list of rings/],
    ["3 positions", ring([0, 0], [1, 0], [0, 0]), /geometry\.coordinates\[0\] must be a ring of at least 4 positions/],
    [
      "an open ring",
      ring([0, 0], [1, 0], [1, 1], [0, 1]),
      /geometry\.coordinates\[0\] is not closed .*repeat the first/,
    ],
    [
      "longitude 200",
      ring([0, 0], [200, 0], [1, 1], [0, 0]),
      /coordinates\[0\]\[1\] longitude 200 is outside -180\.\.180/,
    ],
    ["latitude -95", ring([0, 0], [1, -95], [1, 1], [0, 0]), /coordinates\[0\]\[1\] latitude -95 is outside -90\.\.90/],
    [
      "a string coordinate",
      {
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [1, "x"],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      /\[0\]\[1\] must contain numbers/,
    ],
    ["a one-number position", ring([0, 0], [1], [1, 1], [0, 0]), /\[0\]\[1\] must be \[longitude, latitude\]/],
    [
      "10001 positions",
      { type: "Polygon", coordinates: [[...Array.from({ length: 10_000 }, (_, i) => [i / 1e5, 0]), [0, 0]]] },
      /has 10001 positions; at most 10000/,
    ],
  ];

  // The engine stops a preview at the first resource that fails its check, so each polygon gets its own preview.
  it.each(invalid)(
    "rejects %s at preview, naming geometry and the fix, with 0 API calls",
    async (_n, geometry, reason) => {
      await setEntries([{ key: "bad", name: "Bad", geometry }]);
      emu.admin.resetCounters();
      const preview = await stack.run(["preview"]);
      expect(preview.code).not.toBe(0);
      expect(preview.stdout).toMatch(
        /hapn:Boundary resource 'bad': property geometry value .* has a problem: geometry/,
      );
      expect(preview.stdout).toMatch(reason);
      expect(emu.admin.counters().apiRequests).toBe(0);
      expect(emu.admin.counters().tokenRequests).toBe(0);
      expect(emu.admin.listBoundaries()).toEqual([]);
    },
  );

  let entries: Entry[];

  it("creates the boundaries", async () => {
    entries = [
      { key: "yard", name: "Yard", color: "#AA0000", location: "Dock 4", geometry: square(13.4, 52.5) },
      { key: "depot", name: "Depot", geometry: square(13.5, 52.6) },
    ];
    await setEntries(entries);
    await stack.must(["up", "--yes"]);
    expect(await stack.lastChanges()).toEqual({ create: 3 });
    expect(boundaryNamed("Yard")).toMatchObject({ color: "#aa0000", location: "Dock 4" });
    expect(boundaryNamed("Yard")?.geometry.geometry).toEqual(square(13.4, 52.5));
    const ids = (await stack.outputs()).ids as Record<string, number>;
    expect(ids.depot).toBe(boundaryNamed("Depot")?.boundaryId);
  });

  it("shows no changes on the next preview, with a refresh", async () => {
    await stack.must(["preview", "--refresh", "--expect-no-changes"]);
  });

  it("reports a hand edit as drift naming the field, and up --refresh puts it back", async () => {
    const yard = boundaryNamed("Yard")!;
    emu.admin.editBoundary(yard.boundaryId, { name: "Renamed in the app" });
    const drift = await stack.run(["preview", "--refresh", "--expect-no-changes"]);
    expect(drift.code).not.toBe(0);
    expect(drift.stdout).toMatch(/~ .*hapn:Boundary\s+yard\s+update\s+\[diff: ~name\]/);

    await stack.must(["up", "--refresh", "--yes"]);
    expect(emu.admin.getBoundary(yard.boundaryId)?.name).toBe("Yard");
  });

  it("updates a changed field in place", async () => {
    const depot = boundaryNamed("Depot")!;
    emu.admin.resetCounters();
    await setEntries([entries[0], { ...entries[1], color: "#00ff00", geometry: square(13.6, 52.6) }]);
    await stack.must(["up", "--yes"]);
    expect(emu.admin.getBoundary(depot.boundaryId)).toMatchObject({ color: "#00ff00" });
    expect(emu.admin.getBoundary(depot.boundaryId)?.geometry.geometry).toEqual(square(13.6, 52.6));
    expect(emu.admin.counters().byRoute.updateBoundary).toEqual({ "200": 1 });
    expect(emu.admin.counters().byRoute.createBoundary).toBeUndefined();
  });

  it("deletes the boundaries on destroy", async () => {
    await stack.must(["destroy", "--yes"]);
    expect(emu.admin.listBoundaries()).toEqual([]);
  });

  it("runs the README's Boundary program as written", async () => {
    fs.writeFileSync(path.join(projectDir, "index.ts"), readmeBlock(README_RECIPES.boundaryProgram));
    await stack.must(["up", "--yes"]);
    const [yard] = emu.admin.listBoundaries();
    expect(yard).toMatchObject({ name: "Yard", color: "#3bb2d0", location: "Dock 4, Hamburg" });
    expect((await stack.outputs()).yard).toBe(yard.boundaryId);
    await stack.must(["preview", "--refresh", "--expect-no-changes"]);
    await stack.must(["destroy", "--yes"]);
    expect(emu.admin.listBoundaries()).toEqual([]);
  });
});
