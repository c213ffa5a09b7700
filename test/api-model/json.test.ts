/** JSON helpers of the API model. */
import { canonicalJson, parseJsonObject } from "../../provider/api-model/json";

describe("canonicalJson", () => {
  it("sorts keys at every level and keeps arrays as they are", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"e":2,"f":1}]},"b":1}',
    );
  });
});

describe("parseJsonObject", () => {
  it("parses a stored JSON object text, and gives {} for anything else", () => {
    expect(parseJsonObject('{"a":[1]}')).toEqual({ a: [1] });
    for (const text of [undefined, 3, "not json", "[1]", "null"]) expect(parseJsonObject(text)).toEqual({});
  });
});
