/**
 * The object types the `hapn` package schema names, with the docs editors show: shapes that kinds and lookups share
 * (a Polygon, a tracker's labels, a device as the API returns it). A property refers to one as
 * `{ $ref: typeRef("Polygon") }`.
 */
import type { PropertyDoc, SchemaType } from "./kind/definition";

/** A reference to the object type `name` of the schema. */
export function typeRef(name: keyof typeof SCHEMA_TYPES): SchemaType {
  return { $ref: `#/types/hapn:index:${name}` };
}

const NUMBER: SchemaType = { type: "number" };

/** An object type: its doc, its properties, and those always present. */
export interface ObjectType {
  readonly doc: string;
  readonly properties: Readonly<Record<string, PropertyDoc>>;
  readonly required: readonly string[];
}

/** The labels a program sets on one tracker (all optional; only those set are managed). */
const LABELS: Record<string, PropertyDoc> = {
  name: { doc: "Display name, 1–100 characters." },
  description: { doc: "Free text, up to 500 characters." },
  color: { doc: "Map color as `#rrggbb` (stored lowercase)." },
  icon: { doc: "Icon name from the Hapn app's icon set, e.g. `location-arrow`." },
};

/** What Hapn reports about a tracker beyond its IMEI and labels (a lookup's device, a Device's facts). */
const TRACKER_FACTS: Record<string, PropertyDoc> = {
  clientId: { type: { type: "integer" }, doc: "The id of the Hapn customer account the tracker belongs to." },
  status: { doc: 'The tracker\'s status code (for example "A" for an active tracker).' },
  iccid: { doc: "The ICCID of the tracker's SIM card." },
  model: { type: { $ref: "#/types/hapn:index:DeviceModel" }, doc: "The tracker's hardware model." },
  connectivityProvider: { doc: "The mobile network operator of the tracker's SIM." },
  appUrl: { doc: "A link to the tracker in the Hapn web app." },
  created: { doc: "When the tracker was added to the account (ISO-8601)." },
  modified: { doc: "When the tracker was last changed in the account (ISO-8601)." },
};

/** Every object type of the schema, by name. */
export const SCHEMA_TYPES = {
  Polygon: {
    doc: "A GeoJSON Polygon: closed rings of `[longitude, latitude]` points, the first ring the outer boundary.",
    properties: {
      type: { doc: 'Always "Polygon".' },
      coordinates: {
        type: { type: "array", items: { type: "array", items: { type: "array", items: NUMBER } } },
        doc: "The rings, each a list of `[longitude, latitude]` ending with its first point again.",
      },
    },
    required: ["type", "coordinates"],
  },
  TrackerLabels: {
    doc: "The labels of one tracker of a DeviceFleet: only those set are managed (compared, written, restored).",
    properties: LABELS,
    required: [],
  },
  DeviceModel: {
    doc: "A tracker's hardware model.",
    properties: { name: { doc: "The model's name." }, description: { doc: "Its description, when Hapn gives one." } },
    required: ["name"],
  },
  DeviceInfo: {
    doc: "A tracker as the Hapn API returns it.",
    properties: {
      imei: { doc: "The tracker's 15-digit IMEI." },
      ...LABELS,
      ...TRACKER_FACTS,
    },
    required: ["imei", "name", "description", "color", "icon", "clientId", "status", "iccid", "model", "created"],
  },
  DeviceFilter: {
    doc: "Which devices getDevices returns; every criterion set must match.",
    properties: {
      nameContains: { doc: 'Part of the name, ignoring case ("van" matches "Delivery Van #2").' },
      model: { doc: 'The model name exactly, e.g. "OBD Vehicle Tracker".' },
      status: { doc: 'The status code exactly, e.g. "A".' },
      color: { doc: "The color, ignoring case." },
      icon: { doc: "The icon name exactly." },
    },
    required: [],
  },
} satisfies Record<string, ObjectType>;
