import { undefinedIfNotFound } from "../kind/outcomes";
import type { DeviceStatus } from "../api-model/wire-types";
import { type DeviceLookupArgs, notInAccount, requireImei } from "./device";
import { runLookup } from "./program-api";
import { outputForm } from "./output-form";

/**
 * A tracker's last report: position, speed, battery (absent on models that have none, e.g. vehicle-powered
 * ones), as numbers (the API sends them as strings).
 */
export async function getDeviceStatus(args: DeviceLookupArgs): Promise<DeviceStatus> {
  const imei = requireImei("getDeviceStatus", args);
  return runLookup("getDeviceStatus", async (api) => {
    const status = await undefinedIfNotFound(api.client.getDeviceStatus(imei));
    if (!status) throw notInAccount("getDeviceStatus", imei, api.client.apiUrl);
    return status;
  });
}

/** {@link getDeviceStatus} taking Inputs. */
export const getDeviceStatusOutput = outputForm(getDeviceStatus);
