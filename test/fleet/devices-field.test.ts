/** The DeviceFleet's `devices` field: check problems naming tracker and label, comparison, per-tracker differences. */
import { DEVICES_FIELD, devicesDifferences, devicesProblems, MAX_LISTED } from "../../provider/fleet/devices-field";

const VAN = "862785041422448";
const TRUCK = "490154203237518";

describe("devicesProblems", () => {
  it("accepts good trackers and labels", () => {
    expect(devicesProblems({ [VAN]: { name: "Van", color: "#00AA11" }, [TRUCK]: {} })).toEqual([]);
  });

  it("names the tracker and label of each problem", () => {
    const problems = devicesProblems({ [VAN]: { name: "x".repeat(101), colour: "#fff" }, "86278504142244": "Van" });
    expect(problems).toEqual([
      expect.stringMatching(/^devices\["862785041422448"\]\.name .*100/),
      expect.stringMatching(/^devices\["862785041422448"\]\.colour: unknown label; .* name, description, color, icon$/),
      expect.stringMatching(/^devices\["86278504142244"\]: the key must be the tracker's IMEI: .*14 digits/),
      'devices["86278504142244"] must be an object of labels (name, description, color, icon)',
    ]);
  });

  it("says what devices must be when it is not a map", () => {
    expect(devicesProblems([VAN])).toEqual([expect.stringMatching(/^devices must be an object mapping each IMEI/)]);
  });

  it("lists at most MAX_LISTED problems in one failure and counts the rest", () => {
    const many = Object.fromEntries(Array.from({ length: MAX_LISTED + 5 }, (_, i) => [String(i), {}]));
    const reason = DEVICES_FIELD.problem(many)!;
    expect(reason.split("\n")).toHaveLength(MAX_LISTED + 1);
    expect(reason).toMatch(/… and 5 more$/);
  });
});

describe("DEVICES_FIELD comparison", () => {
  it("ignores color case and labels the program does not set", () => {
    expect(DEVICES_FIELD.same!({ [VAN]: { color: "#ABCDEF" } }, { [VAN]: { color: "#abcdef" } })).toBe(true);
  });

  it("counts a tracker added or removed, a label changed, and a label starting to be managed", () => {
    const base = { [VAN]: { name: "Van" } };
    expect(DEVICES_FIELD.same!({ ...base, [TRUCK]: { name: "Truck" } }, base)).toBe(false);
    expect(DEVICES_FIELD.same!(base, { ...base, [TRUCK]: { name: "Truck" } })).toBe(false);
    expect(DEVICES_FIELD.same!({ [VAN]: { name: "Van 2" } }, base)).toBe(false);
    expect(DEVICES_FIELD.same!({ [VAN]: { name: "Van", icon: "" } }, base)).toBe(false);
  });
});

describe("devicesDifferences", () => {
  it("names each tracker and label that differ, with both values", () => {
    const program = { [VAN]: { name: "Van", color: "#00aa11" }, [TRUCK]: { name: "Truck" } };
    const live = { [VAN]: { name: "Hand edit", color: "#00AA11" } };
    expect(devicesDifferences(program, live)).toEqual([
      { path: 'devices["862785041422448"].name', program: "Van", live: "Hand edit" },
      { path: 'devices["490154203237518"]', program: { name: "Truck" }, live: undefined },
    ]);
  });
});
