/** The client speaks the dialect of its overrides (provider/client/hapn-client.ts): against each emulator variant. */
import type { EmulatorOptions, RunningEmulator } from "../../emulator";
import { DEFAULT_DIALECT, type ApiDialect } from "../../provider/api-model";
import { HapnClient } from "../../provider/client";
import { emulatorClientOptions, startTestEmulator } from "../support/emulator";

describe("HapnClient with overrides", () => {
  const running: { emu: RunningEmulator; client: HapnClient }[] = [];
  afterEach(async () => {
    for (const { emu, client } of running.splice(0)) {
      client.destroy();
      await emu.stop();
    }
  });
  async function against(variant: EmulatorOptions, dialect: Partial<ApiDialect> | undefined) {
    const emu = await startTestEmulator({ devices: 5, ...variant });
    const client = new HapnClient({
      ...emulatorClientOptions(emu),
      maxRetries: 0,
      ...(dialect && { dialect: { ...DEFAULT_DIALECT, ...dialect } }),
    });
    running.push({ emu, client });
    return { emu, client };
  }

  it("updates by PUT when hapn:routes says so, and fails without it", async () => {
    const put = { updateMethod: "PUT" } as const;
    const without = await against(put, undefined);
    const imei = without.emu.admin.listDevices()[0].imei;
    await expect(without.client.updateDevice(imei, { name: "A" })).rejects.toMatchObject({
      code: "HAPN_ROUTE_NOT_FOUND",
    });
    const routes = { updateDevice: { method: "PUT", path: "/devices/{imei}" } } as const;
    const { emu, client } = await against(put, { routes });
    expect((await client.updateDevice(imei, { name: "Renamed" })).name).toBe("Renamed");
    expect(emu.admin.getDevice(imei)?.name).toBe("Renamed");
  });

  it("pages by the overridden parameter names and size", async () => {
    const variant = { pageParams: { limit: "pageSize", nextToken: "cursor" } };
    const { emu, client } = await against(variant, { pageParams: variant.pageParams, pageSize: 2 });
    expect((await client.listDevices()).map((d) => d.imei)).toEqual(emu.admin.listDevices().map((d) => d.imei));
    expect(emu.admin.counters().byRoute.listDevices).toEqual({ "200": 3 }); // 5 devices, 2 a page
  });

  it("reads bare-array lists when hapn:listEnvelope is none, and fails on them without it", async () => {
    const bare = { listEnvelope: "none" } as const;
    const without = await against(bare, undefined);
    await expect(without.client.listDevices()).rejects.toMatchObject({ code: "HAPN_BAD_RESPONSE" });
    const { emu, client } = await against(bare, { listEnvelope: "none" });
    expect(await client.listDevices()).toHaveLength(5);
    expect(await client.listBoundaries()).toEqual([]);
    expect(emu.admin.listDevices()).toHaveLength(5);
  });
});
