/** The probe's reversible write (cli/probe/write-check.ts): labels come back even when a step fails. */
import type { RunningEmulator } from "../../../emulator";
import { ProbeHttp } from "../../../cli/probe/http";
import { WRITE_MAX_REQUESTS, writeCheck } from "../../../cli/probe/write-check";
import { DEFAULT_DIALECT } from "../../../provider/api-model";
import { emulatorClientOptions, startTestEmulator } from "../../support/emulator";

describe("writeCheck", () => {
  let emu: RunningEmulator;
  beforeEach(async () => (emu = await startTestEmulator({ devices: 2 })));
  afterEach(() => emu.stop());

  async function http() {
    const h = new ProbeHttp(
      emulatorClientOptions(emu) as ConstructorParameters<typeof ProbeHttp>[0],
      1 + WRITE_MAX_REQUESTS,
    );
    await h.authenticate();
    return h;
  }

  /** A probe whose `n`th request with `method` is failed by the emulator with a 500 (a one-shot fault on `route`). */
  async function failingNth(method: string, n: number, route: "getDevice" | "updateDevice") {
    const h = await http();
    const request = h.request.bind(h);
    let seen = 0;
    h.request = async (m, path, body) => {
      if (m === method && ++seen === n) emu.admin.updateFaults({ next: [{ kind: "fail", route }] });
      return request(m, path, body);
    };
    return h;
  }

  it("restores the labels when the write is applied and its answer lost", async () => {
    const device = emu.admin.listDevices()[0];
    emu.admin.updateFaults({ next: [{ kind: "lose-answer", route: "updateDevice" }] });
    const result = await writeCheck(await http(), DEFAULT_DIALECT, device.imei);
    expect(result.verdict).toBe("differs");
    expect(result.answer).toMatch(/failed between write and restore.*labels restored and verified/);
    expect(emu.admin.counters().byRoute.updateDevice).toEqual({ lost: 1, "200": 1 });
    expect(emu.admin.getDevice(device.imei)?.name).toBe(device.name);
  });

  it("restores the labels when the read-back fails", async () => {
    const device = emu.admin.listDevices()[0];
    const h = await failingNth("GET", 2, "getDevice"); // the second GET is the read-back, after the write
    const result = await writeCheck(h, DEFAULT_DIALECT, device.imei);
    expect(result.verdict).toBe("differs");
    expect(result.answer).toMatch(/read back: 500/);
    expect(emu.admin.getDevice(device.imei)?.name).toBe(device.name);
  });

  it("says which labels to restore by hand when the restore itself fails", async () => {
    const device = emu.admin.listDevices()[0];
    const h = await failingNth("PATCH", 2, "updateDevice"); // the second PATCH is the restore
    await expect(writeCheck(h, DEFAULT_DIALECT, device.imei)).rejects.toThrow(
      new RegExp(`could not be restored .*restore them by hand: .*"name":"${device.name}"`),
    );
  });
});
