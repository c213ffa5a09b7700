/**
 * The kernel's changed paths (the plugin's detailedDiff), for any kind: the webhook test kind and the DeviceFleet,
 * whose `devices` field names each tracker's label. Paths are given exactly when diffInputs sees a change.
 */
import { UNKNOWN } from "../../provider/check-core";
import { diffInputs } from "../../provider/kind/compare";
import { changedPaths } from "../../provider/kind/detailed-diff";
import { normalizeState } from "../../provider/kind/stored-state";
import { DEVICE_FLEET } from "../../provider/kinds";
import { WEBHOOK } from "./support/webhook-kind";

const recorded = normalizeState(
  WEBHOOK,
  { webhookId: 7, url: "https://a.example", events: ["x", "y"], managedFields: ["url", "events"] },
  "7",
);
const same = { url: "https://a.example", events: ["y", "x"] };
const paths = (news: object) => changedPaths(WEBHOOK, recorded, news).map((p) => p.path);

describe("changedPaths", () => {
  it("names nothing when nothing changes, as diffInputs sees it", () => {
    expect(changedPaths(WEBHOOK, recorded, same)).toEqual([]);
    expect(diffInputs(WEBHOOK, recorded, same).changes).toBe(false);
  });

  it("names a field whose value differs, or is not known yet", () => {
    expect(paths({ ...same, url: "https://b.example" })).toEqual(["url"]);
    expect(paths({ ...same, url: UNKNOWN })).toEqual(["url"]);
  });

  it("names a field the program stops or starts managing, and an option that changes", () => {
    expect(paths({ url: "https://a.example" })).toEqual(["events"]);
    expect(paths({ ...same, deletePolicy: "retain", onFailure: "keep" })).toEqual(["deletePolicy", "onFailure"]);
  });

  it("names the key alone, as replacing, when another object is asked for", () => {
    expect(changedPaths(WEBHOOK, recorded, { ...same, webhookId: 8 })).toEqual([{ path: "webhookId", replaces: true }]);
  });

  it("names each tracker and label of a DeviceFleet that differs", () => {
    const fleet = normalizeState(
      DEVICE_FLEET,
      { devices: { "862785041422448": { name: "Van 1", color: "#00aa11" }, "490154203237518": { icon: "car" } } },
      "fleet-1",
    );
    const news = {
      devices: { "862785041422448": { name: "Van 2", color: "#00AA11" }, "356938035643809": { name: "New" } },
    };
    expect(changedPaths(DEVICE_FLEET, fleet, news).map((p) => p.path)).toEqual([
      'devices["862785041422448"].name',
      'devices["356938035643809"]',
      'devices["490154203237518"]',
    ]);
  });
});
