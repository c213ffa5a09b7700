/** The admin API (HTTP and in-process): out-of-band edits, devices, tokens, counters, loopback-only access. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { AdminError, isLoopbackAddress, type EmulatorAdmin, type RunningEmulator } from "../../emulator";
import { createAdmin } from "../../emulator/admin";
import { isLoopbackHostHeader } from "../../emulator/admin-guard";
import { handleAdminRequest } from "../../emulator/admin-http";
import { adminCall, call, getToken, requestToken, sendRaw, square, statusAndJson, tokenForm } from "./helpers";
import { startTestEmulator } from "../support/emulator";

const EXAMPLE = "862785041422448";
const NEW_IMEI = "490154203237518"; // Luhn-valid, not in the fleet

let emu: RunningEmulator;
let token: string;
beforeAll(async () => {
  emu = await startTestEmulator({ devices: 5 });
  token = await getToken(emu);
});
afterAll(() => emu.stop());

const apiGet = async (path: string) => statusAndJson(await call(emu, token, path));

describe("admin device edits", () => {
  it("PATCH /_admin/devices/{imei} changes a device out of band and bumps modified", async () => {
    const before = emu.admin.getDevice(EXAMPLE)!;
    const res = await statusAndJson(
      await adminCall(emu, "PATCH", `/devices/${EXAMPLE}`, { name: "Edited in app", connectivityProvider: "AT&T" }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "Edited in app", connectivityProvider: "AT&T" });
    const api = (await apiGet(`/devices/${EXAMPLE}`)).body.result;
    expect(api).toEqual(res.body);
    expect(Date.parse(api.modified)).toBeGreaterThan(Date.parse(before.modified));
  });

  it("rejects bad admin edits", async () => {
    const bad = await statusAndJson(await adminCall(emu, "PATCH", `/devices/${EXAMPLE}`, { imei: "1" }));
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/Unknown field\(s\): imei/);
    expect((await adminCall(emu, "PATCH", `/devices/${NEW_IMEI}`, { name: "x" })).status).toBe(404);
    expect(() => emu.admin.editDevice(EXAMPLE, { clientId: -1 })).toThrow(AdminError);
  });

  it("adds a device with defaults, serves it, and removes it", async () => {
    const added = await statusAndJson(await adminCall(emu, "POST", "/devices", { imei: NEW_IMEI, name: "New one" }));
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({
      imei: NEW_IMEI,
      name: "New one",
      status: "A",
      clientId: 6278789,
      appUrl: `https://app.gethapn.com/home?tab=trackers&type=tracker&imei=${NEW_IMEI}`,
    });
    expect(added.body.iccid).toMatch(/^\d{19}$/);
    expect((await apiGet(`/devices/${NEW_IMEI}`)).body.result).toEqual(added.body);
    expect((await apiGet(`/devices/${NEW_IMEI}/status`)).status).toBe(200);
    expect((await adminCall(emu, "POST", "/devices", { imei: NEW_IMEI })).status).toBe(409);
    const listed = await statusAndJson(await adminCall(emu, "GET", "/devices"));
    expect(listed.body.items.map((d: { imei: string }) => d.imei)).toContain(NEW_IMEI);
    expect((await adminCall(emu, "DELETE", `/devices/${NEW_IMEI}`)).status).toBe(200);
    expect((await apiGet(`/devices/${NEW_IMEI}`)).status).toBe(404);
    expect((await adminCall(emu, "DELETE", `/devices/${NEW_IMEI}`)).status).toBe(404);
  });

  it.each([
    ["no imei", { name: "x" }, /imei is required/],
    ["a bad Luhn digit", { imei: "490154203237519" }, /Luhn/],
    ["14 digits", { imei: "49015420323751" }, /15/],
    ["a numeric imei", { imei: 490154203237518 }, /string/],
  ])("refuses to add a device with %s", async (_, body, message) => {
    const res = await statusAndJson(await adminCall(emu, "POST", "/devices", body));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });

  it("keeps a leading zero in added IMEIs", () => {
    const device = emu.admin.addDevice({ imei: "012345678901237" });
    expect(device.imei).toBe("012345678901237");
    emu.admin.removeDevice("012345678901237");
  });

  it("edits and removes boundaries out of band", async () => {
    const created = (
      await statusAndJson(
        await call(emu, token, "/boundaries", { method: "POST", body: { name: "B", geometry: square() } }),
      )
    ).body.result;
    const edited = await statusAndJson(
      await adminCall(emu, "PATCH", `/boundaries/${created.boundaryId}`, { name: "B2" }),
    );
    expect(edited.body.name).toBe("B2");
    expect((await adminCall(emu, "GET", `/boundaries/${created.boundaryId}`)).status).toBe(200);
    expect((await adminCall(emu, "DELETE", `/boundaries/${created.boundaryId}`)).status).toBe(200);
    expect(emu.admin.listBoundaries()).toEqual([]);
  });
});

describe("admin tokens, faults, health", () => {
  it("POST /_admin/tokens/expire expires every token", async () => {
    const t = await getToken(emu);
    const res = await statusAndJson(await adminCall(emu, "POST", "/tokens/expire"));
    expect(res.body.expired).toBeGreaterThanOrEqual(1);
    expect((await call(emu, t, "/devices")).status).toBe(401);
    token = await getToken(emu);
  });

  it("PUT /_admin/credentials rotates the client secret: only the new one gets a token, old tokens live on", async () => {
    const old = emu.clientSecret;
    const rotated = await statusAndJson(await adminCall(emu, "PUT", "/credentials", { clientSecret: "rotated-1" }));
    expect(rotated).toEqual({ status: 200, body: { rotated: true } });
    try {
      expect(emu.clientSecret).toBe("rotated-1");
      expect((await requestToken(emu, tokenForm(emu.clientId, old))).status).toBe(400); // invalid_client
      expect((await requestToken(emu, tokenForm(emu.clientId, "rotated-1"))).status).toBe(200);
      expect((await apiGet(`/devices/${EXAMPLE}`)).status).toBe(200);
      expect((await adminCall(emu, "PUT", "/credentials", { clientSecret: " " })).status).toBe(400);
      expect(emu.clientSecret).toBe("rotated-1");
    } finally {
      emu.admin.rotateClientSecret(old);
    }
  });

  it("PUT and GET /_admin/faults", async () => {
    const put = await statusAndJson(
      await adminCall(emu, "PUT", "/faults", { latencyMs: 5, next: [{ kind: "reset" }] }),
    );
    expect(put.body).toMatchObject({ latencyMs: 5, next: [{ kind: "reset" }], rateLimit: null });
    const patched = await statusAndJson(await adminCall(emu, "PATCH", "/faults", { errorRate: 0 }));
    expect(patched.body).toMatchObject({ latencyMs: 5, errorRate: 0 });
    await adminCall(emu, "PUT", "/faults", {});
    expect((await statusAndJson(await adminCall(emu, "GET", "/faults"))).body).toEqual({
      down: null,
      latencyMs: 0,
      rateLimit: null,
      quota: null,
      quotaUsed: 0,
      errorRate: 0,
      errorStatus: 500,
      lostAnswerRate: 0,
      includeTokenEndpoint: false,
      randomFaults: [],
      next: [],
    });
  });

  it("GET /_admin/health", async () => {
    const res = await statusAndJson(await adminCall(emu, "GET", "/health"));
    expect(res).toMatchObject({ status: 200, body: { status: "ok", devices: 5, boundaries: 0 } });
  });

  it("answers 404 for unknown admin paths and 400 for invalid JSON", async () => {
    expect((await adminCall(emu, "GET", "/nope")).status).toBe(404);
    const res = await fetch(`${emu.url}/_admin/devices`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect(res.status).toBe(400);
  });
});

describe("counters", () => {
  it("count token and API requests by route and status", async () => {
    await adminCall(emu, "POST", "/counters/reset");
    await getToken(emu);
    await fetch(emu.authUrl, { method: "POST", body: "x" });
    await call(emu, token, "/devices");
    await call(emu, token, "/devices");
    await call(emu, token, `/devices/${EXAMPLE}/status`);
    await call(emu, token, "/devices/490154203237518");
    await call(emu, undefined, "/devices");
    await call(emu, token, "/nothing-here");
    await call(emu, token, `/devices/${EXAMPLE}`, { method: "PATCH", body: { name: "Van #2" } });
    await adminCall(emu, "GET", "/health"); // admin requests are not counted
    const counters = (await statusAndJson(await adminCall(emu, "GET", "/counters"))).body;
    expect(counters).toEqual({
      tokenRequests: 2,
      tokenRequestsByStatus: { "200": 1, "400": 1 },
      apiRequests: 7,
      byRoute: {
        listDevices: { "200": 2, "401": 1 },
        getDeviceStatus: { "200": 1 },
        getDevice: { "404": 1 },
        unknown: { "404": 1 },
        updateDevice: { "200": 1 },
      },
      arrivals: { token: 2, listDevices: 3, getDeviceStatus: 1, getDevice: 1, unknown: 1, updateDevice: 1 },
      longestStallMs: {},
    });
    expect(emu.admin.counters()).toEqual(counters);
    const reset = await statusAndJson(await adminCall(emu, "POST", "/counters/reset"));
    // Every counter of the snapshot above, back to zero or empty.
    const zero = Object.fromEntries(Object.entries(counters).map(([k, v]) => [k, typeof v === "number" ? 0 : {}]));
    expect(Object.keys(zero)).toHaveLength(6);
    expect(reset.body).toEqual(zero);
  });

  it("onHandled fires once a write is applied and before its answer leaves, lost answers included", async () => {
    const seen: { target: string; status: number; name?: string; answered: boolean }[] = [];
    let answered = false;
    const unhook = emu.admin.onHandled((target, status) =>
      seen.push({ target, status, name: emu.admin.getDevice(EXAMPLE)?.name, answered }),
    );
    try {
      await call(emu, token, `/devices/${EXAMPLE}`, { method: "PATCH", body: { name: "Hooked" } });
      answered = true;
      emu.admin.setFaults({ lostAnswerRate: 1 });
      await expect(
        call(emu, token, `/devices/${EXAMPLE}`, { method: "PATCH", body: { name: "Lost" } }),
      ).rejects.toThrow();
      emu.admin.setFaults({ errorRate: 1 }); // refused before the handler: not handled
      await call(emu, token, `/devices/${EXAMPLE}`, { method: "PATCH", body: { name: "Refused" } });
    } finally {
      emu.admin.setFaults({});
      unhook();
    }
    await call(emu, token, `/devices/${EXAMPLE}`, { method: "PATCH", body: { name: "Unhooked" } });
    expect(seen).toEqual([
      { target: "updateDevice", status: 200, name: "Hooked", answered: false },
      { target: "updateDevice", status: 200, name: "Lost", answered: true },
    ]);
  });
});

describe("loopback-only admin", () => {
  it.each(["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"])("accepts %s", (address) => {
    expect(isLoopbackAddress(address)).toBe(true);
  });

  it.each(["10.0.0.1", "192.168.1.20", "::ffff:10.0.0.1", "fe80::1", "::", "0.0.0.0", "", undefined, "128.0.0.1"])(
    "refuses %s",
    (address) => {
      expect(isLoopbackAddress(address)).toBe(false);
    },
  );

  it("answers 403 to a non-loopback client", async () => {
    let status = 0;
    let body = "";
    const res = {
      writeHead: (s: number) => ((status = s), res),
      end: (text: string) => (body = text),
    } as unknown as ServerResponse;
    const req = { method: "GET", headers: {}, socket: { remoteAddress: "10.1.2.3" } } as unknown as IncomingMessage;
    const admin: EmulatorAdmin = createAdmin({} as never);
    expect(await handleAdminRequest(admin, req, res, "/_admin/health")).toBe("403");
    expect(status).toBe(403);
    expect(JSON.parse(body).message).toMatch(/loopback/);
  });
});

describe("admin API refuses what a web page can send", () => {
  it.each([
    ["text/plain, as a cross-origin page sends without a preflight", { "content-type": "text/plain" }],
    ["a form type", { "content-type": "application/x-www-form-urlencoded" }],
    ["no content type", {}],
  ])("answers 415 to POST /_admin/tokens/expire with %s and expires nothing", async (_, headers) => {
    const t = await getToken(emu);
    const res = await statusAndJson(await fetch(`${emu.url}/_admin/tokens/expire`, { method: "POST", headers }));
    expect(res.status).toBe(415);
    expect(res.body.message).toMatch(/content-type: application\/json/);
    expect((await call(emu, t, "/devices")).status).toBe(200);
  });

  it("answers 415 to a DELETE without JSON and keeps the device", async () => {
    const res = await fetch(`${emu.url}/_admin/devices/${EXAMPLE}`, { method: "DELETE" });
    expect(res.status).toBe(415);
    expect(emu.admin.getDevice(EXAMPLE)).toBeDefined();
  });

  it("answers 415 to a text/plain body even on GET", async () => {
    const res = await sendRaw(emu, "GET", "/_admin/health", { "content-type": "text/plain" }, "x").answer;
    expect(res.status).toBe(415);
  });

  it("accepts JSON with parameters, and GET without a content type", async () => {
    const json = { "content-type": "Application/JSON; charset=utf-8" };
    expect((await fetch(`${emu.url}/_admin/counters/reset`, { method: "POST", headers: json })).status).toBe(200);
    expect((await fetch(`${emu.url}/_admin/counters`)).status).toBe(200);
  });

  it.each(["attacker.example", "attacker.example:8787", "127.0.0.1.nip.io", "localhost.attacker.example"])(
    "answers 403 to Host %s (DNS rebinding)",
    async (host) => {
      const res = await sendRaw(emu, "GET", "/_admin/counters", { host }).answer;
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/Host/);
    },
  );

  it.each(["127.0.0.1", "localhost", "LOCALHOST:1", "[::1]", "[::1]:8787"])("serves Host %s", async (host) => {
    expect((await sendRaw(emu, "GET", "/_admin/health", { host }).answer).status).toBe(200);
  });

  it("serves its own URL's Host", async () => {
    expect((await sendRaw(emu, "GET", "/_admin/health").answer).status).toBe(200);
  });

  it.each(["127.0.0.1:8787", "127.1.2.3", "localhost", "[::1]:80", "[::ffff:127.0.0.1]"])(
    "%s is a loopback Host",
    (h) => {
      expect(isLoopbackHostHeader(h)).toBe(true);
    },
  );

  it.each(["example.com", "localhost.", "[::2]", "::1", "127.0.0.1:80:80", "", undefined])(
    "%s is not a loopback Host",
    (h) => {
      expect(isLoopbackHostHeader(h)).toBe(false);
    },
  );
});
