import { undefinedIfNotFound } from "../kind/outcomes";
import type { DeviceStatus } from "../api-model/wire-types";
import type { PropertyDoc } from "../kind/definition";
import type { LookupDefinition } from "./definition";
import { type DeviceLookupArgs, IMEI_ARGUMENT, notInAccount, requireImei } from "./device";
import { runLookup } from "./program-api";
import { outputForm } from "./output-form";

const NUMBER = { type: "number" } as const;

/** The fields of a tracker's last report, for the package schema. */
const STATUS_FIELDS: Record<string, PropertyDoc> = {
  imei: { doc: "The tracker's IMEI." },
  latitude: { type: NUMBER, doc: "Latitude of the last position, in degrees." },
  longitude: { type: NUMBER, doc: "Longitude of the last position, in degrees." },
  sendTime: { doc: "When the tracker sent the report (ISO-8601)." },
  created: { doc: "When Hapn received the report (ISO-8601)." },
  gpsUTCTime: { doc: "The GPS fix time (UTC)." },
  speed: { type: NUMBER, doc: "Speed, in km/h." },
  azimuth: { type: NUMBER, doc: "Heading, in degrees from north." },
  gpsAccuracy: { type: NUMBER, doc: "Accuracy of the fix, in meters." },
  odoMileage: { type: NUMBER, doc: "Odometer reading, as the tracker reports it." },
  hoursOfOperation: { type: NUMBER, doc: "Hours of operation, as the tracker reports them." },
  batteryPercentage: { type: NUMBER, doc: "Battery level in percent; absent on models without a battery." },
  address: { doc: "The address of the position, when Hapn resolves one." },
  reportType: { doc: "The kind of report, as Hapn names it." },
};

/** getDeviceStatus: a tracker's last report. */
export const GET_DEVICE_STATUS: LookupDefinition<DeviceLookupArgs, DeviceStatus> = {
  name: "getDeviceStatus",
  doc: "Reads a tracker's last report: position, speed and battery (absent on models that have none).",
  args: IMEI_ARGUMENT,
  result: STATUS_FIELDS,
  async run(api, args) {
    const imei = requireImei("getDeviceStatus", args);
    const status = await undefinedIfNotFound(api.client.getDeviceStatus(imei));
    if (!status) throw notInAccount("getDeviceStatus", imei, api.client.apiUrl);
    return status;
  },
};

/**
 * A tracker's last report: position, speed, battery (absent on models that have none, e.g. vehicle-powered
 * ones), as numbers (the API sends them as strings).
 */
export async function getDeviceStatus(args: DeviceLookupArgs): Promise<DeviceStatus> {
  requireImei("getDeviceStatus", args);
  return runLookup("getDeviceStatus", (api) => GET_DEVICE_STATUS.run(api, args));
}

/** {@link getDeviceStatus} taking Inputs. */
export const getDeviceStatusOutput = outputForm(getDeviceStatus);
