/**
 * The shape a DeviceFleet is stored in, and back: the two options, and the trackers' live labels, adoption labels
 * and missing IMEIs as one JSON text, `fleetJson` (see {@link FleetOutputs}). In it each tracker is one entry,
 * `"<imei>": [live, adopted]`, each a row of the four labels in the API's order (`null` for a label not managed):
 * label names spelled out for every tracker cost more than the labels themselves once the text is escaped in state.
 */
import { isJsonObject, parseJsonObject } from "../api-model/json";
import { DEVICE_LABEL_FIELDS } from "../api-model/wire-types";
import { asFleetMap } from "./devices-field";
import type { FleetLabels, FleetMap, FleetOutputs, FleetRecord } from "./state";

/** One tracker's labels as a stored row. */
type Row = (string | null)[];

/** Labels as a row: the four labels in the API's order, null where not set. */
function toRow(labels: FleetLabels | undefined): Row {
  return DEVICE_LABEL_FIELDS.map((f) => labels?.[f] ?? null);
}

/** A stored row as labels (only the ones set). */
function fromRow(row: unknown): FleetLabels {
  const labels: FleetLabels = {};
  if (!Array.isArray(row)) return labels;
  DEVICE_LABEL_FIELDS.forEach((f, i) => {
    if (typeof row[i] === "string") labels[f] = row[i] as string;
  });
  return labels;
}

/** The record as stored outputs. */
export function storedFleet(record: FleetRecord): FleetOutputs {
  const { devices, adopted, missing, deletePolicy, onMissing } = record;
  const trackers = Object.fromEntries(
    Object.entries(devices).map(([imei, labels]) => [imei, [toRow(labels), toRow(adopted[imei])]]),
  );
  return { deletePolicy, onMissing, fleetJson: JSON.stringify({ trackers, missing }) };
}

/** The live and adopted labels of the stored `trackers` entry. */
function readTrackers(value: unknown): { devices: FleetMap; adopted: FleetMap } {
  const devices: FleetMap = {};
  const adopted: FleetMap = {};
  if (!isJsonObject(value)) return { devices, adopted };
  for (const [imei, rows] of Object.entries(value)) {
    if (!Array.isArray(rows)) continue;
    devices[imei] = fromRow(rows[0]);
    const original = fromRow(rows[1]);
    if (Object.keys(original).length > 0) adopted[imei] = original;
  }
  return { devices, adopted };
}

/** True when stored outputs have `fleetJson` (the only shape so far; a `get` passes inputs only). */
export function isStoredFleet(props: unknown): boolean {
  return typeof (props as { fleetJson?: unknown } | undefined)?.fleetJson === "string";
}

/**
 * Stored outputs (or, for a read by id, inputs) as one flat record; fields may be missing (the kernel's
 * `normalizeState` fills the options). Inputs carry `devices` themselves: they are then the recorded labels.
 */
export function readFleet(props: unknown): Partial<FleetRecord> {
  if (!isJsonObject(props)) return {};
  const { fleetJson, ...rest } = props;
  const inner = parseJsonObject(fleetJson);
  const stored = readTrackers(inner.trackers);
  return {
    ...(rest as Partial<FleetRecord>),
    devices: fleetJson === undefined ? asFleetMap(rest.devices) : stored.devices,
    adopted: stored.adopted,
    missing: Array.isArray(inner.missing) ? inner.missing.filter((m): m is string => typeof m === "string") : [],
    managedFields: ["devices"],
  };
}
