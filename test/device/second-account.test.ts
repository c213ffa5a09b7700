/**
 * The dynamic Device provider against the second account of a multi-account emulator: a provider process
 * configured with customer-b's credentials adopts and labels customer-b's trackers, cannot reach the primary
 * account's, and every request it makes counts in customer-b's counters only.
 */
import type { EmulatorAccount, RunningEmulator } from "../../emulator";
import { EXAMPLE_DEVICE } from "../../emulator/fleet";
import { flattenStored } from "../../provider/device/stored";
import type { DeviceOutputs } from "../../provider/device/state";
import { device as ops } from "../../provider/state/v1";
import { startMultiAccountEmulator } from "../support/emulator";
import { freshProviderProcess } from "./support/emulated-provider";

describe("Device provider on a second account", () => {
  let emu: RunningEmulator;
  let b: EmulatorAccount;

  beforeAll(async () => {
    emu = await startMultiAccountEmulator(1, { devices: 5 });
    b = emu.account("customer-b");
  });
  afterAll(() => emu.stop());
  beforeEach(async () => {
    await freshProviderProcess(b, ops);
    emu.admin.resetCounters();
  });
  afterEach(() => jest.restoreAllMocks());

  it("adopts and labels the account's own tracker, counted in that account only", async () => {
    const imei = b.admin.listDevices()[0].imei;
    const primaryBefore = emu.admin.listDevices();
    const outs = (await ops.create({ imei, name: "B van", color: "#00aa11" })).outs as DeviceOutputs;
    expect(flattenStored(outs)).toMatchObject({ imei, name: "B van", color: "#00aa11" });
    expect(b.admin.getDevice(imei)).toMatchObject({ name: "B van", color: "#00aa11" });
    expect(emu.admin.listDevices()).toEqual(primaryBefore);
    const countersB = b.admin.counters();
    expect(countersB.byRoute.updateDevice).toEqual({ "200": 1 });
    expect(countersB.tokenRequests).toBeGreaterThanOrEqual(1);
    // The server saw exactly customer-b's requests: none belongs to the primary account.
    const server = emu.admin.counters();
    expect(server.apiRequests).toBe(countersB.apiRequests);
    expect(server.tokenRequests).toBe(countersB.tokenRequests);
    expect(emu.accounts[0].admin.counters().apiRequests).toBe(0);
  });

  it("does not find the primary account's tracker", async () => {
    await expect(ops.create({ imei: EXAMPLE_DEVICE.imei })).rejects.toThrow(
      new RegExp(`IMEI ${EXAMPLE_DEVICE.imei} is not in this Hapn account`),
    );
    expect(emu.accounts[0].admin.counters().apiRequests).toBe(0);
  });
});
