import type * as pulumi from "@pulumi/pulumi";
import { isKnown } from "../check-core";
import type { BoundaryInput } from "../api-model/wire-types";
import { BOUNDARY_FIELDS } from "../api-model/wire-types";
import type { Polygon } from "../api-model/geometry";
import { type BoundaryInputs, type BoundaryOutputs, deletePolicyOf, featureOf, managedFieldsOf } from "./state";

/** Whether two values of `field` are the same: colors ignore case, polygons compare by coordinates. */
function same(field: string, a: unknown, b: unknown): boolean {
  if (field === "color") return String(a ?? "").toLowerCase() === String(b ?? "").toLowerCase();
  if (field === "geometry") {
    return JSON.stringify((a as Polygon)?.coordinates) === JSON.stringify((b as Polygon | undefined)?.coordinates);
  }
  return (a ?? "") === (b ?? "");
}

/**
 * The API body that turns `current` (live or stored outputs) into what `desired` asks for. Only fields the program
 * sets are compared, so fields it leaves alone are never touched.
 */
export function boundaryPatch(current: Partial<BoundaryOutputs>, desired: BoundaryInputs): BoundaryInput {
  const patch: BoundaryInput = {};
  for (const field of BOUNDARY_FIELDS) {
    const want = desired[field];
    if (want === undefined || (isKnown(want) && same(field, want, current[field]))) continue;
    if (field === "geometry") patch.geometry = featureOf(desired.geometry!);
    else patch[field] = want as string;
  }
  return patch;
}

/**
 * Desired inputs against the boundary's outputs. `changes` is always set explicitly and `__provider` ignored;
 * adopting a different `boundaryId` replaces.
 */
export function diffBoundary(olds: Partial<BoundaryOutputs>, news: BoundaryInputs): pulumi.dynamic.DiffResult {
  if (news.boundaryId !== undefined && news.boundaryId !== olds.boundaryId) {
    return { changes: true, replaces: ["boundaryId"] };
  }
  const managed = managedFieldsOf(news);
  const changed =
    Object.keys(boundaryPatch(olds, news)).length > 0 ||
    managed.length !== (olds.managedFields ?? []).length ||
    managed.some((f) => !olds.managedFields?.includes(f)) ||
    deletePolicyOf(news, olds.adopted === true) !== olds.deletePolicy;
  return { changes: changed };
}
