/**
 * A Pulumi TypeScript project as `pulumi new typescript` lays it out (without its network steps): Pulumi.yaml,
 * package.json with TypeScript and @types/node, tsconfig.json. Nothing is installed: the tests then run the README's
 * own `npm install` line in it, so its node_modules is the project's own, from the registry.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PULUMI_NEW_COMPILER_OPTIONS } from "../../../cli/export/tsconfig";

/** The two tsconfig.json files `pulumi new typescript` has written: today's and the one before. */
export const TSCONFIGS = {
  today: { module: "nodenext", moduleResolution: "nodenext" },
  older: { module: "commonjs", moduleResolution: "node" },
} as const;

/** One of {@link TSCONFIGS}. */
export type TsconfigVariant = (typeof TSCONFIGS)[keyof typeof TSCONFIGS];

/** Writes the project into `dir` (made if missing), with today's tsconfig unless told otherwise. */
export function newTypeScriptProject(dir: string, variant: TsconfigVariant = TSCONFIGS.today): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, "Pulumi.yaml"),
    "name: my-fleet\ndescription: My Hapn trackers\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n",
  );
  const pkg = {
    name: "my-fleet",
    main: "index.ts",
    devDependencies: { "@types/node": "^22.0.0", typescript: "~5.9.3" },
    dependencies: {},
  };
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(pkg, null, 2));
  const compilerOptions = { ...PULUMI_NEW_COMPILER_OPTIONS, ...variant };
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["index.ts"] }, null, 2));
}
