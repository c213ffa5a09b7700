/**
 * The Device resource's CRUD, as the provider process runs it, reached through the stable entry point
 * `pulumi-hapn/state/v1` that the provider code stored in state requires by name (../stored-provider.ts), so no
 * code of this module is copied into any resource's state.
 */
import type * as pulumi from "@pulumi/pulumi";
import { isKnown, withSharedChecks } from "../check-core";
import { adviseOnce, inform, warn } from "../messages";
import { configureProcess, currentSettings, kindState, type ProviderApi, providerApi } from "../process-state";
import { initializationFailed, refreshedInputs, undefinedIfNotFound } from "../resource-kind";
import { type Device, type DeviceLabelField, type DevicePatch } from "../api-model/wire-types";
import { AdoptionJournal, journalDir } from "./adoption-journal";
import { checkDevice } from "./check";
import { diffDevice, labelPatch } from "./diff";
import { type Labels, labelProblem, pickLabels } from "./labels";
import {
  absentRecord,
  bookkeepingOf,
  type DeviceInputs,
  type DeviceOutputs,
  type DeviceRecord,
  liveInputs,
  normalizeState,
  toRecord,
} from "./state";
import { isCurrentShape, storedOutputs } from "./stored";

/** What the provider process remembers about Devices during one deployment. */
interface DeviceProcessState {
  /** IMEIs adopted by a create in this process (see `delete`). */
  adopted: Record<string, true>;
  /** IMEI → name of the Device resource that declared it, as seen by `check` (see duplicateFailure). */
  claims: Record<string, string>;
}

function deviceState(): DeviceProcessState {
  return kindState<DeviceProcessState>("device", () => ({ adopted: {}, claims: {} }));
}

/** The Device provider, typed at the boundary with the engine. */
export type DeviceProvider = Required<pulumi.dynamic.ResourceProvider<DeviceInputs, DeviceOutputs>>;

/**
 * A second Device resource of this deployment that declares an IMEI another one already declares. Every `check`
 * of a deployment runs in this one process, so the first declaration is on record; across stacks nothing is.
 */
function duplicateFailure(inputs: DeviceInputs): pulumi.dynamic.CheckFailure | undefined {
  const name = inputs.__deviceName;
  // An IMEI not known yet (a preview of an output of another resource) is no claim: two such are not duplicates.
  if (name === undefined || !isKnown(inputs.imei)) return undefined;
  const claims = deviceState().claims;
  const other = claims[inputs.imei];
  if (other === undefined || other === name) {
    claims[inputs.imei] = name;
    return undefined;
  }
  return {
    property: "imei",
    reason:
      `IMEI ${inputs.imei} is managed by two Device resources, "${other}" and "${name}"; each would overwrite the ` +
      "other's labels on every update. Keep one of them (add the other's name to its `aliases` if you are renaming it).",
  };
}

/** Applies `patch` if it changes anything and returns the device as it then is. */
async function applyPatch({ client, reader }: ProviderApi, device: Device, patch: DevicePatch): Promise<Device> {
  if (Object.keys(patch).length === 0) return device;
  const updated = await client.updateDevice(device.imei, patch);
  reader.remember(updated);
  return updated;
}

/** The adoption journal of the configured account (see adoption-journal.ts). */
function adoptionJournal(): AdoptionJournal {
  const { apiUrl, clientId = "" } = currentSettings();
  return new AdoptionJournal({ apiUrl, clientId });
}

/**
 * Records, before the adoption's PATCH, the labels to restore and those about to be written. A journal that
 * cannot be written (a read-only home, say) costs only crash safety, so it is a warning, not a failure.
 */
async function journalAdoption(journal: AdoptionJournal, imei: string, original: Labels, patch: DevicePatch) {
  try {
    journal.record(imei, original, patch);
  } catch (error) {
    await adviseOnce(
      "journal-unwritable",
      "warning",
      `pulumi-hapn could not write its adoption journal in ${journalDir()} (${(error as Error).message}); if this ` +
        "`up` is killed mid-adoption, the next one may record the program's labels as a tracker's adoptedLabels. " +
        "Set HAPN_STATE_DIR to a writable folder.",
    );
  }
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

/**
 * A create that found the tracker but could not apply its labels: the engine records the resource (with the
 * labels it had before adoption) as created but not initialized, so the next `up` updates it instead of adopting
 * it again and recording labels this program may already have written as the "original" ones.
 */
function adoptionFailed(device: Device, inputs: DeviceInputs, adoptedLabels: Labels, error: unknown): Error {
  return initializationFailed(
    device.imei,
    storedOutputs(toRecord(device, bookkeepingOf(inputs, adoptedLabels))),
    `Hapn device ${device.imei}: adopted, but applying its labels failed: ${(error as Error).message}`,
    "Its labels from before adoption are recorded; run `pulumi up` again to apply them.",
  );
}

/** The warning for a tracker that is not (or no longer) in the account while `onMissing` is "warn". */
function keptWhileMissing(imei: string): Promise<void> {
  return warn(
    `Hapn device ${imei} is not in the account; keeping it in the stack unchanged because onMissing is "warn". ` +
      "Its labels are applied when the tracker is back; remove the Device from the program to stop managing it.",
  );
}

/** The Device CRUD. Methods only forward or compute: nothing here is captured by serialization. */
export const deviceOperations: DeviceProvider = {
  /** Stores the connection settings. Synchronous in effect: see configureProcess. */
  async configure(req) {
    configureProcess(req.config);
  },

  /**
   * Validates inputs without calling the API; also catches missing credentials, invalid client settings and a
   * twice-managed IMEI.
   */
  async check(_olds, news) {
    return withSharedChecks(checkDevice(news as unknown as Record<string, unknown>), duplicateFailure);
  },

  /**
   * Compares desired inputs with the device's outputs. State in an earlier shape (no `factsJson`) counts as a
   * change, so the next `up` stores it in today's shape and the program's `facts` output is filled in.
   */
  async diff(id, olds, news) {
    adoptionJournal().clear(id); // in state: its adoption is on record
    const result = diffDevice(normalizeState(olds, id), news);
    return isCurrentShape(olds) ? result : { ...result, changes: true };
  },

  /** Adopts a tracker that is already in the account: hardware cannot be created through the API. */
  async create(inputs) {
    const api = providerApi();
    const device = await api.reader.get(inputs.imei);
    if (!device) {
      if (inputs.onMissing !== "warn") throw notInAccount(inputs.imei, api.client.apiUrl);
      await keptWhileMissing(inputs.imei);
      return { id: inputs.imei, outs: storedOutputs(absentRecord(normalizeState(undefined, inputs.imei), inputs)) };
    }
    // A kill after an earlier adoption's PATCH left the program's labels on the tracker: the journal knows better.
    const journal = adoptionJournal();
    const adoptedLabels = journal.originalLabels(device.imei, pickLabels(device));
    const patch = labelPatch(device, inputs);
    if (Object.keys(patch).length > 0) await journalAdoption(journal, device.imei, adoptedLabels, patch);
    const updated = await applyPatch(api, device, patch).catch((error: unknown) => {
      throw adoptionFailed(device, inputs, adoptedLabels, error);
    });
    deviceState().adopted[device.imei] = true;
    if (Object.keys(patch).length > 0) {
      await inform(`Hapn device ${device.imei}: adopted; changed ${describeChanges(adoptedLabels, patch)}.`);
    }
    return { id: device.imei, outs: storedOutputs(toRecord(updated, bookkeepingOf(inputs, adoptedLabels))) };
  },

  /**
   * Refresh: the device as it is now. Returning `inputs` when the managed labels or options changed lets a hand
   * edit show up as drift with the field named (see refreshedInputs). A device gone from the account is dropped from state (a blank id) with a warning, or kept unchanged
   * with `onMissing: "warn"`.
   */
  async read(id, props) {
    const prior = normalizeState(props, id);
    adoptionJournal().clear(id);
    const device = await providerApi().reader.get(id);
    if (!device) {
      if (prior.onMissing === "warn") {
        await keptWhileMissing(id);
        const record = absentRecord(prior, liveInputs(prior as DeviceRecord));
        return { id, props: storedOutputs(record), inputs: liveInputs(record) as unknown as DeviceOutputs };
      }
      await warn(`Hapn device ${id} is no longer in the account; removing it from the stack's state.`);
      await adviseOnce(
        "device-gone",
        "info",
        'A Device whose tracker left the account fails the next `up`: remove it from the program, or set `onMissing: "warn"` on it.',
      );
      return {};
    }
    const record = toRecord(device, { ...prior, adoptedLabels: prior.adoptedLabels ?? pickLabels(device) });
    const inputs = refreshedInputs(liveInputs(prior as DeviceRecord), liveInputs(record));
    return { id, props: storedOutputs(record), inputs: inputs as unknown as DeviceOutputs | undefined };
  },

  /** Sends only the labels that changed. */
  async update(id, olds, news) {
    const prior = normalizeState(olds, id);
    adoptionJournal().clear(id);
    const api = providerApi();
    const patch = labelPatch(prior, news);
    const device = await (Object.keys(patch).length > 0
      ? undefinedIfNotFound(api.client.updateDevice(id, patch))
      : api.reader.get(id));
    if (!device) {
      if (news.onMissing !== "warn") throw notInAccount(id, api.client.apiUrl);
      await keptWhileMissing(id);
      return { outs: storedOutputs(absentRecord(prior, news)) };
    }
    api.reader.remember(device);
    // A label the program starts managing now is recorded as it was just before, for restoreLabels.
    const adoptedLabels = { ...(prior.adoptedLabels ?? pickLabels(prior)) };
    for (const f of bookkeepingOf(news, adoptedLabels).managedFields) {
      if (!prior.managedFields.includes(f)) adoptedLabels[f] = prior[f] ?? "";
    }
    return { outs: storedOutputs(toRecord(device, bookkeepingOf(news, adoptedLabels))) };
  },

  /**
   * Destroy: the tracker stays in the account. With `deletePolicy: "restoreLabels"` the managed labels go back to
   * what they were at adoption; otherwise the tracker is left as it is, and the log says so once.
   */
  async delete(id, props) {
    const prior = normalizeState(props, id);
    adoptionJournal().clear(id);
    if (prior.deletePolicy !== "restoreLabels") {
      await adviseOnce(
        "device-retain",
        "info",
        "Hapn devices stay in the account with their current labels when destroyed (trackers cannot be deleted). " +
          'Set deletePolicy: "restoreLabels" to put back the labels they had when this stack adopted them.',
      );
      return;
    }
    if (deviceState().adopted[id]) {
      // Another resource adopted this tracker in this same deployment (a renamed resource without `aliases`):
      // restoring would overwrite the labels it just applied.
      await warn(
        `Hapn device ${id}: not restoring labels, because another resource of this deployment adopted the ` +
          "tracker. When renaming a Device, add the old name to `aliases` so Pulumi keeps it as one resource.",
      );
      return;
    }
    const api = providerApi();
    const device = await api.client.getDevice(id);
    if (!device) {
      await warn(`Hapn device ${id} is no longer in the account; there are no labels to restore.`);
      return;
    }
    const original: DeviceInputs = { imei: id };
    const skipped: string[] = [];
    for (const f of prior.managedFields) {
      const value = prior.adoptedLabels?.[f];
      if (value === undefined || labelProblem(f, value)) skipped.push(f);
      else original[f] = value;
    }
    await applyPatch(api, device, labelPatch(device, original));
    api.reader.forget(id);
    const note = skipped.length > 0 ? ` (left ${skipped.join(", ")} as is: no valid value was recorded)` : "";
    await inform(`Hapn device ${id}: restored the labels it had when this stack adopted it${note}.`);
  },
};
