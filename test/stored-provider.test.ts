/**
 * The provider code stored in state: one line that requires `pulumi-hapn/state/v1`, registered by every Device and
 * Boundary, and loaded back the way Pulumi's dynamic-provider host loads it (`require-from-string`, then
 * `handler()`), then run against the emulator. Here `pulumi-hapn/state/v1` is served from source; the end-to-end
 * suite runs the same text against the installed package.
 */
import * as pulumi from "@pulumi/pulumi";
import { type RunningEmulator, startEmulator } from "../emulator";
import { Boundary } from "../provider/boundary/resource";
import { Device } from "../provider/device/resource";
import { type DeviceOutputs } from "../provider/device/state";
import { storedProviderText } from "../provider/stored-provider";
import { emulatorConfig } from "./device/support/emulated-provider";
import { square } from "./support/polygons";
import { loadStoredProvider } from "./support/stored-provider";

describe("storedProviderText", () => {
  it.each(["device", "boundary"] as const)("is one line for %s that requires the stable entry point", (kind) => {
    const text = storedProviderText(kind);
    expect(text).toBe(`exports.handler = () => require("pulumi-hapn/state/v1").${kind};\n`);
    expect(text.length).toBeLessThan(80);
  });
});

describe("what a resource registers", () => {
  const registered: Array<{ type: string; inputs: Record<string, unknown> }> = [];
  beforeAll(() =>
    pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push({ type: args.type, inputs: args.inputs as Record<string, unknown> });
          return { id: "1", state: args.inputs };
        },
        call: () => ({}),
      },
      "stored-provider-test",
      "test",
      false,
    ),
  );

  it("stores the kind's text as __provider, under the dynamic-provider host's type token", async () => {
    new Device("van", { imei: "862785041422448", name: "Van" });
    new Boundary("yard", { name: "Yard", geometry: square() });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(registered.map((r) => [r.type, r.inputs.__provider])).toEqual([
      ["pulumi-nodejs:dynamic/hapn:Device", storedProviderText("device")],
      ["pulumi-nodejs:dynamic/hapn:Boundary", storedProviderText("boundary")],
    ]);
  });
});

describe("the stored provider, loaded as the provider process loads it", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, devices: 5, seed: 9 });
  });
  afterAll(() => emu.stop());

  it("runs a Device's check, create, read, diff, update and delete", async () => {
    const provider = loadStoredProvider(storedProviderText("device"));
    await provider.configure({ config: emulatorConfig(emu) });
    const imei = emu.admin.listDevices()[1].imei;
    const checked = await provider.check({}, { imei, name: "Serialized", color: "#ABCDEF" });
    expect(checked.failures).toBeUndefined();
    const created = await provider.create(checked.inputs);
    expect(created.id).toBe(imei);
    expect(emu.admin.getDevice(imei)).toMatchObject({ name: "Serialized", color: "#abcdef" });

    const read = await provider.read(imei, created.outs);
    expect(read.props).toEqual(created.outs);
    expect((await provider.diff(imei, read.props, checked.inputs)).changes).toBe(false);

    const updated = await provider.update(imei, read.props, { ...checked.inputs, name: "Serialized 2" });
    expect((updated.outs as DeviceOutputs).name).toBe("Serialized 2");
    await provider.delete(imei, updated.outs);
    expect(emu.admin.getDevice(imei)?.name).toBe("Serialized 2");
    await expect(provider.create({ imei: "490154203237518" })).rejects.toThrow(/not in this Hapn account/);
  });

  it("runs a Boundary's check, create, read and delete", async () => {
    const provider = loadStoredProvider(storedProviderText("boundary"));
    await provider.configure({ config: emulatorConfig(emu) });
    const checked = await provider.check({}, { name: "Stored", geometry: square() });
    const created = await provider.create(checked.inputs);
    expect(emu.admin.getBoundary(Number(created.id))?.name).toBe("Stored");
    expect((await provider.read(created.id, created.outs)).props).toEqual(created.outs);
    await provider.delete(created.id, created.outs);
    expect(emu.admin.getBoundary(Number(created.id))).toBeUndefined();
  });
});
