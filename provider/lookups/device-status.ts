import { isHapnError } from "../client/errors";
import type { DeviceStatus } from "../types";
import { DeviceLookupArgs, notInAccount, requireImei } from "./device";
import { lookupApi, lookupError } from "./program-api";
import { outputForm } from "./output-form";

/**
 * A tracker's last report: position, speed, battery (absent on models that have none, e.g. vehicle-powered
 * ones), as numbers (the API sends them as strings).
 */
export async function getDeviceStatus(args: DeviceLookupArgs): Promise<DeviceStatus> {
  const imei = requireImei("getDeviceStatus", args);
  const api = lookupApi();
  try {
    return await api.client.getDeviceStatus(imei);
  } catch (error) {
    if (isHapnError(error, "HAPN_NOT_FOUND")) throw notInAccount("getDeviceStatus", imei, api.client.apiUrl);
    throw lookupError("getDeviceStatus", error);
  }
}

/** {@link getDeviceStatus} taking Inputs. */
export const getDeviceStatusOutput = outputForm(getDeviceStatus);
