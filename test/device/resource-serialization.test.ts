/**
 * The Device provider survives Pulumi's closure serialization: serialized as the engine stores it in state,
 * loaded back the way the provider process loads it, and run against the emulator. The stored text only
 * `require`s `pulumi-hapn/state/v1` by name; here that name is served from source (the end-to-end suite runs it
 * against the installed package).
 */
import type * as pulumi from "@pulumi/pulumi";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { deviceProvider } from "../../provider/device/resource";
import { type DeviceOutputs } from "../../provider/device/state";
import { loadStoredProvider, storedProviderText } from "../support/stored-provider";
import { emulatorConfig } from "./support/emulated-provider";

describe("Device provider through closure serialization", () => {
  let emu: RunningEmulator;
  let text: string;
  let provider: Required<pulumi.dynamic.ResourceProvider>;

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, devices: 5, seed: 9 });
    text = await storedProviderText(deviceProvider);
    provider = loadStoredProvider(text);
    await provider.configure({ config: emulatorConfig(emu) });
  });
  afterAll(() => emu.stop());

  it("captures no credential and no code of the package: a forwarder of a few hundred bytes", () => {
    expect(text).not.toContain(emu.clientSecret);
    expect(text).not.toContain(emu.clientId);
    expect(text).toContain('require("pulumi-hapn/state/v1")');
    expect(text.length).toBeLessThan(4000);
  });

  it("runs check, create, read, diff, update and delete from the loaded copy", async () => {
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
    // The loaded copy logs through the process's own console, as in the provider process.
    await provider.delete(imei, updated.outs);
    expect(emu.admin.getDevice(imei)?.name).toBe("Serialized 2");
  });

  it("reports errors from the loaded copy with their message intact", async () => {
    await expect(provider.create({ imei: "490154203237518" })).rejects.toThrow(/not in this Hapn account/);
  });
});
