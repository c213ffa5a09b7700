/**
 * The deterministic seeded fleet: the same `(count, seed)` always gives the same devices, every IMEI is 15 digits
 * and Luhn-valid (some start with 0), and the documented example device (docs/hapn-api-notes.md, Devices) is always the first.
 */
import { type Device, type DeviceModel, luhnCheckDigit } from "../provider/api-model";
import { hashString, mulberry32, pick, randomDigits, type Random } from "./prng";

/** The account number every emulated device belongs to (the documented example's `clientId`). */
export const EMULATED_CLIENT_ID = 6278789;

/** A tracker model the emulator knows, and whether its status reports carry `batteryPercentage`. */
export interface EmulatedModel extends DeviceModel {
  description: string;
  reportsBattery: boolean;
}

/** The models seeded devices use. Vehicle-powered models report no battery, like the unit merlin saw live. */
export const MODELS: readonly EmulatedModel[] = [
  { name: "OBD Vehicle Tracker", description: "OBD GPS Tracker for Vehicles", reportsBattery: false },
  { name: "Hardwired Vehicle Tracker", description: "Hardwired GPS Tracker for Vehicles", reportsBattery: false },
  { name: "Personal GPS Tracker", description: "Portable GPS Tracker", reportsBattery: true },
  { name: "Asset Tracker", description: "Long-life Battery GPS Asset Tracker", reportsBattery: true },
];

/**
 * Whether devices of the named model send `batteryPercentage` in their status. Known models use the table above;
 * any other name is decided by a hash of the name, so the answer is still deterministic per model.
 */
export function modelReportsBattery(modelName: string): boolean {
  const known = MODELS.find((m) => m.name === modelName);
  return known ? known.reportsBattery : hashString(modelName) % 2 === 0;
}

/** The Hapn web-app link of a device, as documented. */
export function appUrlFor(imei: string): string {
  return `https://app.gethapn.com/home?tab=trackers&type=tracker&imei=${imei}`;
}

/** The example device from the Hapn devices reference page, field for field. */
export const EXAMPLE_DEVICE: Readonly<Device> = Object.freeze({
  imei: "862785041422448",
  clientId: EMULATED_CLIENT_ID,
  created: "2020-06-02T20:48:24.494Z",
  modified: "2021-06-10T11:13:59.864Z",
  name: "Van #2",
  status: "A",
  iccid: "8944500204198462404",
  color: "#579db5",
  icon: "location-arrow",
  description: "Delivery Van #2",
  model: Object.freeze({ name: "OBD Vehicle Tracker", description: "OBD GPS Tracker for Vehicles" }),
  connectivityProvider: "T-Mobile",
  appUrl: appUrlFor("862785041422448"),
});

/** Type allocation codes (first 8 IMEI digits) for seeded devices; the second list starts with 0. */
const TACS = ["86278504", "86625804", "86823905", "35209900", "35875108"];
const ZERO_TACS = ["01518100", "01234700"];

/** What kind of asset a seeded device tracks: label, icon and model index. */
const KINDS = [
  { label: "Van", icon: "location-arrow", model: 0 },
  { label: "Truck", icon: "truck", model: 1 },
  { label: "Trailer", icon: "trailer", model: 3 },
  { label: "Excavator", icon: "tractor", model: 1 },
  { label: "Car", icon: "car", model: 0 },
  { label: "Backpack", icon: "user", model: 2 },
  { label: "Generator", icon: "bolt", model: 3 },
] as const;

const ADJECTIVES = ["Delivery", "Service", "Rental", "Fleet", "Backup", "Site"];
const COLORS = ["#579db5", "#9b59b6", "#e74c3c", "#2ecc71", "#f39c12", "#34495e", "#1abc9c", "#d35400"];
const CARRIERS = ["T-Mobile", "AT&T", "Verizon"];
const ICCID_PREFIXES = ["89445002", "89012603", "89148000"];

/** Appends a Luhn check digit to `digits`. */
function withCheckDigit(digits: string): string {
  return digits + String(luhnCheckDigit(digits));
}

/** A Luhn-valid 19-digit ICCID drawn from `rng`. */
function randomIccid(rng: Random): string {
  const prefix = pick(rng, ICCID_PREFIXES);
  return withCheckDigit(prefix + randomDigits(rng, 18 - prefix.length));
}

/** An ISO timestamp with milliseconds between `fromMs` and `toMs`, drawn from `rng`. */
function randomTime(rng: Random, fromMs: number, toMs: number): string {
  return new Date(fromMs + Math.floor(rng() * (toMs - fromMs))).toISOString();
}

const FLEET_START = Date.parse("2019-01-01T00:00:00.000Z");
const FLEET_END = Date.parse("2024-06-30T00:00:00.000Z");

/**
 * The seeded fleet: `count` devices (at least 1), the first being {@link EXAMPLE_DEVICE}. Deterministic in
 * `(count, seed)`, and a prefix-stable sequence: `seedFleet(10, s)` starts with `seedFleet(5, s)`.
 * Every IMEI is unique, 15 digits and Luhn-valid; the second device and every fourth after it start with 0.
 */
export function seedFleet(count: number, seed = 1): Device[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`seedFleet: count must be an integer >= 1`);
  const rng = mulberry32(seed);
  const devices: Device[] = [{ ...EXAMPLE_DEVICE, model: { ...EXAMPLE_DEVICE.model } }];
  const used = new Set([EXAMPLE_DEVICE.imei]);
  const perLabel = new Map<string, number>([["Van", 2]]);
  while (devices.length < count) {
    const i = devices.length;
    const tac = pick(rng, i % 4 === 1 ? ZERO_TACS : TACS);
    const imei = withCheckDigit(tac + randomDigits(rng, 6));
    if (used.has(imei)) continue;
    used.add(imei);
    const kind = pick(rng, KINDS);
    const n = (perLabel.get(kind.label) ?? 0) + 1;
    perLabel.set(kind.label, n);
    const model = MODELS[kind.model];
    const created = randomTime(rng, FLEET_START, FLEET_END - 86_400_000);
    devices.push({
      imei,
      clientId: EMULATED_CLIENT_ID,
      created,
      modified: randomTime(rng, Date.parse(created), FLEET_END),
      name: `${kind.label} #${n}`,
      status: "A",
      iccid: randomIccid(rng),
      color: pick(rng, COLORS),
      icon: kind.icon,
      description: `${pick(rng, ADJECTIVES)} ${kind.label} #${n}`,
      model: { name: model.name, description: model.description },
      connectivityProvider: pick(rng, CARRIERS),
      appUrl: appUrlFor(imei),
    });
  }
  return devices;
}

/**
 * The seeded fleet of the account at `position` among the emulator's accounts (0: the primary, whose fleet is
 * {@link seedFleet}'s). Another account's trackers are its own: without the documented example device, and with
 * its own account number (`clientId` {@link EMULATED_CLIENT_ID} + position).
 */
export function accountFleet(count: number, seed: number, position: number): Device[] {
  if (position === 0) return seedFleet(count, seed);
  return seedFleet(count + 1, seed)
    .slice(1)
    .map((device) => ({ ...device, clientId: EMULATED_CLIENT_ID + position }));
}

/**
 * A full device for `imei` with plausible defaults (used when the admin API adds a device with only some fields).
 * Defaults are derived from the IMEI, so they are deterministic; `now` becomes `created` and `modified`.
 */
export function defaultDevice(imei: string, now: string, accountNumber = EMULATED_CLIENT_ID): Device {
  const rng = mulberry32(hashString(imei));
  const model = pick(rng, MODELS);
  return {
    imei,
    clientId: accountNumber,
    created: now,
    modified: now,
    name: `Tracker ${imei.slice(-4)}`,
    status: "A",
    iccid: randomIccid(rng),
    color: pick(rng, COLORS),
    icon: "location-arrow",
    description: "",
    model: { name: model.name, description: model.description },
    connectivityProvider: pick(rng, CARRIERS),
    appUrl: appUrlFor(imei),
  };
}
