/**
 * One tracker, one owner: a tracker in a DeviceFleet and in a Device (or in two fleets) of one program fails where
 * the second resource is constructed, naming both. The class's outputs read from `fleetJson`.
 */
import * as pulumi from "@pulumi/pulumi";
import { Device } from "../../provider/device/resource";
import { claimedDevices, DeviceFleet } from "../../provider/fleet/resource";
import { storedFleet } from "../../provider/fleet/stored";
import { resetProviderProcess } from "../../provider/process-state";

const VAN = "862785041422448";
const TRUCK = "490154203237518";

const FLEET_STATE = storedFleet({
  devices: { [VAN]: { name: "Van" } },
  adopted: { [VAN]: { name: "Old" } },
  missing: [],
  managedFields: ["devices"],
  deletePolicy: "retain",
  onMissing: "fail",
});

const newRun = () =>
  pulumi.runtime.setMocks(
    {
      newResource: (args) => ({
        id: args.type.endsWith("DeviceFleet") ? "fleet-1" : String(args.inputs.imei),
        state: args.type.endsWith("DeviceFleet") ? FLEET_STATE : args.inputs,
      }),
      call: () => ({}),
    },
    "fleet-test",
    "test",
    false,
  );

beforeAll(() => newRun());
beforeEach(async () => {
  resetProviderProcess();
  await newRun();
});

const settle = <T>(output: pulumi.Input<T>) => (output as unknown as { promise(): Promise<T> }).promise();

describe("one tracker, one owner", () => {
  it("fails a Device of a tracker a fleet manages, naming both", () => {
    new DeviceFleet("rentals", { devices: { [VAN]: { name: "Van" }, [TRUCK]: {} } });
    expect(() => new Device("van", { imei: VAN })).toThrow(
      /IMEI 862785041422448 is managed by two resources, DeviceFleet "rentals" and Device "van"; each would overwrite/,
    );
  });

  it("fails a fleet of a tracker a Device manages, and a second fleet of the same tracker", () => {
    new Device("truck", { imei: TRUCK });
    expect(() => new DeviceFleet("rentals", { devices: { [TRUCK]: {} } })).toThrow(
      /IMEI 490154203237518 is managed by two resources, Device "truck" and DeviceFleet "rentals"/,
    );
    new DeviceFleet("vans", { devices: { [VAN]: {} } });
    expect(() => new DeviceFleet("more-vans", { devices: { [VAN]: {} } })).toThrow(
      /IMEI 862785041422448 is managed by two DeviceFleet resources, "vans" and "more-vans"/,
    );
  });

  it("claims a map that is an Output once it is known", async () => {
    new Device("van", { imei: VAN });
    const devices = claimedDevices("rentals", pulumi.output({ [VAN]: { name: "Van" } })) as pulumi.Output<object>;
    const internals = devices as unknown as { isKnown: Promise<boolean>; isSecret: Promise<boolean> };
    const twice = /two resources, Device "van" and DeviceFleet "rentals"/;
    await expect(internals.isKnown).rejects.toThrow(twice);
    await expect(internals.isSecret).rejects.toThrow(twice);
    await expect(settle(devices)).rejects.toThrow(twice);
  });

  it("does not take maps still unknown at preview for a tracker of each, and claims no tracker for a read by id", async () => {
    const unknown = () => pulumi.output(pulumi.unknown as unknown as Record<string, object>);
    expect(() => {
      new DeviceFleet("vans", { devices: unknown() });
      new DeviceFleet("more-vans", { devices: unknown() });
    }).not.toThrow();
    await expect(settle(claimedDevices("a", unknown()))).resolves.toBeUndefined();
    new Device("van", { imei: VAN });
    expect(() => new DeviceFleet("seen", { devices: { [VAN]: {} } }, { id: "fleet-1" })).not.toThrow();
  });
});

describe("DeviceFleet outputs", () => {
  it("reads labels, adopted and missing from fleetJson", async () => {
    const fleet = new DeviceFleet("rentals", { devices: { [VAN]: { name: "Van" } } });
    expect(await settle(fleet.labels)).toEqual({ [VAN]: { name: "Van" } });
    expect(await settle(fleet.adopted)).toEqual({ [VAN]: { name: "Old" } });
    expect(await settle(fleet.missing)).toEqual([]);
    expect(DeviceFleet.isInstance(fleet)).toBe(true);
    expect(DeviceFleet.isInstance(new Device("truck", { imei: TRUCK }))).toBe(false);
  });
});
