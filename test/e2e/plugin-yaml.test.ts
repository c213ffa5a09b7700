/**
 * The `hapn` provider plugin under the real `pulumi` binary: a YAML program (runtime yaml, no SDK) loads the plugin
 * from this repository's plugin/ folder (`plugins.providers` of its Pulumi.yaml; the Node.js language host runs it),
 * manages a Device and a Boundary with the stack's `hapn:*` config, and reads a lookup with `fn::invoke`. Then: a
 * hand edit shows in `pulumi preview --refresh --diff` with the field named; `pulumi import` records a tracker with
 * 0 writes and the generated code's next `up` changes nothing; bad provider config fails the preview naming the
 * setting, with 0 API calls; and the client secret is in no state, output or log. The steps build on each other.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as YAML from "yaml";
import { type RunningEmulator } from "../../emulator";
import { ProjectStack } from "../../scripts/lib/project-stack";
import { type CommandResult, PulumiSandbox } from "../../scripts/lib/pulumi-sandbox";
import { setEmulatorConfig, startTestEmulator } from "../support/emulator";
import { square } from "../support/polygons";
import { writesOf } from "./support/account-writes";
import { buildPackage } from "./support/disk-project";

const PLUGIN_DIR = path.resolve(__dirname, "../../plugin");
/**
 * The plugin as an executable, which the second program loads (the first loads the `runtime: nodejs` folder, as
 * the README's programs do). Before pulumi-language-yaml v1.38 the YAML host could only start the executable: v1.25
 * started a folder plugin's Node.js language host with a `-root` flag that host refuses.
 */
const PLUGIN_BIN = path.join(PLUGIN_DIR, "bin");

describe("the hapn plugin in a YAML program under the real Pulumi CLI", () => {
  const sandbox = PulumiSandbox.create("hapn-plugin-yaml-");
  const projectDir = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-plugin-yaml-"));
  const outputs: CommandResult[] = [];
  let emu: RunningEmulator;
  let stack: ProjectStack;
  let van: string;
  let van2: string;
  const writes = () => writesOf(emu);
  /** Runs `pulumi …` on the stack, keeping what it printed for the secret scan. */
  const run = async (args: string[], target = stack) => {
    const r = await target.run(args);
    outputs.push(r);
    return r;
  };
  const must = async (args: string[], target = stack) => {
    const r = await run(args, target);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
    return r;
  };
  const project = () => YAML.parse(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8"));
  const writeProject = (program: object) =>
    fs.writeFileSync(path.join(projectDir, "Pulumi.yaml"), YAML.stringify(program));

  beforeAll(async () => {
    await buildPackage();
    emu = await startTestEmulator({ devices: 3, seed: 17 });
    [van, van2] = emu.admin.listDevices().map((d) => d.imei);
    writeProject({
      name: "hapn-plugin-yaml",
      runtime: "yaml",
      plugins: { providers: [{ name: "hapn", path: PLUGIN_DIR }] },
      resources: {
        van: { type: "hapn:index:Device", properties: { imei: van, name: "Van 2", color: "#00AA11" } },
        depot: { type: "hapn:index:Boundary", properties: { name: "Depot", geometry: square() } },
      },
      variables: {
        seen: { "fn::invoke": { function: "hapn:index:getDevice", arguments: { imei: van2 } } },
      },
      outputs: { vanName: "${van.name}", depotId: "${depot.boundaryId}", seenName: "${seen.name}" },
    });
    stack = await ProjectStack.init(sandbox, projectDir, "dev");
    await setEmulatorConfig(stack, emu);
  });

  afterAll(async () => {
    await emu?.stop();
    sandbox.dispose();
    fs.rmSync(projectDir, { recursive: true, force: true });
  });

  it("loads the runtime: nodejs plugin folder with the CLI, which serves the checked-in schema", async () => {
    const r = await sandbox.exec("pulumi", ["package", "get-schema", PLUGIN_DIR], { cwd: projectDir });
    expect(r.code).toBe(0);
    const served = JSON.parse(r.stdout.slice(r.stdout.indexOf("{")));
    expect(served).toEqual(JSON.parse(fs.readFileSync(path.join(PLUGIN_DIR, "schema.json"), "utf8")));
  });

  it("creates the Device and the Boundary and reads the lookup, through the plugin", async () => {
    await must(["up", "--yes", "--skip-preview"]);
    expect(emu.admin.getDevice(van)).toMatchObject({ name: "Van 2", color: "#00aa11" });
    const depot = emu.admin.listBoundaries().find((b) => b.name === "Depot");
    expect(depot).toBeDefined();
    expect(await stack.outputs()).toEqual({
      vanName: "Van 2",
      depotId: depot!.boundaryId,
      seenName: emu.admin.getDevice(van2)!.name,
    });
    const types = (await stack.resources()).map((r) => r.type);
    expect(types).toEqual(
      expect.arrayContaining(["hapn:index:Device", "hapn:index:Boundary", "pulumi:providers:hapn"]),
    );
  });

  it("shows a hand edit in `pulumi preview --refresh --diff`, naming the field", async () => {
    emu.admin.editDevice(van, { name: "Hand edit" });
    emu.admin.resetCounters();
    const r = await must(["preview", "--refresh", "--diff"]);
    expect(r.stdout).toMatch(/~ hapn:index:Device: \(update\)[\s\S]*~ name\s*: "Hand edit" => "Van 2"/);
    expect(r.stdout).not.toMatch(/~ color/);
    expect(writes()).toBe(0);
  });

  it("imports a tracker with `pulumi import` and 0 writes; the generated code's next up changes nothing", async () => {
    await must(["up", "--refresh", "--yes", "--skip-preview"]); // puts the hand-edited name back
    expect(emu.admin.getDevice(van)?.name).toBe("Van 2");
    emu.admin.resetCounters();
    const generated = path.join(projectDir, "generated.yaml");
    await must(["import", "hapn:index:Device", "van-2", van2, "--yes", "--out", generated]);
    expect(writes()).toBe(0);
    const code = YAML.parse(fs.readFileSync(generated, "utf8"));
    const live = emu.admin.getDevice(van2)!;
    expect(code.resources["van-2"]).toMatchObject({
      type: expect.stringMatching(/^hapn:(index:)?Device$/), // the generator shortens the index module
      properties: { imei: van2, name: live.name, color: live.color, icon: live.icon },
    });
    const program = project();
    writeProject({ ...program, resources: { ...program.resources, ...code.resources } });
    await must(["up", "--yes", "--expect-no-changes"]);
    expect(writes()).toBe(0);
  });

  it.each([
    [
      "hapn:apiUrl",
      "not-a-url",
      /apiUrl[\s\S]*hapn:apiUrl \(or HAPN_API_URL\) must be an absolute URL, got "not-a-url"/,
    ],
    ["hapn:timeoutMs", "-5", /timeoutMs[\s\S]*hapn:timeoutMs is "-5", but must be a number from 1/],
  ])("fails the preview on bad provider config %s, naming it, with 0 API calls", async (key, value, message) => {
    const bad = await ProjectStack.init(sandbox, projectDir, `bad-${key.replace(/\W/g, "-")}`);
    await setEmulatorConfig(bad, emu);
    // Flags before the key: after `--` every word is a value.
    const set = await sandbox.exec("pulumi", ["config", "set", "--stack", bad.name, key, "--", value], {
      cwd: projectDir,
    });
    expect(set.code).toBe(0);
    emu.admin.resetCounters();
    const r = await run(["preview"], bad);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(message);
    const { apiRequests, tokenRequests } = emu.admin.counters();
    expect({ apiRequests, tokenRequests }).toEqual({ apiRequests: 0, tokenRequests: 0 });
  });

  it("takes an explicit provider's inputs (a secret among them), with no hapn:* stack config at all", async () => {
    // Nothing else could supply the credentials: no HAPN_* variable in the CLI's environment either.
    expect(Object.keys(sandbox.commandEnv()).filter((k) => k.startsWith("HAPN_CLIENT"))).toEqual([]);
    const explicitDir = path.join(projectDir, "explicit");
    fs.mkdirSync(explicitDir);
    const target = emu.admin.listDevices()[2].imei;
    const program = {
      name: "hapn-plugin-explicit",
      runtime: "yaml",
      plugins: { providers: [{ name: "hapn", path: PLUGIN_BIN }] },
      config: {
        apiUrl: { type: "string" },
        authUrl: { type: "string" },
        id: { type: "string" },
        accountSecret: { type: "string" },
      },
      resources: {
        account: {
          type: "pulumi:providers:hapn",
          properties: {
            apiUrl: "${apiUrl}",
            authUrl: "${authUrl}",
            clientId: "${id}",
            clientSecret: "${accountSecret}",
          },
        },
        tracker: {
          type: "hapn:index:Device",
          properties: { imei: target, name: "Explicit" },
          options: { provider: "${account}" },
        },
      },
      variables: {
        seen: {
          "fn::invoke": {
            function: "hapn:index:getDevice",
            arguments: { imei: target },
            options: { provider: "${account}" },
          },
        },
      },
      outputs: { seenIcon: "${seen.icon}" },
    };
    fs.writeFileSync(path.join(explicitDir, "Pulumi.yaml"), YAML.stringify(program));
    const explicit = await ProjectStack.init(sandbox, explicitDir, "explicit");
    await explicit.setConfig(
      { apiUrl: emu.apiUrl, authUrl: emu.authUrl, id: emu.clientId },
      { accountSecret: emu.clientSecret },
    );
    await must(["up", "--yes", "--skip-preview"], explicit);
    expect(emu.admin.getDevice(target)?.name).toBe("Explicit");
    expect(await explicit.outputs()).toEqual({ seenIcon: emu.admin.getDevice(target)!.icon });
    const provider = (await explicit.resources()).find((r) => r.type === "pulumi:providers:hapn");
    expect(provider?.inputs?.clientSecret).toMatchObject({ "4dabf18193072939515e22adb298388d": expect.any(String) });
    outputs.push({ code: 0, stdout: await explicit.exportText(), stderr: "" });
  });

  it("keeps the client secret out of the state, every command's output and the CLI's logs", async () => {
    const state = await stack.exportText();
    expect(state).toContain("hapn:index:Device");
    const logs = fs.existsSync(path.join(sandbox.dir, "home", "logs"))
      ? fs
          .readdirSync(path.join(sandbox.dir, "home", "logs"))
          .map((f) => fs.readFileSync(path.join(sandbox.dir, "home", "logs", f), "utf8"))
      : [];
    const backend = fs
      .readdirSync(path.join(sandbox.dir, "backend"), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), "utf8"));
    const everything = [state, ...backend, ...logs, ...outputs.map((o) => o.stdout + o.stderr)].join("\n");
    expect(everything.length).toBeGreaterThan(10_000);
    expect(everything).not.toContain(emu.clientSecret);
    for (const token of emu.admin.issuedTokens()) expect(everything).not.toContain(token);
  });
});
