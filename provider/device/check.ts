import type * as pulumi from "@pulumi/pulumi";
import { oneOf, UNKNOWN, unknownPropertyFailures } from "../check-core";
import { imeiProblem } from "../api-model/imei";
import { DEVICE_LABEL_FIELDS } from "../api-model/wire-types";
import { labelProblem, normalizeLabel } from "./labels";
import { DELETE_POLICIES, type DeviceInputs, ON_MISSING } from "./state";

export { UNKNOWN };

/** The properties a Device accepts. */
export const DEVICE_PROPERTIES = ["imei", ...DEVICE_LABEL_FIELDS, "deletePolicy", "onMissing"] as const;

/**
 * Validates and normalizes Device inputs without calling the API, so bad input fails at preview with the property
 * named. Values still unknown at preview pass through untouched.
 */
export function checkDevice(news: Record<string, unknown>): pulumi.dynamic.CheckResult<DeviceInputs> {
  const inputs: Record<string, unknown> = { ...news };
  const known = (key: string) => news[key] !== undefined && news[key] !== UNKNOWN;

  const failures = unknownPropertyFailures("Device", news, DEVICE_PROPERTIES);

  if (news.imei === undefined) {
    failures.push({ property: "imei", reason: "imei is required: the tracker's 15-digit IMEI, as a string" });
  } else if (known("imei")) {
    const problem = imeiProblem(news.imei);
    if (problem) failures.push({ property: "imei", reason: `imei ${problem}` });
  }

  for (const field of DEVICE_LABEL_FIELDS) {
    if (!known(field)) continue;
    const problem = labelProblem(field, news[field]);
    if (problem) failures.push({ property: field, reason: problem });
    else inputs[field] = normalizeLabel(field, news[field] as string);
  }

  for (const [property, allowed] of [
    ["deletePolicy", DELETE_POLICIES],
    ["onMissing", ON_MISSING],
  ] as const) {
    const failure = oneOf(property, news[property], allowed);
    if (failure) failures.push(failure);
  }

  return failures.length > 0 ? { failures } : { inputs: inputs as unknown as DeviceInputs };
}
