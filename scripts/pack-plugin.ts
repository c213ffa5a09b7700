/**
 * `npm run pack-plugin`: the `hapn` provider plugin as the tarball `pulumi plugin install resource hapn v<version>
 * --file <tarball>` installs, runnable without this checkout: the executable `pulumi-resource-hapn` (a shell script
 * starting Node on index.js), the built provider code (dist/provider) and the node_modules it loads, copied from
 * this checkout's (no registry). It is an executable plugin, not a `runtime: nodejs` folder: the CLI would run
 * `npm install` in an installed folder plugin, and the YAML language host cannot start one (test/e2e/plugin-yaml.test.ts).
 * Node 22 or newer must be on PATH where it runs.
 *
 *   npm run pack-plugin                # writes pulumi-resource-hapn-v<version>-<os>-<arch>.tar.gz here
 *   npm run pack-plugin -- --out DIR   # into DIR
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { VERSION } from "../provider/client/version";
import { ensureFreshBuild } from "./lib/fresh-build";
import { productionModules } from "./lib/plugin/production-modules";
import { pluginTarballName } from "./lib/plugin/tarball-name";

const REPO = path.resolve(__dirname, "..");

/** The packages the plugin requires itself: this package's dependencies and its `@pulumi/pulumi` peer. */
function pluginDependencies(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
  };
  return [...Object.keys(pkg.dependencies ?? {}), "@pulumi/pulumi"];
}

const LAUNCHER = `#!/bin/sh
# The hapn Pulumi resource provider plugin: the engine runs this with its address as the argument.
exec node "$(dirname "$0")/index.js" "$@"
`;

const ENTRY = `// Starts the hapn plugin's gRPC server and prints its port for the engine.
require("./dist/provider/hosts/plugin-main.js").main(process.argv.slice(2));
`;

/** Lays the plugin out in `stage` (see module docs). */
export function stagePlugin(stage: string): void {
  fs.cpSync(path.join(REPO, "dist", "provider"), path.join(stage, "dist", "provider"), {
    recursive: true,
    filter: (src) => fs.statSync(src).isDirectory() || (src.endsWith(".js") && !src.endsWith(".d.js")),
  });
  for (const dir of productionModules(REPO, pluginDependencies())) {
    const source = path.join(REPO, dir);
    fs.cpSync(source, path.join(stage, dir), {
      recursive: true,
      dereference: true,
      // A package's own node_modules holds packages copied on their own when the plugin needs them.
      filter: (src) => src !== path.join(source, "node_modules"),
    });
  }
  fs.writeFileSync(path.join(stage, "pulumi-resource-hapn"), LAUNCHER, { mode: 0o755 });
  fs.writeFileSync(path.join(stage, "index.js"), ENTRY);
  fs.writeFileSync(
    path.join(stage, "package.json"),
    `${JSON.stringify({ name: "pulumi-resource-hapn", version: VERSION, private: true, main: "index.js" }, null, 2)}\n`,
  );
  fs.copyFileSync(path.join(REPO, "LICENSE"), path.join(stage, "LICENSE"));
}

/** Builds dist/ if stale and writes the tarball into `outDir`; returns its path. */
export async function packPlugin(outDir: string): Promise<string> {
  await ensureFreshBuild(REPO);
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-plugin-stage-"));
  try {
    stagePlugin(stage);
    const tarball = path.resolve(outDir, pluginTarballName(VERSION));
    fs.mkdirSync(outDir, { recursive: true });
    execFileSync("tar", ["-czf", tarball, "-C", stage, "."], { stdio: "inherit" });
    return tarball;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  // npm run starts scripts in the package folder; INIT_CWD is where the user typed the command.
  const outDir = values.out ?? process.env.INIT_CWD ?? process.cwd();
  packPlugin(outDir).then(
    (tarball) => console.log(`wrote ${path.relative(process.cwd(), tarball) || tarball}`),
    (error: unknown) => {
      console.error(`pack-plugin: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
