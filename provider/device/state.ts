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

/**
 * A Device's inputs: what a program sets (as {@link DeviceArgs}, each value possibly an Output), and what `check`
 * hands on (plain values, color lowercased). Only the label fields set are managed; the others are left alone.
 */
export interface DeviceInputs {
  /** The tracker's 15-digit IMEI (a string: IMEIs can start with 0). Changing it replaces the resource. */
  imei: string;
  /** Display name, 1–100 characters. */
  name?: string;
  /** Free text, up to 500 characters. */
  description?: string;
  /** Map color as `#rrggbb` (stored lowercase). */
  color?: string;
  /** Icon name from the Hapn app's icon set, e.g. `location-arrow`. */
  icon?: string;
  /**
   * What `pulumi destroy` does to the tracker: `retain` (default) leaves it as it is; `restoreLabels` puts back
   * the managed labels it had when this stack adopted it. Either way the tracker stays in the account.
   */
  deletePolicy?: DeletePolicy;
  /**
   * What `up` does when the tracker is not in the account (for example it was deactivated, or moved to another
   * account): `fail` (default) stops with an error naming the IMEI; `warn` keeps the resource unchanged with a
   * warning, and applies the labels once the tracker is back. Refresh keeps such a Device in state instead of
   * dropping it.
   */
  onMissing?: OnMissing;
}

/**
 * A Device's outputs as the provider works with them, and as the `Device` class exposes them: one flat record. What
 * is stored in state holds the non-label fields as one JSON text ({@link DeviceOutputs}, see stored.ts); the
 * kernel's `normalizeState` reads every shape.
 */
export interface DeviceRecord {
  /** The tracker's IMEI; also the resource's id. */
  imei: string;
  /** The tracker's display name, as it is now in the account. */
  name: string;
  /** The tracker's description, as it is now in the account. */
  description: string;
  /** The tracker's map color as lowercase `#rrggbb`, as it is now in the account. */
  color: string;
  /** The tracker's icon name, as it is now in the account. */
  icon: string;
  /** The label fields this resource manages (the ones set in its arguments); only these are compared and restored. */
  managedFields: DeviceLabelField[];
  /** What destroy does to the tracker (see {@link DeviceInputs.deletePolicy}). */
  deletePolicy: DeletePolicy;
  /** What `up` does when the tracker is not in the account (see {@link DeviceInputs.onMissing}). */
  onMissing: OnMissing;
  /**
   * False while the tracker is not in the account (only with `onMissing: "warn"`; the labels then hold the
   * program's values, and the device fields the last ones seen, empty if never seen); true otherwise.
   */
  inAccount: boolean;
  /** The labels the tracker had when this stack adopted it (what `deletePolicy: "restoreLabels"` puts back). */
  adoptedLabels: Labels;
  /** The id of the Hapn customer account the tracker belongs to. */
  clientId: number;
  /** The tracker's status code as the Hapn API reports it (for example "A" for an active tracker). */
  status: string;
  /** The ICCID of the tracker's SIM card. */
  iccid: string;
  /** The tracker's hardware model; `description` is "" when Hapn gives none. */
  model: Required<DeviceModel>;
  /** The mobile network operator of the tracker's SIM. */
  connectivityProvider: string;
  /** A link to the tracker in the Hapn web app. */
  appUrl: string;
  /** When the tracker was added to the account (ISO-8601). */
  created: string;
  /** When the tracker was last changed in the account (ISO-8601). */
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
