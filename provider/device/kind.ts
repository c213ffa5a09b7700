/**
 * The Device kind: a tracker adopted by IMEI, whose labels a program manages. Its properties and their rules, its
 * options, how it is stored, and its lifecycle: `create` adopts (hardware cannot be created), a tracker gone from
 * the account fails the `up` or, with `onMissing: "warn"`, is kept with a warning, and destroy leaves the tracker in
 * the account (with `deletePolicy: "restoreLabels"`, with the labels it had before adoption). The kernel
 * (../kind/) derives check, diff, the patch and the refresh's inputs from it; ../hosts/ serve it.
 */
import { imeiFromNumber, programImeiProblem } from "../api-model/imei";
import { DEVICE_LABEL_FIELDS, type Device, type DeviceLabelField, type DevicePatch } from "../api-model/wire-types";
import { UNKNOWN } from "../check-core";
import { SCHEMA_TYPES } from "../schema-types";
import type { FieldRule, KindDefinition, OptionRule, Props } from "../kind/definition";
import { initializationFailed } from "../kind/outcomes";
import { patchFor } from "../kind/compare";
import { bookkeepingOf, liveInputs } from "../kind/stored-state";
import { adviseOnce, inform, warn } from "../messages";
import { type ProviderApi, providerApi } from "../provider-api";
import { adoptionJournal, journalAdoption } from "./adoption-journal";
import { adopting, deviceDeployment } from "./deployment";
import { type Labels, labelProblem, normalizeLabel, pickLabels } from "./labels";
import {
  absentRecord,
  DELETE_POLICIES,
  type DeviceInputs,
  type DeviceOutputs,
  type Bookkeeping,
  type DeviceRecord,
  ON_MISSING,
  toRecord,
} from "./state";
import { flattenStored, isCurrentShape, storedOutputs } from "./stored";

/** A label field's rules: the API model's value rules, compared in canonical form (lowercase colors). */
function labelRule(field: DeviceLabelField): FieldRule {
  return {
    name: field,
    doc: `${SCHEMA_TYPES.TrackerLabels.properties[field].doc} Only the labels set are managed; the others are left alone.`,
    problem: (value) => labelProblem(field, value),
    normalize: (value) => normalizeLabel(field, String(value)),
  };
}

/** The bookkeeping of a Device besides its managed fields and options: the labels recorded at adoption. */
function adopted(adoptedLabels: Labels): Props {
  return { adoptedLabels };
}

/** Applies `patch` if it changes anything and returns the device as it then is. */
async function applyPatch({ client, reader }: ProviderApi, device: Device, patch: DevicePatch): Promise<Device> {
  if (Object.keys(patch).length === 0) return device;
  const updated = await client.updateDevice(device.imei, patch);
  reader.remember(updated);
  return updated;
}

/** "name "Van 2" → "Van #2", color "#579db5" → "#00aa11"": what a patch changed, for the log. */
function describeChanges(before: Labels, patch: DevicePatch): string {
  return (Object.keys(patch) as DeviceLabelField[])
    .map((f) => `${f} ${JSON.stringify(before[f])} → ${JSON.stringify(patch[f])}`)
    .join(", ");
}

/** The error for a tracker that is not in the account, naming the way through. */
function notInAccount(imei: string, apiUrl: string): Error {
  return new Error(
    `IMEI ${imei} is not in this Hapn account (${apiUrl}). A Device adopts a tracker that is already activated ` +
      "in the account; check the IMEI, or activate the tracker in the Hapn app first. If it left the account on " +
      'purpose, remove the Device from the program, or set `onMissing: "warn"` to keep it without failing.',
  );
}

/** The warning for a tracker that is not (or no longer) in the account while `onMissing` is "warn". */
function keptWhileMissing(imei: string): Promise<void> {
  return warn(
    `Hapn device ${imei} is not in the account; keeping it in the stack unchanged because onMissing is "warn". ` +
      "Its labels are applied when the tracker is back; remove the Device from the program to stop managing it.",
  );
}

/** The record of a tracker not in the account, as the program's inputs describe it. */
function absent(prior: Partial<DeviceRecord>, inputs: DeviceInputs): DeviceRecord {
  const adoptedLabels = { ...(prior.adoptedLabels ?? pickLabels(prior)) };
  return absentRecord(prior, inputs, bookkeepingOf<Bookkeeping>(DEVICE, inputs, adopted(adoptedLabels)));
}

/**
 * A create that found the tracker but could not apply its labels: the engine records the resource (with the
 * labels it had before adoption) as created but not initialized, so the next `up` updates it instead of adopting
 * it again and recording labels this program may already have written as the "original" ones.
 */
function adoptionFailed(device: Device, inputs: DeviceInputs, adoptedLabels: Labels, error: unknown): Error {
  return initializationFailed(
    device.imei,
    storedOutputs(toRecord(device, bookkeepingOf<Bookkeeping>(DEVICE, inputs, adopted(adoptedLabels)))),
    `Hapn device ${device.imei}: adopted, but applying its labels failed: ${(error as Error).message}`,
    "Its labels from before adoption are recorded; run `pulumi up` again to apply them.",
  );
}

/** What destroy does to a tracker (a Device's, or every tracker of a DeviceFleet). */
export const TRACKER_DELETE_POLICY: OptionRule = {
  name: "deletePolicy",
  allowed: DELETE_POLICIES,
  fallback: () => "retain",
  doc:
    "What `pulumi destroy` does to the tracker: `retain` (default) leaves it as it is; `restoreLabels` puts back " +
    "the managed labels it had when this stack adopted it. Either way the tracker stays in the account.",
};

/** What `up` does when a tracker is not in the account. */
export const TRACKER_ON_MISSING: OptionRule = {
  name: "onMissing",
  allowed: ON_MISSING,
  fallback: () => "fail",
  doc:
    "What `up` does when the tracker is not in the account: `fail` (default) stops with an error naming the IMEI; " +
    "`warn` keeps the resource unchanged with a warning, and applies the labels once the tracker is back.",
};

/** The Device kind. */
export const DEVICE: KindDefinition<DeviceInputs, DeviceRecord, DeviceOutputs, Device> = {
  name: "Device",
  doc:
    "A tracker of the Hapn account, adopted by IMEI, whose labels the program manages. Trackers cannot be created " +
    "or deleted through the API: `up` adopts it (writing only the labels that differ), destroy leaves it in the " +
    "account.",
  storedAs: "device",
  outputs: {
    imei: { doc: "The tracker's IMEI; also the resource's id." },
    name: { doc: "The tracker's display name, as it is now in the account." },
    description: { doc: "The tracker's description, as it is now in the account." },
    color: { doc: "The tracker's map color as lowercase `#rrggbb`, as it is now in the account." },
    icon: { doc: "The tracker's icon name, as it is now in the account." },
    deletePolicy: { doc: "What destroy does to the tracker: `retain` or `restoreLabels`." },
    onMissing: { doc: "What `up` does when the tracker is not in the account: `fail` or `warn`." },
    factsJson: {
      doc:
        "Everything else as one JSON text: the managed label fields, the labels at adoption, clientId, status, " +
        "iccid, model, connectivityProvider, appUrl, created and modified.",
    },
  },
  key: {
    name: "imei",
    doc: "The tracker's 15-digit IMEI (a string: IMEIs can start with 0). Changing it replaces the resource.",
    required: () => "imei is required: the tracker's 15-digit IMEI, as a string",
    problem: (value) => {
      const problem = programImeiProblem(value);
      return problem && `imei ${problem}`;
    },
    normalize: imeiFromNumber,
    replaces: (olds, news) => news.imei === UNKNOWN || news.imei !== olds.imei,
    fromState: (value, id) => (typeof value === "string" ? value : id),
    liveInput: (record) => ({ imei: record.imei }),
  },
  fields: DEVICE_LABEL_FIELDS.map(labelRule),
  options: [TRACKER_DELETE_POLICY, TRACKER_ON_MISSING],
  checkOrder: ["imei", ...DEVICE_LABEL_FIELDS],
  stored: { write: storedOutputs, read: flattenStored, isCurrent: isCurrentShape },
  calls: {
    read: (api, imei) => api.reader.get(String(imei)),
    update: (api, imei, patch) => api.client.updateDevice(String(imei), patch as DevicePatch),
    remember: (api, device) => api.reader.remember(device),
  },
  record: (device, bookkeeping) => toRecord(device, bookkeeping as Parameters<typeof toRecord>[1]),
  refreshBookkeeping: (prior, device) => ({ ...prior, adoptedLabels: prior.adoptedLabels ?? pickLabels(device) }),

  /** A label the program starts managing now is recorded as it was just before, for restoreLabels. */
  updateBookkeeping(prior, news) {
    const adoptedLabels = { ...(prior.adoptedLabels ?? pickLabels(prior)) };
    const bookkeeping = bookkeepingOf<Bookkeeping>(DEVICE, news, adopted(adoptedLabels));
    for (const f of bookkeeping.managedFields) {
      if (!prior.managedFields?.includes(f)) adoptedLabels[f] = prior[f] ?? "";
    }
    return bookkeeping;
  },

  inState: (imei) => adoptionJournal().clear(imei),

  /** Adopts a tracker that is already in the account: hardware cannot be created through the API. */
  async create(inputs) {
    const api = providerApi();
    // A DeviceFleet of this deployment releasing the tracker must not restore its labels over this Device's.
    await adopting([inputs.imei]);
    const device = await api.reader.get(inputs.imei);
    if (!device) {
      if (inputs.onMissing !== "warn") throw notInAccount(inputs.imei, api.client.apiUrl);
      await keptWhileMissing(inputs.imei);
      return { id: inputs.imei, outs: storedOutputs(absent({ imei: inputs.imei }, inputs)) };
    }
    // A kill after an earlier adoption's PATCH left the program's labels on the tracker: the journal knows better.
    const journal = adoptionJournal();
    const adoptedLabels = journal.originalLabels(device.imei, pickLabels(device));
    const patch = patchFor<DevicePatch>(DEVICE, device, inputs);
    if (Object.keys(patch).length > 0) await journalAdoption(journal, device.imei, adoptedLabels, patch);
    const updated = await applyPatch(api, device, patch).catch((error: unknown) => {
      throw adoptionFailed(device, inputs, adoptedLabels, error);
    });
    if (Object.keys(patch).length > 0) {
      await inform(`Hapn device ${device.imei}: adopted; changed ${describeChanges(adoptedLabels, patch)}.`);
    }
    const bookkeeping = bookkeepingOf<Bookkeeping>(DEVICE, inputs, adopted(adoptedLabels));
    return { id: device.imei, outs: storedOutputs(toRecord(updated, bookkeeping)) };
  },

  /** A tracker gone from the account is dropped from state with a warning, or kept with `onMissing: "warn"`. */
  async readGone(id, prior) {
    if (prior.onMissing === "warn") {
      await keptWhileMissing(id);
      const record = absent(prior, liveInputs<DeviceInputs>(DEVICE, prior));
      return { id, props: storedOutputs(record), inputs: liveInputs<DeviceOutputs>(DEVICE, record) };
    }
    await warn(`Hapn device ${id} is no longer in the account; removing it from the stack's state.`);
    await adviseOnce(
      "device-gone",
      "info",
      'A Device whose tracker left the account fails the next `up`: remove it from the program, or set `onMissing: "warn"` on it.',
    );
    return {};
  },

  async updateGone(api, prior, news) {
    if (news.onMissing !== "warn") throw notInAccount(news.imei, api.client.apiUrl);
    await keptWhileMissing(news.imei);
    return absent(prior, news);
  },

  /**
   * Destroy: the tracker stays in the account. With `deletePolicy: "restoreLabels"` the managed labels go back to
   * what they were at adoption; otherwise the tracker is left as it is, and the log says so once.
   */
  async delete(id, prior) {
    if (prior.deletePolicy !== "restoreLabels") {
      await adviseOnce(
        "device-retain",
        "info",
        "Hapn devices stay in the account with their current labels when destroyed (trackers cannot be deleted). " +
          'Set deletePolicy: "restoreLabels" to put back the labels they had when this stack adopted them.',
      );
      return;
    }
    if (deviceDeployment().adopted[id]) {
      // Another resource adopted this tracker in this same deployment (a renamed resource without `aliases`, or a
      // DeviceFleet it moved to): restoring would overwrite the labels it just applied.
      await warn(
        `Hapn device ${id}: not restoring labels, because another resource of this deployment adopted the ` +
          "tracker (a DeviceFleet it moved to, or a renamed Device: when renaming a Device, add the old name to " +
          "`aliases` so Pulumi keeps it as one resource).",
      );
      return;
    }
    const api = providerApi();
    const device = await api.client.getDevice(id);
    if (!device) {
      await warn(`Hapn device ${id} is no longer in the account; there are no labels to restore.`);
      return;
    }
    const original: Props = { imei: id };
    const skipped: string[] = [];
    for (const f of prior.managedFields ?? []) {
      const value = prior.adoptedLabels?.[f];
      if (value === undefined || labelProblem(f, value)) skipped.push(f);
      else original[f] = value;
    }
    await applyPatch(api, device, patchFor<DevicePatch>(DEVICE, device, original));
    api.reader.forget(id);
    const note = skipped.length > 0 ? ` (left ${skipped.join(", ")} as is: no valid value was recorded)` : "";
    await inform(`Hapn device ${id}: restored the labels it had when this stack adopted it${note}.`);
  },
};
