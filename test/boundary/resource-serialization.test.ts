/**
 * The Boundary's stored provider is the same kind of forwarder as the Device's: serialized as the engine stores it,
 * it captures nothing and runs the Boundary's operations from `pulumi-hapn/state/v1`.
 */
import { type RunningEmulator, startEmulator } from "../../emulator";
import { boundaryProvider } from "../../provider/boundary/resource";
import { emulatorConfig } from "../device/support/emulated-provider";
import { square } from "../support/polygons";
import { loadStoredProvider, storedProviderText } from "../support/stored-provider";

describe("Boundary provider through closure serialization", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, devices: 1, seed: 9 });
  });
  afterAll(() => emu.stop());

  it("stores a forwarder of a few hundred bytes that creates, reads and deletes a boundary", async () => {
    const text = await storedProviderText(boundaryProvider);
    expect(text).toContain('require("pulumi-hapn/state/v1")');
    expect(text).toContain(".boundary.create(");
    expect(text).not.toContain(emu.clientSecret);
    expect(text.length).toBeLessThan(4000);

    const provider = loadStoredProvider(text);
    await provider.configure({ config: emulatorConfig(emu) });
    const checked = await provider.check({}, { name: "Stored", geometry: square() });
    const created = await provider.create(checked.inputs);
    expect(emu.admin.getBoundary(Number(created.id))?.name).toBe("Stored");
    expect((await provider.read(created.id, created.outs)).props).toEqual(created.outs);
    await provider.delete(created.id, created.outs);
    expect(emu.admin.getBoundary(Number(created.id))).toBeUndefined();
  });
});
