import fc from "fast-check";
import { imeiProblem, isValidImei, luhnCheckDigit } from "../../provider/api-model/imei";

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
});
