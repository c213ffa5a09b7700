/** The emulator's variants (emulator/options.ts, api-routes.ts, pagination.ts): each plays one other plausible API. */
import type { RunningEmulator } from "../../emulator";
import { parseCliArgs, resolveEmulatorOptions, UsageError } from "../../emulator/options";
import { startTestEmulator } from "../support/emulator";
import { call, getToken, type StatusAndBody } from "./helpers";

/** The JSON of an answer, loosely typed for assertions. */
const json = async (res: Promise<Response>): Promise<StatusAndBody["body"]> => (await res).json();

describe("emulator variants", () => {
  const running: RunningEmulator[] = [];
  afterEach(async () => Promise.all(running.splice(0).map((e) => e.stop())));
  async function start(options: Parameters<typeof startTestEmulator>[0]) {
    const emu = await startTestEmulator({ devices: 3, ...options });
    running.push(emu);
    return { emu, token: await getToken(emu) };
  }

  it("updates by PUT, and PATCH is then an unknown route", async () => {
    const { emu, token } = await start({ updateMethod: "PUT" });
    const imei = emu.admin.listDevices()[0].imei;
    const patch = await call(emu, token, `/devices/${imei}`, { method: "PATCH", body: { name: "x" } });
    expect([patch.status, await patch.json()]).toEqual([404, { message: "Not Found" }]);
    const put = await call(emu, token, `/devices/${imei}`, { method: "PUT", body: { name: "Renamed" } });
    expect(put.status).toBe(200);
    expect(emu.admin.getDevice(imei)?.name).toBe("Renamed");
  });

  it("answers unknown routes as an AWS REST API, even with a valid token", async () => {
    const { emu, token } = await start({ unknownRouteStatus: 403 });
    const res = await call(emu, token, "/nothing-here");
    expect(res.status).toBe(403);
    expect(res.headers.get("x-amzn-errortype")).toBe("MissingAuthenticationTokenException");
    expect(await res.json()).toEqual({ message: "Missing Authentication Token" });
    expect((await call(emu, token, "/devices")).status).toBe(200);
  });

  it("paginates by other parameter names and ignores the guessed ones", async () => {
    const { emu, token } = await start({ pageParams: { limit: "pageSize", nextToken: "cursor" } });
    const ignored = await json(call(emu, token, "/devices?limit=1"));
    expect(ignored.result.items).toHaveLength(3);
    const first = await json(call(emu, token, "/devices?pageSize=2"));
    expect(first.result.items).toHaveLength(2);
    const cursor = encodeURIComponent(first.result.nextToken);
    const second = await json(call(emu, token, `/devices?pageSize=2&cursor=${cursor}`));
    expect(second.result.items.map((d: { imei: string }) => d.imei)).toEqual([emu.admin.listDevices()[2].imei]);
    expect((await json(call(emu, token, "/devices?pageSize=0"))).message).toMatch(/pageSize/);
  });

  it("answers lists with the bare array of every item", async () => {
    const { emu, token } = await start({ listEnvelope: "none" });
    const body = await json(call(emu, token, "/devices?limit=1"));
    expect(body.map((d: { imei: string }) => d.imei)).toEqual(emu.admin.listDevices().map((d) => d.imei));
    expect(await json(call(emu, token, "/boundaries"))).toEqual([]);
    const one = await json(call(emu, token, `/devices/${body[0].imei}`));
    expect(one.success).toBe(true); // single objects keep the envelope
  });

  it("takes the variants as flags and refuses bad ones naming the flag", () => {
    const request = parseCliArgs([
      "--update-method",
      "PUT",
      "--unknown-route",
      "403",
      "--page-params",
      "pageSize,cursor",
      "--list-envelope",
      "none",
    ]);
    expect(request.help === false && request.options).toMatchObject({
      updateMethod: "PUT",
      unknownRouteStatus: 403,
      pageParams: { limit: "pageSize", nextToken: "cursor" },
      listEnvelope: "none",
    });
    expect(() => parseCliArgs(["--update-method", "POST"])).toThrow(/--update-method/);
    expect(() => parseCliArgs(["--unknown-route", "500"])).toThrow(/--unknown-route/);
    expect(() => parseCliArgs(["--page-params", "a,a"])).toThrow(/--page-params/);
    expect(() => parseCliArgs(["--list-envelope", "bare"])).toThrow(/--list-envelope/);
    expect(() => resolveEmulatorOptions({ pageParams: { limit: "", nextToken: "x" } })).toThrow(UsageError);
  });
});
