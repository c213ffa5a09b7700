/**
 * Validators that turn untrusted JSON from the Hapn API into the typed shapes of ../api-model/wire-types.ts.
 *
 * Every parser either returns a value or throws a {@link HapnError} with code `HAPN_BAD_RESPONSE` whose message names
 * the offending field path (e.g. `result.items[3].color`) and the JSON type found. Values are never quoted, so a
 * token or other sensitive payload cannot leak into an error. Unknown extra fields are ignored.
 *
 * Strict on types, lenient on absence: only identity fields (IMEI, boundary id, coordinates) must be present,
 * because the live API's exact field set is unconfirmed (docs/hapn-api-notes.md) and a missing label should not break a
 * whole refresh. Missing or null label strings read as "", missing numbers as 0.
 */
import { isJsonObject, type JsonObject } from "../api-model/json";
import type { Boundary, Device, DeviceModel, DeviceStatus, Page, PolygonCoordinates } from "../api-model/wire-types";
import { HapnError, truncate } from "./errors";

/** The validated body of a token endpoint response. */
export interface TokenResponse {
  accessToken: string;
  tokenType: string;
  /** Lifetime in seconds (3600 when the server omitted it, as the docs state; at most one day). */
  expiresInSeconds: number;
  scope?: string;
}

/** Longest access token we accept (the live-validated goodwin client uses the same bound). */
export const MAX_TOKEN_LENGTH = 4096;
/** Longest token lifetime we assume, in seconds (one day); a longer `expires_in` is cut to this. */
export const MAX_TOKEN_LIFETIME_SECONDS = 86_400;
/** Token lifetime assumed when `expires_in` is missing: the documented one hour. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;
/** IMEIs have 15 digits; numbers shorter than that lost leading zeros in JSON. */
export const IMEI_LENGTH = 15;

/** Builds a `HAPN_BAD_RESPONSE` error; `message` says what is wrong (never quoting values). */
export function badResponse(message: string): HapnError {
  return new HapnError("HAPN_BAD_RESPONSE", `Unexpected response from the Hapn API: ${message}`);
}

function fieldError(path: string, expected: string, value: unknown): HapnError {
  return badResponse(`${path || "the body"} should be ${expected}, but is ${describe(value)}`);
}

/** Names a JSON value's type without quoting it. */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "missing";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return value === "" ? "an empty string" : `a string of ${value.length} chars`;
  return `a ${typeof value}`;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function object(value: unknown, path: string): JsonObject {
  if (!isJsonObject(value)) throw fieldError(path, "an object", value);
  return value;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw fieldError(path, "an array", value);
  return value;
}

function absent(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

function optionalString(obj: JsonObject, key: string, path: string): string | undefined {
  const value = obj[key];
  if (absent(value)) return undefined;
  if (typeof value !== "string") throw fieldError(join(path, key), "a string", value);
  return value;
}

/** A label string: missing or null reads as "" so outputs stay stable. */
function labelString(obj: JsonObject, key: string, path: string): string {
  return optionalString(obj, key, path) ?? "";
}

/** Matches a plain decimal number as the API writes it in strings ("51.47765", "-3", "1e3"). */
const NUMERIC_STRING = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A number sent as a JSON number or as a numeric string; "" and null read as missing. */
function optionalNumber(obj: JsonObject, key: string, path: string): number | undefined {
  const value = obj[key];
  if (absent(value) || value === "") return undefined;
  const n = typeof value === "string" && NUMERIC_STRING.test(value.trim()) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) throw fieldError(join(path, key), "a number", value);
  return n;
}

function requiredNumber(obj: JsonObject, key: string, path: string): number {
  const n = optionalNumber(obj, key, path);
  if (n === undefined) throw fieldError(join(path, key), "a number", obj[key]);
  return n;
}

function numberInRange(obj: JsonObject, key: string, path: string, min: number, max: number): number {
  const n = requiredNumber(obj, key, path);
  if (n < min || n > max) throw badResponse(`${join(path, key)} should be between ${min} and ${max}`);
  return n;
}

/**
 * An IMEI as a string. The API sometimes sends it as a JSON number, which drops a leading zero, so numbers are
 * written out in full and left-padded with zeros to 15 digits.
 */
export function normalizeImei(value: unknown, path: string): string {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) {
    return String(value).padStart(IMEI_LENGTH, "0");
  }
  throw fieldError(path, "an IMEI (a string of digits)", value);
}

function assignIfDefined<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

/** The server's explanation in an error body (`{"message"}`, `{"success":false,"message"}`, OAuth `{"error"}`). */
export function serverMessage(body: unknown): string | undefined {
  if (!isJsonObject(body)) return undefined;
  const pick = (key: string) => (typeof body[key] === "string" && body[key] !== "" ? (body[key] as string) : undefined);
  const message = pick("message") ?? pick("Message") ?? pick("error_description");
  const error = pick("error");
  const text = error && message ? `${error}: ${message}` : (message ?? error);
  return text === undefined ? undefined : truncate(text);
}

/** True for a body in the application's error envelope, `{"success": false, …}` (see docs/api-guesses.md). */
export function isApplicationFailure(body: unknown): boolean {
  return isJsonObject(body) && body.success === false;
}

/** True for `application/json` and `application/<anything>+json` content types (parameters allowed). */
export function isJsonContentType(contentType: string | null | undefined): boolean {
  return !!contentType && /^\s*application\/([\w.-]+\+)?json\s*(;|$)/i.test(contentType);
}

/** Parses a JSON body, insisting on a JSON content type. Anything else is `HAPN_BAD_RESPONSE`. */
export function parseJsonBody(text: string, contentType: string | null | undefined): unknown {
  if (!isJsonContentType(contentType)) {
    throw badResponse(
      `expected a JSON body but the content type is ${contentType ? `"${truncate(contentType, 60)}"` : "missing"}`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badResponse(`the body is not valid JSON (${text.length} bytes)`);
  }
}

/** Validates a token endpoint response. Never quotes the token itself. */
export function parseTokenResponse(body: unknown): TokenResponse {
  const obj = object(body, "");
  const accessToken = obj.access_token;
  if (typeof accessToken !== "string" || accessToken === "") {
    throw fieldError("access_token", "a non-empty string", accessToken);
  }
  if (accessToken.length > MAX_TOKEN_LENGTH) {
    throw badResponse(`access_token is longer than ${MAX_TOKEN_LENGTH} characters`);
  }
  const tokenType = optionalString(obj, "token_type", "") ?? "Bearer";
  if (tokenType.toLowerCase() !== "bearer") throw badResponse(`token_type should be "Bearer"`);
  const expiresIn = optionalNumber(obj, "expires_in", "") ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  if (expiresIn <= 0) throw badResponse("expires_in should be a positive number of seconds");
  // A longer lifetime is harmless to cap: the token is only renewed earlier than strictly needed.
  const expiresInSeconds = Math.min(expiresIn, MAX_TOKEN_LIFETIME_SECONDS);
  const result: TokenResponse = { accessToken, tokenType: "Bearer", expiresInSeconds };
  assignIfDefined(result, "scope", optionalString(obj, "scope", ""));
  return result;
}

/** Checks the `{success: true, result: {…}}` envelope and returns `result`. */
export function parseEnvelope(body: unknown): JsonObject {
  const obj = object(body, "");
  if (obj.success !== true) {
    const message = serverMessage(obj);
    if (obj.success === false) throw badResponse(`the API reported failure${message ? `: ${message}` : ""}`);
    throw fieldError("success", "true", obj.success);
  }
  return object(obj.result, "result");
}

/** Parses one device object found at `path`. */
export function parseDevice(value: unknown, path: string): Device {
  const obj = object(value, path);
  return {
    imei: normalizeImei(obj.imei, join(path, "imei")),
    clientId: optionalNumber(obj, "clientId", path) ?? 0,
    created: labelString(obj, "created", path),
    modified: labelString(obj, "modified", path),
    name: labelString(obj, "name", path),
    status: labelString(obj, "status", path),
    iccid: labelString(obj, "iccid", path),
    color: labelString(obj, "color", path),
    icon: labelString(obj, "icon", path),
    description: labelString(obj, "description", path),
    model: parseDeviceModel(obj.model, join(path, "model")),
    connectivityProvider: labelString(obj, "connectivityProvider", path),
    appUrl: labelString(obj, "appUrl", path),
  };
}

function parseDeviceModel(value: unknown, path: string): DeviceModel {
  if (absent(value)) return { name: "" };
  const obj = object(value, path);
  const model: DeviceModel = { name: labelString(obj, "name", path) };
  assignIfDefined(model, "description", optionalString(obj, "description", path));
  return model;
}

/** Parses one boundary object found at `path`, including its GeoJSON Feature/Polygon geometry. */
export function parseBoundary(value: unknown, path: string): Boundary {
  const obj = object(value, path);
  const boundaryId = requiredNumber(obj, "boundaryId", path);
  if (!Number.isSafeInteger(boundaryId)) throw fieldError(join(path, "boundaryId"), "an integer", obj.boundaryId);
  const boundary: Boundary = {
    boundaryId,
    name: labelString(obj, "name", path),
    created: labelString(obj, "created", path),
    modified: labelString(obj, "modified", path),
    geometry: parseFeature(obj.geometry, join(path, "geometry")),
  };
  assignIfDefined(boundary, "location", optionalString(obj, "location", path));
  assignIfDefined(boundary, "color", optionalString(obj, "color", path));
  assignIfDefined(boundary, "status", optionalString(obj, "status", path));
  return boundary;
}

function parseFeature(value: unknown, path: string): Boundary["geometry"] {
  const obj = object(value, path);
  if (obj.type !== "Feature") throw fieldError(join(path, "type"), `"Feature"`, obj.type);
  const properties = absent(obj.properties) ? {} : object(obj.properties, join(path, "properties"));
  const polygonPath = join(path, "geometry");
  const polygon = object(obj.geometry, polygonPath);
  if (polygon.type !== "Polygon") throw fieldError(join(polygonPath, "type"), `"Polygon"`, polygon.type);
  const feature: Boundary["geometry"] = {
    type: "Feature",
    properties: { ...properties },
    geometry: { type: "Polygon", coordinates: parseRings(polygon.coordinates, join(polygonPath, "coordinates")) },
  };
  const id = obj.id;
  if (typeof id === "number" && Number.isFinite(id)) feature.id = String(id);
  else assignIfDefined(feature, "id", optionalString(obj, "id", path));
  return feature;
}

function parseRings(value: unknown, path: string): PolygonCoordinates {
  return array(value, path).map((ring, r) =>
    array(ring, `${path}[${r}]`).map((position, p) => {
      const positionPath = `${path}[${r}][${p}]`;
      const coords = array(position, positionPath);
      if (coords.length < 2) throw badResponse(`${positionPath} should hold at least [longitude, latitude]`);
      return coords.map((c, i) => {
        if (typeof c !== "number" || !Number.isFinite(c)) throw fieldError(`${positionPath}[${i}]`, "a number", c);
        return c;
      });
    }),
  );
}

/** Parses `{success, result: DeviceStatus}`, turning numbers sent as strings into numbers. */
export function parseDeviceStatusResponse(body: unknown): DeviceStatus {
  const path = "result";
  const obj = parseEnvelope(body);
  const status: DeviceStatus = {
    imei: normalizeImei(obj.imei, join(path, "imei")),
    latitude: numberInRange(obj, "latitude", path, -90, 90),
    longitude: numberInRange(obj, "longitude", path, -180, 180),
  };
  for (const key of ["sendTime", "created", "gpsUTCTime", "address"] as const) {
    assignIfDefined(status, key, optionalString(obj, key, path));
  }
  for (const key of [
    "speed",
    "azimuth",
    "gpsAccuracy",
    "odoMileage",
    "hoursOfOperation",
    "batteryPercentage",
  ] as const) {
    assignIfDefined(status, key, optionalNumber(obj, key, path));
  }
  const reportType = obj.reportType;
  if (typeof reportType === "number" && Number.isFinite(reportType)) status.reportType = String(reportType);
  else assignIfDefined(status, "reportType", optionalString(obj, "reportType", path));
  return status;
}

/** Parses `{success, result: Device}`. */
export function parseDeviceResponse(body: unknown): Device {
  return parseDevice(parseEnvelope(body), "result");
}

/** Parses `{success, result: Boundary}`. */
export function parseBoundaryResponse(body: unknown): Boundary {
  return parseBoundary(parseEnvelope(body), "result");
}

/** Parses one page `{success, result: {items: [...], nextToken?}}` with `parseItem` for each item. */
export function parsePage<T>(body: unknown, parseItem: (value: unknown, path: string) => T): Page<T> {
  const result = parseEnvelope(body);
  const items = array(result.items, "result.items").map((item, i) => parseItem(item, `result.items[${i}]`));
  const page: Page<T> = { items };
  const nextToken = optionalString(result, "nextToken", "result");
  if (nextToken) page.nextToken = nextToken;
  return page;
}

/** Parses a page of devices. */
export function parseDevicePage(body: unknown): Page<Device> {
  return parsePage(body, parseDevice);
}

/** Parses a page of boundaries. */
export function parseBoundaryPage(body: unknown): Page<Boundary> {
  return parsePage(body, parseBoundary);
}

/**
 * Validates a delete response: an empty body (204) is fine; a JSON body must not say `success: false`.
 * The delete response shape is undocumented, so `result` is not required.
 */
export function parseDeleteResponse(body: unknown): void {
  if (body === undefined) return;
  const obj = object(body, "");
  if (obj.success === false) {
    const message = serverMessage(obj);
    throw badResponse(`the API reported failure${message ? `: ${message}` : ""}`);
  }
}
