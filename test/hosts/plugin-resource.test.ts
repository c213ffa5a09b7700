/**
 * The plugin's operations of a kind, without the wire: its check is the kernel's with the shared settings check,
 * deferred while the provider's settings are not known yet; an import of a kind without a key is refused with the
 * way forward. (Create, refresh, diff and import over gRPC: ./plugin-server.test.ts.)
 */
import { UNKNOWN } from "../../provider/check-core";
import { configureProvider } from "../../provider/hosts/plugin-config";
import { pluginResource } from "../../provider/hosts/plugin-resource";
import { DEVICE, DEVICE_FLEET } from "../../provider/kinds";
import { resetProviderProcess } from "../../provider/process-state";

const IMEI = "862785041422448";

describe("pluginResource", () => {
  const saved = { ...process.env };
  beforeEach(() => {
    resetProviderProcess();
    for (const key of Object.keys(process.env)) if (key.startsWith("HAPN_")) delete process.env[key];
  });
  afterAll(() => Object.assign(process.env, saved));

  it("fails the check on missing credentials, naming how to set them", () => {
    configureProvider({ apiUrl: "http://127.0.0.1:9/v1" }, {});
    const { failures } = pluginResource(DEVICE).check({ imei: IMEI });
    expect(failures).toEqual([{ property: "", reason: expect.stringMatching(/Hapn credentials are missing/) }]);
  });

  it("checks only the inputs while the provider's settings are not known yet, as in a preview", () => {
    configureProvider({ apiUrl: "http://127.0.0.1:9/v1", clientId: "c", clientSecret: UNKNOWN }, {});
    expect(pluginResource(DEVICE).check({ imei: IMEI, name: "Van 2" })).toEqual({
      inputs: { imei: IMEI, name: "Van 2" },
    });
    expect(
      pluginResource(DEVICE)
        .check({ imei: "12" })
        .failures?.map((f) => f.property),
    ).toEqual(["imei"]);
  });

  it("refuses to import a DeviceFleet, whose id names nothing in the account", async () => {
    await expect(pluginResource(DEVICE_FLEET).read("fleet-1", {})).rejects.toThrow(/cannot be imported/);
  });
});
