/**
 * scripts/toolchain.sh as a new user meets it: in a fresh home folder outside the repository, `source
 * scripts/toolchain.sh`, their own `pulumi login file://…` and passphrase, then `pulumi up` of examples/fleet by
 * hand. With a CLI the script built itself (no plugin downloads on this machine), that `up` used to fail trying to
 * download the `random` plugin, which only the test sandbox could see; the script now installs the plugin it built
 * into the user's plugin cache, as `pulumi plugin install … --file` would, once.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type RunningEmulator } from "../../emulator";
import { PulumiSandbox } from "../../scripts/lib/pulumi-sandbox";
import { startTestEmulator } from "../support/emulator";
import { emulatorEnv } from "./support/emulator-env";
import { expectOk } from "./support/expect-ok";

const REPO = path.resolve(__dirname, "../..");
const EXAMPLE = path.join(REPO, "examples", "fleet");
const RANDOM_VERSION = "4.21.2";

/** The by-hand steps, as typed in a terminal (the emulator's endpoints and credentials come from the environment). */
const BY_HAND = `
source "${REPO}/scripts/toolchain.sh"
mkdir -p "$HOME/backend"
pulumi login "file://$HOME/backend"
export PULUMI_CONFIG_PASSPHRASE=my-own-passphrase
cd "${EXAMPLE}"
pulumi stack init "$STACK"
pulumi config set devices '[{"key":"van-2","imei":"862785041422448","name":"Van #2","color":"#579db5"}]'
pulumi config set hapn:apiUrl "$HAPN_API_URL"
pulumi config set hapn:authUrl "$HAPN_AUTH_URL"
pulumi config set hapn:clientId "$HAPN_CLIENT_ID"
pulumi config set --secret hapn:clientSecret "$HAPN_CLIENT_SECRET"
pulumi up --yes
pulumi stack output fleetTag
`;

describe("the toolchain, then pulumi up by hand", () => {
  // Only the folder and the runner of a sandbox are used: the commands get the user's own environment (below).
  const scratch = PulumiSandbox.create("hapn-new-user-");
  const home = path.join(scratch.dir, "user-home");
  const stack = `by-hand-${process.pid}`;
  const toolsDir = process.env.HAPN_TOOLS_DIR ?? path.join(os.homedir(), ".cache", "pulumi-hapn");
  let emu: RunningEmulator;

  /**
   * A new user's shell: a home folder of their own, and none of the Pulumi settings the tests' sandbox sets. The
   * CLI takes its default Pulumi home from the user database rather than $HOME, so PULUMI_HOME names the default of
   * that fresh home (`$HOME/.pulumi`) instead of touching the real account's. The toolchain is not on PATH yet; its
   * cache and the Go caches stay the machine's, so nothing is built again.
   */
  const userEnv = (): Record<string, string | undefined> => ({
    PATH: (process.env.PATH ?? "")
      .split(path.delimiter)
      .filter((dir) => !dir.startsWith(toolsDir))
      .join(path.delimiter),
    HOME: home,
    PULUMI_HOME: path.join(home, ".pulumi"),
    HAPN_TOOLS_DIR: toolsDir,
    GOPATH: process.env.GOPATH ?? path.join(os.homedir(), "go"),
    GOCACHE: process.env.GOCACHE ?? path.join(os.homedir(), ".cache", "go-build"),
    STACK: stack,
    ...emulatorEnv(emu),
    PULUMI_BACKEND_URL: undefined,
    PULUMI_CONFIG_PASSPHRASE: undefined,
    PULUMI_SKIP_UPDATE_CHECK: undefined,
    PULUMI_DISABLE_REGISTRY_RESOLVE: undefined,
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: undefined,
    PULUMI_IGNORE_AMBIENT_PLUGINS: undefined,
    HAPN_PULUMI_PLUGINS: undefined,
    HAPN_STATE_DIR: undefined,
  });

  beforeAll(async () => {
    fs.mkdirSync(home, { recursive: true });
    emu = await startTestEmulator({ devices: 4 });
  });
  afterAll(async () => {
    await emu?.stop();
    fs.rmSync(path.join(EXAMPLE, `Pulumi.${stack}.yaml`), { force: true });
    scratch.dispose();
  });

  it("finds the random plugin it built: pulumi up succeeds", async () => {
    const r = await scratch.shell(BY_HAND, { cwd: home, env: userEnv() });
    expectOk(r);
    expect(r.stderr).toContain(`installing the random plugin v${RANDOM_VERSION} it built into ${home}/.pulumi/plugins`);
    expect(r.stdout).not.toContain("error downloading provider");
    expect(r.stdout).toMatch(/RandomPet +fleet-tag +created/);
    expect(r.stdout.trim().split("\n").at(-1)).toMatch(/^[a-z]+-[a-z]+$/);
    const plugin = path.join(
      home,
      ".pulumi",
      "plugins",
      `resource-random-v${RANDOM_VERSION}`,
      "pulumi-resource-random",
    );
    expect(fs.statSync(plugin).mode & 0o111).not.toBe(0);
    expect(emu.admin.counters().byRoute.listDevices?.["200"]).toBeGreaterThan(0);
  });

  it("installs it once: sourcing again leaves the user's plugin cache alone", async () => {
    const r = await scratch.shell(`source "${REPO}/scripts/toolchain.sh" && pulumi plugin ls`, {
      cwd: home,
      env: userEnv(),
    });
    expectOk(r);
    expect(r.stderr).not.toContain("installing the random plugin");
    expect(r.stdout).toMatch(new RegExp(`random +resource +${RANDOM_VERSION.replace(/\./g, "\\.")}`));
  });
});
