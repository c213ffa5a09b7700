import fc from "fast-check";
import {
  imeiFromNumber,
  imeiProblem,
  isValidImei,
  luhnCheckDigit,
  programImeiProblem,
} from "../../provider/api-model/imei";

describe("IMEI", () => {
  it("accepts the documented example IMEIs", () => {
    expect(isValidImei("862785041422448")).toBe(true);
    expect(isValidImei("490154203237518")).toBe(true);
  });

  it("any 14 digits plus their check digit is valid, and any other last digit is not", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{14}$/), fc.integer({ min: 1, max: 9 }), (body, offset) => {
        const check = luhnCheckDigit(body);
        expect(isValidImei(`${body}${check}`)).toBe(true);
        expect(imeiProblem(`${body}${(check + offset) % 10}`)).toMatch(/Luhn/);
      }),
    );
  });

  it("reads a 14- or 15-digit number as the IMEI string it stands for, and nothing else", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{14}$/), (body) => {
        const imei = `${body}${luhnCheckDigit(body)}`;
        // What a YAML program's config makes of it: a number, without a leading zero.
        expect(imeiFromNumber(Number(imei))).toBe(Number(imei) >= 1e13 ? imei : Number(imei));
        if (Number(imei) >= 1e13) expect(programImeiProblem(Number(imei))).toBeUndefined();
        // The API's own rule stays strict: a number is no IMEI there.
        expect(imeiProblem(Number(imei))).toMatch(/must be a string/);
      }),
    );
    for (const other of [12345, 1e15, 862785041422448.5, -862785041422448, "862785041422448", null]) {
      expect(imeiFromNumber(other)).toBe(other);
    }
  });
});
