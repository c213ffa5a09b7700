import { DEVICE_LABEL_FIELDS, DeviceLabelField } from "../types";

/**
 * The rules for a device's label fields. They are our guess at Hapn's limits (docs/api-guesses.md): the provider
 * checks them at preview time so a typo fails before any API call, and the emulator enforces the same ones.
 */
export const LABEL_LIMITS = {
  name: { min: 1, max: 100 },
  description: { min: 0, max: 500 },
  icon: { min: 1, max: 64 },
} as const;

/** `#rrggbb`, either case; stored lowercase. */
export const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;

/** The four labels of a device, as recorded (for example when it was adopted). */
export type Labels = Record<DeviceLabelField, string>;

/**
 * Why `value` is not acceptable for label `field`, in words that name the fix; undefined when it is fine.
 * Kept free of Pulumi types so the emulator can share it.
 */
export function labelProblem(field: DeviceLabelField, value: unknown): string | undefined {
  if (typeof value !== "string") return `${field} must be a string`;
  if (field === "color") {
    return COLOR_PATTERN.test(value) ? undefined : `color "${value}" must be a hex color like "#579db5" (#rrggbb)`;
  }
  const { min, max } = LABEL_LIMITS[field];
  if (value.length < min) return min === 1 ? `${field} must not be empty` : `${field} is too short`;
  if (value.length > max) return `${field} is ${value.length} characters long; the limit is ${max}`;
  return undefined;
}

/** The canonical form of a label value, so `#ABCDEF` and `#abcdef` never show up as drift. */
export function normalizeLabel(field: DeviceLabelField, value: string): string {
  return field === "color" ? value.toLowerCase() : value;
}

/** Picks the four labels off a device-like object. */
export function pickLabels(source: Partial<Record<DeviceLabelField, string>>): Labels {
  return Object.fromEntries(DEVICE_LABEL_FIELDS.map((f) => [f, source[f] ?? ""])) as Labels;
}
