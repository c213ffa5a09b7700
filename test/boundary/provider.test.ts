/** The Boundary provider's operations against the emulator, one by one, as the provider process would call them. */
import { type RunningEmulator } from "../../emulator";
import { startTestEmulator } from "../support/emulator";
import { boundary as ops } from "../../provider/state/v1";
import { type BoundaryInputs, type BoundaryOutputs } from "../../provider/boundary/state";
import { resetProviderProcess as newProviderProcess } from "../../provider/process-state";
import { emulatorConfig, freshProviderProcess } from "../device/support/emulated-provider";
import { feature, square } from "../support/polygons";

describe("Boundary provider", () => {
  let emu: RunningEmulator;
  let logs: string[];
  const writes = () => {
    const routes = emu.admin.counters().byRoute;
    return ["createBoundary", "updateBoundary", "deleteBoundary"].reduce(
      (n, r) => n + Object.values(routes[r as keyof typeof routes] ?? {}).reduce((a, b) => a + b, 0),
      0,
    );
  };

  beforeAll(async () => {
    emu = await startTestEmulator({ devices: 1, seed: 2 });
  });
  afterAll(() => emu.stop());
  beforeEach(async () => {
    logs = await freshProviderProcess(emu, ops);
  });
  afterEach(() => jest.restoreAllMocks());

  const create = async (inputs: BoundaryInputs) => {
    const checked = await ops.check({} as BoundaryInputs, inputs);
    expect(checked.failures).toBeUndefined();
    const { id, outs } = await ops.create(checked.inputs!);
    return { id, outs: outs as BoundaryOutputs, inputs: checked.inputs! };
  };

  it("check rejects a bad polygon without any API call", async () => {
    const result = await ops.check({} as BoundaryInputs, { name: "Yard", geometry: { ...square(), coordinates: [] } });
    expect(result.failures?.[0]).toMatchObject({ property: "geometry" });
    expect(emu.admin.counters().apiRequests).toBe(0);
    expect(emu.admin.counters().tokenRequests).toBe(0);
  });

  it("check fails without credentials, naming how to set them", async () => {
    newProviderProcess();
    await ops.configure({ config: emulatorConfig(emu, { "hapn:clientSecret": "" }) });
    const result = await ops.check({} as BoundaryInputs, { name: "Yard", geometry: square() });
    expect(result.failures?.[0].reason).toMatch(/hapn:clientSecret/);
  });

  it("create makes the boundary and returns every output; read finds no drift", async () => {
    const { id, outs, inputs } = await create({
      name: "Yard",
      color: "#AA0000",
      location: "Dock 4",
      geometry: square(),
    });
    expect(emu.admin.getBoundary(Number(id))).toMatchObject({ name: "Yard", color: "#aa0000", location: "Dock 4" });
    expect(outs).toMatchObject({
      boundaryId: Number(id),
      name: "Yard",
      color: "#aa0000",
      geometry: square(),
      managedFields: ["name", "color", "location", "geometry"],
      adopted: false,
      deletePolicy: "delete",
      status: "active",
    });
    expect(outs.featureId).toMatch(/^[0-9a-f]{32}$/);
    const read = await ops.read(id, outs);
    expect(read.props).toEqual(outs);
    expect(read.inputs).toBeUndefined(); // nothing changed: the engine keeps the stored inputs
    expect((await ops.diff(id, read.props!, inputs)).changes).toBe(false);
  });

  it("read reports a hand edit as drift in the inputs, naming the field; update puts it back", async () => {
    const { id, outs, inputs } = await create({ name: "Depot", geometry: square(1, 1) });
    emu.admin.editBoundary(Number(id), { name: "Renamed by hand", geometry: feature(2, 2) });
    const read = await ops.read(id, outs);
    expect(read.inputs).toEqual({ name: "Renamed by hand", geometry: square(2, 2) });
    expect((await ops.diff(id, read.props!, inputs)).changes).toBe(true);

    emu.admin.resetCounters();
    const updated = await ops.update(id, read.props!, inputs);
    expect(updated.outs).toMatchObject({ name: "Depot", geometry: square(1, 1) });
    expect(emu.admin.getBoundary(Number(id))?.name).toBe("Depot");
    expect(emu.admin.counters().byRoute.updateBoundary).toEqual({ "200": 1 });
  });

  it("fields the program does not set are neither drift nor written", async () => {
    const { id, outs, inputs } = await create({ name: "Loose", geometry: square(3, 3) });
    emu.admin.editBoundary(Number(id), { color: "#123456", location: "Somewhere" });
    const read = await ops.read(id, outs);
    expect((await ops.diff(id, read.props!, inputs)).changes).toBe(false);
    expect(read.props).toMatchObject({ color: "#123456", location: "Somewhere" });
  });

  it("adopts an existing boundary by boundaryId with no write when it matches, and retains it on delete", async () => {
    const existing = emu.admin.addBoundary({ name: "Existing", color: "#00ff00", geometry: feature(4, 4) });
    emu.admin.resetCounters();
    const { id, outs } = await create({ boundaryId: existing.boundaryId, name: "Existing", geometry: square(4, 4) });
    expect(id).toBe(String(existing.boundaryId));
    expect(outs).toMatchObject({ adopted: true, deletePolicy: "retain", color: "#00ff00" });
    expect(writes()).toBe(0);
    const read = await ops.read(id, outs);
    expect(read.inputs).toBeUndefined();
    await ops.delete(id, outs);
    expect(emu.admin.getBoundary(existing.boundaryId)).toBeDefined();
    expect(writes()).toBe(0);
  });

  it("adoption applies only the fields that differ", async () => {
    const existing = emu.admin.addBoundary({ name: "Old name", geometry: feature(5, 5) });
    emu.admin.resetCounters();
    await create({ boundaryId: existing.boundaryId, name: "New name" });
    expect(emu.admin.getBoundary(existing.boundaryId)).toMatchObject({ name: "New name", geometry: feature(5, 5) });
    expect(emu.admin.counters().byRoute.updateBoundary).toEqual({ "200": 1 });
  });

  it("adopting an id that is not in the account fails clearly", async () => {
    await expect(ops.create({ boundaryId: 999999 })).rejects.toThrow(
      /Boundary 999999 is not in this Hapn account .*Check the boundaryId/,
    );
  });

  it("diff replaces when the adopted boundaryId changes", async () => {
    const { id, outs } = await create({ name: "Swap", geometry: square(6, 6) });
    expect(await ops.diff(id, outs, { boundaryId: outs.boundaryId + 1 })).toEqual({
      changes: true,
      replaces: ["boundaryId"],
    });
  });

  it("read drops a boundary deleted by hand, with a warning", async () => {
    const { id, outs } = await create({ name: "Gone", geometry: square(7, 7) });
    emu.admin.removeBoundary(Number(id));
    expect(await ops.read(id, outs)).toEqual({});
    expect(logs.join("\n")).toMatch(new RegExp(`warning: Hapn boundary ${id} is no longer in the account`));
  });

  it("delete removes a created boundary", async () => {
    const { id, outs } = await create({ name: "Temp", geometry: square(8, 8) });
    await ops.delete(id, outs);
    expect(emu.admin.getBoundary(Number(id))).toBeUndefined();
  });

  it("a refresh of many boundaries lists them once", async () => {
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await create({ name: `Many ${i}`, geometry: square(10 + i, 10) }));
    newProviderProcess();
    await ops.configure({ config: emulatorConfig(emu) });
    emu.admin.resetCounters();
    await Promise.all(made.map(({ id, outs }) => ops.read(id, outs)));
    expect(emu.admin.counters().byRoute.listBoundaries).toEqual({ "200": 1 });
  });
});
