/**
 * The shape Device state is stored in, and back. Today every field besides the IMEI, the labels and the two options
 * is stored as one JSON text, `factsJson` (see {@link DeviceOutputs}). Development builds of 0.2.0 stored them as a
 * `facts` object, and 0.1.0 stored every field at the top level; both are still read.
 */
import { isJsonObject, parseJsonObject } from "../api-model/json";
import type { DeviceFacts, DeviceOutputs, DeviceRecord } from "./state";

/** The record as stored outputs: non-label fields as one JSON text. */
export function storedOutputs(record: DeviceRecord): DeviceOutputs {
  const { imei, name, description, color, icon, deletePolicy, onMissing, ...facts } = record;
  return { imei, name, description, color, icon, deletePolicy, onMissing, factsJson: JSON.stringify(facts) };
}

/** True when stored outputs are in the current shape (have `factsJson`); false for every earlier shape. */
export function isCurrentShape(props: object | undefined): boolean {
  return typeof (props as { factsJson?: unknown } | undefined)?.factsJson === "string";
}

/** The facts in `factsJson`, or an empty object when it is missing or not a JSON object. */
export function parseFacts(text: unknown): Partial<DeviceFacts> {
  return parseJsonObject(text);
}

/**
 * Stored outputs of any shape as one flat record (fields may be missing: see `normalizeState`). `__provider`
 * and any other extra key pass through.
 */
export function flattenStored(
  props: Partial<DeviceOutputs> | Partial<DeviceRecord> | Record<string, unknown> | undefined,
): Partial<DeviceRecord> {
  if (!props) return {};
  const { factsJson, facts, ...rest } = props as Record<string, unknown>;
  const grouped = isCurrentShape(props) ? parseFacts(factsJson) : isJsonObject(facts) ? facts : {};
  return { ...grouped, ...rest } as Partial<DeviceRecord>;
}

/** The fields of {@link DeviceFacts}: what `factsJson` holds. */
export const FACT_FIELDS = [
  "managedFields",
  "adoptedLabels",
  "inAccount",
  "clientId",
  "status",
  "iccid",
  "model",
  "connectivityProvider",
  "appUrl",
  "created",
  "modified",
] as const satisfies ReadonlyArray<keyof DeviceFacts>;
