import { DEVICE_LABEL_FIELDS, type Device, type DeviceLabelField, type DeviceModel } from "../api-model/wire-types";
import { type Labels, pickLabels } from "./labels";
import { flattenStored } from "./stored";

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

/** The label fields an input object sets (present and not undefined). */
export function managedFieldsOf(inputs: Partial<Record<DeviceLabelField, unknown>>): DeviceLabelField[] {
  return DEVICE_LABEL_FIELDS.filter((f) => inputs[f] !== undefined);
}

/** The outputs that come from the program and this stack's records, not from the API. */
export type Bookkeeping = Pick<DeviceRecord, "managedFields" | "deletePolicy" | "onMissing" | "adoptedLabels">;

/** The bookkeeping outputs the program's inputs ask for, with `adoptedLabels` as recorded. */
export function bookkeepingOf(inputs: DeviceInputs, adoptedLabels: Labels): Bookkeeping {
  return {
    managedFields: managedFieldsOf(inputs),
    deletePolicy: inputs.deletePolicy ?? "retain",
    onMissing: inputs.onMissing ?? "fail",
    adoptedLabels,
  };
}

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
 * `inAccount: false`.
 */
export function absentRecord(prior: Partial<DeviceRecord>, inputs: DeviceInputs): DeviceRecord {
  const wanted: Partial<Labels> = {};
  for (const f of managedFieldsOf(inputs)) wanted[f] = inputs[f];
  return {
    imei: inputs.imei,
    ...pickLabels({ ...prior, ...wanted }),
    ...bookkeepingOf(inputs, { ...(prior.adoptedLabels ?? pickLabels(prior)) }),
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

/**
 * The inputs that describe the device as it is now: the managed labels carry their live values. `read` returns
 * these, so after a refresh a hand edit shows up as a difference between the stored and the program's inputs,
 * naming the field.
 */
export function liveInputs(outputs: DeviceRecord): DeviceInputs {
  const inputs: DeviceInputs = { imei: outputs.imei };
  for (const f of outputs.managedFields) inputs[f] = outputs[f];
  if (outputs.deletePolicy !== "retain") inputs.deletePolicy = outputs.deletePolicy;
  if (outputs.onMissing !== "fail") inputs.onMissing = outputs.onMissing;
  return inputs;
}

/**
 * Stored Device state as one flat record, whatever wrote it: `read` may get no props at all (a read by id, or an
 * import), states written before 0.2.0 are flat (no `facts`), and states written by 0.1.0 lack the bookkeeping
 * fields added since. Every operation reads old state through here, so a new field needs a default in one place
 * only. `adoptedLabels` stays undefined when nothing was recorded; callers that need it take it from the live
 * device.
 */
export function normalizeState(
  props: Partial<DeviceOutputs> | Partial<DeviceRecord> | undefined,
  id: string,
): Partial<DeviceRecord> & Pick<DeviceRecord, "imei" | "managedFields" | "deletePolicy" | "onMissing"> {
  const p = flattenStored(props);
  const managed = Array.isArray(p.managedFields) ? p.managedFields : [];
  return {
    ...p,
    imei: typeof p.imei === "string" ? p.imei : id,
    managedFields: DEVICE_LABEL_FIELDS.filter((f) => managed.includes(f)),
    deletePolicy: p.deletePolicy === "restoreLabels" ? "restoreLabels" : "retain",
    onMissing: p.onMissing === "warn" ? "warn" : "fail",
  };
}
