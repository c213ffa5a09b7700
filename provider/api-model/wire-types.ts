/**
 * Data shapes of the Hapn API, as the client hands them to callers (after validation and normalization).
 * Field facts come from docs/hapn-api-notes.md; the ones marked "guess" are listed in docs/api-guesses.md.
 */

/** A tracker's model, as embedded in a device. Extra fields the API sends are ignored. */
export interface DeviceModel {
  name: string;
  description?: string;
}

/** A Hapn device (tracker), keyed by IMEI. IMEIs are always strings: they can start with 0. */
export interface Device {
  imei: string;
  clientId: number;
  created: string;
  modified: string;
  name: string;
  status: string;
  iccid: string;
  color: string;
  icon: string;
  description: string;
  model: DeviceModel;
  connectivityProvider: string;
  appUrl: string;
}

/** The label fields that can be changed on a device (guess: the API documents no update endpoint). */
export const DEVICE_LABEL_FIELDS = ["name", "description", "color", "icon"] as const;

/** One of the writable label fields of a device. */
export type DeviceLabelField = (typeof DEVICE_LABEL_FIELDS)[number];

/** A partial update of a device's labels; only the fields present are sent. */
export type DevicePatch = Partial<Pick<Device, DeviceLabelField>>;

/**
 * Last reported state of a tracker. The live API sends numbers as strings here; the client normalizes them to
 * numbers. `batteryPercentage` is missing on some models.
 */
export interface DeviceStatus {
  imei: string;
  latitude: number;
  longitude: number;
  sendTime?: string;
  created?: string;
  gpsUTCTime?: string;
  speed?: number;
  azimuth?: number;
  gpsAccuracy?: number;
  odoMileage?: number;
  hoursOfOperation?: number;
  batteryPercentage?: number;
  address?: string;
  reportType?: string;
}

/** A GeoJSON polygon ring list: `[[[lng, lat], …, first point again]]`. */
export type PolygonCoordinates = number[][][];

/** A boundary (geofence). Its `geometry` is a GeoJSON Feature wrapping a Polygon, as documented. */
export interface Boundary {
  boundaryId: number;
  name: string;
  created: string;
  modified: string;
  location?: string;
  color?: string;
  status?: string;
  geometry: {
    id?: string;
    type: "Feature";
    properties: Record<string, unknown>;
    geometry: { type: "Polygon"; coordinates: PolygonCoordinates };
  };
}

/** One page of a paginated list, as the API's `result` carries it; `nextToken` is absent on the last page. */
export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** The writable fields of a boundary, in the order the API documents them. */
export const BOUNDARY_FIELDS = ["name", "color", "location", "geometry"] as const;

/** One writable boundary field. */
export type BoundaryField = (typeof BOUNDARY_FIELDS)[number];

/** Fields accepted when creating or updating a boundary (guess: body names are undocumented). */
export interface BoundaryInput {
  name?: string;
  color?: string;
  location?: string;
  geometry?: Boundary["geometry"];
}
