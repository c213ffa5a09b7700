/** The request log: one line per request, never a secret or a token. */
import { safePath } from "../../emulator/log";
import { call, getToken, requestToken, tokenForm } from "./helpers";
import { startTestEmulator } from "../support/emulator";

describe("request log", () => {
  it("logs one line per request and never the secret or a token", async () => {
    const lines: string[] = [];
    const secret = "s3cret-value-do-not-log";
    const emu = await startTestEmulator({ clientSecret: secret, logger: (line) => lines.push(line), devices: 3 });
    const tokens: string[] = [];
    try {
      tokens.push(await getToken(emu));
      const basic = Buffer.from(`${emu.clientId}:${secret}`).toString("base64");
      const viaBasic = await requestToken(emu, "grant_type=client_credentials", { authorization: `Basic ${basic}` });
      tokens.push(((await viaBasic.json()) as { access_token: string }).access_token);
      await requestToken(emu, tokenForm(emu.clientId, `${secret}-wrong`));
      await call(emu, tokens[0], "/devices?limit=2");
      await call(emu, tokens[0], `/devices?limit=1&access_token=${tokens[1]}&client_secret=${secret}`);
      await call(emu, tokens[1], "/devices/862785041422448", { method: "PATCH", body: { name: "Logged" } });
      await call(emu, tokens[1], "/devices/862785041422448/status");
      await fetch(`${emu.url}/_admin/counters`);
      expect(lines).toHaveLength(8);
      for (const line of lines) {
        expect(line).toMatch(/^[A-Z]+ \/\S* (\d{3}|reset|stall) \d+ms$/);
        expect(line).not.toContain(secret);
        expect(line).not.toContain(basic);
        for (const token of tokens) expect(line).not.toContain(token);
      }
      expect(lines).toContain(lines.find((l) => /^GET \/v1\/devices\?limit=2 200 \d+ms$/.test(l)));
      expect(lines.filter((l) => l.startsWith("POST /oauth2/token "))).toHaveLength(3);
    } finally {
      await emu.stop();
    }
  });

  it("hides query values except short numeric limits", () => {
    expect(safePath("/v1/devices")).toBe("/v1/devices");
    expect(safePath("/v1/devices?limit=10&nextToken=abc")).toBe("/v1/devices?limit=10&nextToken=***");
    expect(safePath("/v1/devices?limit=secret&x=y&tok")).toBe("/v1/devices?limit=***&***&***");
  });

  it("is silent by default when started programmatically", async () => {
    const spy = jest.spyOn(process.stdout, "write");
    const emu = await startTestEmulator({ devices: 1 });
    try {
      await call(emu, await getToken(emu), "/devices");
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
      await emu.stop();
    }
  });
});
