import { BOUNDARY } from "../../provider/boundary/kind";
import type { BoundaryInputs } from "../../provider/boundary/state";
import { checkInputs } from "../../provider/kind/check";
import { UNKNOWN } from "../../provider/check-core";
import { ring, square } from "../support/polygons";

/** The kernel's check of the Boundary definition. */
const checkBoundary = (news: Record<string, unknown>) => checkInputs<BoundaryInputs>(BOUNDARY, news);

describe("checkBoundary", () => {
  it("accepts a valid polygon and lowercases the color", () => {
    const result = checkBoundary({ name: "Yard", color: "#AABBCC", geometry: square(), __provider: "x" });
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toMatchObject({ name: "Yard", color: "#aabbcc", geometry: square() });
  });

  it("rejects a bad polygon, naming geometry, the place inside it and the fix (the rules: api-model/geometry)", () => {
    const result = checkBoundary({ name: "Yard", geometry: ring([0, 0], [1, 0], [1, 1], [0, 1]) });
    expect(result.failures).toEqual([
      {
        property: "geometry",
        reason:
          "geometry.coordinates[0] is not closed (first and last positions differ); repeat the first position [0, 0] at the end",
      },
    ]);
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ["a missing name", { geometry: square() }, "name", /name is required .*or set boundaryId/],
    ["a missing geometry", { name: "Yard" }, "geometry", /geometry is required .*GeoJSON Polygon/],
    ["a blank name", { name: "  ", geometry: square() }, "name", /name must not be blank/],
    [
      "a long location",
      { name: "Yard", location: "x".repeat(501), geometry: square() },
      "location",
      /501 characters long; the limit is 500/,
    ],
    ["a bad color", { name: "Yard", color: "green", geometry: square() }, "color", /"green" must be a hex color/],
    ["a bad boundaryId", { boundaryId: -3 }, "boundaryId", /boundaryId must be a positive integer/],
    ["a string boundaryId", { boundaryId: "316386" }, "boundaryId", /positive integer/],
    [
      "a bad deletePolicy",
      { boundaryId: 1, deletePolicy: "drop" },
      "deletePolicy",
      /must be one of "delete", "retain"/,
    ],
    [
      "an unknown property",
      { name: "Yard", geometry: square(), colour: "#000000" },
      "colour",
      /unknown property "colour"; a Boundary accepts/,
    ],
  ])("rejects %s", (_name, news, property, reason) => {
    const result = checkBoundary(news);
    expect(result.failures).toContainEqual({ property, reason: expect.stringMatching(reason) });
  });

  it("adopting by boundaryId needs neither name nor geometry", () => {
    expect(checkBoundary({ boundaryId: 316386 }).failures).toBeUndefined();
  });

  it("lets values that are unknown at preview through, even inside the polygon", () => {
    const geometry = {
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [UNKNOWN, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    };
    expect(checkBoundary({ name: UNKNOWN, color: UNKNOWN, geometry }).failures).toBeUndefined();
    expect(checkBoundary({ name: "Yard", geometry: UNKNOWN }).failures).toBeUndefined();
  });
});
