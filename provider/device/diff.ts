import type * as pulumi from "@pulumi/pulumi";
import { DEVICE_LABEL_FIELDS, type DeviceLabelField, type DevicePatch } from "../api-model/wire-types";
import { UNKNOWN } from "./check";
import { normalizeLabel } from "./labels";
import { type DeviceInputs, type DeviceRecord, managedFieldsOf } from "./state";

/**
 * The label changes that turn `current` (live or stored outputs) into what `desired` asks for. Only fields the
 * program sets are compared, so labels it leaves alone are never touched.
 */
export function labelPatch(current: Partial<Record<DeviceLabelField, string>>, desired: DeviceInputs): DevicePatch {
  const patch: DevicePatch = {};
  for (const field of DEVICE_LABEL_FIELDS) {
    const want = desired[field];
    if (want === undefined) continue;
    if (want === UNKNOWN || normalizeLabel(field, want) !== normalizeLabel(field, current[field] ?? "")) {
      patch[field] = want;
    }
  }
  return patch;
}

/** True when the two lists hold the same fields, whatever their order. */
function sameFields(a: readonly DeviceLabelField[] = [], b: readonly DeviceLabelField[]): boolean {
  return a.length === b.length && a.every((f) => b.includes(f));
}

/**
 * Desired inputs against the device's outputs. `changes` is always set explicitly and `__provider` is ignored,
 * so a new version of this package never shows up as an update of every device; an IMEI change replaces.
 */
export function diffDevice(olds: Partial<DeviceRecord>, news: DeviceInputs): pulumi.dynamic.DiffResult {
  if (news.imei === UNKNOWN || news.imei !== olds.imei) {
    return { changes: true, replaces: ["imei"] };
  }
  const changed =
    Object.keys(labelPatch(olds, news)).length > 0 ||
    !sameFields(olds.managedFields, managedFieldsOf(news)) ||
    (news.deletePolicy ?? "retain") !== (olds.deletePolicy ?? "retain") ||
    (news.onMissing ?? "fail") !== (olds.onMissing ?? "fail");
  return { changes: changed };
}
