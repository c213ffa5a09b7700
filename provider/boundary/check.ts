import type * as pulumi from "@pulumi/pulumi";
import { isKnown, oneOf, unknownPropertyFailures } from "../check-core";
import { boundaryTextProblem } from "../api-model/field-rules";
import { describeShapeProblem, polygonProblem } from "../api-model/geometry";
import { BOUNDARY_DELETE_POLICIES, type BoundaryInputs } from "./state";

/** The properties a Boundary accepts. */
export const BOUNDARY_PROPERTIES = ["name", "color", "location", "geometry", "boundaryId", "deletePolicy"] as const;

/** Why `value` is not a boundary id, or undefined. */
function boundaryIdProblem(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) return undefined;
  return `boundaryId must be a positive integer (the id of an existing boundary, e.g. 316385); got ${JSON.stringify(value)}`;
}

/**
 * Validates and normalizes Boundary inputs without calling the API, so a bad polygon fails at preview with the
 * property, the place inside it and the fix named. Values still unknown at preview pass through untouched.
 */
export function checkBoundary(news: Record<string, unknown>): pulumi.dynamic.CheckResult<BoundaryInputs> {
  const inputs: Record<string, unknown> = { ...news };
  const failures = unknownPropertyFailures("Boundary", news, BOUNDARY_PROPERTIES);
  const adopting = news.boundaryId !== undefined;

  for (const field of ["name", "geometry"] as const) {
    if (news[field] === undefined && !adopting) {
      const what = field === "name" ? "a display name, 1–100 characters" : "a GeoJSON Polygon";
      failures.push({
        property: field,
        reason: `${field} is required to create a boundary: ${what} (or set boundaryId to adopt an existing one)`,
      });
    }
  }
  for (const field of ["name", "color", "location"] as const) {
    if (!isKnown(news[field])) continue;
    const problem = boundaryTextProblem(field, news[field]);
    if (problem) failures.push({ property: field, reason: `${field} ${problem}` });
    else if (field === "color") inputs.color = (news.color as string).toLowerCase();
  }
  if (isKnown(news.geometry)) {
    const problem = polygonProblem(news.geometry);
    if (problem) failures.push({ property: "geometry", reason: describeShapeProblem("geometry", problem) });
  }
  if (isKnown(news.boundaryId)) {
    const problem = boundaryIdProblem(news.boundaryId);
    if (problem) failures.push({ property: "boundaryId", reason: problem });
  }
  const policy = oneOf("deletePolicy", news.deletePolicy, BOUNDARY_DELETE_POLICIES);
  if (policy) failures.push(policy);

  return failures.length > 0 ? { failures } : { inputs: inputs as BoundaryInputs };
}
