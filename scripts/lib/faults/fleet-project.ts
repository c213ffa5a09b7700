/**
 * The program the fault matrix deploys: examples/fleet, copied into a sandbox folder (its Pulumi.yaml, package.json,
 * tsconfig.json and index.ts, untouched) with `node_modules` linked to the repository's, where `pulumi-hapn` is the
 * workspace link to this checkout's `dist/`. Also the fleet config for N seeded trackers and the labels it implies.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Device } from "../../../provider/api-model/wire-types";

const REPO = path.resolve(__dirname, "..", "..", "..");
const EXAMPLE = path.join(REPO, "examples", "fleet");
const PROJECT_FILES = ["Pulumi.yaml", "package.json", "tsconfig.json", "index.ts"];

/** One entry of the example's `devices` config. */
export interface FleetEntry {
  key: string;
  imei: string;
  name: string;
  description: string;
  color: string;
  deletePolicy?: "restoreLabels";
}

/** The labels a fleet entry puts on its tracker (the example adds the team, "ops", to descriptions). */
export function expectedLabels(entry: FleetEntry): Pick<Device, "name" | "description" | "color"> {
  return { name: entry.name, description: `${entry.description} (ops)`, color: entry.color };
}

/** Above this many trackers the fleet config is written compactly (see {@link fleetEntries}). */
export const COMPACT_FLEET_ABOVE = 500;

/**
 * Fleet config for `devices`: every one gets labels it does not have yet, so each adoption is a PATCH. `round`
 * varies the labels (a later `up` of a new round updates every device). Above {@link COMPACT_FLEET_ABOVE}
 * trackers, keys and labels are short and `deletePolicy` is left to its default: the language host hands the whole
 * stack config to the program in one environment variable (`PULUMI_CONFIG`), and Linux refuses one over 128 KiB
 * (`argument list too long`); 1000 entries in the long form make 180 KB.
 */
export function fleetEntries(devices: Device[], round = 1): FleetEntry[] {
  const colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"];
  const compact = devices.length > COMPACT_FLEET_ABOVE;
  return devices.map((d, i) => ({
    key: compact ? `t${i + 1}` : `tracker-${i + 1}`,
    imei: d.imei,
    name: compact ? `F${round} ${i + 1}` : `Fleet ${round} unit ${i + 1}`,
    description: compact ? `R${round}` : `Fault matrix round ${round}`,
    color: colors[(i + round) % colors.length],
    ...(compact ? {} : { deletePolicy: "restoreLabels" as const }),
  }));
}

/** Copies the example into `dir/project` with node_modules linked; returns the project folder. */
export function createFleetProject(dir: string): string {
  const project = path.join(dir, "project");
  fs.mkdirSync(project, { recursive: true });
  for (const file of PROJECT_FILES) fs.copyFileSync(path.join(EXAMPLE, file), path.join(project, file));
  fs.symlinkSync(path.join(REPO, "node_modules"), path.join(project, "node_modules"), "dir");
  return project;
}

/**
 * Puts `entries` into the stack's `devices` config by editing `Pulumi.<stack>.yaml`, where the key must already be
 * set (to anything). At N = 1000 the JSON is over Linux's 128 KiB limit for one command-line argument, so
 * `pulumi config set devices <json>` fails to start (E2BIG). A JSON string is a valid YAML double-quoted scalar.
 */
export function writeDevicesConfig(projectDir: string, stackName: string, entries: FleetEntry[]): void {
  const file = path.join(projectDir, `Pulumi.${stackName}.yaml`);
  const text = fs.readFileSync(file, "utf8");
  const line = /^(\s+[\w-]+:devices:).*$/m;
  if (!line.test(text)) throw new Error(`${file} has no devices key to replace`);
  const value = JSON.stringify(JSON.stringify(entries));
  fs.writeFileSync(
    file,
    text.replace(line, (_match, key: string) => `${key} ${value}`),
  );
}
