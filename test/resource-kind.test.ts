/** What every resource kind shares: here, which inputs a refresh hands back to the engine. */
import { canonicalJson } from "../provider/api-model/json";
import { refreshedInputs } from "../provider/resource-kind";

describe("refreshedInputs", () => {
  it("returns nothing when the live inputs equal the prior ones, whatever the key order", () => {
    const prior = { imei: "1", name: "Van", model: { a: 1, b: [1, 2] } };
    const live = { model: { b: [1, 2], a: 1 }, name: "Van", imei: "1" };
    expect(refreshedInputs(prior, live)).toBeUndefined();
  });

  it("returns the live inputs when a value, a key or an array order differs", () => {
    const prior: Record<string, unknown> = { imei: "1", name: "Van", fields: ["name", "color"] };
    expect(refreshedInputs(prior, { ...prior, name: "Hand edit" })).toEqual({ ...prior, name: "Hand edit" });
    expect(refreshedInputs(prior, { ...prior, color: "#000000" })).toBeDefined();
    expect(refreshedInputs(prior, { ...prior, fields: ["color", "name"] })).toBeDefined();
  });
});

describe("canonicalJson", () => {
  it("sorts keys at every level and keeps arrays as they are", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"e":2,"f":1}]},"b":1}',
    );
  });
});
