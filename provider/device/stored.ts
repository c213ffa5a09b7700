/**
 * The shape Device state is stored in, and back: since 0.2.0 every field besides the IMEI, the labels and the
 * two options is stored under one `facts` object (see {@link DeviceOutputs}); before, all were top-level.
 */
import type { DeviceOutputs, DeviceRecord } from "./state";

/** The record as stored outputs: non-label fields grouped under `facts`. */
export function storedOutputs(record: DeviceRecord): DeviceOutputs {
  const { imei, name, description, color, icon, deletePolicy, onMissing, ...facts } = record;
  return { imei, name, description, color, icon, deletePolicy, onMissing, facts };
}

/** True when stored outputs are in the current shape (have `facts`); false for states written before 0.2.0. */
export function isCurrentShape(props: object | undefined): boolean {
  const facts = (props as { facts?: unknown } | undefined)?.facts;
  return typeof facts === "object" && facts !== null;
}

/**
 * Stored outputs of either shape as one flat record (fields may be missing: see `normalizeState`). `__provider`
 * and any other extra key pass through.
 */
export function flattenStored(
  props: Partial<DeviceOutputs> | Partial<DeviceRecord> | undefined,
): Partial<DeviceRecord> {
  if (!props) return {};
  if (!isCurrentShape(props)) return props as Partial<DeviceRecord>;
  const { facts, ...rest } = props as DeviceOutputs;
  return { ...facts, ...rest };
}
