import { MAX_VALUE, markdownReport, showValue, textReport } from "../../../cli/drift/format";
import type { ResourceDrift } from "../../../cli/drift/preview-drift";
import { markdownRows, textRows } from "../../support/report-tables";

const DRIFT: ResourceDrift[] = [
  {
    name: "van",
    kind: "Device",
    id: "862785041422448",
    fields: [
      { field: "name", program: "Van | 2", hapn: "Hand" },
      { field: "color", program: "#112233", hapn: "#ff0000" },
    ],
  },
  {
    name: "yard",
    kind: "Boundary",
    id: "316386",
    fields: [{ field: "geometry", program: { coordinates: [[[0, 0]]] }, hapn: "x".repeat(100) }],
  },
];

describe("drift report formats", () => {
  it("the text table has a verdict, the column titles and one row per field", () => {
    const text = textReport(DRIFT, "prod");
    expect(text.split("\n")[0]).toBe("Drift (stack prod): 3 fields on 2 resources differ from the program.");
    expect(text.split("\n")[2]).toMatch(/^Resource\s+Type\s+Id\s+Field\s+In the program\s+In Hapn$/);
    expect(textRows(text)).toEqual([
      ["van", "Device", "862785041422448", "name", '"Van | 2"', '"Hand"'],
      ["van", "Device", "862785041422448", "color", '"#112233"', '"#ff0000"'],
      ["yard", "Boundary", "316386", "geometry", '{"coordinates":[[[0,0]]]}', `"${"x".repeat(MAX_VALUE - 2)}…`],
    ]);
  });

  it("the Markdown has the same rows as the text table, escaped for Markdown, with long values whole", () => {
    const md = markdownReport(DRIFT, "prod");
    expect(md).toMatch(/^### Hapn drift report: prod\n\nDrift \(stack prod\): 3 fields/);
    expect(md).toContain("Van \\| 2");
    const text = textRows(textReport(DRIFT, "prod"));
    expect(markdownRows(md)).toEqual([...text.slice(0, 2), [...text[2].slice(0, 5), JSON.stringify("x".repeat(100))]]);
  });

  it("says so when there is no drift", () => {
    expect(textReport([])).toBe("No drift: Hapn matches the program.\n");
    expect(markdownReport([], "dev")).not.toContain("|");
  });

  it("cuts long values", () => {
    expect(showValue("x".repeat(100))).toHaveLength(MAX_VALUE);
    expect(showValue(undefined)).toBe("(not set)");
  });

  it("shows, in two long polygons, the part where they differ: the moved coordinate", () => {
    const ring = Array.from({ length: 12 }, (_, i) => [9.99 + i / 1000, 53.54]);
    const program = { type: "Polygon", coordinates: [[...ring, ring[0]]] };
    const moved = structuredClone(program);
    moved.coordinates[0][9] = [9.998, 53.5432];
    const [row] = textRows(
      textReport([{ name: "yard", kind: "Boundary", id: "1", fields: [{ field: "geometry", program, hapn: moved }] }]),
    );
    expect(row[4]).toHaveLength(MAX_VALUE);
    expect(row[4]).toMatch(/^….*\[9\.999,53\.54\].*…$/);
    expect(row[5]).toMatch(/^….*\[9\.998,53\.5432\].*…$/);
    // The Markdown report shows both polygons whole.
    const md = markdownReport([
      { name: "yard", kind: "Boundary", id: "1", fields: [{ field: "geometry", program, hapn: moved }] },
    ]);
    expect(markdownRows(md)[0].slice(4)).toEqual([JSON.stringify(program), JSON.stringify(moved)]);
  });
});
