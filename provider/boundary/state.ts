/**
 * The Boundary's stored shape: its inputs after `check`, its outputs, and the conversions between them and the
 * API's boundary. `create`, `read` and `update` all build outputs through {@link toOutputs}, so the three always
 * have the same shape (a missing key would show up as perpetual drift).
 */
import type { Boundary, BoundaryField } from "../api-model/wire-types";
import type { Polygon } from "../api-model/geometry";

/**
 * What destroy does: `delete` removes the boundary from the account; `retain` leaves it there. The default is
 * `delete` for a boundary the resource created and `retain` for one it adopted by `boundaryId`.
 */
export type BoundaryDeletePolicy = "delete" | "retain";

/** The accepted delete policies, for validation and docs. */
export const BOUNDARY_DELETE_POLICIES: readonly BoundaryDeletePolicy[] = ["delete", "retain"];

/**
 * A Boundary's inputs: what a program sets (as {@link BoundaryArgs}, each value possibly an Output), and what
 * `check` hands on (plain values, color lowercased). Only the fields set are managed. To create a boundary set
 * `name` and `geometry`; to adopt an existing one set `boundaryId` (then every other field is optional).
 */
export interface BoundaryInputs {
  /** Display name, 1–100 characters. Required unless `boundaryId` is set. */
  name?: string;
  /** Map color as `#rrggbb` (stored lowercase). Hapn picks one when it is not set. */
  color?: string;
  /** Free text describing the place, e.g. an address; up to 500 characters. */
  location?: string;
  /** The area as a GeoJSON Polygon: closed rings of `[longitude, latitude]`. Required unless `boundaryId` is set. */
  geometry?: Polygon;
  /**
   * Adopt the existing boundary with this id instead of creating one: `up` applies only the fields that differ
   * (none when they match: no write at all). Changing it replaces the resource.
   */
  boundaryId?: number;
  /**
   * What `pulumi destroy` does: `delete` removes the boundary from the account, `retain` leaves it. The default is
   * `delete` for a boundary this resource created and `retain` for one it adopted by `boundaryId`.
   */
  deletePolicy?: BoundaryDeletePolicy;
}

/** Every property a Boundary stores as its outputs, and the `Boundary` class exposes. */
export interface BoundaryOutputs {
  /** The boundary's id in Hapn; also the resource's id (as a string). */
  boundaryId: number;
  /** The boundary's display name, as it is now in the account. */
  name: string;
  /** The boundary's map color as lowercase `#rrggbb`, as it is now in the account. */
  color: string;
  /** The boundary's location text ("" when none), as it is now in the account. */
  location: string;
  /** The boundary's area as a GeoJSON Polygon, as it is now in the account. */
  geometry: Polygon;
  /** The fields this resource manages (the ones set in its arguments); only these are compared and updated. */
  managedFields: BoundaryField[];
  /** True when this resource adopted an existing boundary (by `boundaryId`) rather than creating it. */
  adopted: boolean;
  /** What destroy does (see {@link BoundaryInputs.deletePolicy}). */
  deletePolicy: BoundaryDeletePolicy;
  /** The id Hapn gives the boundary's GeoJSON Feature (a hex string, kept across updates). */
  featureId: string;
  /** The boundary's status as Hapn reports it (for example "active"). */
  status: string;
  /** When the boundary was created in the account (ISO-8601). */
  created: string;
  /** When the boundary was last changed in the account (ISO-8601). */
  modified: string;
}

/** The boundary's shape as a Polygon, the form programs write. */
export function polygonOf(boundary: Boundary): Polygon {
  return { type: "Polygon", coordinates: boundary.geometry.geometry.coordinates };
}

/** The API's `geometry` for a Polygon: a Feature wrapping it. */
export function featureOf(polygon: Polygon): Boundary["geometry"] {
  return { type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: polygon.coordinates } };
}

/** The outputs that come from the program and this stack's records, not from the API. */
export type Bookkeeping = Pick<BoundaryOutputs, "managedFields" | "adopted" | "deletePolicy">;

/** The outputs for a boundary as the API returned it, with the bookkeeping. */
export function toOutputs(boundary: Boundary, bookkeeping: Bookkeeping): BoundaryOutputs {
  return {
    boundaryId: boundary.boundaryId,
    name: boundary.name,
    color: (boundary.color ?? "").toLowerCase(),
    location: boundary.location ?? "",
    geometry: polygonOf(boundary),
    managedFields: [...bookkeeping.managedFields],
    adopted: bookkeeping.adopted,
    deletePolicy: bookkeeping.deletePolicy,
    featureId: boundary.geometry.id ?? "",
    status: boundary.status ?? "",
    created: boundary.created,
    modified: boundary.modified,
  };
}
