/**
 * The fault matrix in `npm test`, small: the combined case (every fault but quota, SIGKILL mid-adoption, the
 * user's recovery), the quota case, the engine killed mid-update (on the dynamic provider and on the `hapn`
 * plugin), the dead API (resets, 503), a stalled token request, and the secret hygiene scan, with the same code
 * `npm run faults` runs at N = 200.
 */
import { FAULT_CASES } from "../../scripts/lib/faults/cases";
import { createFleetProject } from "../../scripts/lib/faults/fleet-project";
import { createPluginFleetProject } from "../../scripts/lib/faults/plugin-fleet-project";
import { runCase } from "../../scripts/lib/faults/run-case";
import { secretScan } from "../../scripts/lib/faults/secret-scan";
import { PulumiSandbox } from "../../scripts/lib/pulumi-sandbox";
import { buildPackage } from "./support/disk-project";

const N = 12;
// Type-checking the program is not what these runs test; skipping it saves a few seconds per command.
const env = { PULUMI_NODEJS_TRANSPILE_ONLY: "true" };
const faultCase = (id: string) => FAULT_CASES.find((c) => c.id === id)!;
// A kill that lands while the CLI rewrites a state sidecar leaves it empty; the recovery's first step removes it.
const withoutSidecarRepair = (commands: string[]) =>
  commands.filter((c) => !/^removed \d+ empty state sidecars?$/.test(c));

describe("fault matrix (small N)", () => {
  let sandbox: PulumiSandbox;
  let projectDir: string;

  beforeAll(async () => {
    await buildPackage();
    sandbox = PulumiSandbox.create("hapn-faults-e2e-");
    projectDir = createFleetProject(sandbox.dir);
  });
  afterAll(() => sandbox?.dispose());

  it("converges under every fault at once with a SIGKILL mid-adoption, recording the true original labels", async () => {
    const result = await runCase(faultCase("combined"), { sandbox, projectDir, n: N, env });
    expect(result.problems).toEqual([]);
    expect(result.stranded).toBeGreaterThan(0);
    expect(withoutSidecarRepair(result.commands)).toEqual(["up SIGKILL", "cancel 0", "refresh 0", "up 0"]);
  });

  it("stops cold when the quota runs out: the quota message, a handful of requests after it", async () => {
    const result = await runCase(faultCase("quota"), { sandbox, projectDir, n: N, env });
    expect(result.problems).toEqual([]);
    expect(result.quota!.afterFirst).toBeLessThanOrEqual(8);
  });

  it("sends nothing once the pulumi CLI is SIGKILLed mid-update: the orphaned provider stops and exits", async () => {
    const result = await runCase(faultCase("kill-engine"), { sandbox, projectDir, n: 30, env });
    expect(result.problems).toEqual([]);
    expect(result.afterKill!.writes).toBe(0);
    expect(result.afterKill!.atKill).toContainEqual(expect.stringMatching(/dynamic-provider/));
    expect(result.afterKill!.orphans.filter((p) => /dynamic-provider/.test(p))).toEqual([]);
    expect(withoutSidecarRepair(result.commands)).toEqual(["up SIGKILL (CLI only)", "cancel 0", "refresh 0", "up 0"]);
  });

  it("on the hapn plugin: once the CLI is SIGKILLed mid-update the orphaned plugin sends nothing and exits", async () => {
    // The plugin's executable (plugin/bin/pulumi-resource-hapn) execs `node plugin/bin/../index.js`: `node plugin`.
    const plugin = /^node plugin$/;
    const pluginProjectDir = createPluginFleetProject(sandbox.dir);
    const result = await runCase(faultCase("kill-engine-plugin"), {
      sandbox,
      projectDir,
      pluginProjectDir,
      n: 30,
      env,
    });
    expect(result.problems).toEqual([]); // among them: every tracker has the program's labels, and state says so
    expect(result.afterKill!.writes).toBe(0);
    expect(result.afterKill!.atKill).toContainEqual(expect.stringMatching(plugin));
    expect(result.afterKill!.orphans.filter((p) => plugin.test(p))).toEqual([]);
    expect(result.stranded).toBeGreaterThan(0);
    expect(withoutSidecarRepair(result.commands)).toEqual(["up SIGKILL (CLI only)", "cancel 0", "refresh 0", "up 0"]);
  });

  it.each(["dead-reset", "dead-503"])(
    "%s: an up against a dead API fails fast with the one message and state unchanged, then converges",
    async (id) => {
      const result = await runCase(faultCase(id), { sandbox, projectDir, n: 20, env });
      expect(result.problems).toEqual([]);
      expect(result.faultedRequests).toBeLessThanOrEqual(50);
      expect(result.downSeconds).toBeLessThan(120);
      expect(result.commands).toEqual([expect.stringMatching(/^up [1-9]\d*$/), "up 0"]);
    },
  );

  it("gives up on a stalled token request after the token timeout, not the API's 30 s", async () => {
    const result = await runCase(faultCase("token-stall"), { sandbox, projectDir, n: N, env });
    expect(result.problems).toEqual([]);
    expect(result.tokenStallMs).toBeLessThan(15_000);
  });

  it("leaves no client secret or token in state, verbose logs, the emulator log, errors or the journal", async () => {
    const scan = await secretScan(sandbox, projectDir, 6);
    expect(scan.hits).toEqual([]);
    expect(scan.commands).toEqual(["up 0", "refresh-old-secret 1", "up-rotated 0", "up-missing-device 1"]);
    expect(scan.verboseLines).toBeGreaterThan(200);
    expect(scan.files).toBeGreaterThan(10);
    expect(scan.tokens).toBeGreaterThan(4);
    expect(scan.errorLines.join("\n")).toMatch(/Hapn rejected the client credentials/);
    expect(scan.errorLines.join("\n")).toMatch(/IMEI 490154203237518 is not in this Hapn account/);
  });
});
