/** The provider's operations against the emulator, one by one, as the provider process would call them. */
import { type RunningEmulator } from "../../emulator";
import { startTestEmulator } from "../support/emulator";
import { device as ops } from "../../provider/state/v1";
import { type DeviceOutputs } from "../../provider/device/state";
import { flattenStored } from "../../provider/device/stored";
import { resetProviderProcess as newProviderProcess } from "../../provider/process-state";
import { emulatorConfig, freshProviderProcess } from "./support/emulated-provider";

const VAN = "862785041422448";

describe("Device provider", () => {
  let emu: RunningEmulator;
  let logs: string[];

  beforeAll(async () => {
    emu = await startTestEmulator({ devices: 10, seed: 2 });
  });
  afterAll(() => emu.stop());
  beforeEach(async () => {
    logs = await freshProviderProcess(emu, ops);
  });
  afterEach(() => jest.restoreAllMocks());

  /** A later deployment: a new provider process, whose reads see the account as it is now. */
  const nextDeployment = async () => {
    newProviderProcess();
    await ops.configure({ config: emulatorConfig(emu) });
  };

  const adopt = async (imei: string, labels: Record<string, string> = {}) =>
    (await ops.create({ imei, ...labels })).outs as DeviceOutputs;

  it("create adopts a device, applying only the differing labels, and returns every output", async () => {
    const outs = await adopt(VAN, { name: "Van #2", color: "#00aa11" });
    expect(Object.keys(outs).sort()).toEqual(
      ["color", "deletePolicy", "description", "factsJson", "icon", "imei", "name", "onMissing"].sort(),
    );
    expect(flattenStored(outs)).toMatchObject({
      imei: VAN,
      name: "Van #2",
      color: "#00aa11",
      icon: "location-arrow",
      managedFields: ["name", "color"],
      deletePolicy: "retain",
      adoptedLabels: { name: "Van #2", color: "#579db5", icon: "location-arrow", description: "Delivery Van #2" },
      iccid: "8944500204198462404",
      connectivityProvider: "T-Mobile",
      model: { name: "OBD Vehicle Tracker" },
    });
    expect(emu.admin.counters().byRoute.updateDevice).toEqual({ "200": 1 });
    expect(emu.admin.getDevice(VAN)?.color).toBe("#00aa11");
  });

  it("create makes no update when the labels already match", async () => {
    await adopt(VAN, { name: "Van #2" });
    expect(emu.admin.counters().byRoute.updateDevice).toBeUndefined();
  });

  it("create fails clearly for an IMEI that is not in the account", async () => {
    await expect(ops.create({ imei: "490154203237518" })).rejects.toThrow(
      /IMEI 490154203237518 is not in this Hapn account .*activate the tracker/,
    );
  });

  it("read returns the live device, and inputs with the managed labels' live values", async () => {
    const outs = await adopt(VAN, { name: "Van #2" });
    emu.admin.editDevice(VAN, { name: "Hand edit", icon: "car" });
    await nextDeployment();
    const read = await ops.read(VAN, outs);
    expect(read.id).toBe(VAN);
    expect(flattenStored(read.props)).toMatchObject({
      name: "Hand edit",
      icon: "car",
      adoptedLabels: flattenStored(outs).adoptedLabels,
    });
    expect(read.inputs).toEqual({ imei: VAN, name: "Hand edit" });
    expect((await ops.diff(VAN, read.props as DeviceOutputs, { imei: VAN, name: "Van #2" })).changes).toBe(true);
  });

  it("read returns no inputs when the managed labels did not change, so the engine keeps the stored ones", async () => {
    const outs = await adopt(VAN, { name: "Van #2" });
    emu.admin.editDevice(VAN, { icon: "car" }); // not managed: no drift
    await nextDeployment();
    const read = await ops.read(VAN, outs);
    expect(flattenStored(read.props)).toMatchObject({ name: "Van #2", icon: "car" });
    expect(read.inputs).toBeUndefined();
  });

  it("read drops a device gone from the account, with a warning", async () => {
    const imei = emu.admin.listDevices()[3].imei;
    const outs = await adopt(imei);
    emu.admin.removeDevice(imei);
    await nextDeployment();
    expect(await ops.read(imei, outs)).toEqual({});
    expect(logs.join("\n")).toMatch(new RegExp(`${imei} is no longer in the account`));
  });

  it("update patches only what changed and returns full outputs", async () => {
    const outs = await adopt(VAN, { name: "Van #2", color: "#579db5" });
    emu.admin.resetCounters();
    const updated = await ops.update(VAN, outs, { imei: VAN, name: "Van #9", color: "#579db5" });
    expect(flattenStored(updated.outs)).toMatchObject({
      name: "Van #9",
      color: "#579db5",
      adoptedLabels: flattenStored(outs).adoptedLabels,
    });
    expect(Object.keys(updated.outs as object).sort()).toEqual(Object.keys(outs).sort());
    expect(emu.admin.counters().byRoute.updateDevice).toEqual({ "200": 1 });
  });

  it("delete leaves the tracker as it is by default, and says so", async () => {
    const outs = await adopt(VAN, { name: "Managed" });
    emu.admin.resetCounters();
    await ops.delete(VAN, outs);
    expect(emu.admin.getDevice(VAN)?.name).toBe("Managed");
    expect(emu.admin.counters().apiRequests).toBe(0);
    expect(logs.join("\n")).toMatch(/stay in the account .*trackers cannot be deleted/);
  });

  it("gives the retain advice once per deployment, not once per device", async () => {
    const devices = emu.admin.listDevices().slice(0, 3);
    const outs = await Promise.all(devices.map((d) => adopt(d.imei)));
    for (const o of outs) await ops.delete(o.imei, o);
    expect(logs.filter((l) => /trackers cannot be deleted/.test(l))).toHaveLength(1);
  });

  it("delete with restoreLabels puts back the managed labels recorded at adoption", async () => {
    const imei = emu.admin.listDevices()[5].imei;
    const before = emu.admin.getDevice(imei)!;
    const outs = await adopt(imei, { name: "Temp", icon: "bolt", deletePolicy: "restoreLabels" });
    emu.admin.editDevice(imei, { color: "#123456" });
    newProviderProcess();
    await ops.configure({ config: emulatorConfig(emu) });
    await ops.delete(imei, outs);
    expect(emu.admin.getDevice(imei)).toMatchObject({ name: before.name, icon: before.icon, color: "#123456" });
  });

  it("update records a label the program starts managing as it was just before, for restoreLabels", async () => {
    const imei = emu.admin.listDevices()[6].imei;
    const outs = await adopt(imei, { name: "First" });
    emu.admin.editDevice(imei, { icon: "truck" });
    await nextDeployment();
    const read = (await ops.read(imei, outs)).props as DeviceOutputs;
    const updated = (await ops.update(imei, read, { imei, name: "First", icon: "car" })).outs as DeviceOutputs;
    expect(flattenStored(updated).adoptedLabels).toMatchObject({
      name: flattenStored(outs).adoptedLabels!.name,
      icon: "truck",
    });
  });

  it("does not restore labels over a tracker another resource adopted in the same deployment", async () => {
    const imei = emu.admin.listDevices()[7].imei;
    const old = await adopt(imei, { name: "Old resource", deletePolicy: "restoreLabels" });
    newProviderProcess();
    await ops.configure({ config: emulatorConfig(emu) });
    await adopt(imei, { name: "Renamed resource", deletePolicy: "restoreLabels" });
    await ops.delete(imei, old);
    expect(emu.admin.getDevice(imei)?.name).toBe("Renamed resource");
    expect(logs.join("\n")).toMatch(/another resource of this deployment adopted the tracker.*aliases/);
  });

  it("warns, and does not fail, when restoring a device that left the account", async () => {
    const imei = emu.admin.listDevices()[8].imei;
    const outs = await adopt(imei, { name: "Gone soon", deletePolicy: "restoreLabels" });
    newProviderProcess();
    await ops.configure({ config: emulatorConfig(emu) });
    emu.admin.removeDevice(imei);
    await expect(ops.delete(imei, outs)).resolves.toBeUndefined();
    expect(logs.join("\n")).toMatch(/no longer in the account; there are no labels to restore/);
  });

  it("serves operations that start before an un-awaited configure finishes (the host's configure race)", async () => {
    newProviderProcess();
    const configuring = ops.configure({ config: emulatorConfig(emu) });
    const created = ops.create({ imei: VAN, name: "Van #2" });
    await expect(created).resolves.toMatchObject({ id: VAN });
    await configuring;
  });

  it("shares one token across every operation of the process", async () => {
    const devices = emu.admin.listDevices().slice(0, 5);
    await Promise.all(devices.map((d) => adopt(d.imei, { name: `N ${d.imei}` })));
    await ops.update(devices[0].imei, (await ops.read(devices[0].imei)).props as DeviceOutputs, {
      imei: devices[0].imei,
      name: "Once more",
    });
    expect(emu.admin.counters().tokenRequests).toBe(1);
  });

  it("fails check (the preview) on missing credentials, naming both ways to set them once", async () => {
    await ops.configure({ config: emulatorConfig(emu, { "hapn:clientId": "", "hapn:clientSecret": "" }) });
    try {
      const first = await ops.check({ imei: VAN }, { imei: VAN });
      expect(first.failures).toEqual([
        { property: "", reason: expect.stringMatching(/hapn:clientId.*\n.*HAPN_CLIENT_ID/) },
      ]);
      const second = await ops.check({ imei: VAN }, { imei: VAN });
      expect(second.failures?.[0].reason).toMatch(/see the first error/);
      expect(second.failures?.[0].reason).not.toMatch(/HAPN_CLIENT_ID/);
      await expect(ops.create({ imei: VAN })).rejects.toThrow(/hapn:clientId.*\n.*HAPN_CLIENT_ID/);
    } finally {
      await ops.configure({ config: emulatorConfig(emu) });
    }
  });

  it("fails check (the preview) once on an invalid client setting, and create before any request", async () => {
    await ops.configure({ config: emulatorConfig(emu, { "hapn:timeoutMs": "soon" }) });
    try {
      const first = await ops.check({ imei: VAN }, { imei: VAN });
      expect(first.failures).toEqual([
        { property: "", reason: expect.stringMatching(/hapn:timeoutMs is "soon", but must be a number from 1 to/) },
      ]);
      const second = await ops.check({ imei: VAN }, { imei: VAN });
      expect(second.failures?.[0].reason).toMatch(/see the first error/);
      expect(second.failures?.[0].reason).not.toMatch(/soon/);
      await expect(ops.create({ imei: VAN })).rejects.toThrow(/hapn:timeoutMs is "soon"/);
      expect(emu.admin.counters().tokenRequests).toBe(0);
    } finally {
      await ops.configure({ config: emulatorConfig(emu) });
    }
  });

  it("reads a state written when Devices stored their name (`__deviceName`) with no change", async () => {
    const created = await adopt(VAN, { name: "Van #2" });
    const oldInputs = { imei: VAN, name: "Van #2", __deviceName: "van" } as never;
    const news = { imei: VAN, name: "Van #2" };
    expect(await ops.check(oldInputs, news)).toEqual({ inputs: news });
    expect(await ops.diff(VAN, { ...created, __deviceName: "van" } as never, news)).toEqual({ changes: false });
  });

  describe('onMissing: "warn"', () => {
    const GONE = "490154203237518";

    it("create of a tracker not in the account fails by default, naming the way through", async () => {
      await expect(ops.create({ imei: GONE })).rejects.toThrow(/onMissing: "warn"/);
    });

    it("create keeps the resource with a warning, outputs holding the program's labels", async () => {
      const r = await ops.create({ imei: GONE, name: "Away", onMissing: "warn" });
      expect(r.id).toBe(GONE);
      expect(flattenStored(r.outs)).toMatchObject({ imei: GONE, name: "Away", inAccount: false, onMissing: "warn" });
      expect((await ops.diff(GONE, r.outs!, { imei: GONE, name: "Away", onMissing: "warn" })).changes).toBe(false);
      expect(logs.join("\n")).toMatch(/warning: Hapn device 490154203237518 is not in the account; keeping it/);
    });

    it("refresh keeps a device that left the account in state, and applies labels once it is back", async () => {
      const imei = emu.admin.listDevices()[4].imei;
      const outs = await adopt(imei, { name: "Kept", onMissing: "warn" });
      const saved = emu.admin.getDevice(imei)!;
      emu.admin.removeDevice(imei);
      await nextDeployment();
      const read = await ops.read(imei, outs);
      expect(read.id).toBe(imei);
      expect(flattenStored(read.props)).toMatchObject({ name: "Kept", inAccount: false });
      const away = await ops.update(imei, read.props!, { imei, name: "Still away", onMissing: "warn" });
      expect(flattenStored(away.outs)).toMatchObject({ inAccount: false, name: "Still away" });
      const { appUrl: _derived, ...fields } = saved;
      emu.admin.addDevice({ ...fields, name: "Back" });
      await nextDeployment();
      const back = await ops.read(imei, read.props);
      expect(flattenStored(back.props)).toMatchObject({
        name: "Back",
        inAccount: true,
        adoptedLabels: flattenStored(outs).adoptedLabels,
      });
    });
  });

  it("says which labels adoption changed, from what", async () => {
    await adopt(VAN, { name: "Van #9", color: "#00AA11" });
    expect(logs.join("\n")).toMatch(/adopted; changed name "[^"]*" → "Van #9", color "#[0-9a-f]{6}" → "#00AA11"/);
  });

  it("a create whose label update fails records the resource with its pre-adoption labels", async () => {
    const imei = emu.admin.listDevices()[1].imei;
    const before = emu.admin.getDevice(imei)!;
    emu.admin.setFaults({ next: [{ kind: "fail", route: "updateDevice", status: 400 }] });
    const error = await ops.create({ imei, name: "Never applied" }).catch((e: unknown) => e);
    emu.admin.setFaults({});
    expect(error).toMatchObject({
      id: imei,
      message: expect.stringMatching(/adopted, but applying its labels failed/),
      properties: { imei },
    });
    const recorded = flattenStored((error as { properties: DeviceOutputs }).properties);
    expect(recorded).toMatchObject({ managedFields: ["name"], adoptedLabels: { name: before.name } });
  });

  it("reads state written without bookkeeping fields, or no props at all", async () => {
    const read = await ops.read(VAN, undefined);
    expect(flattenStored(read.props)).toMatchObject({
      imei: VAN,
      managedFields: [],
      deletePolicy: "retain",
      onMissing: "fail",
    });
    const legacy = { imei: VAN, name: "Van #2" } as unknown as DeviceOutputs;
    expect(flattenStored((await ops.read(VAN, legacy)).props)).toMatchObject({ inAccount: true, onMissing: "fail" });
  });
});
