/**
 * The package schema generated from the kind definitions: the checked-in plugin/schema.json is exactly what the
 * plugin serves (GetSchema serves pluginSchemaText: test/hosts/plugin-server.test.ts), every property a user sees
 * is documented, every type it names exists, and the inputs a kind always needs are the required ones.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { VERSION } from "../../provider/client/version";
import { pluginSchema, pluginSchemaText } from "../../provider/hosts/plugin-schema";
import { DEVICE_FLEET } from "../../provider/kinds";
import { SCHEMA_FILE } from "../../scripts/plugin-schema";

type Props = Record<string, unknown>;

/** Every `[where, property]` of a schema section's property maps. */
function propertiesOf(schema: Props): Array<[string, Props]> {
  const out: Array<[string, Props]> = [];
  const add = (where: string, props: unknown) => {
    for (const [name, p] of Object.entries((props ?? {}) as Record<string, Props>)) out.push([`${where}.${name}`, p]);
  };
  add("config", (schema.config as Props).variables);
  add("provider", (schema.provider as Props).inputProperties);
  for (const [token, r] of Object.entries(schema.resources as Record<string, Props>)) {
    add(`${token} input`, r.inputProperties);
    add(`${token} output`, r.properties);
  }
  for (const [token, f] of Object.entries(schema.functions as Record<string, Record<string, Props>>)) {
    add(`${token} argument`, f.inputs.properties);
    add(`${token} result`, f.outputs.properties);
  }
  for (const [token, t] of Object.entries(schema.types as Record<string, Props>)) add(token, t.properties);
  return out;
}

describe("the hapn package schema", () => {
  const schema = pluginSchema(VERSION);

  it("is checked in as plugin/schema.json exactly as the plugin serves it (regenerate: npm run schema)", () => {
    expect(fs.readFileSync(SCHEMA_FILE, "utf8")).toBe(pluginSchemaText(VERSION));
  });

  it("documents every resource, function, type and property", () => {
    const undocumented = propertiesOf(schema).filter(([, p]) => !(p.description as string)?.trim());
    expect(undocumented.map(([where]) => where)).toEqual([]);
    for (const section of ["resources", "functions", "types"]) {
      for (const [token, entry] of Object.entries(schema[section] as Record<string, Props>)) {
        expect([token, (entry.description as string).length > 20]).toEqual([token, true]);
      }
    }
  });

  it("names only types it defines", () => {
    const refs = [...JSON.stringify(schema).matchAll(/"\$ref":"#\/types\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(3);
    expect(refs.filter((ref) => !(ref in (schema.types as Props)))).toEqual([]);
  });

  it("requires only what a kind always needs: a Device's imei, a fleet's devices, nothing of a Boundary", () => {
    const required = (token: string) => (schema.resources as Record<string, Props>)[token].requiredInputs;
    expect(required("hapn:index:Device")).toEqual(["imei"]);
    expect(required("hapn:index:Boundary")).toBeUndefined();
    expect(required("hapn:index:DeviceFleet")).toEqual(["devices"]);
    const fleet = (schema.resources as Record<string, Record<string, Props>>)["hapn:index:DeviceFleet"];
    expect(Object.keys(fleet.properties)).toEqual(Object.keys(DEVICE_FLEET.outputs!));
    expect(Object.keys(fleet.inputProperties)).toEqual(["devices", "deletePolicy", "onMissing"]);
  });

  it("is the schema of the plugin folder's version", () => {
    const plugin = JSON.parse(fs.readFileSync(path.join(path.dirname(SCHEMA_FILE), "package.json"), "utf8"));
    expect([plugin.version, schema.version]).toEqual([VERSION, VERSION]);
  });

  it("marks the client secret secret, wherever it is set", () => {
    expect((schema.config as Record<string, Record<string, Props>>).variables.clientSecret.secret).toBe(true);
    expect((schema.provider as Record<string, Record<string, Props>>).inputProperties.clientSecret.secret).toBe(true);
  });
});
