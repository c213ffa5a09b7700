/**
 * The `hapn` package schema, generated from the kind definitions, the lookups and the settings: what GetSchema
 * serves, what `pulumi package gen-sdk` builds SDKs from, and what plugin/schema.json holds (written by
 * scripts/plugin-schema.ts; a test keeps the two equal). Every property carries the doc editors show.
 */
import { SETTING_SOURCES } from "../config";
import type { AnyKind, PropertyDoc, Props } from "../kind/definition";
import { acceptedProperties } from "../kind/check";
import { KINDS } from "../kinds";
import { LOOKUPS } from "../lookups/all";
import type { AnyLookup } from "../lookups/definition";
import { SCHEMA_TYPES } from "../schema-types";
import { SETTING_DOCS } from "../setting-docs";
import { PROVIDER_INPUTS, SECRET_INPUTS } from "./plugin-config";
import { functionToken, PACKAGE, resourceToken } from "./plugin-tokens";

/** A property as the schema states it. */
type SchemaProperty = Props & { description: string };

/** `doc` as a schema property: its type (a string when none is given) and its description. */
function property({ type, doc }: PropertyDoc, extra: Props = {}): SchemaProperty {
  return { ...(type ?? { type: "string" }), description: doc ?? "", ...extra };
}

/** `{ [key]: names }`, or nothing when there are none (the CLI drops empty lists from a schema it reads). */
function listed(key: string, names: readonly string[]): Props {
  return names.length > 0 ? { [key]: [...names] } : {};
}

/** Each of `docs` as a schema property. */
function properties(docs: Readonly<Record<string, PropertyDoc>>): Record<string, SchemaProperty> {
  return Object.fromEntries(Object.entries(docs).map(([name, doc]) => [name, property(doc)]));
}

/** The inputs a kind always needs: those whose rule says they are missing even when every other one is set. */
function requiredInputs(kind: AnyKind): string[] {
  const names = acceptedProperties(kind);
  const rules = [...(kind.key ? [kind.key] : []), ...kind.fields];
  return rules
    .filter((rule) => rule.required?.(Object.fromEntries(names.filter((n) => n !== rule.name).map((n) => [n, 1]))))
    .map((rule) => rule.name);
}

/** A kind as a schema resource: its inputs (key, fields, options) and its outputs as stored. */
function resource(kind: AnyKind): Props {
  const rules = [...(kind.key ? [kind.key] : []), ...kind.fields, ...kind.options];
  const outputs = kind.outputs ?? {};
  return {
    description: kind.doc ?? "",
    inputProperties: Object.fromEntries(rules.map((rule) => [rule.name, property(rule)])),
    ...listed("requiredInputs", requiredInputs(kind)),
    properties: properties(outputs),
    ...listed("required", Object.keys(outputs)),
  };
}

/** A lookup as a schema function. */
function fn(lookup: AnyLookup): Props {
  const args = Object.entries(lookup.args);
  return {
    description: lookup.doc,
    inputs: {
      properties: Object.fromEntries(args.map(([name, arg]) => [name, property(arg)])),
      ...listed(
        "required",
        args.filter(([, arg]) => arg.required).map(([name]) => name),
      ),
    },
    outputs: { properties: properties(lookup.result), ...listed("required", Object.keys(lookup.result)) },
  };
}

/** A setting as a provider input or config variable, with its environment variable in the doc. */
function setting(name: keyof typeof SETTING_SOURCES): SchemaProperty {
  const doc = SETTING_DOCS[name];
  return property(
    { ...doc, doc: `${doc.doc} Falls back to the environment variable ${SETTING_SOURCES[name].env}.` },
    SECRET_INPUTS.includes(name) ? { secret: true } : {},
  );
}

/** The package schema, for the plugin of `version`. */
export function pluginSchema(version: string): Props {
  const settings = Object.fromEntries(PROVIDER_INPUTS.map((name) => [name, setting(name)]));
  return {
    name: PACKAGE,
    displayName: "Hapn",
    version,
    description: "Manage Hapn GPS trackers (labels), boundaries (geofences) and fleets as code.",
    keywords: ["pulumi", "hapn", "gps", "tracker", "kind/native"],
    license: "Apache-2.0",
    config: { variables: settings },
    provider: {
      description: "The Hapn account and API settings a group of resources and lookups use.",
      inputProperties: settings,
    },
    resources: Object.fromEntries(KINDS.map((kind) => [resourceToken(kind), resource(kind)])),
    functions: Object.fromEntries(LOOKUPS.map((lookup) => [functionToken(lookup), fn(lookup)])),
    types: Object.fromEntries(
      Object.entries(SCHEMA_TYPES).map(([name, t]) => [
        `${PACKAGE}:index:${name}`,
        { type: "object", description: t.doc, properties: properties(t.properties), ...listed("required", t.required) },
      ]),
    ),
  };
}

/** The schema as the text GetSchema serves and plugin/schema.json holds. */
export function pluginSchemaText(version: string): string {
  return `${JSON.stringify(pluginSchema(version), null, 2)}\n`;
}
