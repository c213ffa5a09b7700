import { UNKNOWN } from "../../provider/check-core";
import { DEVICE } from "../../provider/device/kind";
import type { DeviceInputs } from "../../provider/device/state";
import { checkInputs } from "../../provider/kind/check";

/** The kernel's check of the Device definition. */
const checkDevice = (news: Record<string, unknown>) => checkInputs<DeviceInputs>(DEVICE, news);

const VAN = "862785041422448";

describe("checkDevice", () => {
  it("accepts a valid device and lowercases the color", () => {
    const r = checkDevice({ imei: VAN, name: "Van #2", color: "#57AB9F", icon: "truck", __provider: "p" });
    expect(r.failures).toBeUndefined();
    expect(r.inputs).toEqual({ imei: VAN, name: "Van #2", color: "#57ab9f", icon: "truck", __provider: "p" });
  });

  it("takes an IMEI given as a number as the 15-digit string it stands for (YAML config turns digits into numbers)", () => {
    expect(checkDevice({ imei: 862785041422448 }).inputs).toEqual({ imei: VAN });
    // The leading zero a number loses comes back.
    expect(checkDevice({ imei: 15181000633256 }).inputs).toEqual({ imei: "015181000633256" });
  });

  it.each([
    [{ name: "x" }, "imei", /required/],
    [{ imei: "86278504142244" }, "imei", /14 digits; an IMEI has 15/],
    [{ imei: "862785041422449" }, "imei", /Luhn check \(last digit should be 8\)/],
    [{ imei: "86278504142244A" }, "imei", /digits only/],
    [{ imei: 8627850414224 }, "imei", /must be a string of 15 digits \(quote it/],
    [{ imei: 862785041422449 }, "imei", /"862785041422449" fails the Luhn check/],
    [{ imei: VAN, color: "blue" }, "color", /#rrggbb/],
    [{ imei: VAN, name: "" }, "name", /must not be empty/],
    [{ imei: VAN, name: "n".repeat(101) }, "name", /limit is 100/],
    [{ imei: VAN, description: "d".repeat(501) }, "description", /limit is 500/],
    [{ imei: VAN, icon: "" }, "icon", /must not be empty/],
    [{ imei: VAN, deletePolicy: "delete" }, "deletePolicy", /"retain", "restoreLabels"/],
    [{ imei: VAN, colour: "#ffffff" }, "colour", /unknown property "colour"; a Device accepts imei, name/],
  ])("rejects %j, naming %s", (news, property, reason) => {
    const r = checkDevice(news as Record<string, unknown>);
    expect(r.inputs).toBeUndefined();
    expect(r.failures).toEqual([{ property, reason: expect.stringMatching(reason) }]);
  });

  it("reports every bad property at once", () => {
    const r = checkDevice({ imei: "1", color: "red", icon: "" });
    expect(r.failures?.map((f) => f.property)).toEqual(["imei", "color", "icon"]);
  });

  it("passes values still unknown at preview through untouched", () => {
    const r = checkDevice({ imei: UNKNOWN, name: UNKNOWN, color: UNKNOWN });
    expect(r.failures).toBeUndefined();
    expect(r.inputs).toEqual({ imei: UNKNOWN, name: UNKNOWN, color: UNKNOWN });
  });
});
