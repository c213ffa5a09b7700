/**
 * The value rules of the API's writable text fields: a device's labels and a boundary's name, color and location.
 * They are our guess at Hapn's limits (docs/api-guesses.md): the provider applies them at preview so a typo fails
 * before any API call, and the emulator enforces the same ones on request bodies, so both reject the same values.
 * Each returns a phrase to follow the field's name, or undefined when the value is fine.
 */
import type { BoundaryInput, DeviceLabelField } from "./wire-types";

/** `#rrggbb`, either case; stored lowercase. */
export const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;

/** Length limits of a text field, in code points. */
export interface TextLimits {
  min: number;
  max: number;
}

/**
 * Why `value` is not acceptable text: lengths count code points (what a person calls characters: "🚚" is one),
 * and with `min` ≥ 1 a value of only whitespace is blank.
 */
export function textProblem(value: unknown, { min, max }: TextLimits): string | undefined {
  if (typeof value !== "string") return "must be a string";
  const length = [...value].length;
  if (length < min) return "must not be empty";
  if (min > 0 && value.trim() === "") return "must not be blank (only whitespace)";
  if (length > max) return `is ${length} characters long; the limit is ${max}`;
  return undefined;
}

/** Why `value` is not a `#rrggbb` color. */
export function colorProblem(value: unknown): string | undefined {
  if (typeof value !== "string") return "must be a string";
  return COLOR_PATTERN.test(value) ? undefined : `"${value}" must be a hex color like "#579db5" (#rrggbb)`;
}

/** Length limits of a device's text labels (its color is a `#rrggbb`). */
export const LABEL_LIMITS = {
  name: { min: 1, max: 100 },
  description: { min: 0, max: 500 },
  icon: { min: 1, max: 64 },
} as const;

/** Why `value` is not acceptable for device label `field`, as a phrase to follow the field's name. */
export function labelValueProblem(field: DeviceLabelField, value: unknown): string | undefined {
  return field === "color" ? colorProblem(value) : textProblem(value, LABEL_LIMITS[field]);
}

/** Length limits of a boundary's text fields. */
export const BOUNDARY_TEXT_LIMITS = {
  name: { min: 1, max: 100 },
  location: { min: 0, max: 500 },
} as const;

/** The boundary fields that are text (its `geometry` has rules of its own, ./geometry.ts). */
export type BoundaryTextField = Exclude<keyof BoundaryInput, "geometry">;

/** Why `value` is not acceptable for boundary field `field`, as a phrase to follow the field's name. */
export function boundaryTextProblem(field: BoundaryTextField, value: unknown): string | undefined {
  return field === "color" ? colorProblem(value) : textProblem(value, BOUNDARY_TEXT_LIMITS[field]);
}
