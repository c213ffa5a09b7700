/**
 * Restoring a fleet's trackers to their labels from before adoption: trackers taken out of `devices` on update (with
 * restoreLabels), never one another resource of the deployment adopted, and failures named with nothing recorded.
 */
import { type RunningEmulator } from "../../emulator";
import { startTestEmulator } from "../support/emulator";
import { deviceFleet as ops } from "../../provider/state/v1";
import { deviceDeployment } from "../../provider/device/deployment";
import { restoreAdopted } from "../../provider/fleet/restore";
import { readFleet } from "../../provider/fleet/stored";
import type { FleetOutputs } from "../../provider/fleet/state";
import { providerApi } from "../../provider/provider-api";
import { freshProviderProcess, nextDeployment } from "../device/support/emulated-provider";

describe("restoring a fleet's trackers", () => {
  let emu: RunningEmulator;
  let logs: string[];
  let imeis: string[];
  let original: string[];

  beforeEach(async () => {
    emu = await startTestEmulator({ devices: 6, seed: 23 }); // each test starts from the same labels
    imeis = emu.admin.listDevices().map((d) => d.imei);
    original = imeis.map((imei) => emu.admin.getDevice(imei)!.name);
    logs = await freshProviderProcess(emu, ops);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await emu.stop();
  });

  const names = () => imeis.map((imei) => emu.admin.getDevice(imei)!.name);
  const fleetOf = (n: number, deletePolicy: "retain" | "restoreLabels") =>
    ops.create({
      devices: Object.fromEntries(imeis.slice(0, n).map((imei, i) => [imei, { name: `Fleet ${i}` }])),
      deletePolicy,
    });

  it("update restores the trackers taken out of devices, with restoreLabels", async () => {
    const created = await fleetOf(3, "restoreLabels");
    await nextDeployment(emu, ops);
    const kept = { [imeis[0]]: { name: "Fleet 0" } };
    const updated = await ops.update(
      created.id,
      created.outs as FleetOutputs,
      {
        devices: kept,
        deletePolicy: "restoreLabels",
      } as never,
    );
    expect(names().slice(0, 3)).toEqual(["Fleet 0", original[1], original[2]]);
    expect(emu.admin.counters().byRoute.updateDevice).toEqual({ "200": 2 });
    expect(readFleet(updated.outs).devices).toEqual(kept);
    expect(logs.join("\n")).toMatch(/released 2 trackers, their labels restored/);
  });

  it("update leaves the trackers taken out as they are, with retain", async () => {
    const created = await fleetOf(3, "retain");
    await nextDeployment(emu, ops);
    await ops.update(
      created.id,
      created.outs as FleetOutputs,
      { devices: { [imeis[0]]: { name: "Fleet 0" } } } as never,
    );
    expect(names().slice(0, 3)).toEqual(["Fleet 0", "Fleet 1", "Fleet 2"]);
    expect(emu.admin.counters().byRoute.updateDevice).toBeUndefined();
  });

  it("leaves a tracker another resource of this deployment adopted, saying so", async () => {
    const created = await fleetOf(2, "restoreLabels");
    await nextDeployment(emu, ops);
    deviceDeployment().adopted[imeis[1]] = true; // as a Device's create of this deployment records it
    const prior = readFleet(created.outs);
    expect(await restoreAdopted(providerApi(), created.id, prior, imeis.slice(0, 2), "")).toBe(1);
    expect(names().slice(0, 2)).toEqual([original[0], "Fleet 1"]);
    expect(logs.join("\n")).toMatch(/not restoring the labels of 1 tracker .*another resource of this deployment/);
  });

  it("names the trackers whose restore failed and what to run again", async () => {
    const created = await fleetOf(3, "restoreLabels");
    await nextDeployment(emu, ops);
    emu.admin.setFaults({ next: [{ kind: "fail", route: "updateDevice", status: 400, count: 1 }] });
    await expect(ops.delete(created.id, created.outs as FleetOutputs)).rejects.toThrow(
      /restored the labels of 2 trackers; 1 tracker failed:\n {2}- HAPN_\w+ \(HTTP 400\).*: 1 tracker: \d{15}\nRun `pulumi destroy` again/,
    );
    await nextDeployment(emu, ops);
    await ops.delete(created.id, created.outs as FleetOutputs);
    expect(emu.admin.counters().byRoute.updateDevice).toEqual({ "200": 1 });
    expect(names().slice(0, 3)).toEqual(original.slice(0, 3));
  });
});
