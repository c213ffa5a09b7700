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
  deletePolicy: "restoreLabels";
}

/** The labels a fleet entry puts on its tracker (the example adds the team, "ops", to descriptions). */
export function expectedLabels(entry: FleetEntry): Pick<Device, "name" | "description" | "color"> {
  return { name: entry.name, description: `${entry.description} (ops)`, color: entry.color };
}

/**
 * Fleet config for `devices`: every one gets labels it does not have yet, so each adoption is a PATCH. `round`
 * varies the labels (a later `up` of a new round updates every device).
 */
export function fleetEntries(devices: Device[], round = 1): FleetEntry[] {
  const colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"];
  return devices.map((d, i) => ({
    key: `tracker-${i + 1}`,
    imei: d.imei,
    name: `Fleet ${round} unit ${i + 1}`,
    description: `Fault matrix round ${round}`,
    color: colors[(i + round) % colors.length],
    deletePolicy: "restoreLabels",
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
