import * as pulumi from "@pulumi/pulumi";
import { isResourceOfType, rejectImportOption } from "../resource-class";
import { dynamicType, HapnDynamicResource } from "../stored-provider";
import type { BoundaryField } from "../api-model/wire-types";
import type { Polygon } from "../api-model/geometry";
import type { BoundaryDeletePolicy } from "./state";

/**
 * The arguments of a {@link Boundary}. Only the fields you set are managed. To create a boundary set `name` and
 * `geometry`; to adopt an existing one set `boundaryId` (then every other field is optional).
 */
export interface BoundaryArgs {
  /** Display name, 1–100 characters. Required unless `boundaryId` is set. */
  name?: pulumi.Input<string>;
  /** The area as a GeoJSON Polygon: closed rings of `[longitude, latitude]`. Required unless `boundaryId` is set. */
  geometry?: pulumi.Input<Polygon>;
  /** Map color as `#rrggbb` (stored lowercase). Hapn picks one when it is not set. */
  color?: pulumi.Input<string>;
  /** Free text describing the place, e.g. an address; up to 500 characters. */
  location?: pulumi.Input<string>;
  /**
   * Adopt the existing boundary with this id instead of creating one: `up` applies only the fields that differ
   * (none when they match: no write at all). Changing it replaces the resource.
   */
  boundaryId?: pulumi.Input<number>;
  /**
   * What `pulumi destroy` does: `delete` removes the boundary from the account, `retain` leaves it. The default is
   * `delete` for a boundary this resource created and `retain` for one it adopted by `boundaryId`.
   */
  deletePolicy?: pulumi.Input<BoundaryDeletePolicy>;
}

const BOUNDARY_TYPE = dynamicType("Boundary");

/**
 * A Hapn boundary (geofence): a named polygon that trackers report entering and leaving. `up` creates it (or
 * adopts an existing one by `boundaryId`), refresh reads it back so hand edits show as drift naming the field, and
 * destroy deletes it (or leaves it, with `deletePolicy: "retain"`). Credentials and endpoints come from the same
 * `hapn:*` config as {@link Device}.
 */
export class Boundary extends HapnDynamicResource {
  /** The boundary's id in Hapn; also the resource's id (as a string). */
  declare readonly boundaryId: pulumi.Output<number>;
  /** The boundary's display name, as it is now in the account. */
  declare readonly name: pulumi.Output<string>;
  /** The boundary's map color as lowercase `#rrggbb`, as it is now in the account. */
  declare readonly color: pulumi.Output<string>;
  /** The boundary's location text ("" when none), as it is now in the account. */
  declare readonly location: pulumi.Output<string>;
  /** The boundary's area as a GeoJSON Polygon, as it is now in the account. */
  declare readonly geometry: pulumi.Output<Polygon>;
  /** The fields this resource manages (the ones set in its arguments). */
  declare readonly managedFields: pulumi.Output<BoundaryField[]>;
  /** True when this resource adopted an existing boundary (by `boundaryId`) rather than creating it. */
  declare readonly adopted: pulumi.Output<boolean>;
  /** What destroy does (see {@link BoundaryArgs.deletePolicy}). */
  declare readonly deletePolicy: pulumi.Output<BoundaryDeletePolicy>;
  /** The id Hapn gives the boundary's GeoJSON Feature (a hex string, kept across updates). */
  declare readonly featureId: pulumi.Output<string>;
  /** The boundary's status as Hapn reports it (for example "active"). */
  declare readonly status: pulumi.Output<string>;
  /** When the boundary was created in the account (ISO-8601). */
  declare readonly created: pulumi.Output<string>;
  /** When the boundary was last changed in the account (ISO-8601). */
  declare readonly modified: pulumi.Output<string>;

  /** Reads an existing boundary by id without managing it: nothing is changed, and destroy leaves it alone. */
  static get(name: string, boundaryId: pulumi.Input<number>, opts?: pulumi.CustomResourceOptions): Boundary {
    const id = pulumi.output(boundaryId).apply(String);
    return new Boundary(name, { boundaryId }, { ...opts, id });
  }

  /** True when `obj` is a Boundary, even one created by another copy of this package. */
  static override isInstance(obj: unknown): obj is Boundary {
    return isResourceOfType(obj, BOUNDARY_TYPE);
  }

  constructor(name: string, args: BoundaryArgs, opts?: pulumi.CustomResourceOptions) {
    rejectImportOption(
      "Boundary",
      name,
      opts,
      "to bring an existing boundary under management set `boundaryId` on the Boundary (no write when it matches).",
    );
    // Output properties must be present (as undefined) to be surfaced.
    const props = {
      boundaryId: undefined,
      deletePolicy: undefined,
      ...args,
      name: args.name,
      color: args.color,
      location: args.location,
      geometry: args.geometry,
      managedFields: undefined,
      adopted: undefined,
      featureId: undefined,
      status: undefined,
      created: undefined,
      modified: undefined,
    };
    super("boundary", "Boundary", name, props, opts);
  }
}
