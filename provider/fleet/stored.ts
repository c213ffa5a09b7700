/**
 * The shape a DeviceFleet is stored in, and back: the two options, and the trackers' live labels, adoption labels
 * and missing IMEIs as one JSON text, `fleetJson` (see {@link FleetOutputs}).
 */
import { isJsonObject } from "../api-model/json";
import { asFleetMap } from "./devices-field";
import type { FleetOutputs, FleetRecord } from "./state";

/** The record as stored outputs. */
export function storedFleet(record: FleetRecord): FleetOutputs {
  const { devices, adopted, missing, deletePolicy, onMissing } = record;
  return { deletePolicy, onMissing, fleetJson: JSON.stringify({ devices, adopted, missing }) };
}

/** True when stored outputs have `fleetJson` (the only shape so far; a `get` passes inputs only). */
export function isStoredFleet(props: unknown): boolean {
  return typeof (props as { fleetJson?: unknown } | undefined)?.fleetJson === "string";
}

/** The JSON object in `text`, or {} when it is missing or not one. */
function parseObject(text: unknown): Record<string, unknown> {
  if (typeof text !== "string") return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return isJsonObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/**
 * Stored outputs (or, for a read by id, inputs) as one flat record; fields may be missing (the kernel's
 * `normalizeState` fills the options). Inputs carry `devices` themselves: they are then the recorded labels.
 */
export function readFleet(props: unknown): Partial<FleetRecord> {
  if (!isJsonObject(props)) return {};
  const { fleetJson, ...rest } = props;
  const inner = parseObject(fleetJson);
  const devices = asFleetMap(inner.devices ?? rest.devices);
  return {
    ...(rest as Partial<FleetRecord>),
    devices,
    adopted: asFleetMap(inner.adopted),
    missing: Array.isArray(inner.missing) ? inner.missing.filter((m): m is string => typeof m === "string") : [],
    managedFields: ["devices"],
  };
}
