/**
 * The plugin's provider configuration: the settings source of a provider (its inputs, then the engine's variables,
 * then the environment), CheckConfig's failures named by input, and DiffConfig's changes.
 */
import { UNKNOWN } from "../../provider/check-core";
import { resolveSettings } from "../../provider/config";
import { checkProviderConfig, diffProviderConfig, providerConfigSource } from "../../provider/hosts/plugin-config";

const GOOD = {
  apiUrl: "http://127.0.0.1:9/v1",
  authUrl: "http://127.0.0.1:9/token",
  clientId: "client",
  clientSecret: "secret",
};

describe("providerConfigSource", () => {
  it("takes a provider's inputs first (numbers and booleans as text), then the engine's variables", () => {
    const source = providerConfigSource(
      { apiUrl: "https://a.example/v1", timeoutMs: 5000, allowInsecureHttp: true, clientId: UNKNOWN },
      { "hapn:apiUrl": "https://ignored.example", "hapn:clientId": "from-variables" },
    );
    expect(["hapn:apiUrl", "hapn:timeoutMs", "hapn:allowInsecureHttp", "hapn:clientId"].map(source.get)).toEqual([
      "https://a.example/v1",
      "5000",
      "true",
      "from-variables",
    ]);
  });

  it("leaves the environment as the fallback of each setting", () => {
    const settings = resolveSettings(providerConfigSource({ clientId: "a" }), { HAPN_CLIENT_SECRET: "from-env" });
    expect([settings.clientId, settings.clientSecret]).toEqual(["a", "from-env"]);
  });
});

describe("checkProviderConfig", () => {
  const saved = { ...process.env };
  beforeEach(() => {
    for (const key of Object.keys(process.env)) if (key.startsWith("HAPN_")) delete process.env[key];
  });
  afterAll(() => Object.assign(process.env, saved));

  it("passes good settings, ignoring the engine's own inputs", () => {
    expect(checkProviderConfig({ ...GOOD, version: "0.1.0", __internal: {} })).toEqual([]);
  });

  it("names an input it does not take, and each bad setting, with the dynamic provider's message", () => {
    expect(checkProviderConfig({ ...GOOD, clientSecert: "x", maxRetries: "many" })).toEqual([
      { property: "clientSecert", reason: expect.stringContaining('unknown property "clientSecert"') },
      { property: "maxRetries", reason: expect.stringMatching(/^hapn:maxRetries is "many", but must be an integer/) },
    ]);
  });

  it("names missing credentials on the first one missing, with both ways to set them", () => {
    const [failure] = checkProviderConfig({ apiUrl: GOOD.apiUrl, authUrl: GOOD.authUrl });
    expect(failure).toEqual({ property: "clientId", reason: expect.stringContaining("HAPN_CLIENT_SECRET") });
  });

  it("does not judge a setting whose value is not known yet (a preview with computed inputs)", () => {
    expect(checkProviderConfig({ ...GOOD, clientSecret: UNKNOWN, apiUrl: UNKNOWN })).toEqual([]);
  });
});

describe("diffProviderConfig", () => {
  it("names each input added, removed or changed, and an unknown one as changed", () => {
    expect(diffProviderConfig(GOOD, GOOD)).toEqual({});
    const { clientId: _dropped, ...rest } = GOOD;
    expect(diffProviderConfig(GOOD, { ...rest, clientSecret: "new", timeoutMs: 5, apiUrl: UNKNOWN })).toEqual({
      clientId: "delete",
      clientSecret: "update",
      timeoutMs: "add",
      apiUrl: "update",
    });
  });

  it("ignores the engine's own inputs", () => {
    expect(diffProviderConfig({ ...GOOD, version: "0.1.0" }, { ...GOOD, version: "0.2.0" })).toEqual({});
  });
});
