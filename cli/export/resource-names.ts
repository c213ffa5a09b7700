/**
 * The resource names `hapn-export` gives what it exports, shared by the project it writes and its `pulumi import`
 * file, so a stack built either way names each tracker and boundary alike (and `aliases` are never needed between
 * them).
 */

/** A tracker's resource name: `tracker-<imei>`. */
export function deviceResourceName(imei: string): string {
  return `tracker-${imei}`;
}

/** A boundary's resource name: `boundary-<boundaryId>`. */
export function boundaryResourceName(boundaryId: string | number): string {
  return `boundary-${boundaryId}`;
}
