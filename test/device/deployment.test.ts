/**
 * One deployment's hand-over of a tracker between resources: an adoption marked before a release starts is left
 * alone by it; an adoption that starts during a release waits for it to finish.
 */
import { adopting, deviceDeployment, releasing } from "../../provider/device/deployment";
import { resetProviderProcess } from "../../provider/process-state";

const VAN = "862785041422448";
const TRUCK = "490154203237518";

beforeEach(() => resetProviderProcess());

describe("adopting and releasing trackers in one deployment", () => {
  it("marks at once, so a release that starts later leaves the adopted trackers out", async () => {
    const adoption = adopting([VAN]);
    const freed: string[][] = [];
    await releasing([VAN, TRUCK], async (free) => void freed.push(free));
    await adoption;
    expect(freed).toEqual([[TRUCK]]);
    expect(deviceDeployment().adopted).toEqual({ [VAN]: true });
  });

  it("makes an adopter that starts during a release wait until it has settled, failed or not", async () => {
    const order: string[] = [];
    let finish: (error?: Error) => void = () => undefined;
    const release = releasing(
      [VAN],
      () => new Promise<void>((resolve, reject) => (finish = (e) => (e ? reject(e) : resolve()))),
    );
    const adoption = adopting([VAN]).then(() => order.push("adopted"));
    await new Promise((r) => setImmediate(r));
    order.push("released");
    finish(new Error("restore failed"));
    await adoption;
    await expect(release).rejects.toThrow("restore failed");
    expect(order).toEqual(["released", "adopted"]);
  });
});
