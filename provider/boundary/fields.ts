/**
 * The rules for a boundary's text fields. Our guess at Hapn's limits (docs/api-guesses.md): the Boundary's
 * `check` applies them at preview, and the emulator's API body validation (emulator/validate.ts) applies the
 * same ones, so both reject the same values.
 */
import { colorProblem, textProblem } from "../field-rules";

/** The boundary fields a program manages: the API's writable ones. */
export const BOUNDARY_FIELDS = ["name", "color", "location", "geometry"] as const;

/** One writable boundary field. */
export type BoundaryField = (typeof BOUNDARY_FIELDS)[number];

/** Length limits of the text fields. */
export const BOUNDARY_TEXT_LIMITS = {
  name: { min: 1, max: 100 },
  location: { min: 0, max: 500 },
} as const;

/** Why `value` is not acceptable for `name`, `color` or `location`, as a phrase to follow the field's name. */
export function boundaryTextProblem(field: "name" | "color" | "location", value: unknown): string | undefined {
  return field === "color" ? colorProblem(value) : textProblem(value, BOUNDARY_TEXT_LIMITS[field]);
}
