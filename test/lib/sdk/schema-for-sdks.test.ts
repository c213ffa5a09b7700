import * as fs from "node:fs";
import { PLUGIN_SCHEMA_FILE, schemaForSdks } from "../../../scripts/lib/sdk/schema-for-sdks";

describe("schemaForSdks", () => {
  it("asks for versioned SDKs with a Go module when the plugin's schema does not say", () => {
    const schema = JSON.parse(fs.readFileSync(PLUGIN_SCHEMA_FILE, "utf8"));
    const forSdks = schemaForSdks(schema);
    expect(forSdks.meta).toMatchObject({ supportPack: true });
    expect({ ...forSdks, meta: schema.meta }).toEqual(schema);
  });

  it("keeps what the schema states itself", () => {
    const schema = { name: "hapn", meta: { supportPack: false, moduleFormat: "(.*)" } };
    expect(schemaForSdks(schema)).toEqual(schema);
  });
});
