/**
 * Request-body validation for the emulated API and the admin API: a field is checked by a {@link Rule} (which
 * returns a problem in words, or undefined), and {@link checkFields} applies a table of rules to a JSON body,
 * rejecting unknown fields and reporting every bad field by name.
 */
import { boundaryTextProblem } from "../provider/boundary/fields";
import { imeiProblem } from "../provider/imei";
import { labelValueProblem } from "../provider/device/labels";
import { DEVICE_LABEL_FIELDS, type DeviceLabelField } from "../provider/types";
import { geometryProblem } from "./geometry";

/** Checks one field value; returns what is wrong with it (without the field name), or undefined. */
export type Rule = (value: unknown) => string | undefined;

/** The result of a check: the accepted fields, or a message naming every bad field. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** True for a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Any string. */
export const anyString: Rule = (value) => (typeof value === "string" ? undefined : "must be a string");

/** An ISO-8601 timestamp string. */
export const isoTime: Rule = (value) =>
  typeof value === "string" && !Number.isNaN(Date.parse(value)) ? undefined : "must be an ISO-8601 timestamp";

/** A non-negative integer. */
export const integer: Rule = (value) =>
  Number.isSafeInteger(value) && (value as number) >= 0 ? undefined : "must be a non-negative integer";

/** A device model: `{ name: string, description?: string }`. */
export const deviceModel: Rule = (value) => {
  if (!isObject(value) || typeof value.name !== "string") return "must be an object with a string name";
  return value.description === undefined || typeof value.description === "string"
    ? undefined
    : "description must be a string";
};

/** A 15-digit, Luhn-valid IMEI. */
export const imei: Rule = (value) => imeiProblem(value);

/** How a body is checked: a rule per allowed field, and which fields must be present. */
export interface FieldTable {
  rules: Record<string, Rule>;
  required?: readonly string[];
}

/**
 * Checks a parsed JSON body against a field table: it must be an object with at least one field, no unknown
 * fields, every required field, and every present field valid. The message names each bad field. `T` is the
 * shape the table guarantees (the caller's claim; the rules are what enforce it).
 */
export function checkFields<T = Record<string, unknown>>(body: unknown, table: FieldTable): Checked<T> {
  const allowed = Object.keys(table.rules);
  if (!isObject(body)) return { ok: false, message: "Request body must be a JSON object" };
  const keys = Object.keys(body);
  if (keys.length === 0) {
    return { ok: false, message: `Request body must set at least one of: ${allowed.join(", ")}` };
  }
  const unknown = keys.filter((k) => !Object.hasOwn(table.rules, k));
  if (unknown.length > 0) {
    return { ok: false, message: `Unknown field(s): ${unknown.join(", ")} (allowed: ${allowed.join(", ")})` };
  }
  const problems: string[] = [];
  for (const field of table.required ?? []) {
    if (body[field] === undefined) problems.push(`${field} is required`);
  }
  for (const key of keys) {
    const problem = table.rules[key](body[key]);
    // Geometry problems start with a sub-path (".geometry.coordinates[0]…") and attach directly to the key.
    if (problem) problems.push(problem.startsWith(".") ? key + problem : `${key} ${problem}`);
  }
  return problems.length > 0 ? { ok: false, message: problems.join("; ") } : { ok: true, value: body as T };
}

/** The API's device update body (guess: name, description, color, icon; see docs/api-guesses.md). */
export const DEVICE_PATCH: FieldTable = {
  rules: Object.fromEntries(
    DEVICE_LABEL_FIELDS.map((f): [DeviceLabelField, Rule] => [f, (value) => labelValueProblem(f, value)]),
  ),
};

/** Writable boundary fields; `name` and `geometry` are required on create. */
const BOUNDARY_RULES: Record<string, Rule> = {
  name: (value) => boundaryTextProblem("name", value),
  color: (value) => boundaryTextProblem("color", value),
  location: (value) => boundaryTextProblem("location", value),
  geometry: geometryProblem,
};

/** The API's boundary create body. */
export const BOUNDARY_CREATE: FieldTable = { rules: BOUNDARY_RULES, required: ["name", "geometry"] };

/** The API's boundary update body. */
export const BOUNDARY_PATCH: FieldTable = { rules: BOUNDARY_RULES };

/** Device fields the admin API may change out of band (everything but the IMEI and the derived app URL). */
const ADMIN_DEVICE_RULES: Record<string, Rule> = {
  clientId: integer,
  created: isoTime,
  modified: isoTime,
  name: anyString,
  status: anyString,
  iccid: anyString,
  color: anyString,
  icon: anyString,
  description: anyString,
  model: deviceModel,
  connectivityProvider: anyString,
};

/** The admin API's out-of-band device edit. */
export const ADMIN_DEVICE_PATCH: FieldTable = { rules: ADMIN_DEVICE_RULES };

/** The admin API's device addition: an IMEI plus any other device fields. */
export const ADMIN_DEVICE_ADD: FieldTable = { rules: { imei, ...ADMIN_DEVICE_RULES }, required: ["imei"] };
