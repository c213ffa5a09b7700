/** The shapes Device state is stored in: today's `factsJson` text, and the two earlier shapes still read. */
import type { DeviceRecord } from "../../provider/device/state";
import { FACT_FIELDS, flattenStored, isCurrentShape, parseFacts, storedOutputs } from "../../provider/device/stored";

const RECORD: DeviceRecord = {
  imei: "862785041422448",
  name: "Van #2",
  description: "",
  color: "#579db5",
  icon: "truck",
  managedFields: ["name"],
  deletePolicy: "retain",
  onMissing: "fail",
  inAccount: true,
  adoptedLabels: { name: "Van", description: "", color: "#579db5", icon: "truck" },
  clientId: 1,
  status: "A",
  iccid: "8944500204198462404",
  model: { name: "OBD Vehicle Tracker", description: "" },
  connectivityProvider: "T-Mobile",
  appUrl: "https://example.invalid/van",
  created: "2020-05-25T09:05:01.417Z",
  modified: "2026-11-28T16:23:35.651Z",
};

describe("stored Device outputs", () => {
  it("store the IMEI, labels and options as values and everything else as one JSON text", () => {
    const stored = storedOutputs(RECORD);
    expect(Object.keys(stored).sort()).toEqual(
      ["color", "deletePolicy", "description", "factsJson", "icon", "imei", "name", "onMissing"].sort(),
    );
    expect(typeof stored.factsJson).toBe("string");
    expect(isCurrentShape(stored)).toBe(true);
    expect(flattenStored(stored)).toEqual(RECORD);
  });

  it("read the development shape (a `facts` object) and the flat 0.1.0 shape, neither of them current", () => {
    const { imei, name, description, color, icon, deletePolicy, onMissing, ...facts } = RECORD;
    const development = { imei, name, description, color, icon, deletePolicy, onMissing, facts };
    expect(flattenStored(development)).toEqual(RECORD);
    expect(isCurrentShape(development)).toBe(false);
    expect(flattenStored({ ...RECORD })).toEqual(RECORD);
    expect(isCurrentShape({ ...RECORD })).toBe(false);
    expect(flattenStored(undefined)).toEqual({});
  });

  it("take broken facts text as no facts, never as a crash", () => {
    for (const text of ["", "{", "[1]", "null", "42", undefined]) expect(parseFacts(text)).toEqual({});
    expect(flattenStored({ imei: "1", factsJson: "{" })).toEqual({ imei: "1" });
  });

  it("list in FACT_FIELDS exactly the fields of factsJson (the Device class's accessors)", () => {
    expect([...FACT_FIELDS].sort()).toEqual(Object.keys(JSON.parse(storedOutputs(RECORD).factsJson)).sort());
  });
});
