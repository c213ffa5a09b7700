import { requireCredentials, resolveSettings } from "../provider/config";
import { DEFAULT_API_URL, DEFAULT_AUTH_URL } from "../provider/routes";

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
