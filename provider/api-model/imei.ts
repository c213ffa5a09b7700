/**
 * IMEI helpers. An IMEI is 15 digits whose last digit is a Luhn check digit; it is always handled as a string
 * because it can start with 0 (the API sometimes sends it as a JSON number, which loses that zero).
 */

/** The Luhn check digit for a string of digits (the digit to append). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when `value` is 15 digits with a valid Luhn check digit. */
export function isValidImei(value: string): boolean {
  return /^\d{15}$/.test(value) && luhnCheckDigit(value.slice(0, 14)) === Number(value[14]);
}

/**
 * An IMEI a program gave as a number (14 or 15 digits), as the 15-digit string it stands for; any other value
 * unchanged. A YAML program cannot pass a digits-only config value as a string: pulumi-yaml turns it into a number
 * even when the config is declared `type: string` (pulumi/pulumi-yaml#577). A number loses only an IMEI's leading
 * zero, which padding to 15 digits gives back, and every 15-digit integer is exact in a double.
 */
export function imeiFromNumber(value: unknown): unknown {
  const fromNumber = typeof value === "number" && Number.isInteger(value) && value >= 1e13 && value < 1e15;
  return fromNumber ? String(value).padStart(15, "0") : value;
}

/**
 * Why a program's IMEI is not a valid one, as {@link imeiProblem} says it; one given as a number counts as the
 * string {@link imeiFromNumber} makes of it. (The API and the emulator take strings only.)
 */
export function programImeiProblem(value: unknown): string | undefined {
  return imeiProblem(imeiFromNumber(value));
}

/**
 * Why `value` is not a valid IMEI, in words a user can act on, or undefined when it is valid.
 * Kept separate from {@link isValidImei} so check failures can say what exactly is wrong.
 */
export function imeiProblem(value: unknown): string | undefined {
  if (typeof value !== "string") return "must be a string of 15 digits (quote it: IMEIs can start with 0)";
  if (!/^\d+$/.test(value)) return `"${value}" must contain digits only`;
  if (value.length !== 15) return `"${value}" has ${value.length} digits; an IMEI has 15`;
  const expected = luhnCheckDigit(value.slice(0, 14));
  if (Number(value[14]) !== expected) {
    return `"${value}" fails the Luhn check (last digit should be ${expected}); check for a typo`;
  }
  return undefined;
}
