/**
 * The rules for a boundary's shape: a GeoJSON Polygon of closed rings of `[longitude, latitude]` positions in
 * range (docs/hapn-api-notes.md, Boundaries; the limits are our guesses, docs/api-guesses.md). The one implementation: the
 * Boundary's `check` runs it on the program's Polygon at preview, and the emulator runs it on the API body's
 * Feature (emulator/geometry.ts), so both reject exactly the same shapes.
 */
import type { PolygonCoordinates } from "./wire-types";

/** Most positions accepted in one polygon, to keep bodies bounded. */
export const MAX_POSITIONS = 10_000;

/** A GeoJSON Polygon, the shape a Boundary takes. */
export interface Polygon {
  type: "Polygon";
  coordinates: PolygonCoordinates;
}

/**
 * What is wrong with a value, where: `at` is the path inside the value (`""` for the value itself, else e.g.
 * `.coordinates[0][2]`), `problem` a phrase to follow that path, and `fix` what to do about it.
 */
export interface ShapeProblem {
  at: string;
  problem: string;
  fix: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Fixes for GeoJSON types that are not a Polygon. */
const OTHER_TYPES: Record<string, string> = {
  Feature: "pass the Feature's `geometry` member (the Polygon itself)",
  MultiPolygon: "declare one Boundary per polygon",
  GeometryCollection: "declare one Boundary per polygon",
};

function positionProblem(position: unknown, at: string): ShapeProblem | undefined {
  const fix = "write each position as [longitude, latitude] in degrees (GeoJSON order: longitude first)";
  if (!Array.isArray(position) || position.length < 2 || position.length > 3) {
    return { at, problem: "must be [longitude, latitude]", fix };
  }
  if (!position.every((n) => typeof n === "number" && Number.isFinite(n))) {
    return { at, problem: "must contain numbers", fix };
  }
  const [lng, lat] = position as number[];
  if (lng < -180 || lng > 180) return { at, problem: `longitude ${lng} is outside -180..180`, fix };
  if (lat < -90 || lat > 90) return { at, problem: `latitude ${lat} is outside -90..90`, fix };
  return undefined;
}

function ringProblem(ring: unknown, at: string): ShapeProblem | undefined {
  if (!Array.isArray(ring) || ring.length < 4) {
    return {
      at,
      problem: "must be a ring of at least 4 positions",
      fix: "give at least 3 corners and repeat the first one at the end",
    };
  }
  for (let i = 0; i < ring.length; i++) {
    const problem = positionProblem(ring[i], `${at}[${i}]`);
    if (problem) return problem;
  }
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    return {
      at,
      problem: "is not closed (first and last positions differ)",
      fix: `repeat the first position [${first.join(", ")}] at the end`,
    };
  }
  return undefined;
}

/** What is wrong with a GeoJSON Polygon, or undefined when it is a valid one. */
export function polygonProblem(value: unknown): ShapeProblem | undefined {
  if (!isRecord(value) || value.type !== "Polygon") {
    const type = isRecord(value) && typeof value.type === "string" ? value.type : undefined;
    return {
      at: "",
      problem: `must be a Polygon (GeoJSON {"type":"Polygon",…})${type ? `, not a ${type}` : ""}`,
      fix: (type && OTHER_TYPES[type]) ?? 'write { type: "Polygon", coordinates: [[[lng, lat], …]] }',
    };
  }
  const rings = value.coordinates;
  if (!Array.isArray(rings) || rings.length === 0) {
    return {
      at: ".coordinates",
      problem: "must be a non-empty list of rings",
      fix: "give the outer ring as the first element: [[[lng, lat], …]]",
    };
  }
  const total = rings.reduce((n: number, r: unknown) => n + (Array.isArray(r) ? r.length : 0), 0);
  if (total > MAX_POSITIONS) {
    return {
      at: ".coordinates",
      problem: `has ${total} positions; at most ${MAX_POSITIONS}`,
      fix: "simplify the shape (fewer corners)",
    };
  }
  for (let i = 0; i < rings.length; i++) {
    const problem = ringProblem(rings[i], `.coordinates[${i}]`);
    if (problem) return problem;
  }
  return undefined;
}

/** What is wrong with a GeoJSON Feature wrapping a Polygon (the API's `geometry` body field), or undefined. */
export function featureProblem(value: unknown): ShapeProblem | undefined {
  if (!isRecord(value) || value.type !== "Feature") {
    return { at: "", problem: 'must be a GeoJSON Feature ({"type":"Feature",…})', fix: "wrap the Polygon" };
  }
  if (value.properties !== undefined && value.properties !== null && !isRecord(value.properties)) {
    return { at: ".properties", problem: "must be an object", fix: "use {} or leave it out" };
  }
  const problem = polygonProblem(value.geometry);
  return problem && { ...problem, at: `.geometry${problem.at}` };
}

/** A problem as one sentence after `name`: `geometry.coordinates[0] is not closed (…); repeat …`. */
export function describeShapeProblem(name: string, p: ShapeProblem): string {
  return `${name}${p.at} ${p.problem}; ${p.fix}`;
}
