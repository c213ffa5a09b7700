/**
 * Two Hapn accounts in one TypeScript program, through the generated TypeScript SDK (sdk/nodejs, compiled and
 * installed as `@pulumi/hapn`) and two explicit `hapn.Provider`s, under the real `pulumi` binary with the plugin
 * loaded from this repository's plugin/ folder, against one emulator serving both accounts. The README's program
 * runs as written. Each account sees only its own provider's requests (token included), the lookup reads through
 * its provider, and neither client secret appears in the state or in anything the CLI printed. The steps build on
 * each other, in order.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type EmulatorAccount, type RunningEmulator } from "../../emulator";
import { ProjectStack, type StateResource } from "../../scripts/lib/project-stack";
import { type CommandResult, PulumiSandbox } from "../../scripts/lib/pulumi-sandbox";
import { README_RECIPES, readmeBlock } from "../../scripts/lib/readme-blocks";
import { buildNodejsSdk } from "../../scripts/lib/sdk/nodejs-package";
import { startMultiAccountEmulator } from "../support/emulator";
import { buildPackage, linkPackage, writeProject } from "./support/disk-project";
import { writesOf } from "./support/account-writes";
import { expectOk } from "./support/expect-ok";

const PLUGIN_DIR = path.resolve(__dirname, "../../plugin");

describe("two Hapn accounts in one program, with two explicit providers of the generated SDK", () => {
  const sandbox = PulumiSandbox.create("hapn-two-accounts-");
  const printed: CommandResult[] = [];
  let emu: RunningEmulator;
  let north: EmulatorAccount;
  let south: EmulatorAccount;
  let projectDir: string;
  let stack: ProjectStack;
  let imeis: { northVan: string; southVan: string; southTruck: string };
  const must = async (args: string[]) => {
    const r = await stack.run(args);
    printed.push(r);
    expectOk(r);
    return r;
  };

  beforeAll(async () => {
    await buildPackage(); // the plugin folder runs dist/
    emu = await startMultiAccountEmulator(1, { devices: 3, seed: 31 });
    [north, south] = [emu.accounts[0], emu.account("customer-b")];
    const [southVan, southTruck] = south.admin.listDevices().map((d) => d.imei);
    imeis = { northVan: north.admin.listDevices()[0].imei, southVan, southTruck };
    projectDir = writeProject("hapn-two-accounts", readmeBlock(README_RECIPES.twoAccountsProgram));
    const sdk = path.join(projectDir, ".sdk");
    buildNodejsSdk(sdk);
    linkPackage(projectDir, "@pulumi/hapn", sdk);
    const manifest = path.join(projectDir, "package.json");
    const pkg = JSON.parse(fs.readFileSync(manifest, "utf8"));
    fs.writeFileSync(manifest, JSON.stringify({ ...pkg, dependencies: { "@pulumi/hapn": "0.1.0" } }, null, 2));
    fs.appendFileSync(
      path.join(projectDir, "Pulumi.yaml"),
      `plugins:\n  providers:\n    - name: hapn\n      path: ${PLUGIN_DIR}\n`,
    );
    stack = await ProjectStack.init(sandbox, projectDir, "dev");
    await stack.setConfig(
      {
        apiUrl: emu.apiUrl,
        authUrl: emu.authUrl,
        northClientId: north.clientId,
        southClientId: south.clientId,
        ...imeis,
      },
      { northClientSecret: north.clientSecret, southClientSecret: south.clientSecret },
    );
  });

  afterAll(async () => {
    await emu?.stop();
    sandbox.dispose();
    if (projectDir) fs.rmSync(projectDir, { recursive: true, force: true });
  });

  it("labels each account's tracker through its own provider, each account counting only its own requests", async () => {
    emu.admin.resetCounters();
    await must(["up", "--yes", "--skip-preview"]);
    expect(north.admin.getDevice(imeis.northVan)).toMatchObject({ name: "North van" });
    expect(south.admin.getDevice(imeis.southVan)).toMatchObject({ name: "South van" });
    // Each tracker exists only in its own account: the other provider could not have reached it.
    expect(north.admin.getDevice(imeis.southVan)).toBeUndefined();
    expect(south.admin.getDevice(imeis.northVan)).toBeUndefined();
    for (const account of [north, south]) {
      const counters = account.admin.counters();
      expect(counters.byRoute.updateDevice).toEqual({ "200": 1 });
      expect(counters.tokenRequests).toBeGreaterThanOrEqual(1);
    }
    const server = emu.admin.counters();
    expect(server.apiRequests).toBe(north.admin.counters().apiRequests + south.admin.counters().apiRequests);
    expect(await stack.outputs()).toEqual({ southTruck: south.admin.getDevice(imeis.southTruck)!.name });
  });

  it("keeps two explicit providers in state, each with its client secret encrypted", async () => {
    const exported = await stack.exportText();
    printed.push({ code: 0, stdout: exported, stderr: "" });
    const { resources } = (JSON.parse(exported) as { deployment: { resources: StateResource[] } }).deployment;
    const providers = resources.filter((r) => r.type === "pulumi:providers:hapn");
    expect(providers.map((p) => p.urn.split("::").pop()).sort()).toEqual(["north", "south"]);
    for (const provider of providers) {
      expect(provider.inputs?.clientSecret).toMatchObject({ ciphertext: expect.any(String) });
    }
  });

  it("shows no changes on the next preview with a refresh, and writes nothing", async () => {
    for (const account of [north, south]) account.admin.resetCounters();
    await must(["preview", "--refresh", "--expect-no-changes"]);
    expect([writesOf(north), writesOf(south)]).toEqual([0, 0]);
    // The refresh read each tracker through its own account's provider.
    expect(Math.min(north.admin.counters().apiRequests, south.admin.counters().apiRequests)).toBeGreaterThan(0);
  });

  it("leaves both trackers in their accounts on destroy", async () => {
    await must(["destroy", "--yes", "--skip-preview"]);
    expect(north.admin.getDevice(imeis.northVan)).toMatchObject({ name: "North van" });
    expect(south.admin.getDevice(imeis.southVan)).toMatchObject({ name: "South van" });
  });

  it("puts neither client secret into the state, the stack history or anything the CLI printed", async () => {
    printed.push(await stack.run(["stack", "history", "--json"]));
    const text = printed.map((r) => r.stdout + r.stderr).join("\n");
    expect(text).toContain(imeis.southVan); // the scan covers real output
    for (const secret of [north.clientSecret, south.clientSecret]) expect(text).not.toContain(secret);
  });
});
