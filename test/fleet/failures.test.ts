/** Failed trackers grouped by reason: one line per reason, IMEIs listed up to a limit. */
import { HapnError } from "../../provider/client/errors";
import { failureMessage, groupFailures, MAX_IMEIS_LISTED, reasonOf } from "../../provider/fleet/failures";

const imei = (i: number) => String(862785041400000 + i);
const serverError = (i: number) =>
  new HapnError("HAPN_API_UNAVAILABLE", `PATCH /devices/${imei(i)} failed: 500`, { status: 500, retryable: true });

describe("failure grouping", () => {
  it("groups by the client's code and status, not by the message naming each tracker", () => {
    expect(reasonOf(serverError(1))).toBe("HAPN_API_UNAVAILABLE (HTTP 500)");
    const groups = groupFailures([
      { imei: imei(1), error: serverError(1) },
      { imei: imei(2), error: new Error("not in this Hapn account") },
      { imei: imei(3), error: serverError(3) },
    ]);
    expect(groups.map((g) => [g.reason, g.imeis])).toEqual([
      ["HAPN_API_UNAVAILABLE (HTTP 500)", [imei(1), imei(3)]],
      ["not in this Hapn account", [imei(2)]],
    ]);
  });

  it("writes one line per reason whatever the number of trackers, listing a few IMEIs and counting the rest", () => {
    const failures = Array.from({ length: 1000 }, (_, i) => ({ imei: imei(i), error: serverError(i) }));
    const message = failureMessage("fleet-1", "wrote the labels of 9000 trackers", failures);
    const lines = message.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe("DeviceFleet fleet-1: wrote the labels of 9000 trackers; 1000 trackers failed:");
    expect(lines[1]).toMatch(
      /^ {2}- HAPN_API_UNAVAILABLE \(HTTP 500\) \(e\.g\. PATCH \/devices\/\d+ failed: 500\): 1000 trackers: /,
    );
    expect(lines[1].match(/\d{15}/g)).toHaveLength(MAX_IMEIS_LISTED + 1); // the listed ones and the example's
    expect(lines[1]).toMatch(/, and 990 more$/);
  });
});
