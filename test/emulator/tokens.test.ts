/** Token endpoint (form and Basic credentials, errors, expiry) and API authentication (401 / 403). */
import type { RunningEmulator } from "../../emulator";
import { call, getToken, requestToken, statusAndJson, tokenForm } from "./helpers";
import { startTestEmulator } from "../support/emulator";

describe("token endpoint", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu.stop());

  it("issues an opaque bearer token for form credentials", async () => {
    const res = await requestToken(emu, tokenForm("hapn-emulator-client", "hapn-emulator-secret"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const { body } = await statusAndJson(res);
    expect(Object.keys(body).sort()).toEqual(["access_token", "expires_in", "token_type"]);
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
    expect(body.access_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("accepts HTTP Basic credentials", async () => {
    const basic = Buffer.from("hapn-emulator-client:hapn-emulator-secret").toString("base64");
    const res = await requestToken(emu, "grant_type=client_credentials", { authorization: `Basic ${basic}` });
    expect(res.status).toBe(200);
    const token = (await statusAndJson(res)).body.access_token as string;
    expect((await call(emu, token, "/devices")).status).toBe(200);
  });

  it("gives every request a different token", async () => {
    expect(await getToken(emu)).not.toEqual(await getToken(emu));
  });

  it("remembers issued tokens, expired ones too, for leak checks", async () => {
    const token = await getToken(emu);
    emu.admin.expireTokens();
    expect(emu.admin.issuedTokens()).toContain(token);
  });

  it.each([
    ["a wrong secret", tokenForm("hapn-emulator-client", "nope"), {}],
    ["a wrong client id", tokenForm("someone-else", "hapn-emulator-secret"), {}],
    ["no credentials", "grant_type=client_credentials", {}],
    [
      "wrong Basic credentials",
      "grant_type=client_credentials",
      { authorization: `Basic ${Buffer.from("hapn-emulator-client:x").toString("base64")}` },
    ],
  ])("answers 400 invalid_client for %s", async (_, body, headers) => {
    expect(await statusAndJson(await requestToken(emu, body, headers))).toEqual({
      status: 400,
      body: { error: "invalid_client" },
    });
  });

  it("answers 400 unsupported_grant_type for other grants", async () => {
    const res = await requestToken(emu, tokenForm(emu.clientId, emu.clientSecret, "password"));
    expect(await statusAndJson(res)).toEqual({ status: 400, body: { error: "unsupported_grant_type" } });
  });

  it("answers 400 invalid_request for a non-form body or a missing grant_type", async () => {
    const json = await fetch(emu.authUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        grant_type: "client_credentials",
        client_id: emu.clientId,
        client_secret: emu.clientSecret,
      }),
    });
    expect(await statusAndJson(json)).toEqual({ status: 400, body: { error: "invalid_request" } });
    const noGrant = await requestToken(emu, `client_id=${emu.clientId}&client_secret=${emu.clientSecret}`);
    expect(await statusAndJson(noGrant)).toEqual({ status: 400, body: { error: "invalid_request" } });
  });

  it("answers 405 to other methods", async () => {
    const res = await fetch(emu.authUrl);
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });
});

describe("API authentication", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ tokenTtlSeconds: 1 });
  });
  afterAll(() => emu.stop());

  it("answers 401 Unauthorized with a request id for a missing or unknown token", async () => {
    for (const token of [undefined, "not-a-token"]) {
      const res = await call(emu, token, "/devices");
      expect(res.headers.get("content-type")).toBe("application/json");
      expect(res.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
      expect(await statusAndJson(res)).toEqual({ status: 401, body: { message: "Unauthorized" } });
    }
  });

  it("expires tokens after the TTL", async () => {
    const res = await requestToken(emu, tokenForm(emu.clientId, emu.clientSecret));
    const { access_token: token, expires_in } = (await statusAndJson(res)).body;
    expect(expires_in).toBe(1);
    expect((await call(emu, token, "/devices")).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await statusAndJson(await call(emu, token, "/devices"))).toEqual({
      status: 401,
      body: { message: "Unauthorized" },
    });
  });

  it("expires every token on admin request", async () => {
    const token = await getToken(emu);
    expect(emu.admin.expireTokens()).toBeGreaterThanOrEqual(1);
    expect((await call(emu, token, "/devices")).status).toBe(401);
  });

  it("answers 404 Not Found for an unknown route, token or not", async () => {
    const token = await getToken(emu);
    for (const path of ["/nope", "/devices/862785041422448/messages"]) {
      expect(await statusAndJson(await call(emu, token, path))).toEqual({
        status: 404,
        body: { message: "Not Found" },
      });
    }
    expect((await call(emu, undefined, "/webhooks")).status).toBe(404);
    expect((await call(emu, token, "/devices", { method: "DELETE" })).status).toBe(404);
    expect((await fetch(`${emu.url}/v2/devices`)).status).toBe(404);
  });
});

describe("API authentication with unauthorizedStatus 403", () => {
  it("answers 403 Forbidden instead", async () => {
    const emu = await startTestEmulator({ unauthorizedStatus: 403 });
    try {
      expect(await statusAndJson(await call(emu, "bad", "/devices"))).toEqual({
        status: 403,
        body: { message: "Forbidden" },
      });
      expect((await call(emu, await getToken(emu), "/devices")).status).toBe(200);
    } finally {
      await emu.stop();
    }
  });
});
