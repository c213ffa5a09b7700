/**
 * Several accounts in one emulator: each client id has its own fleet, boundaries, tokens and counters, a token of
 * one account never reaches another's trackers, and the admin API answers per account while `/_admin` stays the
 * primary account's.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EmulatorAccount, RunningEmulator } from "../../emulator";
import { EMULATED_CLIENT_ID, EXAMPLE_DEVICE } from "../../emulator/fleet";
import { parseAccountFlag, parseCliArgs, resolveEmulatorOptions, UsageError } from "../../emulator/options";
import { adminCall, call, getToken, requestToken, square, statusAndJson, tokenForm } from "./helpers";
import { startMultiAccountEmulator, startTestEmulator } from "../support/emulator";

describe("an emulator with two accounts", () => {
  let emu: RunningEmulator;
  let a: EmulatorAccount;
  let b: EmulatorAccount;

  beforeAll(async () => {
    emu = await startMultiAccountEmulator(1, { devices: 6 });
    a = emu.accounts[0];
    b = emu.account("customer-b");
  });
  afterAll(() => emu.stop());
  beforeEach(() => {
    for (const account of emu.accounts) {
      account.admin.resetCounters();
      account.admin.expireTokens();
    }
    emu.admin.resetCounters();
  });

  it("serves the primary account as the emulator's own credentials and admin", () => {
    expect(emu.accounts.map((x) => x.clientId)).toEqual(["hapn-emulator-client", "customer-b"]);
    expect(a.clientId).toBe(emu.clientId);
    expect(a.clientSecret).toBe(emu.clientSecret);
    expect(b.url).toBe(emu.url);
    expect(() => emu.account("nobody")).toThrow(/No account nobody .*hapn-emulator-client, customer-b/);
  });

  it("gives each account a fleet of its own, numbered with its own account number", async () => {
    const imeisA = a.admin.listDevices().map((d) => d.imei);
    const devicesB = b.admin.listDevices();
    expect(imeisA).toHaveLength(6);
    expect(devicesB).toHaveLength(6);
    expect(imeisA).toContain(EXAMPLE_DEVICE.imei);
    expect(devicesB.filter((d) => imeisA.includes(d.imei))).toEqual([]);
    expect(new Set(devicesB.map((d) => d.clientId))).toEqual(new Set([EMULATED_CLIENT_ID + 1]));
    const listed = await statusAndJson(await call(b, await getToken(b), "/devices"));
    expect(listed.body.result.items.map((d: { imei: string }) => d.imei)).toEqual(devicesB.map((d) => d.imei));
  });

  it("never lets a token of one account read or write another's tracker", async () => {
    const tokenB = await getToken(b);
    const before = a.admin.getDevice(EXAMPLE_DEVICE.imei);
    expect((await call(b, tokenB, `/devices/${EXAMPLE_DEVICE.imei}`)).status).toBe(404);
    expect((await call(b, tokenB, `/devices/${EXAMPLE_DEVICE.imei}/status`)).status).toBe(404);
    const write = await call(b, tokenB, `/devices/${EXAMPLE_DEVICE.imei}`, {
      method: "PATCH",
      body: { name: "Stolen" },
    });
    expect(write.status).toBe(404);
    expect(a.admin.getDevice(EXAMPLE_DEVICE.imei)).toEqual(before);
    // …and the other way round.
    const imeiB = b.admin.listDevices()[0].imei;
    expect((await call(a, await getToken(a), `/devices/${imeiB}`)).status).toBe(404);
  });

  it("keeps boundaries apart", async () => {
    const tokenA = await getToken(a);
    const tokenB = await getToken(b);
    const created = await call(b, tokenB, "/boundaries", {
      method: "POST",
      body: { name: "Depot B", geometry: square() },
    });
    expect(created.status).toBe(200);
    const id = ((await created.json()) as { result: { boundaryId: number } }).result.boundaryId;
    expect(b.admin.getBoundary(id)?.name).toBe("Depot B");
    expect(a.admin.getBoundary(id)).toBeUndefined();
    const listedA = await statusAndJson(await call(a, tokenA, "/boundaries"));
    expect(listedA.body.result.items).toEqual([]);
    expect((await call(a, tokenA, `/boundaries/${id}`, { method: "DELETE" })).status).toBe(404);
    expect(b.admin.getBoundary(id)).toBeDefined();
    b.admin.removeBoundary(id);
  });

  it("issues a token only for an account's own secret", async () => {
    const crossed = await requestToken(emu, tokenForm(a.clientId, b.clientSecret));
    expect(await statusAndJson(crossed)).toEqual({ status: 400, body: { error: "invalid_client" } });
    const basic = Buffer.from(`${b.clientId}:${b.clientSecret}`).toString("base64");
    const res = await requestToken(emu, "grant_type=client_credentials", { authorization: `Basic ${basic}` });
    expect(res.status).toBe(200);
    const token = (await statusAndJson(res)).body.access_token as string;
    expect(b.admin.issuedTokens()).toContain(token);
    expect(a.admin.issuedTokens()).not.toContain(token);
  });

  it("expires and rotates one account's credentials without touching the other's", async () => {
    const tokenA = await getToken(a);
    const tokenB = await getToken(b);
    expect(b.admin.expireTokens()).toBe(1);
    expect((await call(b, tokenB, "/devices")).status).toBe(401);
    expect((await call(a, tokenA, "/devices")).status).toBe(200);
    b.admin.rotateClientSecret("customer-b-rotated");
    expect(b.clientSecret).toBe("customer-b-rotated");
    expect(a.clientSecret).toBe("hapn-emulator-secret");
    expect((await requestToken(emu, tokenForm(a.clientId, a.clientSecret))).status).toBe(200);
    expect((await requestToken(emu, tokenForm(b.clientId, "customer-b-secret"))).status).toBe(400);
    b.admin.rotateClientSecret("customer-b-secret");
  });

  it("counts each account's requests apart, and every request once in the server's counters", async () => {
    const tokenB = await getToken(b);
    await call(b, tokenB, "/devices");
    await call(b, tokenB, `/devices/${b.admin.listDevices()[0].imei}`, { method: "PATCH", body: { name: "B1" } });
    await call(a, await getToken(a), "/devices");
    await call(a, "not-a-token", "/devices"); // no account's: the server's counters only
    await requestToken(emu, tokenForm(b.clientId, "wrong")); // names customer-b: counted there, refused

    expect(b.admin.counters()).toMatchObject({
      tokenRequests: 2,
      tokenRequestsByStatus: { "200": 1, "400": 1 },
      apiRequests: 2,
      byRoute: { listDevices: { "200": 1 }, updateDevice: { "200": 1 } },
      arrivals: { token: 2, listDevices: 1, updateDevice: 1 },
    });
    expect(a.admin.counters()).toMatchObject({
      tokenRequests: 1,
      apiRequests: 1,
      byRoute: { listDevices: { "200": 1 } },
    });
    expect(emu.admin.counters()).toMatchObject({
      tokenRequests: 3,
      apiRequests: 4,
      byRoute: { listDevices: { "200": 2, "401": 1 }, updateDevice: { "200": 1 } },
    });
    b.admin.resetCounters();
    expect(b.admin.counters().apiRequests).toBe(0);
    expect(emu.admin.counters().apiRequests).toBe(4);
  });

  it("tells onHandled listeners of their own account's writes only", async () => {
    const seenA: string[] = [];
    const seenB: string[] = [];
    const offA = a.admin.onHandled((target) => seenA.push(target));
    const offB = b.admin.onHandled((target) => seenB.push(target));
    await call(b, await getToken(b), "/devices");
    offA();
    offB();
    expect(seenB).toEqual(["token", "listDevices"]);
    expect(seenA).toEqual([]);
  });

  it("spends each account's own quota, and faults one account without the other", async () => {
    b.admin.setFaults({ quota: { limit: 1 } });
    try {
      const tokenA = await getToken(a);
      const tokenB = await getToken(b);
      expect((await call(b, tokenB, "/devices")).status).toBe(200);
      const over = await call(b, tokenB, "/devices");
      expect(over.status).toBe(429);
      expect(over.headers.get("x-amzn-errortype")).toMatch(/^LimitExceeded/);
      expect((await call(a, tokenA, "/devices")).status).toBe(200);
      expect(a.admin.getFaults()).toMatchObject({ quota: null, quotaUsed: 0 });
      expect(b.admin.getFaults()).toMatchObject({ quota: { limit: 1 }, quotaUsed: 1 });
      // The default admin API's faults are the primary account's.
      emu.admin.updateFaults({ next: [{ kind: "fail", status: 503 }] });
      expect((await call(a, tokenA, "/devices")).status).toBe(503);
      b.admin.setFaults({});
      expect((await call(b, tokenB, "/devices")).status).toBe(200);
    } finally {
      emu.admin.setFaults({});
      b.admin.setFaults({});
    }
  });

  describe("over HTTP", () => {
    it("lists the accounts without their secrets", async () => {
      const res = await statusAndJson(await adminCall(emu, "GET", "/accounts"));
      expect(res).toEqual({
        status: 200,
        body: {
          items: [
            { clientId: "hapn-emulator-client", devices: 6, boundaries: 0, activeTokens: 0 },
            { clientId: "customer-b", devices: 6, boundaries: 0, activeTokens: 0 },
          ],
        },
      });
      expect(JSON.stringify(res.body)).not.toContain("secret");
    });

    it("serves each account's admin API under /_admin/accounts/{clientId}", async () => {
      const imeiB = b.admin.listDevices()[0].imei;
      const devices = await statusAndJson(await adminCall(emu, "GET", "/accounts/customer-b/devices"));
      expect(devices.body.items.map((d: { imei: string }) => d.imei)).toEqual(b.admin.listDevices().map((d) => d.imei));
      const edit = await adminCall(emu, "PATCH", `/accounts/customer-b/devices/${imeiB}`, { name: "Edited B" });
      expect(edit.status).toBe(200);
      expect(b.admin.getDevice(imeiB)?.name).toBe("Edited B");
      // The default admin API is the primary account's: it does not know customer-b's tracker.
      expect((await adminCall(emu, "GET", `/devices/${imeiB}`)).status).toBe(404);

      await call(b, await getToken(b), "/devices");
      const counters = await statusAndJson(await adminCall(emu, "GET", "/accounts/customer-b/counters"));
      expect(counters.body).toMatchObject({ tokenRequests: 1, apiRequests: 1 });
      const health = await statusAndJson(await adminCall(emu, "GET", "/accounts/customer-b/health"));
      expect(health.body).toMatchObject({ status: "ok", devices: 6, activeTokens: 1 });
      const expired = await statusAndJson(await adminCall(emu, "POST", "/accounts/customer-b/tokens/expire"));
      expect(expired.body).toEqual({ expired: 1 });
    });

    it("answers 404 naming an unknown account, and 405 to a write on the list", async () => {
      expect(await statusAndJson(await adminCall(emu, "GET", "/accounts/nobody/devices"))).toEqual({
        status: 404,
        body: { message: "Account nobody not found" },
      });
      expect((await adminCall(emu, "POST", "/accounts", {})).status).toBe(405);
    });
  });
});

describe("one account (the default)", () => {
  it("is the only account, and /_admin/accounts lists it", async () => {
    const emu = await startTestEmulator({ devices: 2 });
    try {
      expect(emu.accounts.map((x) => x.clientId)).toEqual([emu.clientId]);
      const res = await statusAndJson(await adminCall(emu, "GET", "/accounts"));
      expect(res.body.items).toEqual([{ clientId: emu.clientId, devices: 2, boundaries: 0, activeTokens: 0 }]);
    } finally {
      await emu.stop();
    }
  });
});

describe("account state files", () => {
  it("saves each account in its own file and loads it back", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hapn-accounts-"));
    try {
      const stateB = join(dir, "b.json");
      const accounts = [{ clientId: "customer-b", clientSecret: "b-secret", devices: 3, stateFile: stateB }];
      const first = await startTestEmulator({ devices: 2, stateFile: join(dir, "a.json"), accounts });
      const imei = first.account("customer-b").admin.listDevices()[0].imei;
      first.account("customer-b").admin.editDevice(imei, { name: "Kept in b.json" });
      await first.stop();
      expect(readFileSync(stateB, "utf8")).toContain("Kept in b.json");
      expect(readFileSync(join(dir, "a.json"), "utf8")).not.toContain("Kept in b.json");

      const second = await startTestEmulator({ devices: 2, stateFile: join(dir, "a.json"), accounts });
      expect(second.account("customer-b").admin.getDevice(imei)?.name).toBe("Kept in b.json");
      await second.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("account options", () => {
  it("defaults an account's fleet size and faults to the primary's and its seed to the next one", () => {
    const faults = { quota: { limit: 9 } };
    const options = { devices: 4, seed: 7, faults, accounts: [{ clientId: "b", clientSecret: "s" }] };
    expect(resolveEmulatorOptions(options).accounts[1]).toEqual({
      clientId: "b",
      clientSecret: "s",
      devices: 4,
      seed: 8,
      faults,
    });
  });

  it("gives each account its own quota count from the same settings", async () => {
    const emu = await startMultiAccountEmulator(1, { devices: 2, faults: { quota: { limit: 1 } } });
    try {
      const b = emu.account("customer-b");
      expect((await call(emu, await getToken(emu), "/devices")).status).toBe(200);
      expect((await call(b, await getToken(b), "/devices")).status).toBe(200);
      expect((await call(b, await getToken(b), "/devices")).status).toBe(429);
    } finally {
      await emu.stop();
    }
  });

  it("refuses bad fault settings of an account, naming them", async () => {
    const accounts = [{ clientId: "b", clientSecret: "s", faults: { quota: { limit: -1 } } }];
    await expect(startTestEmulator({ accounts })).rejects.toThrow(/quota/);
  });

  it.each<[object, RegExp]>([
    [
      [{ clientId: "hapn-emulator-client", clientSecret: "s" }],
      /option accounts\[0\]\.clientId "hapn-emulator-client"/,
    ],
    [
      [
        { clientId: "b", clientSecret: "s" },
        { clientId: "b", clientSecret: "t" },
      ],
      /option accounts\[1\]\.clientId/,
    ],
    [[{ clientId: "b" }], /option accounts\[0\]\.clientSecret is required/],
    [[{ clientId: "b", clientSecret: "s", devices: 0 }], /option accounts\[0\]\.devices must be an integer/],
    [[{ clientId: "b", clientSecret: "s", region: "eu" }], /option accounts\[0\]\.region is not a known setting/],
    [{ clientId: "b" }, /option accounts must be an array/],
    [[{ clientId: "b", clientSecret: "s", faults: [] }], /option accounts\[0\]\.faults must be an object/],
  ])("rejects accounts %j naming the field", (accounts, message) => {
    expect(() => resolveEmulatorOptions({ accounts } as never)).toThrow(message);
  });

  it("refuses one state file for two accounts", () => {
    const options = { stateFile: "x.json", accounts: [{ clientId: "b", clientSecret: "s", stateFile: "x.json" }] };
    expect(() => resolveEmulatorOptions(options)).toThrow(/option accounts\[0\]\.stateFile/);
  });
});

describe("--account", () => {
  it("parses ID:SECRET and ID:SECRET:N, repeated", () => {
    const request = parseCliArgs(["--account", "b:s1", "--account", "c:s:with:colons:12"]);
    expect(request).toMatchObject({
      help: false,
      options: {
        accounts: [
          { clientId: "b", clientSecret: "s1" },
          { clientId: "c", clientSecret: "s:with:colons", devices: 12 },
        ],
      },
    });
  });

  it.each(["b", ":s", "b:", "b::3"])("refuses %j without echoing it", (raw) => {
    expect(() => parseAccountFlag(raw)).toThrow(UsageError);
    expect(() => parseAccountFlag(raw)).toThrow("--account must be ID:SECRET or ID:SECRET:N");
  });

  it("keeps the secret out of its error", () => {
    expect(() => parseAccountFlag(":top-secret")).toThrow(UsageError);
    expect(() => parseAccountFlag(":top-secret")).not.toThrow(/top-secret/);
  });

  it("names the flag for a bad fleet size", () => {
    expect(() => parseAccountFlag("b:s:0")).toThrow(/--account must be an integer from 1 to 100000/);
  });
});
