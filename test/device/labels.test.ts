/** The label rules are one implementation: the provider's check and the emulator agree on every label. */
import fc from "fast-check";
import { checkFields, DEVICE_PATCH } from "../../emulator/validate";
import { DEVICE } from "../../provider/device/kind";
import type { DeviceInputs } from "../../provider/device/state";
import { checkInputs } from "../../provider/kind/check";
import { DEVICE_LABEL_FIELDS } from "../../provider/api-model/wire-types";

const VAN = "862785041422448";

/** Strings near the limits: emoji (2 UTF-16 units each), whitespace, hex colors, plain text. */
const labelValue = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 130 }),
  fc.string({ unit: fc.constantFrom(" ", "\t", "\n", "\u00a0"), maxLength: 5 }),
  fc.integer({ min: 0, max: 130 }).map((n) => "🚚".repeat(n)),
  fc.integer({ min: 0, max: 600 }).map((n) => "d".repeat(n)),
  fc.stringMatching(/^#[0-9a-fA-F]{6}$/),
);

describe("label rules", () => {
  it("check accepts exactly the labels the emulator accepts, as it would be sent", () => {
    fc.assert(
      fc.property(fc.constantFrom(...DEVICE_LABEL_FIELDS), labelValue, (field, value) => {
        const checked = checkInputs<DeviceInputs>(DEVICE, { imei: VAN, [field]: value });
        const sent = checked.inputs ? { [field]: checked.inputs[field] } : { [field]: value };
        expect(checkFields(sent, DEVICE_PATCH).ok).toBe(checked.failures === undefined);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ["name", "   ", /name must not be blank/],
    ["icon", "\t", /icon must not be blank/],
    ["name", "🚚".repeat(101), /101 characters long; the limit is 100/],
  ])("rejects %s %j at check", (field, value, reason) => {
    expect(checkInputs<DeviceInputs>(DEVICE, { imei: VAN, [field]: value }).failures).toEqual([
      { property: field, reason: expect.stringMatching(reason) },
    ]);
  });

  it("counts an emoji as one character, as the emulator does", () => {
    expect(checkInputs<DeviceInputs>(DEVICE, { imei: VAN, name: "🚚".repeat(60) }).failures).toBeUndefined();
  });
});
