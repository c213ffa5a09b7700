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

  it("accepts a polygon with a hole and 3-value positions", () => {
    const hole = [
      [13.401, 52.501, 10],
      [13.402, 52.501, 10],
      [13.402, 52.502, 10],
      [13.401, 52.501, 10],
    ];
    const geometry = { type: "Polygon", coordinates: [...square().coordinates, hole] };
    expect(checkBoundary({ name: "Yard", geometry }).failures).toBeUndefined();
  });

  const big = Array.from({ length: 10_001 }, (_, i) => [i / 100_000, 0]);
  big.push([0, 0]);

  it.each<[string, unknown, RegExp]>([
    [
      "a Feature instead of its Polygon",
      { type: "Feature", properties: {}, geometry: square() },
      /not a Feature; pass the Feature's `geometry`/,
    ],
    [
      "a MultiPolygon",
      { type: "MultiPolygon", coordinates: [square().coordinates] },
      /not a MultiPolygon; declare one Boundary per polygon/,
    ],
    ["a Point", { type: "Point", coordinates: [0, 0] }, /must be a Polygon .*not a Point/],
    ["a bare coordinate list", square().coordinates, /must be a Polygon/],
    ["no rings", { type: "Polygon", coordinates: [] }, /geometry\.coordinates must be a non-empty list of rings/],
    [
      "coordinates that are not a list",
      { type: "Polygon", coordinates: "0,0" },
      /geometry\.coordinates must be a non-empty/,
    ],
    [
      "a ring of 3 positions",
      ring([0, 0], [1, 0], [0, 0]),
      /coordinates\[0\] must be a ring of at least 4 positions; give at least 3 corners/,
    ],
    [
      "an open ring",
      ring([0, 0], [1, 0], [1, 1], [0, 1]),
      /coordinates\[0\] is not closed .*repeat the first position \[0, 0\] at the end/,
    ],
    [
      "longitude above 180",
      ring([0, 0], [180.5, 0], [1, 1], [0, 0]),
      /coordinates\[0\]\[1\] longitude 180.5 is outside -180..180; .*longitude first/,
    ],
    [
      "latitude below -90",
      ring([0, 0], [1, -91], [1, 1], [0, 0]),
      /coordinates\[0\]\[1\] latitude -91 is outside -90..90/,
    ],
    ["lat/lng swapped (latitude 120)", ring([52, 120], [53, 120], [53, 121], [52, 120]), /latitude 120 is outside/],
    ["a position with a string", ring([0, 0], [1, "0"], [1, 1], [0, 0]), /coordinates\[0\]\[1\] must contain numbers/],
    [
      "a position with one number",
      ring([0, 0], [1], [1, 1], [0, 0]),
      /coordinates\[0\]\[1\] must be \[longitude, latitude\]/,
    ],
    ["a NaN coordinate", ring([0, 0], [NaN, 0], [1, 1], [0, 0]), /coordinates\[0\]\[1\] must contain numbers/],
    ["too many positions", { type: "Polygon", coordinates: [big] }, /has 10002 positions; at most 10000; simplify/],
    [
      "an invalid hole",
      {
        type: "Polygon",
        coordinates: [
          ...square().coordinates,
          [
            [0, 0],
            [1, 1],
          ],
        ],
      },
      /coordinates\[1\] must be a ring/,
    ],
  ])("rejects %s, naming geometry and the fix", (_name, geometry, reason) => {
    const result = checkBoundary({ name: "Yard", geometry });
    expect(result.failures).toEqual([{ property: "geometry", reason: expect.stringMatching(reason) }]);
    expect(result.failures![0].reason).toMatch(/^geometry/);
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
