import { type Device, type DeviceLabelField, type DeviceModel } from "../api-model/wire-types";
import { type Labels, pickLabels } from "./labels";

/** What destroy does to the tracker: hardware cannot be deleted, so by default it is left as it is. */
export type DeletePolicy = "retain" | "restoreLabels";

/** The accepted delete policies, for validation and docs. */
export const DELETE_POLICIES: readonly DeletePolicy[] = ["retain", "restoreLabels"];

/**
 * What `up` does when the tracker is not in the account: `fail` (default) stops with an error; `warn` says so as a
 * warning and keeps the resource without touching anything, until the tracker is back.
 */
export type OnMissing = "fail" | "warn";

/** The accepted `onMissing` values, for validation and docs. */
export const ON_MISSING: readonly OnMissing[] = ["fail", "warn"];

/** A Device's inputs after `check`: plain values, color lowercased. */
export interface DeviceInputs {
  imei: string;
  name?: string;
  description?: string;
  color?: string;
  icon?: string;
  deletePolicy?: DeletePolicy;
  onMissing?: OnMissing;
  /** The resource's name, added by the `Device` class so `check` can name both resources of a duplicate IMEI. */
  __deviceName?: string;
}

/**
 * A Device's outputs as the provider works with them: one flat record. What is stored in state holds the
 * non-label fields as one JSON text ({@link DeviceOutputs}, see stored.ts); `normalizeState` reads every shape.
 */
export interface DeviceRecord {
  imei: string;
  name: string;
  description: string;
  color: string;
  icon: string;
  /** The label fields the program sets; only these are compared, updated and restored. */
  managedFields: DeviceLabelField[];
  deletePolicy: DeletePolicy;
  onMissing: OnMissing;
  /**
   * False while the tracker is not in the account (with `onMissing: "warn"`); the labels then hold the program's
   * values, and the device fields the last ones seen (empty if never seen).
   */
  inAccount: boolean;
  /** The labels the tracker had when this stack adopted it, for `deletePolicy: "restoreLabels"`. */
  adoptedLabels: Labels;
  clientId: number;
  status: string;
  iccid: string;
  model: Required<DeviceModel>;
  connectivityProvider: string;
  appUrl: string;
  created: string;
  modified: string;
}

/** The fields of a {@link DeviceRecord} stored in `factsJson`: everything but the IMEI, labels and options. */
export type DeviceFacts = Omit<DeviceRecord, DeviceLabelField | "imei" | "deletePolicy" | "onMissing">;

/**
 * What a Device stores as its outputs (since 0.2.0): the IMEI, the four labels, the two options, and every other
 * field as one JSON text, `factsJson` (the class parses it into `facts`). Each top-level output costs the program a
 * set of promises per resource, and each stored value costs the engine work at every step of a deployment (it
 * re-serializes the whole snapshot each time), so the read-only fields travel as one string (bench/RESULTS.md).
 */
export type DeviceOutputs = Pick<DeviceRecord, DeviceLabelField | "imei" | "deletePolicy" | "onMissing"> & {
  factsJson: string;
};

/** The outputs that come from the program and this stack's records, not from the API. */
export type Bookkeeping = Pick<DeviceRecord, "managedFields" | "deletePolicy" | "onMissing" | "adoptedLabels">;

/**
 * The record for a device as the API returned it. `read`, `create` and `update` all build outputs here, so the
 * three always have the same shape (a missing key would show up as perpetual drift).
 */
export function toRecord(device: Device, bookkeeping: Bookkeeping): DeviceRecord {
  return {
    imei: device.imei,
    ...pickLabels(device),
    managedFields: [...bookkeeping.managedFields],
    deletePolicy: bookkeeping.deletePolicy,
    onMissing: bookkeeping.onMissing,
    inAccount: true,
    adoptedLabels: { ...bookkeeping.adoptedLabels },
    clientId: device.clientId,
    status: device.status,
    iccid: device.iccid,
    model: { name: device.model.name, description: device.model.description ?? "" },
    connectivityProvider: device.connectivityProvider,
    appUrl: device.appUrl,
    created: device.created,
    modified: device.modified,
  };
}

/**
 * The record of a Device whose tracker is not in the account (with `onMissing: "warn"`): the labels the program
 * asks for (so nothing shows as a change while the tracker is away), the device fields as last seen, and
 * `inAccount: false`. `bookkeeping` is what the inputs ask for.
 */
export function absentRecord(
  prior: Partial<DeviceRecord>,
  inputs: DeviceInputs,
  bookkeeping: Bookkeeping,
): DeviceRecord {
  const wanted: Partial<Labels> = {};
  for (const f of bookkeeping.managedFields) wanted[f] = inputs[f];
  return {
    imei: inputs.imei,
    ...pickLabels({ ...prior, ...wanted }),
    managedFields: [...bookkeeping.managedFields],
    deletePolicy: bookkeeping.deletePolicy,
    onMissing: bookkeeping.onMissing,
    adoptedLabels: { ...bookkeeping.adoptedLabels },
    inAccount: false,
    clientId: prior.clientId ?? 0,
    status: prior.status ?? "",
    iccid: prior.iccid ?? "",
    model: { name: prior.model?.name ?? "", description: prior.model?.description ?? "" },
    connectivityProvider: prior.connectivityProvider ?? "",
    appUrl: prior.appUrl ?? "",
    created: prior.created ?? "",
    modified: prior.modified ?? "",
  };
}
