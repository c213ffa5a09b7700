/**
 * The on-disk Pulumi TypeScript projects the bench runs, one per variant, each giving every tracker of
 * `trackers.json` its IMEI, a name and a color: A, B and C with one resource per tracker, F with one for all.
 *   A: this package's `Device` (imported as `pulumi-hapn`, as users do)
 *   B: the engine floor (bench/floor-provider.ts)
 *   C: a docs-style provider (bench/docs-style-provider.ts)
 *   F: this package's `DeviceFleet`, one resource whose `devices` map sets the same labels as A
 *   P: the `hapn` provider plugin (plugin/, loaded by `plugins.providers`) through the generated TypeScript SDK
 *      `@pulumi/hapn`, the same trackers as A as `hapn:index:Device` resources
 * node_modules is a link to the repository's, where `pulumi-hapn` is the workspace link to this checkout (its
 * dist/ must be built); P's is a folder of links to the repository's plus `@pulumi/hapn`, compiled from sdk/nodejs.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { linkModulesWithSdk, nodejsSdkVersion } from "../scripts/lib/sdk/sdk-project-modules";
import type { BenchTrackerArgs } from "./floor-provider";
import type { Variant } from "./options";

const REPO = path.resolve(__dirname, "..");
/** The plugin folder (PulumiPlugin.yaml, runtime nodejs) that variant P's project loads. */
const PLUGIN_DIR = path.join(REPO, "plugin");

/** How one variant's program looks, and the resource type it creates in state. */
export interface VariantProgram {
  title: string;
  importLine: string;
  type: string;
  /** bench/ files the project needs beside its program. */
  copies: string[];
  /** True when one resource holds every tracker (else there is one resource per tracker). */
  oneResource?: boolean;
  /** True when the program runs on the `hapn` plugin through the generated SDK `@pulumi/hapn`. */
  plugin?: boolean;
}

/** The program of each variant. */
export const VARIANTS: Record<Variant, VariantProgram> = {
  A: {
    title: "pulumi-hapn Device",
    importLine: 'import { Device as Tracker } from "pulumi-hapn";',
    type: "pulumi-nodejs:dynamic/hapn:Device",
    copies: [],
  },
  B: {
    title: "engine floor (no-op dynamic resources)",
    importLine: 'import { FloorTracker as Tracker } from "./floor-provider";',
    type: "pulumi-nodejs:dynamic/bench:FloorTracker",
    copies: ["floor-provider.ts"],
  },
  C: {
    title: "docs-style provider (token per operation, GET per read)",
    importLine: 'import { DocsStyleTracker as Tracker } from "./docs-style-provider";',
    type: "pulumi-nodejs:dynamic/bench:DocsStyleTracker",
    copies: ["floor-provider.ts", "docs-style-provider.ts"],
  },
  F: {
    title: "pulumi-hapn DeviceFleet (one resource for every tracker)",
    importLine: 'import { DeviceFleet } from "pulumi-hapn";',
    type: "pulumi-nodejs:dynamic/hapn:DeviceFleet",
    copies: [],
    oneResource: true,
  },
  P: {
    title: "hapn provider plugin Device (generated TypeScript SDK `@pulumi/hapn`, plugin/ folder)",
    importLine: 'import { Device as Tracker } from "@pulumi/hapn";',
    type: "hapn:index:Device",
    copies: [],
    plugin: true,
  },
};

const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"];

/** The program's arguments for each tracker: labels that differ from the seeded fleet's, so `up` writes each. */
export function trackerArgs(imeis: string[]): BenchTrackerArgs[] {
  return imeis.map((imei, i) => ({ imei, name: `Bench tracker ${i}`, color: PALETTE[i % PALETTE.length] }));
}

function program(variant: Variant): string {
  const create = VARIANTS[variant].oneResource
    ? 'new DeviceFleet("fleet", { devices: Object.fromEntries(trackers.map(({ imei, ...labels }) => [imei, labels])) });'
    : "trackers.forEach((args, i) => new Tracker(`tracker-${i}`, args));";
  return `${VARIANTS[variant].importLine}
import * as fs from "node:fs";

const trackers = JSON.parse(fs.readFileSync("trackers.json", "utf8")) as Array<{ imei: string; name: string; color: string }>;
${create}
`;
}

/** Writes variant's project into `dir` (created) for these trackers; returns `dir`. */
export function writeProject(dir: string, variant: Variant, trackers: BenchTrackerArgs[]): string {
  fs.mkdirSync(dir, { recursive: true });
  const name = `hapn-bench-${variant.toLowerCase()}`;
  const { plugin } = VARIANTS[variant];
  const providers = plugin ? `plugins:\n  providers:\n    - name: hapn\n      path: ${PLUGIN_DIR}\n` : "";
  // The Node.js language host names the plugins a program needs from its package.json dependencies.
  const dependencies = plugin ? { "@pulumi/hapn": nodejsSdkVersion() } : undefined;
  const files: Record<string, string> = {
    "Pulumi.yaml": `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n${providers}`,
    "package.json": JSON.stringify({ name, private: true, main: "index.ts", dependencies }, null, 2),
    "tsconfig.json": JSON.stringify(
      {
        compilerOptions: {
          target: "ES2022",
          module: "commonjs",
          moduleResolution: "node",
          strict: true,
          esModuleInterop: true,
          skipLibCheck: true,
        },
      },
      null,
      2,
    ),
    "index.ts": program(variant),
    "trackers.json": JSON.stringify(trackers),
  };
  for (const copy of VARIANTS[variant].copies) files[copy] = fs.readFileSync(path.join(__dirname, copy), "utf8");
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
  if (plugin) linkModulesWithSdk(dir);
  else fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}
