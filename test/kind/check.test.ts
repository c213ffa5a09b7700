/** The kernel's check, for any kind: here a third kind defined in a few lines (./support/webhook-kind.ts). */
import { UNKNOWN } from "../../provider/check-core";
import { acceptedProperties, checkInputs } from "../../provider/kind/check";
import { WEBHOOK } from "./support/webhook-kind";

describe("checkInputs", () => {
  it("accepts the key, the fields and the options, and normalizes what passes", () => {
    expect(acceptedProperties(WEBHOOK)).toEqual(["webhookId", "url", "events", "deletePolicy", "onFailure"]);
    expect(checkInputs(WEBHOOK, { url: "https://a.example/", onFailure: "keep", __provider: "p" })).toEqual({
      inputs: { url: "https://a.example", onFailure: "keep", __provider: "p" },
    });
  });

  it("reports required properties first, then each rule in the kind's order, then the options", () => {
    expect(checkInputs(WEBHOOK, { events: "all", webhookId: "w", onFailure: "retry", extra: 1 }).failures).toEqual([
      {
        property: "extra",
        reason: expect.stringMatching(/^unknown property "extra"; a Webhook accepts webhookId, url/),
      },
      { property: "events", reason: "events must be a list" },
      { property: "webhookId", reason: "webhookId must be an integer" },
      { property: "onFailure", reason: 'onFailure must be one of "pause", "keep"; got "retry"' },
    ]);
    expect(checkInputs(WEBHOOK, {}).failures).toEqual([
      { property: "url", reason: "url is required to create a webhook" },
    ]);
  });

  it("passes values still unknown at preview through untouched", () => {
    expect(checkInputs(WEBHOOK, { url: UNKNOWN, events: UNKNOWN, onFailure: UNKNOWN })).toEqual({
      inputs: { url: UNKNOWN, events: UNKNOWN, onFailure: UNKNOWN },
    });
  });
});
