import type { Device } from "../api-model/wire-types";
import { typeRef } from "../schema-types";
import { readAllDevices } from "./account-reads";
import type { LookupDefinition } from "./definition";
import { runLookup } from "./program-api";
import { outputForm } from "./output-form";

/** Which devices {@link getDevices} returns; every criterion set must match. */
export interface DeviceFilter {
  /** Part of the name, ignoring case (`"van"` matches "Delivery Van #2"). */
  nameContains?: string;
  /** The model name exactly, e.g. "OBD Vehicle Tracker". */
  model?: string;
  /** The status code exactly, e.g. "A". */
  status?: string;
  /** The color, ignoring case. */
  color?: string;
  /** The icon name exactly. */
  icon?: string;
}

/** The arguments of {@link getDevices}. */
export interface GetDevicesArgs {
  /** Which devices to return; all when absent. */
  filter?: DeviceFilter;
}

/** What {@link getDevices} returns. */
export interface GetDevicesResult {
  /** The matching devices, ordered by IMEI. */
  devices: Device[];
  /** Their IMEIs, in the same order. */
  imeis: string[];
}

/** True when `device` matches every criterion of `filter`. */
export function matchesFilter(device: Device, filter: DeviceFilter = {}): boolean {
  const lower = (s: string | undefined) => (s ?? "").toLowerCase();
  return (
    (filter.nameContains === undefined || lower(device.name).includes(lower(filter.nameContains))) &&
    (filter.model === undefined || device.model.name === filter.model) &&
    (filter.status === undefined || device.status === filter.status) &&
    (filter.color === undefined || lower(device.color) === lower(filter.color)) &&
    (filter.icon === undefined || device.icon === filter.icon)
  );
}

/** getDevices: the account's devices, optionally filtered. */
export const GET_DEVICES: LookupDefinition<GetDevicesArgs, GetDevicesResult> = {
  name: "getDevices",
  doc: "Reads the account's devices as they are now, optionally filtered, without managing them.",
  args: { filter: { type: typeRef("DeviceFilter"), doc: "Which devices to return; all when absent." } },
  result: {
    devices: { type: { type: "array", items: typeRef("DeviceInfo") }, doc: "The matching devices, ordered by IMEI." },
    imeis: { type: { type: "array", items: { type: "string" } }, doc: "Their IMEIs, in the same order." },
  },
  async run(api, args = {}) {
    // Lookups called together share one listing; a later one lists again, so it sees the account as it is then.
    const devices = await readAllDevices(api.client);
    const matching = devices.filter((d) => matchesFilter(d, args.filter)).sort((a, b) => a.imei.localeCompare(b.imei));
    return { devices: matching, imeis: matching.map((d) => d.imei) };
  },
};

/** The account's devices as they are when called (account-reads.ts), optionally filtered, without managing them. */
export function getDevices(args: GetDevicesArgs = {}): Promise<GetDevicesResult> {
  return runLookup("getDevices", (api) => GET_DEVICES.run(api, args));
}

/** {@link getDevices} taking Inputs. */
export const getDevicesOutput = outputForm(getDevices);
