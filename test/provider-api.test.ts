/** The provider process's shared client: created from the settings of `configure`, client settings included. */
import { type RunningEmulator } from "../emulator";
import { startTestEmulator } from "./support/emulator";
import { configureProcess, resetProviderProcess as newProviderProcess } from "../provider/process-state";
import { providerApi } from "../provider/provider-api";
import { emulatorConfig } from "./device/support/emulated-provider";

const VAN = "862785041422448";

describe("providerApi", () => {
  let emu: RunningEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator({ devices: 10, seed: 2 });
  });
  afterAll(() => emu.stop());
  beforeEach(() => {
    newProviderProcess();
    emu.admin.setFaults({});
  });

  /** Reads a device through the shared client while the emulator fails its next read with a 503. */
  async function readThroughOneFailure(overrides: Record<string, string>): Promise<unknown> {
    configureProcess(emulatorConfig(emu, overrides));
    const { client } = providerApi();
    await client.listDevices(); // the token is fetched before the fault is armed
    emu.admin.setFaults({ next: [{ kind: "fail", count: 1, status: 503, route: "getDevice" }] });
    return client.getDevice(VAN);
  }

  it("creates the client with the client settings from config (hapn:maxRetries 0: no retry)", async () => {
    await expect(readThroughOneFailure({ "hapn:maxRetries": "0" })).rejects.toMatchObject({ status: 503 });
  });

  it("keeps the client's defaults for settings that are not set (a 503 is retried)", async () => {
    await expect(readThroughOneFailure({})).resolves.toMatchObject({ imei: VAN });
  });

  it("refuses to create a client while a client setting is invalid, naming it", () => {
    configureProcess(emulatorConfig(emu, { "hapn:concurrency": "0" }));
    expect(() => providerApi()).toThrow(/hapn:concurrency is "0", but must be an integer from 1 to 256/);
  });
});
