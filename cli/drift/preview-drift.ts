/**
 * Finds drift in the JSON of `pulumi preview --refresh --json`: for each Hapn resource the preview would change,
 * the managed fields whose value in Hapn (the refreshed state) differs from the program's. Dynamic providers give
 * the engine no detailed diff (pulumi#3080), so the fields are computed here from each step's `oldState` (after the
 * refresh: what Hapn has) and `newState` (what the program asks for), compared as the provider's diff compares them.
 */
import { sameValue } from "../../provider/kind/compare";
import type { FieldRule } from "../../provider/kind/definition";
import { KINDS } from "../../provider/kinds";
import { resourceToken } from "../../provider/hosts/plugin-tokens";
import { dynamicType } from "../../provider/stored-provider";

/** The part of a preview step this reads. */
interface PreviewStep {
  op: string;
  urn: string;
  oldState?: { id?: string; type?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
  newState?: { id?: string; type?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
}

/** The part of `pulumi preview --json`'s document this reads. */
export interface PreviewDocument {
  steps?: PreviewStep[];
  diagnostics?: Array<{ urn?: string; message?: string; severity?: string }>;
  changeSummary?: Record<string, number>;
}

/** One field that differs: its value in the program and in Hapn, as JSON. */
export interface FieldDrift {
  field: string;
  program: unknown;
  hapn: unknown;
}

/** One resource with drift. */
export interface ResourceDrift {
  /** The resource's name in the program. */
  name: string;
  /** `Device`, `Boundary` or `DeviceFleet`. */
  kind: string;
  id: string;
  fields: FieldDrift[];
}

/**
 * The fields each Hapn resource kind manages, by type token; only these count as drift. From the kinds, under both
 * tokens a kind is stored with: the dynamic provider's (`pulumi-nodejs:dynamic/hapn:Device`) and the plugin's
 * (`hapn:index:Device`), whose stored shapes are the same, so both kinds of stack report alike.
 */
export const MANAGED_FIELDS: Record<string, { kind: string; fields: readonly FieldRule[] }> = Object.fromEntries(
  KINDS.flatMap((kind) =>
    [dynamicType(kind.name), resourceToken(kind)].map((type) => [type, { kind: kind.name, fields: kind.fields }]),
  ),
);

/**
 * The rows of one field that differs: the field itself, or for a field of many objects (a DeviceFleet's `devices`)
 * one row per part that differs, named by its path (`devices["862785041422448"].name`).
 */
function fieldDrift(field: FieldRule, program: unknown, hapn: unknown): FieldDrift[] {
  if (!field.differences) return [{ field: field.name, program, hapn }];
  return field.differences(program, hapn).map((d) => ({ field: d.path, program: d.program, hapn: d.live }));
}

/** Step operations that change nothing. */
const NO_CHANGE = new Set(["same", "read", "refresh", "discard", "remove-pending-replace"]);

/** The resource's name: the last segment of its URN. */
function nameOf(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/**
 * Throws with the preview's error diagnostics when it failed (a broken program, refused credentials): then it says
 * nothing about drift, and the report must not claim "no drift".
 */
export function previewErrors(doc: PreviewDocument): string[] {
  return (doc.diagnostics ?? [])
    .filter((d) => d.severity === "error")
    .map((d) => (d.message ?? "").trim())
    .filter((m) => m !== "");
}

/** The drift in a preview document: every Hapn resource whose managed fields differ between program and Hapn. */
export function driftFromPreview(doc: PreviewDocument): ResourceDrift[] {
  const drift: ResourceDrift[] = [];
  for (const step of doc.steps ?? []) {
    if (NO_CHANGE.has(step.op)) continue;
    const type = step.newState?.type ?? step.oldState?.type ?? "";
    const managed = MANAGED_FIELDS[type];
    if (!managed) continue;
    const name = nameOf(step.urn);
    const id = step.oldState?.id ?? step.newState?.id ?? "";
    if (!step.oldState) {
      // Declared in the program but not in Hapn (deleted by hand and dropped by the refresh, or not created yet).
      drift.push({
        name,
        kind: managed.kind,
        id,
        fields: [{ field: "(resource)", program: "present", hapn: "absent" }],
      });
      continue;
    }
    if (!step.newState) continue; // In the stack but no longer in the program: a program change, not drift.
    const program = step.newState.inputs ?? {};
    const live = { ...(step.oldState.inputs ?? {}), ...(step.oldState.outputs ?? {}) };
    const fields = managed.fields
      .filter((f) => program[f.name] !== undefined && !sameValue(f, program[f.name], live[f.name]))
      .flatMap((f) => fieldDrift(f, program[f.name], live[f.name]));
    if (fields.length > 0) drift.push({ name, kind: managed.kind, id, fields });
  }
  return drift;
}
