import {
  CLIENT_SETTINGS,
  clientOptions,
  requireCredentials,
  requireUsableSettings,
  resolveSettings,
  SETTING_SOURCES,
} from "../provider/config";
import { DEFAULT_API_URL, DEFAULT_AUTH_URL } from "../provider/api-model/routes";
import { DEFAULT_DIALECT } from "../provider/api-model/dialect";
import { settingsProblem } from "../provider/settings-check";

const config = (values: Record<string, string>) => ({ get: (k: string) => values[k] });

describe("resolveSettings", () => {
  it("prefers stack config over the environment, and defaults the URLs", () => {
    const s = resolveSettings(config({ "hapn:clientId": "from-config" }), {
      HAPN_CLIENT_ID: "from-env",
      HAPN_CLIENT_SECRET: "env-secret",
    });
    expect(s).toEqual({
      clientId: "from-config",
      clientSecret: "env-secret",
      authUrl: DEFAULT_AUTH_URL,
      apiUrl: DEFAULT_API_URL,
      allowInsecureHttp: false,
      client: {},
      dialect: DEFAULT_DIALECT,
      invalid: [],
    });
  });

  it("turns on insecure http only when asked with true", () => {
    expect(resolveSettings(config({ "hapn:allowInsecureHttp": "true" }), {}).allowInsecureHttp).toBe(true);
    expect(resolveSettings(undefined, { HAPN_ALLOW_INSECURE_HTTP: "TRUE" }).allowInsecureHttp).toBe(true);
    expect(resolveSettings(undefined, { HAPN_ALLOW_INSECURE_HTTP: "1" }).allowInsecureHttp).toBe(false);
  });

  it("treats blank values as unset, falling back to the environment", () => {
    expect(resolveSettings(config({ "hapn:clientId": "  " }), {}).clientId).toBeUndefined();
    expect(resolveSettings(config({ "hapn:clientId": "" }), { HAPN_CLIENT_ID: "env-id" }).clientId).toBe("env-id");
  });
});

describe("requireCredentials", () => {
  it("names every missing value and both ways to set it", () => {
    const settings = resolveSettings(undefined, {});
    expect(() => requireCredentials(settings)).toThrow(/hapn:clientId, hapn:clientSecret/);
    expect(() => requireCredentials(settings)).toThrow(/pulumi config set --secret hapn:clientSecret/);
    expect(() => requireCredentials(settings)).toThrow(/HAPN_CLIENT_ID/);
  });

  it("passes complete settings through", () => {
    const settings = resolveSettings(config({ "hapn:clientId": "id", "hapn:clientSecret": "s" }), {});
    expect(requireCredentials(settings).clientSecret).toBe("s");
  });
});

describe("client settings", () => {
  const creds = { "hapn:clientId": "id", "hapn:clientSecret": "s" };
  /** A value in range for each key, and values outside its range or of the wrong kind. */
  const CASES = {
    timeoutMs: { good: "5000", expected: 5000, bad: ["0", "3600001", "5s", "-1"] },
    deadlineMs: { good: "600000.5", expected: 600000.5, bad: ["0", "86400001", "ten"] },
    maxRetries: { good: "0", expected: 0, bad: ["21", "1.5", "-1"] },
    concurrency: { good: "32", expected: 32, bad: ["0", "257", "2.5"] },
    throttleBudgetMs: { good: "0", expected: 0, bad: ["86400001", "1e3", "-5"] },
    tokenTimeoutMs: { good: "2500", expected: 2500, bad: ["0", "3600001", "10s"] },
    outageCooldownMs: { good: "0", expected: 0, bad: ["86400001", "-1", "soon"] },
  } as const;

  it("covers every config-settable client option", () => {
    expect(Object.keys(CASES).sort()).toEqual([...CLIENT_SETTINGS].sort());
  });

  describe.each(CLIENT_SETTINGS)("%s", (name) => {
    const { config: key, env } = SETTING_SOURCES[name];
    const { good, expected, bad } = CASES[name];

    it("is read from stack config, then from its environment variable, and reaches the client", () => {
      const fromConfig = resolveSettings(config({ ...creds, [key]: ` ${good} ` }), { [env]: "999999999" });
      expect(fromConfig.client).toEqual({ [name]: expected });
      expect(clientOptions(requireUsableSettings(fromConfig))[name]).toBe(expected);
      expect(resolveSettings(config(creds), { [env]: good }).client).toEqual({ [name]: expected });
      expect(resolveSettings(config(creds), {}).client).toEqual({});
    });

    it.each(bad)("rejects %j, naming the key, the value, the range and the fix", (value) => {
      const settings = resolveSettings(config({ ...creds, [key]: value }), {});
      expect(settings.invalid).toHaveLength(1);
      const line = settings.invalid[0];
      expect(line).toContain(`${key} is ${JSON.stringify(value)}`);
      expect(line).toMatch(/must be (an integer|a number) from \d+ to \d+/);
      expect(line).toContain(`pulumi config set ${key}`);
      expect(() => requireUsableSettings(settings)).toThrow(line);
    });

    it("names the environment variable when the bad value came from it", () => {
      const [line] = resolveSettings(config(creds), { [env]: bad[0] }).invalid;
      expect(line).toContain(`${env} is ${JSON.stringify(bad[0])}`);
      expect(line).toContain(`set the environment variable ${env} to a valid value, or unset it`);
    });
  });

  it("applies none of the client settings while any is invalid, and reports every bad one", () => {
    const settings = resolveSettings(
      config({ ...creds, "hapn:timeoutMs": "5000", "hapn:concurrency": "0", "hapn:maxRetries": "many" }),
      {},
    );
    expect(settings.client).toEqual({});
    expect(settings.invalid).toEqual([
      expect.stringContaining("hapn:maxRetries"),
      expect.stringContaining("hapn:concurrency"),
    ]);
  });
});

describe("requireUsableSettings", () => {
  it("reports invalid client settings and missing credentials in one message", () => {
    const settings = resolveSettings(config({ "hapn:timeoutMs": "0" }), {});
    expect(() => requireUsableSettings(settings)).toThrow(
      /Invalid Hapn client settings[^]*hapn:timeoutMs is "0"[^]*Hapn credentials are missing/,
    );
  });

  it("passes usable settings through", () => {
    const settings = resolveSettings(config({ "hapn:clientId": "id", "hapn:clientSecret": "s" }), {});
    expect(requireUsableSettings(settings)).toBe(settings);
  });
});

describe("overrides of guessed API behaviour", () => {
  const creds = { "hapn:clientId": "id", "hapn:clientSecret": "s" };

  it("reads each override from stack config or the environment into the client's dialect", () => {
    const settings = resolveSettings(
      config({ ...creds, "hapn:routes": "updateDevice=PUT; updateBoundary=put /boundaries/{boundaryId}" }),
      { HAPN_PAGE_PARAMS: "pageSize,cursor", HAPN_PAGE_SIZE: "250", HAPN_LIST_ENVELOPE: "none" },
    );
    expect(settings.invalid).toEqual([]);
    expect(settings.dialect).toEqual({
      routes: {
        updateDevice: { method: "PUT", path: "/devices/{imei}" },
        updateBoundary: { method: "PUT", path: "/boundaries/{boundaryId}" },
      },
      pageParams: { limit: "pageSize", nextToken: "cursor" },
      pageSize: 250,
      listEnvelope: "none",
    });
    expect(clientOptions(requireUsableSettings(settings)).dialect).toBe(settings.dialect);
  });

  it.each([
    ["hapn:routes", "updateDevice=FETCH", /hapn:routes: "FETCH" is not a method/],
    ["hapn:routes", "renameDevice=PUT", /hapn:routes: "renameDevice" is not a route; routes: listDevices/],
    ["hapn:routes", "updateDevice=PUT /devices/{id}", /must have the parameters \{imei\}/],
    ["hapn:pageParams", "pageSize", /hapn:pageParams: "pageSize" is not two different query parameter names/],
    ["hapn:pageSize", "5000", /hapn:pageSize: "5000" is not an integer from 1 to 1000/],
    ["hapn:listEnvelope", "bare", /hapn:listEnvelope: "bare" is not "result" or "none"/],
  ])("fails the preview for %s = %j, naming the field and the fix", (key, value, message) => {
    const settings = resolveSettings(config({ ...creds, [key]: value }), {});
    expect(settingsProblem(settings)).toMatch(message);
    expect(settingsProblem(settings)).toMatch(new RegExp(`pulumi config set ${key} '`));
    expect(settings.dialect).toEqual(DEFAULT_DIALECT);
  });

  it("names the environment variable when the bad value came from there", () => {
    const settings = resolveSettings(config(creds), { HAPN_ROUTES: "getDevice=GET /x" });
    expect(settingsProblem(settings)).toMatch(/HAPN_ROUTES: .*set the environment variable HAPN_ROUTES/);
  });
});
