/**
 * One IMEI managed by two Devices of a program fails where the Devices are constructed (the program process),
 * naming both resources; a `get` claims nothing, and IMEIs not known yet at preview are never taken for one.
 */
import * as pulumi from "@pulumi/pulumi";
import { claimedImei } from "../../provider/device/duplicates";
import { Device } from "../../provider/device/resource";
import { resetProviderProcess } from "../../provider/process-state";

const VAN = "862785041422448";
const TRUCK = "490154203237518";
const TWICE = /IMEI 862785041422448 is managed by two Device resources, "van" and "van-copy"; each would overwrite/;

/** Starts a program run under Pulumi's mocks (each run gets its own engine connection). */
const newRun = () =>
  pulumi.runtime.setMocks(
    { newResource: (args) => ({ id: String(args.inputs.imei), state: args.inputs }), call: () => ({}) },
    "duplicates-test",
    "test",
    false,
  );

beforeAll(() => newRun());
beforeEach(() => resetProviderProcess());

/** The value of an Output, or its failure (an apply that throws). */
const settle = <T>(output: pulumi.Input<T>) => (output as unknown as { promise(): Promise<T> }).promise();

describe("one IMEI in two Devices", () => {
  it("fails the second constructor, naming both resources", () => {
    new Device("van", { imei: VAN });
    expect(() => new Device("van-copy", { imei: VAN })).toThrow(TWICE);
    expect(() => new Device("truck", { imei: TRUCK })).not.toThrow();
  });

  it("starts each program run afresh, as the Automation API runs programs again in one process", async () => {
    new Device("van", { imei: VAN });
    await newRun();
    expect(() => new Device("van-copy", { imei: VAN })).not.toThrow(); // a rename (with aliases) in the next run
    expect(() => new Device("van", { imei: VAN })).toThrow(/"van-copy" and "van"/);
  });

  it("lets a Device.get read a tracker another Device manages", () => {
    new Device("van", { imei: VAN });
    expect(() => Device.get("van-seen", VAN)).not.toThrow();
  });

  it("fails the second resource's IMEI once both Output values are known", async () => {
    await expect(settle(claimedImei("van", pulumi.output(VAN)))).resolves.toBe(VAN);
    const second = claimedImei("van-copy", pulumi.output(Promise.resolve(VAN))) as pulumi.Output<string>;
    // In a program the failure fails the deployment; here each of the Output's promises is awaited.
    const internals = second as unknown as { isKnown: Promise<boolean>; isSecret: Promise<boolean> };
    await expect(internals.isKnown).rejects.toThrow(TWICE);
    await expect(internals.isSecret).rejects.toThrow(TWICE);
    await expect(settle(second)).rejects.toThrow(TWICE);
  });

  it("does not take IMEIs still unknown at preview for one IMEI", async () => {
    const unknown = () => pulumi.output(pulumi.unknown as unknown as string);
    expect(() => {
      new Device("van", { imei: unknown() });
      new Device("van-copy", { imei: unknown() });
    }).not.toThrow();
    await expect(settle(claimedImei("a", unknown()))).resolves.toBeUndefined();
    await expect(settle(claimedImei("b", unknown()))).resolves.toBeUndefined();
  });
});
