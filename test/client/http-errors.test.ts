/**
 * Issue 10, item 3: a wrong apiUrl must never read as "device gone". The gateway's 404 for a path it does not serve
 * is told apart from the application's 404 for an unknown device, through the client against the emulator.
 */
import type { RunningEmulator } from "../../emulator";
import { useCleanup } from "./support/cleanup";
import { emulatorClient } from "./support/emulator-client";
import { startTestEmulator } from "../support/emulator";
import { deviceJson, newClient, ok } from "./support/fake-hapn";
import { rejection } from "./support/rejection";

const cleanup = useCleanup();
const { clients } = cleanup;
let emu: RunningEmulator;
const UNKNOWN_IMEI = "999999999999999";

beforeAll(async () => {
  emu = await startTestEmulator({ devices: 5, seed: 9 });
});
afterAll(() => emu.stop());

function expectWrongApiUrl(error: { code: string; message: string; status?: number }, apiUrl: string) {
  expect(error.code).toBe("HAPN_ROUTE_NOT_FOUND");
  expect(error.message).toContain(`apiUrl ${apiUrl} is probably wrong`);
  expect(error.message).toContain("/v1");
  expect(error.message).toContain("hapn:apiUrl");
}

describe("unknown route vs unknown device", () => {
  it("returns undefined for an unknown device (the application's 404 envelope)", async () => {
    await expect(emulatorClient(emu, clients).getDevice(UNKNOWN_IMEI)).resolves.toBeUndefined();
  });

  it("fails with HAPN_ROUTE_NOT_FOUND, never undefined, when apiUrl lacks /v1", async () => {
    const [device] = emu.admin.listDevices();
    const client = emulatorClient(emu, clients, { apiUrl: emu.url });
    expectWrongApiUrl(await rejection(client.getDevice(device.imei)), emu.url);
    expectWrongApiUrl(await rejection(client.getDevice(UNKNOWN_IMEI)), emu.url);
    expectWrongApiUrl(await rejection(client.listDevices()), emu.url);
    expectWrongApiUrl(await rejection(client.updateDevice(device.imei, { name: "x" })), emu.url);
    expect(emu.admin.getDevice(device.imei)?.name).toBe(device.name);
  });

  it("fails with HAPN_ROUTE_NOT_FOUND for a wrong prefix and an HTML 404 page", async () => {
    const wrong = `${emu.url}/v2`;
    expectWrongApiUrl(await rejection(emulatorClient(emu, clients, { apiUrl: wrong }).getDevice(UNKNOWN_IMEI)), wrong);
    const html = await cleanup.fake({
      api: (ctx) => ctx.send(404, "<html><body>404 Not Found</body></html>", { "content-type": "text/html" }),
    });
    const error = await rejection(newClient(html, clients).getDevice(UNKNOWN_IMEI));
    expect(error.code).toBe("HAPN_ROUTE_NOT_FOUND");
  });

  it("treats any 404 on a list route as a wrong URL, even in the application envelope", async () => {
    const api = await cleanup.fake({ api: (ctx) => ctx.json(404, { success: false, message: "Not found" }) });
    expect((await rejection(newClient(api, clients).listDevices())).code).toBe("HAPN_ROUTE_NOT_FOUND");
  });

  it("reads a REST API gateway's 403 'Missing Authentication Token' as a wrong URL, without token refreshes", async () => {
    const api = await cleanup.fake({
      api: (ctx) =>
        ctx.apiPath.startsWith("/devices/")
          ? ctx.json(
              403,
              { message: "Missing Authentication Token" },
              { "x-amzn-ErrorType": "MissingAuthenticationTokenException" },
            )
          : ctx.json(200, ok(deviceJson(UNKNOWN_IMEI))),
    });
    const error = await rejection(newClient(api, clients).getDevice(UNKNOWN_IMEI));
    expect(error.code).toBe("HAPN_ROUTE_NOT_FOUND");
    expect(api.tokenRequests()).toHaveLength(1);
  });

  it("names hapn:authUrl when the token endpoint path does not exist", async () => {
    const authUrl = `${emu.url}/oauth2/tokens`;
    const error = await rejection(emulatorClient(emu, clients, { authUrl }).getDevice(UNKNOWN_IMEI));
    expect(error.code).toBe("HAPN_ROUTE_NOT_FOUND");
    expect(error.message).toContain("hapn:authUrl");
  });
});
