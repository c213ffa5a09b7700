/** The kernel's patch and diff, for any kind: here a third kind defined in a few lines (./support/webhook-kind.ts). */
import { UNKNOWN } from "../../provider/check-core";
import { diffInputs, managedFieldsOf, patchFor } from "../../provider/kind/compare";
import { normalizeState } from "../../provider/kind/stored-state";
import { WEBHOOK } from "./support/webhook-kind";

const recorded = normalizeState(
  WEBHOOK,
  { webhookId: 7, url: "https://a.example", events: ["x", "y"], managedFields: ["url", "events"] },
  "7",
);

describe("patchFor", () => {
  it("sends only managed fields that differ, as the field compares and as the API takes them", () => {
    expect(patchFor(WEBHOOK, recorded, { url: "https://a.example/", events: ["y", "x"] })).toEqual({});
    expect(patchFor(WEBHOOK, recorded, { events: ["x"] })).toEqual({ events: { subscribed: ["x"] } });
    expect(patchFor(WEBHOOK, recorded, { url: UNKNOWN })).toEqual({ url: UNKNOWN });
  });
});

describe("diffInputs", () => {
  const same = { url: "https://a.example", events: ["x", "y"] };

  it("sees no change when fields, managed fields and every option are as recorded", () => {
    expect(diffInputs(WEBHOOK, recorded, same)).toEqual({ changes: false });
  });

  it("compares every option the kind declares, always, against its fallback when unset", () => {
    expect(diffInputs(WEBHOOK, recorded, { ...same, onFailure: "keep" })).toEqual({ changes: true });
    expect(diffInputs(WEBHOOK, recorded, { ...same, onFailure: "pause" })).toEqual({ changes: false });
    expect(diffInputs(WEBHOOK, recorded, { ...same, deletePolicy: "retain" })).toEqual({ changes: true });
    const adopted = { ...recorded, adopted: true, deletePolicy: "retain" };
    expect(diffInputs(WEBHOOK, adopted, same)).toEqual({ changes: false });
  });

  it("sees a change in which fields are managed, and replaces on another key", () => {
    expect(diffInputs(WEBHOOK, recorded, { url: "https://a.example" })).toEqual({ changes: true });
    expect(diffInputs(WEBHOOK, recorded, { ...same, webhookId: 8 })).toEqual({
      changes: true,
      replaces: ["webhookId"],
    });
  });

  it("lists the managed fields in the kind's order", () => {
    expect(managedFieldsOf(WEBHOOK, { events: [], url: "https://b.example" })).toEqual(["url", "events"]);
  });
});
