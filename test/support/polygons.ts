/** Boundary shapes for tests: valid GeoJSON Polygons and the Features the API wraps them in. */

/** A closed square of `size` degrees with its south-west corner at (lng, lat). */
export function square(lng = 13.4, lat = 52.5, size = 0.01) {
  const ring = [
    [lng, lat],
    [lng + size, lat],
    [lng + size, lat + size],
    [lng, lat + size],
    [lng, lat],
  ];
  return { type: "Polygon" as const, coordinates: [ring] };
}

/** A Polygon with one ring of exactly these positions (valid or not). */
export function ring(...positions: unknown[]) {
  return { type: "Polygon" as const, coordinates: [positions] as number[][][] };
}

/** The API's form of {@link square}: a Feature wrapping it. */
export function feature(lng?: number, lat?: number, size?: number) {
  return { type: "Feature" as const, properties: {}, geometry: square(lng, lat, size) };
}
