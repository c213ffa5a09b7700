/**
 * The fault matrix's plugin variant of examples/fleet: the same `devices` and `team` config and the same labels on
 * every tracker (see `expectedLabels`), but as `hapn:index:Device` resources of the generated TypeScript SDK
 * (`@pulumi/hapn`), served by the `hapn` provider plugin of this checkout instead of the dynamic provider. (No
 * generated fleet tag: the matrix runs the example with `randomTag` false too.)
 *
 * The project loads the plugin as its executable, plugin/bin/pulumi-resource-hapn (`plugins.providers`), as
 * `pulumi plugin install resource hapn … --file` installs it: the engine starts it directly and the script `exec`s
 * node, so the plugin is the CLI's child and nothing but its own engine watch stops it when the CLI dies. (Loaded as
 * the runtime: nodejs folder instead, the plugin is run by a language host that kills it once the CLI's connection
 * drops, so a kill of the CLI would not tell whether the plugin watches its engine.)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { linkModulesWithSdk, nodejsSdkVersion } from "../sdk/sdk-project-modules";

const REPO = path.resolve(__dirname, "..", "..", "..");
/** The folder of the plugin's executable, `pulumi-resource-hapn`. */
export const PLUGIN_BIN_DIR = path.join(REPO, "plugin", "bin");

/** The type token of the plugin's Device in state. */
export const PLUGIN_DEVICE_TYPE = "hapn:index:Device";

/** The program: one Device per `devices` entry, with examples/fleet's labels (its description gets the team). */
const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as hapn from "@pulumi/hapn";

type FleetEntry = { key: string; description?: string } & Omit<hapn.DeviceArgs, "description">;

const config = new pulumi.Config();
const team = config.get("team") ?? "ops";
for (const { key, description, ...args } of config.requireObject<FleetEntry[]>("devices")) {
  new hapn.Device(key, { ...args, description: description === undefined ? undefined : \`\${description} (\${team})\` });
}
`;

/**
 * Writes the project into `dir/plugin-project` with a node_modules of the repository's packages and the SDK
 * compiled into it (a few seconds of tsc); returns the project folder.
 */
export function createPluginFleetProject(dir: string): string {
  const project = path.join(dir, "plugin-project");
  fs.mkdirSync(project, { recursive: true });
  const name = "hapn-fleet-plugin";
  const files: Record<string, string> = {
    "Pulumi.yaml":
      `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n` +
      `plugins:\n  providers:\n    - name: hapn\n      path: ${PLUGIN_BIN_DIR}\n`,
    "package.json": JSON.stringify(
      { name, private: true, main: "index.ts", dependencies: { "@pulumi/hapn": nodejsSdkVersion() } },
      null,
      2,
    ),
    "tsconfig.json": fs.readFileSync(path.join(REPO, "examples", "fleet", "tsconfig.json"), "utf8"),
    "index.ts": PROGRAM,
  };
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(project, file), text);
  linkModulesWithSdk(project);
  return project;
}
