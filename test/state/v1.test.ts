/**
 * The contract with stored state: forwarders already in users' states require the package by file path and call
 * fixed names. Both the 0.1.0 form (`dist/provider/device/operations.js`, calling `remove` for delete) and the
 * current `state/v1` form must keep refreshing, updating and destroying whatever the internals become.
 */
import { type RunningEmulator, startEmulator } from "../../emulator";
import * as operations from "../../provider/device/operations";
import { flattenStored } from "../../provider/device/stored";
import { resetProviderProcess } from "../../provider/process-state";
import * as v1 from "../../provider/state/v1";
import { emulatorConfig } from "../device/support/emulated-provider";
import pkg from "../../package.json";

/** The forwarder pulumi-hapn 0.1.0 stored in every Device's `__provider`, with its `operations` module. */
function forwarder010(ops: typeof operations) {
  return {
    configure: (req: Parameters<typeof ops.configure>[0]) => ops.configure(req),
    create: (inputs: Parameters<typeof ops.create>[0]) => ops.create(inputs),
    read: (id: string, props: Parameters<typeof ops.read>[1]) => ops.read(id, props),
    update: (id: string, olds: Parameters<typeof ops.update>[1], news: Parameters<typeof ops.update>[2]) =>
      ops.update(id, olds, news),
    delete: (id: string, props: Parameters<typeof ops.remove>[1]) => ops.remove(id, props),
  };
}

describe("stored-state entry points", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, devices: 3, seed: 4 });
  });
  afterAll(() => emu.stop());
  beforeEach(() => {
    resetProviderProcess();
    jest.spyOn(console, "log").mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it.each([
    ["0.1.0 operations.js", () => forwarder010(operations)],
    ["state/v1", () => v1.device],
  ])("%s refreshes, updates and destroys a device", async (_label, provider) => {
    const p = provider();
    const imei = emu.admin.listDevices()[0].imei;
    await p.configure({ config: emulatorConfig(emu) });
    const created = await p.create({ imei, name: "Stored", deletePolicy: "restoreLabels" });
    // A 0.1.0 state is flat (no `factsJson`) and lacks the fields added since; the provider must read it as written.
    const { inAccount: _i, onMissing: _o, ...flat } = flattenStored(created.outs);
    const oldShape = flat as unknown as typeof created.outs;
    // Today's diff asks for one update of a flat state, which stores it in today's shape.
    const news = { imei, name: "Stored", deletePolicy: "restoreLabels" as const };
    expect((await v1.device.diff(imei, oldShape!, news)).changes).toBe(true);
    expect((await v1.device.diff(imei, created.outs!, news)).changes).toBe(false);
    const read = await p.read(imei, oldShape);
    expect(read.props).toMatchObject({ name: "Stored", onMissing: "fail" });
    expect(flattenStored(read.props)).toMatchObject({ managedFields: ["name"] });
    const updated = await p.update(imei, oldShape!, { imei, name: "Stored 2", deletePolicy: "restoreLabels" });
    expect(updated.outs).toMatchObject({
      name: "Stored 2",
    });
    expect(flattenStored(updated.outs)).toMatchObject({
      adoptedLabels: flattenStored(created.outs).adoptedLabels,
    });
    resetProviderProcess();
    await p.configure({ config: emulatorConfig(emu) });
    await p.delete(imei, updated.outs!);
    expect(emu.admin.getDevice(imei)?.name).toBe(flattenStored(created.outs).adoptedLabels?.name);
  });

  it("package.json keeps both stored paths exported, and nothing else under dist", () => {
    const exported = Object.keys(pkg.exports);
    expect(exported).toEqual(expect.arrayContaining(["./state/v1", "./dist/provider/device/operations.js"]));
    expect(exported.filter((k) => k.includes("*"))).toEqual([]);
  });
});
