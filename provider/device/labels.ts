/**
 * A device's four labels as the provider handles them: check failures naming the field, the canonical form
 * compared in diffs, and picking them off a device. The value rules themselves are the API model's
 * (../api-model/field-rules.ts), shared with the emulator.
 */
import { labelValueProblem } from "../api-model/field-rules";
import { DEVICE_LABEL_FIELDS, type DeviceLabelField } from "../api-model/wire-types";

/** The four labels of a device, as recorded (for example when it was adopted). */
export type Labels = Record<DeviceLabelField, string>;

/** {@link labelValueProblem} as a sentence naming the field, for check failures. */
export function labelProblem(field: DeviceLabelField, value: unknown): string | undefined {
  const problem = labelValueProblem(field, value);
  return problem === undefined ? undefined : `${field} ${problem}`;
}

/** The canonical form of a label value, so `#ABCDEF` and `#abcdef` never show up as drift. */
export function normalizeLabel(field: DeviceLabelField, value: string): string {
  return field === "color" ? value.toLowerCase() : value;
}

/** Picks the four labels off a device-like object. */
export function pickLabels(source: Partial<Record<DeviceLabelField, string>>): Labels {
  return Object.fromEntries(DEVICE_LABEL_FIELDS.map((f) => [f, source[f] ?? ""])) as Labels;
}
