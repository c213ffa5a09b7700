/**
 * The emulator's one validation style: a value is checked by a {@link Rule}, which returns a problem in words (or
 * undefined), and tables of rules describe objects. {@link checkFields} applies a table to a request body of the
 * emulated API or the admin API, reporting every bad field by name; {@link settings} nests a table inside a rule
 * (fault settings), and the emulator's options are a table too (options.ts).
 */
import {
  boundaryTextProblem,
  DEVICE_LABEL_FIELDS,
  type DeviceLabelField,
  imeiProblem,
  isJsonObject,
  labelValueProblem,
} from "../provider/api-model";
import { geometryProblem } from "./geometry";

/** Checks one field value; returns what is wrong with it (without the field name), or undefined. */
export type Rule = (value: unknown) => string | undefined;

/** The result of a check: the accepted fields, or a message naming every bad field. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Attaches a problem to the field it is about: a problem that starts with a sub-path (`.burst …`, `[0].kind …`)
 * is appended to the field directly, any other after a space.
 */
export function atField(field: string, problem: string): string {
  return problem.startsWith(".") || problem.startsWith("[") ? field + problem : `${field} ${problem}`;
}

/** An integer from `min` to `max`. */
export function intIn(min: number, max: number): Rule {
  return (value) =>
    Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max
      ? undefined
      : `must be an integer from ${min} to ${max}`;
}

/** A finite number from `min` (or, with `minExclusive`, above it) to `max`. */
export function numberIn(min: number, max: number, minExclusive = false): Rule {
  return (value) =>
    typeof value === "number" && Number.isFinite(value) && (minExclusive ? value > min : value >= min) && value <= max
      ? undefined
      : `must be a number ${minExclusive ? `greater than ${min} and at most` : `from ${min} to`} ${max}`;
}

/** One of `values`. */
export function oneOf(values: readonly unknown[]): Rule {
  return (value) =>
    values.includes(value) ? undefined : `must be one of ${values.map((x) => JSON.stringify(x)).join(", ")}`;
}

/** `null`, or a value `rule` accepts. */
export function nullable(rule: Rule): Rule {
  return (value) => (value === null ? undefined : rule(value));
}

/** A non-empty string. */
export const nonEmptyString: Rule = (value) =>
  typeof value === "string" && value !== "" ? undefined : "must be a non-empty string";

/**
 * An object of settings: no unknown keys, every `required` key present, every present key valid. Returns the first
 * problem, with the key's sub-path (`.burst is required`).
 */
export function settings(rules: Record<string, Rule>, required: readonly string[] = []): Rule {
  return (value) => {
    if (!isJsonObject(value)) return "must be an object";
    for (const [key, item] of Object.entries(value)) {
      if (!Object.hasOwn(rules, key)) {
        return `.${key} is not a known setting (known: ${Object.keys(rules).join(", ")})`;
      }
      const problem = item === undefined ? undefined : rules[key](item);
      if (problem) return atField(`.${key}`, problem);
    }
    const missing = required.find((key) => value[key] === undefined);
    return missing === undefined ? undefined : `.${missing} is required`;
  };
}

/** An array whose items `rule` accepts; the first bad item's problem has its index (`[2].kind …`). */
export function listOf(rule: Rule, what: string): Rule {
  return (value) => {
    if (!Array.isArray(value)) return `must be an array of ${what}`;
    for (let i = 0; i < value.length; i++) {
      const problem = rule(value[i]);
      if (problem) return atField(`[${i}]`, problem);
    }
    return undefined;
  };
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
  if (!isJsonObject(value) || typeof value.name !== "string") return "must be an object with a string name";
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
  if (!isJsonObject(body)) return { ok: false, message: "Request body must be a JSON object" };
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
    if (problem) problems.push(atField(key, problem));
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
