/** The API model's shape rules: GeoJSON Polygons as programs write them, and the Features the API's bodies carry. */
import { describeShapeProblem, featureProblem, polygonProblem } from "../../provider/api-model/geometry";
import { feature, ring, square } from "../support/polygons";

describe("polygonProblem", () => {
  it("accepts a closed polygon, with a hole and 3-value positions", () => {
    const hole = [
      [13.401, 52.501, 10],
      [13.402, 52.501, 10],
      [13.402, 52.502, 10],
      [13.401, 52.501, 10],
    ];
    expect(polygonProblem(square())).toBeUndefined();
    expect(polygonProblem({ type: "Polygon", coordinates: [...square().coordinates, hole] })).toBeUndefined();
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
  ])("rejects %s, naming the place and the fix", (_name, geometry, reason) => {
    const problem = polygonProblem(geometry);
    expect(problem).toBeDefined();
    expect(describeShapeProblem("geometry", problem!)).toMatch(reason);
  });
});

describe("featureProblem", () => {
  it("accepts a Feature wrapping a valid Polygon", () => {
    expect(featureProblem(feature())).toBeUndefined();
  });

  it("names the path inside the Feature", () => {
    expect(featureProblem({ type: "Polygon" })).toMatchObject({ at: "", problem: expect.stringMatching(/Feature/) });
    expect(featureProblem({ ...feature(), properties: [] })).toMatchObject({ at: ".properties" });
    const open = { ...feature(), geometry: ring([0, 0], [1, 0], [1, 1], [0, 1]) };
    expect(featureProblem(open)).toMatchObject({
      at: ".geometry.coordinates[0]",
      problem: expect.stringMatching(/not closed/),
    });
  });
});
