/** The writes a fleet makes: one per tracker in the account whose labels differ, with only the differing labels. */
import { pickFields, writesFor } from "../../provider/fleet/trackers";

const VAN = "862785041422448";
const TRUCK = "490154203237518";
const GONE = "356938035643809";

describe("writesFor", () => {
  it("writes only trackers in the account whose set labels differ, and only those labels", () => {
    const live = {
      [VAN]: { name: "Van", description: "", color: "#00aa11", icon: "car" },
      [TRUCK]: { name: "Truck", description: "", color: "#00aa11", icon: "truck" },
    };
    const wanted = {
      [VAN]: { name: "Van 2", color: "#00AA11" },
      [TRUCK]: { name: "Truck" },
      [GONE]: { name: "Away" },
    };
    expect(writesFor(wanted, live)).toEqual([{ imei: VAN, patch: { name: "Van 2" } }]);
  });
});

describe("pickFields", () => {
  it("keeps the given labels in canonical form, empty when missing", () => {
    expect(pickFields({ color: "#ABCDEF" }, ["color", "name"])).toEqual({ color: "#abcdef", name: "" });
  });
});
