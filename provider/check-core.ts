/**
 * What every resource kind's `check` shares: the preview's unknown-value sentinel, the rejection of properties
 * the kind does not accept, enumerations, and the missing-credentials failure. The kernel's check (kind/check.ts)
 * applies them with each kind's own rules.
 */
import type * as pulumi from "@pulumi/pulumi";
import { currentSettings, oncePerProcess } from "./process-state";
import { settingsProblem } from "./settings-check";

/** The value Pulumi puts in inputs that are not known yet during a preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True when `value` is set and fully known (nothing inside it is still the preview's unknown sentinel). */
export function isKnown(value: unknown): boolean {
  return value !== undefined && !JSON.stringify(value).includes(UNKNOWN);
}

/**
 * A failure for every property of `news` that `kind` does not accept. Properties starting with `__` are Pulumi's
 * or the resource class's own (`__provider`, and `__deviceName` in older states) and never the user's.
 */
export function unknownPropertyFailures(
  kind: string,
  news: Record<string, unknown>,
  accepted: readonly string[],
): pulumi.dynamic.CheckFailure[] {
  return Object.keys(news)
    .filter((key) => !key.startsWith("__") && !accepted.includes(key))
    .map((key) => ({ property: key, reason: `unknown property "${key}"; a ${kind} accepts ${accepted.join(", ")}` }));
}

/** A failure for a property that must be one of `allowed`, or undefined when it is (or is not known yet). */
export function oneOf(
  property: string,
  value: unknown,
  allowed: readonly string[],
): pulumi.dynamic.CheckFailure | undefined {
  if (!isKnown(value) || (allowed as readonly unknown[]).includes(value)) return undefined;
  const list = allowed.map((p) => `"${p}"`).join(", ");
  return { property, reason: `${property} must be one of ${list}; got ${JSON.stringify(value)}` };
}

/**
 * Fails the preview when credentials are missing, a client setting is invalid or a URL is unacceptable: once with
 * the full message naming what to fix and how, and with a pointer to it for every further resource of the
 * deployment.
 */
export function settingsFailure(): pulumi.dynamic.CheckFailure | undefined {
  const problem = settingsProblem(currentSettings());
  if (problem === undefined) return undefined;
  const reason = oncePerProcess("settings-unusable")
    ? problem
    : "Hapn provider settings are missing or invalid (see the first error of this preview for how to fix them)";
  return { property: "", reason };
}

/**
 * A kind's check result completed by the checks every kind shares: when its own rules pass, missing credentials
 * or unusable settings still fail the preview.
 */
export function withSharedChecks<T>(result: pulumi.dynamic.CheckResult<T>): pulumi.dynamic.CheckResult<T> {
  if (result.failures) return result;
  const failure = settingsFailure();
  return failure ? { failures: [failure] } : result;
}
