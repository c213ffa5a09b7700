/**
 * Device handlers: list (paginated), get, update labels (PATCH, or PUT in that variant; guessed) and status (numbers as strings).
 */
import type { DevicePatch } from "../provider/api-model";
import { failure, listAnswer, ok, type ApiHandler } from "./envelope";
import { paginate } from "./pagination";
import { statusReport } from "./status-report";
import { checkFields, DEVICE_PATCH } from "./validate";

const notFound = (imei: string) => failure(404, `Device ${imei} not found`);

/** `GET /devices?limit=&nextToken=`: devices ordered by IMEI. */
export const listDevices: ApiHandler = (ctx, req) => {
  const devices = ctx.store.listDevices();
  return listAnswer(ctx, devices, (names) => paginate("devices", devices, (d) => d.imei, req.query, names));
};

/** `GET /devices/{imei}`. */
export const getDevice: ApiHandler = (ctx, req) => {
  const device = ctx.store.getDevice(req.params.imei);
  return device ? ok(device) : notFound(req.params.imei);
};

/** `PATCH /devices/{imei}`: any of name, description, color, icon; bumps `modified`. */
export const updateDevice: ApiHandler = (ctx, req) => {
  if (!ctx.store.getDevice(req.params.imei)) return notFound(req.params.imei);
  const checked = checkFields<DevicePatch>(req.body, DEVICE_PATCH);
  if (!checked.ok) return failure(400, checked.message);
  const device = ctx.store.updateDevice(req.params.imei, checked.value);
  return device ? ok(device) : notFound(req.params.imei);
};

/** `GET /devices/{imei}/status`: the last report, numbers as strings. */
export const getDeviceStatus: ApiHandler = (ctx, req) => {
  const device = ctx.store.getDevice(req.params.imei);
  return device ? ok(statusReport(device)) : notFound(req.params.imei);
};
