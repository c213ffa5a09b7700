/** Devices: pagination, the documented example device, PATCH validation, status numbers-as-strings. */
import type { RunningEmulator } from "../../emulator";
import type { Device } from "../../provider/api-model/wire-types";
import { call, getToken, statusAndJson } from "./helpers";
import { startTestEmulator } from "../support/emulator";

const EXAMPLE = "862785041422448";

let emu: RunningEmulator;
let token: string;
beforeAll(async () => {
  emu = await startTestEmulator({ devices: 25, seed: 3 });
  token = await getToken(emu);
});
afterAll(() => emu.stop());

const get = async (path: string) => statusAndJson(await call(emu, token, path));
const patch = async (imei: string, body: unknown) =>
  statusAndJson(await call(emu, token, `/devices/${imei}`, { method: "PATCH", body }));

describe("GET /devices", () => {
  it("pages through every device with limit and nextToken, without duplicates", async () => {
    const seen: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const query = `?limit=10${next ? `&nextToken=${encodeURIComponent(next)}` : ""}`;
      const { status, body } = await get(`/devices${query}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ success: true, message: "OK" });
      expect(body.result.items.length).toBeLessThanOrEqual(10);
      seen.push(...body.result.items.map((d: Device) => d.imei));
      next = body.result.nextToken;
      if (next !== undefined) expect(typeof next).toBe("string");
      pages++;
    } while (next);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(emu.admin.listDevices().map((d) => d.imei));
    expect(seen).toHaveLength(25);
  });

  it("returns everything in one page by default, with no nextToken", async () => {
    const { body } = await get("/devices");
    expect(body.result.items).toHaveLength(25);
    expect(body.result).not.toHaveProperty("nextToken");
  });

  it.each(["0", "1001", "abc", "-1", "2.5", ""])("rejects limit=%s naming limit", async (limit) => {
    const { status, body } = await get(`/devices?limit=${limit}`);
    expect(status).toBe(400);
    expect(body.success).toBe(false);
    expect(body.message).toMatch(/limit/);
  });

  it("rejects a nextToken it did not issue", async () => {
    for (const bad of ["garbage", Buffer.from('{"l":"boundaries","k":1}').toString("base64url")]) {
      const { status, body } = await get(`/devices?nextToken=${bad}`);
      expect(status).toBe(400);
      expect(body).toEqual({ success: false, message: "Invalid nextToken" });
    }
  });
});

describe("GET /devices/{imei}", () => {
  it("serves the documented example device field by field", async () => {
    const { status, body } = await get(`/devices/${EXAMPLE}`);
    expect(status).toBe(200);
    expect(body).toEqual({
      success: true,
      message: "OK",
      result: {
        imei: "862785041422448",
        clientId: 6278789,
        created: "2020-06-02T20:48:24.494Z",
        modified: "2021-06-10T11:13:59.864Z",
        name: "Van #2",
        status: "A",
        iccid: "8944500204198462404",
        color: "#579db5",
        icon: "location-arrow",
        description: "Delivery Van #2",
        model: { name: "OBD Vehicle Tracker", description: "OBD GPS Tracker for Vehicles" },
        connectivityProvider: "T-Mobile",
        appUrl: "https://app.gethapn.com/home?tab=trackers&type=tracker&imei=862785041422448",
      },
    });
  });

  it("answers 404 for an unknown IMEI", async () => {
    expect(await get("/devices/490154203237518")).toEqual({
      status: 404,
      body: { success: false, message: "Device 490154203237518 not found" },
    });
  });
});

describe("PATCH /devices/{imei}", () => {
  const imei = () => emu.admin.listDevices()[5].imei;

  it("updates the four label fields and bumps modified", async () => {
    const before = emu.admin.getDevice(imei())!;
    const changes = { name: "Renamed", description: "New description", color: "#00ff00", icon: "truck" };
    const { status, body } = await patch(imei(), changes);
    expect(status).toBe(200);
    expect(body.result).toEqual({ ...before, ...changes, modified: body.result.modified });
    expect(Date.parse(body.result.modified)).toBeGreaterThan(Date.parse(before.modified));
    expect((await get(`/devices/${imei()}`)).body.result).toEqual(body.result);
  });

  it("bumps modified on every successful update", async () => {
    const first = (await patch(imei(), { name: "A" })).body.result.modified;
    const second = (await patch(imei(), { name: "A" })).body.result.modified;
    expect(Date.parse(second)).toBeGreaterThan(Date.parse(first));
  });

  it("accepts an empty description and 100-character names", async () => {
    expect((await patch(imei(), { description: "", name: "x".repeat(100) })).status).toBe(200);
  });

  it.each([
    ["name", ""],
    ["name", "   "],
    ["name", "x".repeat(101)],
    ["name", 42],
    ["name", null],
    ["description", "d".repeat(501)],
    ["description", false],
    ["color", "red"],
    ["color", "#12345"],
    ["color", "#1234567"],
    ["icon", ""],
    ["icon", "i".repeat(65)],
    ["icon", ["truck"]],
  ])("rejects %s = %j naming the field", async (field, value) => {
    const before = emu.admin.getDevice(imei())!;
    const { status, body } = await patch(imei(), { [field]: value });
    expect(status).toBe(400);
    expect(body.success).toBe(false);
    expect(body.message).toMatch(new RegExp(`^${field} `));
    expect(emu.admin.getDevice(imei())).toEqual(before);
  });

  it("names every bad field at once", async () => {
    const { body } = await patch(imei(), { name: "", color: "blue" });
    expect(body.message).toMatch(/name .*; color /);
  });

  it("rejects unknown fields, naming them", async () => {
    const { status, body } = await patch(imei(), { name: "ok", imei: "1", iccid: "2" });
    expect(status).toBe(400);
    expect(body.message).toContain("Unknown field(s): imei, iccid");
  });

  it.each([
    ["an empty object", {}],
    ["an array", ["name"]],
    ["no body", undefined],
    ["invalid JSON", "{name:"],
  ])("rejects %s", async (_, body) => {
    const res = await call(emu, token, `/devices/${imei()}`, { method: "PATCH", body: body ?? "" });
    expect(res.status).toBe(400);
    expect((await res.json()) as object).toMatchObject({ success: false });
  });

  it("answers 404 for an unknown IMEI", async () => {
    expect((await patch("490154203237518", { name: "x" })).status).toBe(404);
  });
});

describe("GET /devices/{imei}/status", () => {
  const NUMERIC = [
    "latitude",
    "longitude",
    "speed",
    "azimuth",
    "gpsAccuracy",
    "odoMileage",
    "hoursOfOperation",
    "reportType",
  ];

  it("sends numbers as strings", async () => {
    const { status, body } = await get(`/devices/${EXAMPLE}/status`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ success: true, message: "OK" });
    const r = body.result;
    expect(r.imei).toBe(EXAMPLE);
    for (const field of NUMERIC) {
      expect(typeof r[field]).toBe("string");
      expect(Number.isFinite(Number(r[field]))).toBe(true);
    }
    expect(Math.abs(Number(r.latitude))).toBeLessThanOrEqual(90);
    expect(Math.abs(Number(r.longitude))).toBeLessThanOrEqual(180);
    expect(r.gpsUTCTime).toMatch(/^\d{14}$/);
    expect(Number.isNaN(Date.parse(r.sendTime))).toBe(false);
  });

  it("omits batteryPercentage on vehicle models and sends it as a string on battery models", async () => {
    const example = (await get(`/devices/${EXAMPLE}/status`)).body.result;
    expect(example).not.toHaveProperty("batteryPercentage");
    const battery = emu.admin
      .listDevices()
      .find((d) => d.model.name === "Personal GPS Tracker" || d.model.name === "Asset Tracker");
    expect(battery).toBeDefined();
    const report = (await get(`/devices/${battery!.imei}/status`)).body.result;
    expect(report.batteryPercentage).toMatch(/^\d{1,3}$/);
  });

  it("is deterministic per device", async () => {
    expect(await get(`/devices/${EXAMPLE}/status`)).toEqual(await get(`/devices/${EXAMPLE}/status`));
  });

  it("answers 404 for an unknown IMEI", async () => {
    expect((await get("/devices/490154203237518/status")).status).toBe(404);
  });
});
