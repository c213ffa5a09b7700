import type * as pulumi from "@pulumi/pulumi";
import { imeiProblem } from "../imei";
import { DEVICE_LABEL_FIELDS } from "../types";
import { labelProblem, normalizeLabel } from "./labels";
import { DELETE_POLICIES, DeviceInputs } from "./state";

/** The value Pulumi puts in inputs that are not known yet during a preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The properties a Device accepts; `__provider` is Pulumi's own. */
export const DEVICE_PROPERTIES = ["imei", ...DEVICE_LABEL_FIELDS, "deletePolicy"] as const;

/**
 * Validates and normalizes Device inputs without calling the API, so bad input fails at preview with the property
 * named. Values still unknown at preview pass through untouched.
 */
export function checkDevice(news: Record<string, unknown>): pulumi.dynamic.CheckResult<DeviceInputs> {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  const inputs: Record<string, unknown> = { ...news };
  const known = (key: string) => news[key] !== undefined && news[key] !== UNKNOWN;

  for (const key of Object.keys(news)) {
    if (key === "__provider" || (DEVICE_PROPERTIES as readonly string[]).includes(key)) continue;
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

  if (known("deletePolicy") && !(DELETE_POLICIES as readonly unknown[]).includes(news.deletePolicy)) {
    failures.push({
      property: "deletePolicy",
      reason: `deletePolicy must be one of ${DELETE_POLICIES.map((p) => `"${p}"`).join(", ")}; got ${JSON.stringify(news.deletePolicy)}`,
    });
  }

  return failures.length > 0 ? { failures } : { inputs: inputs as unknown as DeviceInputs };
}
