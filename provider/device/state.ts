import { DEVICE_LABEL_FIELDS, Device, DeviceLabelField, DeviceModel } from "../types";
import { Labels, pickLabels } from "./labels";

/** What destroy does to the tracker: hardware cannot be deleted, so by default it is left as it is. */
export type DeletePolicy = "retain" | "restoreLabels";

/** The accepted delete policies, for validation and docs. */
export const DELETE_POLICIES: readonly DeletePolicy[] = ["retain", "restoreLabels"];

/** A Device's inputs after `check`: plain values, color lowercased. */
export interface DeviceInputs {
  imei: string;
  name?: string;
  description?: string;
  color?: string;
  icon?: string;
  deletePolicy?: DeletePolicy;
}

/** Every property a Device resource stores as its outputs. */
export interface DeviceOutputs {
  imei: string;
  name: string;
  description: string;
  color: string;
  icon: string;
  /** The label fields the program sets; only these are compared, updated and restored. */
  managedFields: DeviceLabelField[];
  deletePolicy: DeletePolicy;
  /** The labels the tracker had when this stack adopted it, for `deletePolicy: "restoreLabels"`. */
  adoptedLabels: Labels;
  clientId: number;
  status: string;
  iccid: string;
  model: DeviceModel;
  connectivityProvider: string;
  appUrl: string;
  created: string;
  modified: string;
}

/** The label fields an input object sets (present and not undefined). */
export function managedFieldsOf(inputs: Partial<Record<DeviceLabelField, unknown>>): DeviceLabelField[] {
  return DEVICE_LABEL_FIELDS.filter((f) => inputs[f] !== undefined);
}

/**
 * The outputs for a device as the API returned it. `read`, `create` and `update` all build outputs here, so the
 * three always have the same shape (a missing key would show up as perpetual drift).
 */
export function toOutputs(
  device: Device,
  bookkeeping: Pick<DeviceOutputs, "managedFields" | "deletePolicy" | "adoptedLabels">,
): DeviceOutputs {
  return {
    imei: device.imei,
    ...pickLabels(device),
    managedFields: [...bookkeeping.managedFields],
    deletePolicy: bookkeeping.deletePolicy,
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
 * The inputs that describe the device as it is now: the managed labels carry their live values. `read` returns
 * these, so after a refresh a hand edit shows up as a difference between the stored and the program's inputs,
 * naming the field.
 */
export function liveInputs(outputs: DeviceOutputs): DeviceInputs {
  const inputs: DeviceInputs = { imei: outputs.imei };
  for (const f of outputs.managedFields) inputs[f] = outputs[f];
  if (outputs.deletePolicy !== "retain") inputs.deletePolicy = outputs.deletePolicy;
  return inputs;
}
