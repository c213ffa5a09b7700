/**
 * The `Boundary` resource class, as programs use it: its arguments and outputs are the Boundary kind's inputs and
 * outputs (./state.ts, where each is documented).
 */
import * as pulumi from "@pulumi/pulumi";
import { type ArgsOf, isResourceOfType, type OutputsOf } from "../resource-class";
import { HapnDynamicResource, type ResourceSpec } from "../hosts/dynamic-resource";
import { dynamicType } from "../stored-provider";
import type { BoundaryInputs, BoundaryOutputs } from "./state";

/**
 * The arguments of a {@link Boundary}. Only the fields you set are managed. To create a boundary set `name` and
 * `geometry`; to adopt an existing one set `boundaryId` (then every other field is optional).
 */
export type BoundaryArgs = ArgsOf<BoundaryInputs>;

const SPEC: ResourceSpec = {
  storedAs: "boundary",
  typeName: "Boundary",
  outputs: [
    "boundaryId",
    "deletePolicy",
    "name",
    "color",
    "location",
    "geometry",
    "managedFields",
    "adopted",
    "featureId",
    "status",
    "created",
    "modified",
  ],
  insteadOfImport:
    "to bring an existing boundary under management set `boundaryId` on the Boundary (no write when it matches).",
};

const BOUNDARY_TYPE = dynamicType(SPEC.typeName);

// The outputs are declared once, on the record they come from, and merged into the class (the engine sets them).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface Boundary extends OutputsOf<BoundaryOutputs> {}

/**
 * A Hapn boundary (geofence): a named polygon that trackers report entering and leaving. `up` creates it (or
 * adopts an existing one by `boundaryId`), refresh reads it back so hand edits show as drift naming the field, and
 * destroy deletes it (or leaves it, with `deletePolicy: "retain"`). Credentials and endpoints come from the same
 * `hapn:*` config as `Device`.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Boundary extends HapnDynamicResource {
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
    super(SPEC, name, args, opts);
  }
}
