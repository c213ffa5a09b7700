/**
 * The Device class in the program process, under Pulumi's mocks: how many outputs it declares (each costs the
 * program four promises per resource), and that `facts` and the per-field accessors read the `factsJson` output.
 */
import * as pulumi from "@pulumi/pulumi";
import { Device } from "../../provider/device/resource";
import { resetProviderProcess } from "../../provider/process-state";

const VAN = "862785041422448";

beforeAll(() =>
  pulumi.runtime.setMocks(
    {
      newResource: (args) => ({
        id: String(args.inputs.imei),
        state: {
          ...args.inputs,
          factsJson: JSON.stringify({ model: { name: "Mock Tracker", description: "" }, status: "A" }),
        },
      }),
      call: () => ({}),
    },
    "device-test",
    "test",
    false,
  ),
);

// Each test is a program of its own: one IMEI may be managed by one Device of a program (./duplicates.test.ts).
beforeEach(() => resetProviderProcess());

const value = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

describe("Device", () => {
  it("declares the IMEI, the labels, the two options and `factsJson`: eight outputs", () => {
    const device = new Device("van", { imei: VAN, name: "Van #2" });
    const outputs = Object.keys(device).filter(
      (k) => pulumi.Output.isInstance((device as never)[k]) && !["urn", "id", "__provider"].includes(k),
    );
    expect(outputs.sort()).toEqual(
      ["color", "deletePolicy", "description", "factsJson", "icon", "imei", "name", "onMissing"].sort(),
    );
  });

  it("derives `facts`, model, status and the other facts from `factsJson`", async () => {
    const device = new Device("van", { imei: VAN });
    expect(await value(device.facts)).toMatchObject({ status: "A" });
    expect(await value(device.model)).toEqual({ name: "Mock Tracker", description: "" });
    expect(await value(device.status)).toBe("A");
  });

  it("restores Error.stackTraceLimit after the constructor, also when it throws", () => {
    const before = Error.stackTraceLimit;
    new Device("van", { imei: VAN });
    expect(Error.stackTraceLimit).toBe(before);
    expect(() => new Device("van", { imei: VAN }, { import: VAN })).toThrow(/pulumi#16175/);
    expect(Error.stackTraceLimit).toBe(before);
  });
});

describe("Device conventions", () => {
  it("isInstance tells Devices from other resources and plain objects", () => {
    const device = new Device("seen-1", { imei: VAN });
    expect(Device.isInstance(device)).toBe(true);
    expect(Device.isInstance({ __pulumiType: "pulumi-nodejs:dynamic/hapn:Device" })).toBe(false);
    expect(Device.isInstance(new pulumi.ComponentResource("x:y:Z", "other"))).toBe(false);
  });

  it("get reads a tracker by IMEI as the resource's id, without managing labels", async () => {
    const seen = Device.get("seen-2", VAN);
    expect(await value(seen.id)).toBe(VAN);
    expect(await value(seen.imei)).toBe(VAN);
  });

  it("refuses the import option with what to do instead (pulumi#16175)", () => {
    expect(() => new Device("imported", { imei: VAN }, { import: VAN })).toThrow(
      /the `import` resource option does not work for Pulumi dynamic providers.*Device\.get\(name, imei\)/s,
    );
  });
});
