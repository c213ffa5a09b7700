/**
 * For each other emulator variant, under the real Pulumi CLI: the README's probe recipe finds the variant's
 * differences, the settings it prints are applied exactly as printed, and the README's first `pulumi up` and clean
 * drift check then work for a program with a Device and a Boundary (whose refresh reads the boundary list).
 */
import * as fs from "node:fs";
import type { EmulatorOptions, RunningEmulator } from "../../emulator";
import { emulatorEnv, startTestEmulator } from "../support/emulator";
import { PulumiSandbox } from "../../scripts/lib/pulumi-sandbox";
import { README_RECIPES, readmeBlock } from "../../scripts/lib/readme-blocks";
import { buildPackage, writeProject } from "./support/disk-project";

/** The quick start's Device and the README's Boundary, in one program. */
const PROGRAM = [
  readmeBlock(README_RECIPES.quickStartProgram),
  readmeBlock(README_RECIPES.boundaryProgram).replace(/^import .*\n/m, ""),
].join("\n");

describe.each<[string, EmulatorOptions, string[]]>([
  ["other pagination names", { pageParams: { limit: "pageSize", nextToken: "cursor" } }, ["pagination"]],
  ["lists without the envelope", { listEnvelope: "none" }, ["list-devices", "list-boundaries"]],
  ["a REST API gateway", { unknownRouteStatus: 403 }, ["unknown-route"]],
])("the probe's suggestions for %s under the real Pulumi CLI", (_, variant, differing) => {
  const sandbox = PulumiSandbox.create("hapn-probe-variant-");
  let emu: RunningEmulator;
  let projectDir: string;
  const shell = (script: string) => sandbox.shell(script, { cwd: projectDir, env: emulatorEnv(emu) });

  beforeAll(async () => {
    await buildPackage();
    emu = await startTestEmulator({ devices: 5, ...variant });
    projectDir = writeProject("hapn-probe-variant-e2e", PROGRAM);
  });

  afterAll(async () => {
    await shell("pulumi destroy --yes --non-interactive");
    await emu?.stop();
    sandbox.dispose();
    if (projectDir) fs.rmSync(projectDir, { recursive: true, force: true });
  });

  it("probes, applies the printed settings, then up and a clean drift check work", async () => {
    const probed = await shell(readmeBlock(README_RECIPES.probe));
    expect(probed.code).toBe(2);
    for (const id of differing) expect(probed.stdout).toMatch(new RegExp(`\\n${id} .* differs`));
    expect(probed.stdout.match(/ differs /g)).toHaveLength(differing.length);
    const printed = probed.stdout.split("\n").filter((line) => line.startsWith("  pulumi config set hapn:"));
    expect(printed.length).toBe(variant.unknownRouteStatus ? 0 : 1); // a REST gateway needs no setting
    const setup = [
      "pulumi stack init dev",
      'pulumi config set hapn:clientId "$HAPN_CLIENT_ID"',
      'pulumi config set --secret hapn:clientSecret "$HAPN_CLIENT_SECRET"',
      ...printed.map((line) => line.trim()),
    ];
    expect((await shell(setup.join("\n"))).code).toBe(0);
    emu.admin.editDevice("862785041422448", { name: "Van 2", color: "#000000" });
    const up = await shell(readmeBlock(README_RECIPES.probeFirstUp));
    expect(up.stdout + up.stderr).not.toMatch(/HAPN_|error:/);
    expect(up.code).toBe(0);
    expect(emu.admin.getDevice("862785041422448")).toMatchObject({ name: "Van #2", color: "#579db5" });
    expect(emu.admin.listBoundaries().map((b) => b.name)).toEqual(["Yard"]);
  });
});
