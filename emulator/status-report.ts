/**
 * Device status reports (`GET /v1/devices/{imei}/status`), as the live API sends them: every numeric field is a
 * JSON string, and `batteryPercentage` is missing on models that do not report it (docs/hapn-api-notes.md, Device status reports).
 * Reports are derived from the IMEI alone, so they are deterministic and need no storage.
 */
import type { Device } from "../provider/api-model";
import { modelReportsBattery } from "./fleet";
import { hashString, mulberry32, pick, randomHex, randomInt } from "./prng";

/** A status report on the wire: strings for numbers, plus a few integer ids. */
export type WireStatus = Record<string, string | number>;

const PLACES = [
  { lat: 40.674, lng: -73.966, street: "Eastern Parkway", city: "Brooklyn, NY 11238" },
  { lat: 26.111, lng: -81.758, street: "Tamiami Trail N", city: "Naples, FL 34102" },
  { lat: 41.881, lng: -87.623, street: "W Madison St", city: "Chicago, IL 60602" },
  { lat: 30.267, lng: -97.743, street: "Congress Ave", city: "Austin, TX 78701" },
  { lat: 47.606, lng: -122.332, street: "Pike St", city: "Seattle, WA 98101" },
];

const REPORT_EPOCH = Date.parse("2024-06-30T00:00:00.000Z");

/** `yyyyMMddHHmmss` in UTC, the compact form of `gpsUTCTime`. */
export function compactUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

/** A version-4-shaped UUID drawn from `rng`, so message ids are deterministic too. */
function seededUuid(rng: () => number): string {
  const h = randomHex(rng, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The last report of `device`, shaped as the live API sends it (numbers as strings). */
export function statusReport(device: Device): WireStatus {
  const rng = mulberry32(hashString(device.imei));
  const place = pick(rng, PLACES);
  const sendMs = REPORT_EPOCH + randomInt(rng, 0, 30 * 86_400) * 1000;
  const report: WireStatus = {
    imei: device.imei,
    clientId: device.clientId,
    messageId: seededUuid(rng),
    latitude: (place.lat + (rng() - 0.5) / 10).toFixed(6),
    longitude: (place.lng + (rng() - 0.5) / 10).toFixed(6),
    sendTime: new Date(sendMs).toISOString(),
    created: new Date(sendMs + randomInt(rng, 1500, 4000)).toISOString(),
    gpsUTCTime: compactUtc(sendMs - randomInt(rng, 0, 20) * 1000),
    speed: String(randomInt(rng, 0, 70)),
    azimuth: String(randomInt(rng, 0, 359)),
    gpsAccuracy: String(randomInt(rng, 1, 20)),
    odoMileage: (rng() * 90_000).toFixed(1),
    hoursOfOperation: String(randomInt(rng, 0, 5000)),
    address: `${randomInt(rng, 1, 999)} ${place.street}, ${place.city}`,
    reportType: "0",
    cellId: randomHex(rng, 8).toUpperCase(),
    appUrl: device.appUrl,
  };
  const battery = String(randomInt(rng, 5, 100));
  if (modelReportsBattery(device.model.name)) report.batteryPercentage = battery;
  return report;
}
