import { imeiFromNumber, programImeiProblem } from "../api-model/imei";
import type { Device } from "../api-model/wire-types";
import { SCHEMA_TYPES } from "../schema-types";
import { readDevice } from "./account-reads";
import type { LookupDefinition } from "./definition";
import { lookupError, runLookup } from "./program-api";
import { outputForm } from "./output-form";

/** The arguments of {@link getDevice} and {@link getDeviceStatus}. */
export interface DeviceLookupArgs {
  /** The tracker's 15-digit IMEI, as a string. */
  imei: string;
}

/**
 * The IMEI as a string (a YAML program's may come as a number: see imeiFromNumber); throws an error naming the
 * lookup and the fix when it is not a valid one.
 */
export function requireImei(lookup: string, args: DeviceLookupArgs | undefined): string {
  const problem = programImeiProblem(args?.imei);
  if (problem) throw lookupError(lookup, new Error(`imei ${problem}`));
  return imeiFromNumber(args!.imei) as string;
}

/** The error for an IMEI that is not in the account. */
export function notInAccount(lookup: string, imei: string, apiUrl: string): Error {
  return lookupError(lookup, new Error(`IMEI ${imei} is not in this Hapn account (${apiUrl}); check the IMEI`));
}

/** The IMEI argument of the lookups that read one tracker. */
export const IMEI_ARGUMENT = { imei: { doc: "The tracker's 15-digit IMEI, as a string.", required: true } };

/** getDevice: one tracker of the account as it is now. */
export const GET_DEVICE: LookupDefinition<DeviceLookupArgs, Device> = {
  name: "getDevice",
  doc: "Reads one tracker of the account by IMEI, without managing it.",
  args: IMEI_ARGUMENT,
  result: SCHEMA_TYPES.DeviceInfo.properties,
  async run(api, args) {
    const imei = requireImei("getDevice", args);
    const device = await readDevice(api.client, imei);
    if (!device) throw notInAccount("getDevice", imei, api.client.apiUrl);
    return device;
  },
};

/**
 * Reads one tracker of the account by IMEI, without managing it (nothing is added to the stack). It reads the
 * account as it is when called (account-reads.ts); a burst of lookups costs a list call, not one per device.
 */
export async function getDevice(args: DeviceLookupArgs): Promise<Device> {
  requireImei("getDevice", args);
  return runLookup("getDevice", (api) => GET_DEVICE.run(api, args));
}

/** {@link getDevice} taking Inputs: `getDeviceOutput({ imei: someOutput })`. */
export const getDeviceOutput = outputForm(getDevice);
