/**
 * Validation of boundary geometry: a GeoJSON Feature whose `geometry` is a Polygon of closed rings of
 * `[longitude, latitude]` positions in range (docs/hapn-api-notes.md, Boundaries). Problems name the exact path inside the body.
 */

/** Most positions accepted in one polygon, to keep bodies bounded. */
export const MAX_POSITIONS = 10_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What is wrong with one position at `path`, or undefined. */
function positionProblem(position: unknown, path: string): string | undefined {
  if (!Array.isArray(position) || position.length < 2 || position.length > 3) {
    return `${path} must be [longitude, latitude]`;
  }
  if (!position.every((n) => typeof n === "number" && Number.isFinite(n))) return `${path} must contain numbers`;
  const [lng, lat] = position as number[];
  if (lng < -180 || lng > 180) return `${path} longitude ${lng} is outside -180..180`;
  if (lat < -90 || lat > 90) return `${path} latitude ${lat} is outside -90..90`;
  return undefined;
}

/** What is wrong with one linear ring at `path`, or undefined. */
function ringProblem(ring: unknown, path: string): string | undefined {
  if (!Array.isArray(ring) || ring.length < 4) return `${path} must be a ring of at least 4 positions`;
  for (let i = 0; i < ring.length; i++) {
    const problem = positionProblem(ring[i], `${path}[${i}]`);
    if (problem) return problem;
  }
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) return `${path} is not closed (first and last positions differ)`;
  return undefined;
}

/**
 * What is wrong with a boundary's `geometry` value, phrased to follow the field name ("geometry …"), or undefined
 * when it is a valid Feature wrapping a Polygon.
 */
export function geometryProblem(value: unknown): string | undefined {
  if (!isRecord(value) || value.type !== "Feature") return 'must be a GeoJSON Feature ({"type":"Feature",…})';
  if (value.properties !== undefined && value.properties !== null && !isRecord(value.properties)) {
    return ".properties must be an object";
  }
  const polygon = value.geometry;
  if (!isRecord(polygon) || polygon.type !== "Polygon") return '.geometry must be a Polygon ({"type":"Polygon",…})';
  const rings = polygon.coordinates;
  if (!Array.isArray(rings) || rings.length === 0) return ".geometry.coordinates must be a non-empty list of rings";
  const total = rings.reduce((n: number, r: unknown) => n + (Array.isArray(r) ? r.length : 0), 0);
  if (total > MAX_POSITIONS) return `.geometry.coordinates has ${total} positions; at most ${MAX_POSITIONS}`;
  for (let i = 0; i < rings.length; i++) {
    const problem = ringProblem(rings[i], `.geometry.coordinates[${i}]`);
    if (problem) return problem;
  }
  return undefined;
}
