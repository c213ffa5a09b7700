/**
 * Validation of the API body's boundary `geometry`: the provider's rules (provider/api-model/geometry.ts), so the
 * emulator rejects exactly what the Boundary resource rejects at preview.
 */
import { describeShapeProblem, featureProblem } from "../provider/api-model";

/**
 * What is wrong with a boundary's `geometry` value, phrased to follow the field name ("geometry …"), or undefined
 * when it is a valid Feature wrapping a Polygon.
 */
export function geometryProblem(value: unknown): string | undefined {
  const problem = featureProblem(value);
  return problem && describeShapeProblem("", problem).trimStart();
}
