/**
 * The Device provider's operations. The serialized provider (resource.ts) only forwards to this module, which the
 * closure serializer records as a `require` of the installed package instead of copying its code into every
 * resource's state: state stays small, and a new package version does not change `__provider`.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ConfigSource, HapnSettings, requireCredentials, resolveSettings } from "../config";
import { SharedClient, sharedClient } from "../shared-client";
import { Device, DevicePatch } from "../types";
import { checkDevice } from "./check";
import { diffDevice, labelPatch } from "./diff";
import { labelProblem, pickLabels } from "./labels";
import { DeviceInputs, DeviceOutputs, liveInputs, managedFieldsOf, toOutputs } from "./state";

// Settings live on globalThis for the same reason as the shared client (see shared-client.ts).
const SETTINGS = "__pulumiHapnSettings";
// IMEIs adopted by a create in this process (see remove).
const ADOPTED = "__pulumiHapnAdoptedInProcess";

/** The per-process record of IMEIs adopted by a create in this process. */
function adoptedInProcess(): Record<string, true> {
  const g = globalThis as Record<string, unknown>;
  return (g[ADOPTED] ??= {}) as Record<string, true>;
}

/** Stores the connection settings. Synchronous on purpose: see resolveSettings. */
export async function configure(req: { config: ConfigSource }): Promise<void> {
  (globalThis as Record<string, unknown>)[SETTINGS] = resolveSettings(req.config, process.env);
}

/** The process's shared client, created on first use; fails with a clear message when credentials are missing. */
function shared(): SharedClient {
  const settings =
    ((globalThis as Record<string, unknown>)[SETTINGS] as HapnSettings | undefined) ??
    resolveSettings(undefined, process.env);
  return sharedClient(requireCredentials(settings));
}

/** Validates inputs; no API call. */
export async function check(
  _olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.CheckResult<DeviceInputs>> {
  return checkDevice(news);
}

/** Compares desired inputs with the device's outputs. */
export async function diff(_id: string, olds: DeviceOutputs, news: DeviceInputs): Promise<pulumi.dynamic.DiffResult> {
  return diffDevice(olds, news);
}

/** Applies `patch` if it changes anything and returns the device as it then is. */
async function applyPatch({ client, reader }: SharedClient, device: Device, patch: DevicePatch): Promise<Device> {
  if (Object.keys(patch).length === 0) return device;
  const updated = await client.updateDevice(device.imei, patch);
  reader.remember(updated);
  return updated;
}

/** Adopts a tracker that is already in the account: hardware cannot be created through the API. */
export async function create(inputs: DeviceInputs): Promise<pulumi.dynamic.CreateResult<DeviceOutputs>> {
  const api = shared();
  const device = await api.reader.get(inputs.imei);
  if (!device) {
    throw new Error(
      `IMEI ${inputs.imei} is not in this Hapn account (${api.client.apiUrl}). A Device adopts a tracker that is ` +
        "already activated in the account; check the IMEI, or activate the tracker in the Hapn app first.",
    );
  }
  const updated = await applyPatch(api, device, labelPatch(device, inputs));
  adoptedInProcess()[device.imei] = true;
  const outs = toOutputs(updated, {
    managedFields: managedFieldsOf(inputs),
    deletePolicy: inputs.deletePolicy ?? "retain",
    adoptedLabels: pickLabels(device),
  });
  return { id: device.imei, outs };
}

/**
 * Refresh: the device as it is now. Returning `inputs` too lets a hand edit show up as drift with the field
 * named; a device gone from the account is dropped from state (a blank id) with a warning.
 */
export async function read(id: string, props: DeviceOutputs): Promise<pulumi.dynamic.ReadResult<DeviceOutputs>> {
  const device = await shared().reader.get(id);
  if (!device) {
    console.warn(`Hapn device ${id} is no longer in the account; removing it from the stack's state.`);
    return {};
  }
  const outs = toOutputs(device, {
    managedFields: props.managedFields ?? [],
    deletePolicy: props.deletePolicy ?? "retain",
    adoptedLabels: props.adoptedLabels ?? pickLabels(device),
  });
  return { id, props: outs, inputs: liveInputs(outs) as unknown as DeviceOutputs };
}

/** Sends only the labels that changed. */
export async function update(
  id: string,
  olds: DeviceOutputs,
  news: DeviceInputs,
): Promise<pulumi.dynamic.UpdateResult<DeviceOutputs>> {
  const api = shared();
  const patch = labelPatch(olds, news);
  const device = Object.keys(patch).length > 0 ? await api.client.updateDevice(id, patch) : await api.reader.get(id);
  if (!device) throw new Error(`Hapn device ${id} is no longer in the account; run \`pulumi refresh\` to drop it.`);
  api.reader.remember(device);
  // A label the program starts managing now is recorded as it was just before, for restoreLabels.
  const adoptedLabels = { ...(olds.adoptedLabels ?? pickLabels(olds)) };
  for (const f of managedFieldsOf(news)) {
    if (!(olds.managedFields ?? []).includes(f)) adoptedLabels[f] = olds[f] ?? "";
  }
  const outs = toOutputs(device, {
    managedFields: managedFieldsOf(news),
    deletePolicy: news.deletePolicy ?? "retain",
    adoptedLabels,
  });
  return { outs };
}

/**
 * Destroy: the tracker stays in the account. With `deletePolicy: "restoreLabels"` the managed labels go back to
 * what they were at adoption; otherwise the tracker is left as it is, and the log says so.
 */
export async function remove(id: string, props: DeviceOutputs): Promise<void> {
  if (props.deletePolicy !== "restoreLabels") {
    console.log(
      `Hapn device ${id} stays in the account with its current labels (trackers cannot be deleted). ` +
        'Set deletePolicy: "restoreLabels" to put back the labels it had when this stack adopted it.',
    );
    return;
  }
  if (adoptedInProcess()[id]) {
    // Another resource adopted this tracker in this same deployment (a renamed resource without `aliases`):
    // restoring would overwrite the labels it just applied.
    console.warn(
      `Hapn device ${id}: not restoring labels, because another resource of this deployment adopted the ` +
        "tracker. When renaming a Device, add the old name to `aliases` so Pulumi keeps it as one resource.",
    );
    return;
  }
  const api = shared();
  const device = await api.client.getDevice(id);
  if (!device) {
    console.warn(`Hapn device ${id} is no longer in the account; there are no labels to restore.`);
    return;
  }
  const original: DeviceInputs = { imei: id };
  const skipped: string[] = [];
  for (const f of props.managedFields ?? []) {
    const value = props.adoptedLabels?.[f];
    if (value === undefined || labelProblem(f, value)) skipped.push(f);
    else original[f] = value;
  }
  await applyPatch(api, device, labelPatch(device, original));
  api.reader.forget(id);
  const note = skipped.length > 0 ? ` (left ${skipped.join(", ")} as is: no valid value was recorded)` : "";
  console.log(`Hapn device ${id}: restored the labels it had when this stack adopted it${note}.`);
}
