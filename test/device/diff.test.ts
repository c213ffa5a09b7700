import { UNKNOWN } from "../../provider/check-core";
import { DEVICE } from "../../provider/device/kind";
import type { DeviceInputs, DeviceRecord } from "../../provider/device/state";
import { diffInputs, patchFor } from "../../provider/kind/compare";

const VAN = "862785041422448";
const olds: Partial<DeviceRecord> = {
  imei: VAN,
  name: "Van #2",
  description: "Delivery Van #2",
  color: "#579db5",
  icon: "location-arrow",
  managedFields: ["name", "color"],
  deletePolicy: "retain",
};

/** The kernel's patch and diff of the Device definition. */
const labelPatch = (current: object, desired: DeviceInputs) => patchFor(DEVICE, current, desired);
const diffDevice = (olds: Partial<DeviceRecord>, news: DeviceInputs) => diffInputs(DEVICE, olds, news);

describe("labelPatch", () => {
  it("holds only the managed fields that differ", () => {
    expect(labelPatch(olds, { imei: VAN, name: "Van #3", color: "#579DB5" })).toEqual({ name: "Van #3" });
  });

  it("never touches fields the program does not set", () => {
    expect(labelPatch(olds, { imei: VAN })).toEqual({});
  });
});

describe("diffDevice", () => {
  it("sees no change when the managed labels match, ignoring __provider and color case", () => {
    const news = { imei: VAN, name: "Van #2", color: "#579DB5", __provider: "new code" };
    expect(diffDevice({ ...olds, __provider: "old code" } as Partial<DeviceRecord>, news)).toEqual({
      changes: false,
    });
  });

  it("sees a changed label", () => {
    expect(diffDevice(olds, { imei: VAN, name: "Hand edit", color: "#579db5" })).toEqual({ changes: true });
  });

  it("replaces on an IMEI change, and when the IMEI is not known yet", () => {
    expect(diffDevice(olds, { imei: "490154203237518", name: "Van #2", color: "#579db5" })).toEqual({
      changes: true,
      replaces: ["imei"],
    });
    expect(diffDevice(olds, { imei: UNKNOWN })).toMatchObject({ replaces: ["imei"] });
  });

  it("counts an unknown label as a change", () => {
    expect(diffDevice(olds, { imei: VAN, name: UNKNOWN, color: "#579db5" })).toEqual({ changes: true });
  });

  it("sees a change in which fields are managed, or in the delete policy", () => {
    expect(diffDevice(olds, { imei: VAN, name: "Van #2" })).toEqual({ changes: true });
    expect(diffDevice(olds, { imei: VAN, name: "Van #2", color: "#579db5", deletePolicy: "restoreLabels" })).toEqual({
      changes: true,
    });
  });

  it("sees a change of onMissing, so the stored outputs take the new value", () => {
    const stored = { ...olds, onMissing: "fail" } as Partial<DeviceRecord>;
    expect(diffDevice(stored, { imei: VAN, name: "Van #2", color: "#579db5", onMissing: "warn" })).toEqual({
      changes: true,
    });
    expect(diffDevice(stored, { imei: VAN, name: "Van #2", color: "#579db5", onMissing: "fail" })).toEqual({
      changes: false,
    });
  });
});
