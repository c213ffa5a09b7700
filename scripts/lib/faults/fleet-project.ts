/**
 * The program the fault matrix deploys: examples/fleet, copied into a sandbox folder (its Pulumi.yaml, package.json,
 * tsconfig.json and index.ts, untouched) with `node_modules` linked to the repository's, where `pulumi-hapn` is the
 * workspace link to this checkout's `dist/`. Also the fleet config for N seeded trackers and the labels it implies.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Device } from "../../../provider/types";

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

/** Newest modification time under `dir` of files ending in `ext`. */
function newest(dir: string, ext: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(ext)) {
      latest = Math.max(latest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return latest;
}

/** Runs `npm run build` when `dist/` is missing or older than a source of `provider/` (the project runs dist). */
export function ensureBuilt(): void {
  const dist = path.join(REPO, "dist", "provider");
  if (fs.existsSync(dist) && newest(dist, ".js") >= newest(path.join(REPO, "provider"), ".ts")) return;
  execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: REPO, stdio: "inherit" });
}
