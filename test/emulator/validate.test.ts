/** The emulator's validation rules and tables, on their own (the API tests check them over HTTP). */
import {
  atField,
  BOUNDARY_CREATE,
  BOUNDARY_PATCH,
  checkFields,
  DEVICE_PATCH,
  intIn,
  listOf,
  nullable,
  numberIn,
  oneOf,
  settings,
} from "../../emulator/validate";
import { square } from "./helpers";

describe("rules", () => {
  it("say what a value must be, and nothing for a good one", () => {
    expect(intIn(1, 3)(2)).toBeUndefined();
    expect(intIn(1, 3)(2.5)).toBe("must be an integer from 1 to 3");
    expect(numberIn(0, 1, true)(0)).toBe("must be a number greater than 0 and at most 1");
    expect(numberIn(0, 1)(0)).toBeUndefined();
    expect(oneOf(["a", 1])("b")).toBe('must be one of "a", 1');
    expect(nullable(intIn(1, 3))(null)).toBeUndefined();
  });

  it("nest: settings and lists name the sub-path of the first problem", () => {
    const burst = settings({ burst: intIn(1, 9), rate: numberIn(0, 5) }, ["burst"]);
    expect(burst({ burst: 3 })).toBeUndefined();
    expect(burst({ rate: 1 })).toBe(".burst is required");
    expect(burst({ burst: 0 })).toBe(".burst must be an integer from 1 to 9");
    expect(burst({ burst: 1, speed: 2 })).toBe(".speed is not a known setting (known: burst, rate)");
    expect(listOf(burst, "bursts")([{ burst: 1 }, { burst: 99 }])).toBe("[1].burst must be an integer from 1 to 9");
    expect(listOf(burst, "bursts")("x")).toBe("must be an array of bursts");
    expect(atField("faults", "[0].kind x")).toBe("faults[0].kind x");
    expect(atField("limit", "must be a number")).toBe("limit must be a number");
  });
});

describe("checkFields", () => {
  it("accepts a device patch the API model allows", () => {
    expect(checkFields({ name: "Van", color: "#00aa11" }, DEVICE_PATCH)).toEqual({
      ok: true,
      value: { name: "Van", color: "#00aa11" },
    });
  });

  it("names every bad field at once, with the API model's words", () => {
    expect(checkFields({ name: "", color: "red" }, DEVICE_PATCH)).toEqual({
      ok: false,
      message: 'name must not be empty; color "red" must be a hex color like "#579db5" (#rrggbb)',
    });
  });

  it("refuses a body that is not an object, is empty, or has unknown fields", () => {
    expect(checkFields([], DEVICE_PATCH)).toEqual({ ok: false, message: "Request body must be a JSON object" });
    expect(checkFields({}, DEVICE_PATCH)).toEqual({
      ok: false,
      message: "Request body must set at least one of: name, description, color, icon",
    });
    expect(checkFields({ label: "x" }, DEVICE_PATCH)).toEqual({
      ok: false,
      message: "Unknown field(s): label (allowed: name, description, color, icon)",
    });
  });

  it("requires a new boundary's name and geometry, and attaches a geometry problem to its path", () => {
    expect(checkFields({ color: "#000000" }, BOUNDARY_CREATE)).toEqual({
      ok: false,
      message: "name is required; geometry is required",
    });
    expect(checkFields({ name: "Yard", geometry: square() }, BOUNDARY_CREATE)).toMatchObject({ ok: true });
    const open = {
      ...square(),
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      },
    };
    const result = checkFields({ geometry: open }, BOUNDARY_PATCH);
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^geometry\.geometry\.coordinates\[0\] is not closed/),
    });
  });
});
