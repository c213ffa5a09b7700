import { colorProblem, textProblem } from "../field-rules";
import { DEVICE_LABEL_FIELDS, type DeviceLabelField } from "../types";

/**
 * The rules for a device's label fields. They are our guess at Hapn's limits (docs/api-guesses.md): the provider
 * checks them at preview time so a typo fails before any API call, and the emulator enforces the same ones
 * through {@link labelValueProblem}.
 */
export const LABEL_LIMITS = {
  name: { min: 1, max: 100 },
  description: { min: 0, max: 500 },
  icon: { min: 1, max: 64 },
} as const;

export { COLOR_PATTERN } from "../field-rules";

/** The four labels of a device, as recorded (for example when it was adopted). */
export type Labels = Record<DeviceLabelField, string>;

/**
 * Why `value` is not acceptable for label `field`, as a phrase to follow the field's name ("must not be blank"),
 * or undefined when it is fine. The one implementation of the rules: the provider's check and the emulator both
 * use it. Lengths count code points (what a person calls characters: "🚚" is one), and a name or icon of only
 * whitespace is blank.
 */
export function labelValueProblem(field: DeviceLabelField, value: unknown): string | undefined {
  return field === "color" ? colorProblem(value) : textProblem(value, LABEL_LIMITS[field]);
}

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
