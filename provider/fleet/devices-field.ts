/**
 * The DeviceFleet's one managed field, `devices` (IMEI → labels): its check (every IMEI and label, each failure
 * naming `devices["<imei>"].<label>` and the fix), its canonical form (lowercase colors), its comparison (only the
 * labels the program sets count) and its differences, tracker by tracker, for drift.
 */
import { imeiProblem } from "../api-model/imei";
import { isJsonObject } from "../api-model/json";
import { DEVICE_LABEL_FIELDS, type DeviceLabelField } from "../api-model/wire-types";
import { labelProblem, normalizeLabel } from "../device/labels";
import type { FieldDifference, FieldRule } from "../kind/definition";
import { typeRef } from "../schema-types";
import type { FleetLabels, FleetMap } from "./state";

/** At most this many problems are listed in one check failure; the rest are counted. */
export const MAX_LISTED = 20;

/** The path of one label of one tracker, as failures and drift name it. */
export function labelPath(imei: string, field?: string): string {
  return `devices[${JSON.stringify(imei)}]${field ? `.${field}` : ""}`;
}

/** `value` as a fleet map (keys kept, non-objects as empty), for stored or live values of any shape. */
export function asFleetMap(value: unknown): FleetMap {
  return isJsonObject(value) ? (value as FleetMap) : {};
}

/** Every problem of a `devices` value, each naming its path and the fix. */
export function devicesProblems(value: unknown): string[] {
  if (!isJsonObject(value)) {
    return [
      'devices must be an object mapping each IMEI (a string) to its labels, e.g. { "862785041422448": { name: "Van 1" } }',
    ];
  }
  const problems: string[] = [];
  for (const [imei, labels] of Object.entries(value)) {
    const bad = imeiProblem(imei);
    if (bad) problems.push(`${labelPath(imei)}: the key must be the tracker's IMEI: ${bad}`);
    if (!isJsonObject(labels)) {
      problems.push(`${labelPath(imei)} must be an object of labels (name, description, color, icon)`);
      continue;
    }
    for (const key of Object.keys(labels)) {
      if (labels[key] === undefined) continue;
      if (!(DEVICE_LABEL_FIELDS as readonly string[]).includes(key)) {
        problems.push(
          `${labelPath(imei, key)}: unknown label; a tracker of a DeviceFleet takes ${DEVICE_LABEL_FIELDS.join(", ")}`,
        );
        continue;
      }
      const problem = labelProblem(key as DeviceLabelField, labels[key]);
      if (problem) problems.push(`${labelPath(imei)}.${problem}`);
    }
  }
  return problems;
}

/** The problems of a `devices` value as one failure reason, or undefined when there are none. */
function devicesProblem(value: unknown): string | undefined {
  const problems = devicesProblems(value);
  if (problems.length === 0) return undefined;
  const more = problems.length > MAX_LISTED ? [`… and ${problems.length - MAX_LISTED} more`] : [];
  return [...problems.slice(0, MAX_LISTED), ...more].join("\n");
}

/** The labels a tracker's entry sets, in canonical form (lowercase colors); unset labels left out. */
export function normalizeLabels(labels: FleetLabels): FleetLabels {
  const out: FleetLabels = {};
  for (const f of DEVICE_LABEL_FIELDS) {
    if (typeof labels[f] === "string") out[f] = normalizeLabel(f, labels[f]);
  }
  return out;
}

/** A fleet map in canonical form. */
function normalizeDevices(value: unknown): FleetMap {
  return Object.fromEntries(Object.entries(asFleetMap(value)).map(([imei, l]) => [imei, normalizeLabels(l)]));
}

/**
 * Where `program` (the labels the program sets) and `live` differ: a tracker one of them lacks, and each label the
 * program sets whose live value differs.
 */
export function devicesDifferences(program: unknown, live: unknown): FieldDifference[] {
  const want = normalizeDevices(program);
  const have = normalizeDevices(live);
  const out: FieldDifference[] = [];
  for (const [imei, labels] of Object.entries(want)) {
    const current = have[imei];
    if (!current) {
      out.push({ path: labelPath(imei), program: asFleetMap(program)[imei], live: undefined });
      continue;
    }
    for (const f of DEVICE_LABEL_FIELDS) {
      if (labels[f] !== undefined && labels[f] !== (current[f] ?? "")) {
        out.push({ path: labelPath(imei, f), program: labels[f], live: current[f] });
      }
    }
  }
  for (const imei of Object.keys(have)) {
    if (!want[imei]) out.push({ path: labelPath(imei), program: undefined, live: asFleetMap(live)[imei] });
  }
  return out;
}

/** True when each tracker sets the same labels in `a` and `b` (as each lists them). */
function sameLabelSets(a: FleetMap, b: FleetMap): boolean {
  const keys = (l: FleetLabels) => Object.keys(l).sort().join(",");
  return Object.keys(a).every((imei) => b[imei] !== undefined && keys(a[imei]) === keys(b[imei]));
}

/**
 * The `devices` field. Two values are the same when they hold the same trackers, each with the same labels set
 * and equal: a label starting or stopping to be managed is a change (it is recorded, and restored on destroy).
 */
export const DEVICES_FIELD: FieldRule = {
  name: "devices",
  type: { type: "object", additionalProperties: typeRef("TrackerLabels") },
  doc:
    "The trackers this fleet manages, by 15-digit IMEI (string keys), each with the labels to apply (`name`, " +
    "`description`, `color`, `icon`; the same rules as a Device's). Only the labels set are managed.",
  required: () => 'devices is required: the trackers to manage, by IMEI, e.g. { "862785041422448": { name: "Van 1" } }',
  problem: devicesProblem,
  normalize: normalizeDevices,
  same: (a, b) => {
    const [x, y] = [normalizeDevices(a), normalizeDevices(b)];
    return (
      Object.keys(x).length === Object.keys(y).length && sameLabelSets(x, y) && devicesDifferences(x, y).length === 0
    );
  },
  differences: devicesDifferences,
};
