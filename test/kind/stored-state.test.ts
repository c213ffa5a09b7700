/** The kernel's stored state of a kind: which inputs a refresh hands back, and old states read with defaults. */
import { BOUNDARY } from "../../provider/boundary/kind";
import { DEVICE } from "../../provider/device/kind";
import { bookkeepingOf, liveInputs, normalizeState, refreshedInputs } from "../../provider/kind/stored-state";

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

describe("normalizeState", () => {
  it("fills every default of a state that lacks them, from the id when even the key is missing", () => {
    expect(normalizeState(DEVICE, undefined, "862785041422448")).toEqual({
      imei: "862785041422448",
      managedFields: [],
      deletePolicy: "retain",
      onMissing: "fail",
    });
    expect(normalizeState(BOUNDARY, { adopted: true, managedFields: ["geometry", "bogus", "name"] }, "7")).toEqual({
      boundaryId: 7,
      adopted: true,
      managedFields: ["name", "geometry"],
      deletePolicy: "retain",
    });
  });

  it("replaces an option value the kind does not allow by its fallback", () => {
    expect(normalizeState(BOUNDARY, { deletePolicy: "shred" }, "7")).toMatchObject({ deletePolicy: "delete" });
    expect(normalizeState(DEVICE, { onMissing: "ignore" }, "1")).toMatchObject({ onMissing: "fail" });
  });
});

describe("bookkeepingOf and liveInputs", () => {
  it("record every option, and give back only the options that differ from their fallback", () => {
    const recorded = bookkeepingOf(BOUNDARY, { name: "Yard" }, { adopted: true });
    expect(recorded).toEqual({ managedFields: ["name"], adopted: true, deletePolicy: "retain" });
    const record = { ...recorded, boundaryId: 7, name: "Yard", deletePolicy: "delete" };
    expect(liveInputs(BOUNDARY, record)).toEqual({ boundaryId: 7, name: "Yard", deletePolicy: "delete" });
    expect(liveInputs(BOUNDARY, { ...record, adopted: false })).toEqual({ name: "Yard" });
  });
});
