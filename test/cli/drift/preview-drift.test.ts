import * as fs from "node:fs";
import * as path from "node:path";
import {
  driftFromPreview,
  MANAGED_FIELDS,
  type PreviewDocument,
  previewErrors,
} from "../../../cli/drift/preview-drift";

/** Real `pulumi preview --refresh --run-program --json` documents (pulumi v3.274.1), `__provider` trimmed. */
const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", `preview-${name}.json`), "utf8")) as PreviewDocument;

describe("driftFromPreview", () => {
  it("finds nothing in a clean preview", () => {
    expect(driftFromPreview(fixture("clean"))).toEqual([]);
    expect(previewErrors(fixture("clean"))).toEqual([]);
  });

  it("names each resource and field that differ, with the program's and Hapn's values", () => {
    const drift = driftFromPreview(fixture("drift"));
    expect(drift).toEqual([
      {
        name: "yard",
        kind: "Boundary",
        id: expect.stringMatching(/^\d+$/),
        fields: [
          {
            field: "geometry",
            program: {
              type: "Polygon",
              coordinates: [
                [
                  [0, 0],
                  [1, 0],
                  [1, 1],
                  [0, 0],
                ],
              ],
            },
            hapn: {
              type: "Polygon",
              coordinates: [
                [
                  [0, 0],
                  [2, 0],
                  [2, 2],
                  [0, 0],
                ],
              ],
            },
          },
        ],
      },
      {
        name: "van",
        kind: "Device",
        id: "862785041422448",
        fields: [
          { field: "name", program: "Van", hapn: "Hand" },
          { field: "color", program: "#112233", hapn: "#FF0000" },
        ],
      },
    ]);
  });

  it("reports the preview's errors (refused credentials) instead of drift", () => {
    expect(previewErrors(fixture("broken"))[0]).toMatch(/Hapn rejected the client credentials/);
  });

  const step = (op: string, type: string, old?: Record<string, unknown>, news?: Record<string, unknown>) => ({
    op,
    urn: `urn:pulumi:s::p::${type}::r`,
    oldState: old && { id: "1", type, inputs: old, outputs: old },
    newState: news && { type, inputs: news },
  });
  const DEVICE = "pulumi-nodejs:dynamic/hapn:Device";

  it("counts only managed fields the program sets", () => {
    const doc = {
      steps: [
        step(
          "update",
          DEVICE,
          { imei: "1", name: "A", icon: "x", deletePolicy: "retain" },
          { imei: "1", name: "A", deletePolicy: "restoreLabels" },
        ),
        step("update", "random:index/randomPet:RandomPet", { length: 1 }, { length: 2 }),
      ],
    };
    expect(driftFromPreview(doc)).toEqual([]);
  });

  it("ignores color case, as the provider does", () => {
    expect(driftFromPreview({ steps: [step("update", DEVICE, { color: "#ABCDEF" }, { color: "#abcdef" })] })).toEqual(
      [],
    );
  });

  it("reports a declared resource that Hapn does not have", () => {
    const drift = driftFromPreview({ steps: [step("create", DEVICE, undefined, { imei: "1", name: "A" })] });
    expect(drift).toEqual([
      { name: "r", kind: "Device", id: "", fields: [{ field: "(resource)", program: "present", hapn: "absent" }] },
    ]);
  });

  it.each(["pulumi-nodejs:dynamic/hapn:DeviceFleet", "hapn:index:DeviceFleet"])(
    "reports a DeviceFleet's drift (%s) as one row per tracker and label, named by path",
    (FLEET) => {
      const [van, truck] = ["862785041422448", "490154203237518"];
      const live = { devices: { [van]: { name: "Hand edit", color: "#00AA11" }, [truck]: { name: "Truck" } } };
      const program = {
        devices: { [van]: { name: "Van", color: "#00aa11" }, [truck]: { name: "Truck", icon: "bus" } },
      };
      expect(driftFromPreview({ steps: [step("update", FLEET, live, program)] })).toEqual([
        {
          name: "r",
          kind: "DeviceFleet",
          id: "1",
          fields: [
            { field: `devices["${van}"].name`, program: "Van", hapn: "Hand edit" },
            { field: `devices["${truck}"].icon`, program: "bus", hapn: undefined },
          ],
        },
      ]);
    },
  );

  it("reads the plugin's rows (hapn:index:*) as the dynamic provider's, for every kind", () => {
    const plugin = {
      steps: [step("update", "hapn:index:Device", { imei: "1", name: "Hand edit" }, { imei: "1", name: "A" })],
    };
    expect(driftFromPreview(plugin)).toEqual([
      { name: "r", kind: "Device", id: "1", fields: [{ field: "name", program: "A", hapn: "Hand edit" }] },
    ]);
    expect(
      Object.keys(MANAGED_FIELDS)
        .filter((t) => t.startsWith("hapn:index:"))
        .sort(),
    ).toEqual(["hapn:index:Boundary", "hapn:index:Device", "hapn:index:DeviceFleet"]);
  });
});
