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

/** A Boundary's inputs after `check`: plain values, color lowercased. */
export interface BoundaryInputs {
  name?: string;
  color?: string;
  location?: string;
  geometry?: Polygon;
  /** An existing boundary to adopt instead of creating one. */
  boundaryId?: number;
  deletePolicy?: BoundaryDeletePolicy;
}

/** Every property a Boundary stores as its outputs. */
export interface BoundaryOutputs {
  boundaryId: number;
  name: string;
  color: string;
  location: string;
  geometry: Polygon;
  /** The fields the program sets; only these are compared and updated. */
  managedFields: BoundaryField[];
  /** True when the resource adopted an existing boundary (by `boundaryId`) rather than creating it. */
  adopted: boolean;
  deletePolicy: BoundaryDeletePolicy;
  featureId: string;
  status: string;
  created: string;
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
