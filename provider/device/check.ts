import type * as pulumi from "@pulumi/pulumi";
import { imeiProblem } from "../imei";
import { DEVICE_LABEL_FIELDS } from "../types";
import { labelProblem, normalizeLabel } from "./labels";
import { DELETE_POLICIES, type DeviceInputs, ON_MISSING } from "./state";

/** The value Pulumi puts in inputs that are not known yet during a preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The properties a Device accepts. */
export const DEVICE_PROPERTIES = ["imei", ...DEVICE_LABEL_FIELDS, "deletePolicy", "onMissing"] as const;

/** Properties that are not the user's: `__provider` is Pulumi's, `__deviceName` the Device class's. */
const INTERNAL_PROPERTIES = ["__provider", "__deviceName"];

/** A failure for a property that must be one of `allowed`, or undefined when it is. */
function oneOf(property: string, value: unknown, allowed: readonly string[]): pulumi.dynamic.CheckFailure | undefined {
  if ((allowed as readonly unknown[]).includes(value)) return undefined;
  const list = allowed.map((p) => `"${p}"`).join(", ");
  return { property, reason: `${property} must be one of ${list}; got ${JSON.stringify(value)}` };
}

/**
 * Validates and normalizes Device inputs without calling the API, so bad input fails at preview with the property
 * named. Values still unknown at preview pass through untouched.
 */
export function checkDevice(news: Record<string, unknown>): pulumi.dynamic.CheckResult<DeviceInputs> {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  const inputs: Record<string, unknown> = { ...news };
  const known = (key: string) => news[key] !== undefined && news[key] !== UNKNOWN;

  for (const key of Object.keys(news)) {
    if (INTERNAL_PROPERTIES.includes(key) || (DEVICE_PROPERTIES as readonly string[]).includes(key)) continue;
    failures.push({
      property: key,
      reason: `unknown property "${key}"; a Device accepts ${DEVICE_PROPERTIES.join(", ")}`,
    });
  }

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
    const failure = known(property) ? oneOf(property, news[property], allowed) : undefined;
    if (failure) failures.push(failure);
  }

  return failures.length > 0 ? { failures } : { inputs: inputs as unknown as DeviceInputs };
}
