/** The DeviceFleet's stored shape: one JSON text with a row per tracker, read back whole; its size per tracker. */
import { isStoredFleet, readFleet, storedFleet } from "../../provider/fleet/stored";
import type { FleetMap, FleetRecord } from "../../provider/fleet/state";

const VAN = "862785041422448";
const TRUCK = "490154203237518";

const record = (devices: FleetMap, adopted: FleetMap, missing: string[] = []): FleetRecord => ({
  devices,
  adopted,
  missing,
  managedFields: ["devices"],
  deletePolicy: "restoreLabels",
  onMissing: "warn",
});

describe("stored DeviceFleet", () => {
  it("reads back what it writes", () => {
    const r = record(
      { [VAN]: { name: "Van", color: "#00aa11" }, [TRUCK]: { icon: "truck" } },
      { [VAN]: { name: "Old van", color: "#579db5" }, [TRUCK]: { icon: "" } },
      [TRUCK],
    );
    const outs = storedFleet(r);
    expect(Object.keys(outs).sort()).toEqual(["deletePolicy", "fleetJson", "onMissing"]);
    expect(isStoredFleet(outs)).toBe(true);
    expect(readFleet(outs)).toEqual(r);
  });

  it("reads inputs (a read by id) as the recorded labels, and anything else as empty", () => {
    expect(readFleet({ devices: { [VAN]: { name: "Van" } } })).toMatchObject({ devices: { [VAN]: { name: "Van" } } });
    expect(readFleet({ fleetJson: "not json" })).toMatchObject({ devices: {}, adopted: {}, missing: [] });
    expect(isStoredFleet({ devices: {} })).toBe(false);
  });

  it("stores a tracker with its four labels, live and adopted, in under 150 bytes of state", () => {
    const devices: FleetMap = {};
    const adopted: FleetMap = {};
    for (let i = 0; i < 1000; i++) {
      const imei = String(862785041400000 + i);
      devices[imei] = {
        name: `Truck ${i}`,
        description: "Rental fleet, depot Hamburg",
        color: "#1f77b4",
        icon: "truck",
      };
      adopted[imei] = { name: `Device ${i}`, description: "", color: "#579db5", icon: "location-arrow" };
    }
    // As `pulumi stack export` holds it: a JSON string value, its quotes escaped.
    const bytes = JSON.stringify(storedFleet(record(devices, adopted))).length;
    expect(bytes / 1000).toBeLessThan(150);
  });
});
