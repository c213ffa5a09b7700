import { driftReport } from "../../scripts/lib/drift-report";

/** A `pulumi preview --refresh --diff` report (shape as printed by the CLI), repeated as in an error message. */
const REPORT = `Previewing update (demo):
~ pulumi:pulumi:Stack: (refresh)
    [urn=urn:pulumi:demo::hapn-fleet::pulumi:pulumi:Stack::hapn-fleet-demo]
    ~ pulumi-nodejs:dynamic/hapn:Device: (refresh)
        [id=012347001685545]
        [urn=urn:pulumi:demo::hapn-fleet::pulumi-nodejs:dynamic/hapn:Device::tracker-2]
        --outputs:--
      ~ name                : "Unit 2" => "Renamed in the Hapn app"
  pulumi:pulumi:Stack: (same)
    [urn=urn:pulumi:demo::hapn-fleet::pulumi:pulumi:Stack::hapn-fleet-demo]
    ~ pulumi-nodejs:dynamic/hapn:Device: (update)
        [id=012347001685545]
        [urn=urn:pulumi:demo::hapn-fleet::pulumi-nodejs:dynamic/hapn:Device::tracker-2]
      ~ color      : "#ff0000" => "#1f77b4"
        description: "Managed by Pulumi (logistics)"
      ~ name       : "Renamed in the Hapn app" => "Unit 2"
Resources:
    ~ 1 to update
    5 unchanged
`;

describe("driftReport", () => {
  it("lists each resource to update with its id and changed fields, ignoring refresh sections", () => {
    expect(driftReport(REPORT + "\nerror: ...\n" + REPORT)).toEqual([
      {
        name: "tracker-2",
        id: "012347001685545",
        fields: [
          { field: "color", live: '"#ff0000"', desired: '"#1f77b4"' },
          { field: "name", live: '"Renamed in the Hapn app"', desired: '"Unit 2"' },
        ],
      },
    ]);
  });

  it("finds nothing in a clean preview", () => {
    expect(driftReport("Previewing update (demo):\nResources:\n    6 unchanged\n")).toEqual([]);
  });
});
