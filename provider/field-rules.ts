/**
 * The value rules that labels of every resource kind share (a device's name, a boundary's location…), so a
 * Device and a Boundary phrase and count the same way. Each returns a phrase to follow the field's name, or
 * undefined when the value is fine.
 */

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
