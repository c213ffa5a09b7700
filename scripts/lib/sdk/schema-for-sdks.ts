/**
 * The schema the SDKs are generated from: plugin/schema.json (what the plugin serves), with the package settings
 * code generation needs and the plugin's schema does not state yet. Each default applies only where the schema is
 * silent, so a setting the schema gains later wins and this file can then drop it.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The checked-in package schema. */
export const PLUGIN_SCHEMA_FILE = path.resolve(__dirname, "..", "..", "..", "plugin", "schema.json");

/** A package schema as JSON, as far as these defaults look into it. */
export interface PackageSchemaJson {
  meta?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * `meta.supportPack`: every SDK carries the schema's version instead of a `${VERSION}` placeholder (the Node.js
 * SDK's package.json, its default provider's version, pulumi-plugin.json), and the Go SDK gets its own go.mod, so
 * a Go program can point a `replace` line at sdk/go.
 */
const META_DEFAULTS = { supportPack: true };

/** `schema` with the defaults above filled in where it has no value of its own. */
export function schemaForSdks(schema: PackageSchemaJson): PackageSchemaJson {
  return { ...schema, meta: { ...META_DEFAULTS, ...schema.meta } };
}

/** Writes the SDKs' schema made from `schemaFile` to `target`. */
export function writeSchemaForSdks(schemaFile: string, target: string): void {
  const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8")) as PackageSchemaJson;
  fs.writeFileSync(target, `${JSON.stringify(schemaForSdks(schema), null, 2)}\n`);
}
