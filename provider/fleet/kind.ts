/**
 * The DeviceFleet kind: many trackers, adopted by IMEI, whose labels one resource manages, so the engine sees one
 * resource where N Devices would cost it N (it rewrites the whole snapshot at every step: bench/FINDINGS.md). Each
 * tracker behaves as a Device would: adopted with its original labels recorded, written only where its labels
 * differ, refreshed to its live labels (drift names tracker and field), restored on destroy with `deletePolicy:
 * "restoreLabels"`. Writes that partly fail are recorded as far as they were applied (see ../kind/outcomes.ts,
 * PartialWrite) and reported grouped by reason. Adoptions are journalled in one batch per operation
 * (../device/adoption-journal.ts), so an `up` killed after its writes still records the true original labels. The
 * kernel derives check, diff and the refresh's inputs.
 */
import { randomUUID } from "node:crypto";
import type { DeviceLabelField } from "../api-model/wire-types";
import { adoptionJournal, journalFleetAdoption } from "../device/adoption-journal";
import { adopting } from "../device/deployment";
import { pickLabels } from "../device/labels";
import { TRACKER_DELETE_POLICY, TRACKER_ON_MISSING } from "../device/kind";
import type { KindDefinition, Props } from "../kind/definition";
import { initializationFailed, PartialWrite } from "../kind/outcomes";
import { bookkeepingOf } from "../kind/stored-state";
import { adviseOnce, inform, warn } from "../messages";
import { type ProviderApi, providerApi } from "../provider-api";
import { DEVICES_FIELD } from "./devices-field";
import { failureMessage, NOT_IN_ACCOUNT, type TrackerFailure, trackerList, trackers } from "./failures";
import { restoreAdopted } from "./restore";
import type {
  FleetBookkeeping,
  FleetInputs,
  FleetLabels,
  FleetLive,
  FleetMap,
  FleetOutputs,
  FleetRecord,
} from "./state";
import { isStoredFleet, readFleet, storedFleet } from "./stored";
import { pickFields, readTrackers, writesFor, writeTrackers } from "./trackers";

/** What to do after trackers failed: the applied ones are recorded, so the next `up` writes only the rest. */
const RETRY_ADVICE =
  "The trackers that were written are recorded in the stack; run `pulumi up` again to write only the rest. A " +
  'tracker not in the account fails until it is back: remove it from `devices`, or set `onMissing: "warn"`.';

/** The labels a tracker's entry sets. */
function fieldsOf(labels: FleetLabels): DeviceLabelField[] {
  return (Object.keys(labels) as DeviceLabelField[]).filter((f) => labels[f] !== undefined);
}

/**
 * The fleet's record: for each tracker it should carry (`wanted`), its managed labels as they are now, the labels
 * recorded at adoption (those it had before this stack first wrote it), and, with `onMissing: "warn"`, the
 * trackers not in the account (recorded with the wanted labels, so nothing shows as a change while they are away).
 * A tracker not in the account with `onMissing: "fail"` is left out: the next `up` finds it again and fails.
 */
export function fleetRecord(live: FleetLive, bk: FleetBookkeeping): FleetRecord {
  const record: FleetRecord = {
    devices: {},
    adopted: {},
    missing: [],
    managedFields: [...bk.managedFields],
    deletePolicy: bk.deletePolicy,
    onMissing: bk.onMissing,
  };
  for (const [imei, want] of Object.entries(bk.wanted)) {
    const fields = fieldsOf(want);
    const now = live.after[imei];
    if (!now) {
      if (bk.onMissing !== "warn") continue;
      record.devices[imei] = pickFields(want, fields);
      record.missing.push(imei);
      if (bk.adopted[imei]) record.adopted[imei] = bk.adopted[imei];
      continue;
    }
    record.devices[imei] = pickFields(now, fields);
    const first = live.original?.[imei] ?? live.before[imei] ?? now;
    record.adopted[imei] = pickFields({ ...first, ...bk.adopted[imei] }, fields);
  }
  return record;
}

/** The bookkeeping for inputs `inputs`, keeping what was recorded at adoption in `prior`. */
function inputBookkeeping(inputs: FleetInputs, prior: Partial<FleetRecord>): FleetBookkeeping {
  return bookkeepingOf<FleetBookkeeping>(DEVICE_FLEET, inputs, {
    wanted: inputs.devices,
    adopted: prior.adopted ?? {},
  });
}

/** The outcome of bringing every tracker to its wanted labels. */
interface Applied {
  live: FleetLive;
  failures: TrackerFailure[];
  written: number;
}

/**
 * Brings each tracker of `wanted` to its labels: one read of them all, then a write for each one that differs. A
 * tracker not in the account is a failure with `onMissing: "fail"`, a warning with "warn".
 */
async function applyLabels(
  api: ProviderApi,
  fleetId: string,
  wanted: FleetMap,
  onMissing: string,
  adopted: FleetMap,
): Promise<Applied> {
  const imeis = Object.keys(wanted);
  // A resource of this deployment that managed one of them must not restore its labels over the fleet's.
  await adopting(imeis.filter((imei) => !adopted[imei]));
  const before = await readTrackers(api, imeis);
  const fresh = imeis.filter((imei) => before[imei] && !adopted[imei]);
  // A kill after an earlier adoption's writes left the program's labels on some trackers: the journal knows better.
  const journal = adoptionJournal();
  const original: FleetMap = {};
  for (const imei of fresh) original[imei] = journal.originalLabels(imei, pickLabels(before[imei]));
  const missing = imeis.filter((imei) => !before[imei]);
  if (missing.length > 0 && onMissing === "warn") {
    await warn(
      `DeviceFleet ${fleetId}: ${trackerList(missing)} not in the account; keeping them unchanged because onMissing is ` +
        '"warn". Their labels are applied when they are back.',
    );
  }
  const missingFailures =
    onMissing === "warn" ? [] : missing.map((imei) => ({ imei, error: new Error(NOT_IN_ACCOUNT) }));
  const writes = writesFor(wanted, before);
  const adoptionWrites = writes.filter((w) => original[w.imei]);
  await journalFleetAdoption(
    journal,
    fleetId,
    adoptionWrites.map((w) => ({ imei: w.imei, original: pickLabels(original[w.imei]), intended: w.patch })),
  );
  const { written, failures } = await writeTrackers(api, writes);
  return {
    live: { before, after: { ...before, ...written }, original },
    failures: [...missingFailures, ...failures],
    written: Object.keys(written).length,
  };
}

/** The error of an operation in which some trackers failed, naming them grouped by reason. */
function partialFailure(fleetId: string, applied: Applied): string {
  return failureMessage(fleetId, `wrote the labels of ${trackers(applied.written)}`, applied.failures);
}

/** The DeviceFleet kind. */
export const DEVICE_FLEET: KindDefinition<FleetInputs, FleetRecord, FleetOutputs, FleetLive> = {
  name: "DeviceFleet",
  doc:
    "Many trackers, adopted by IMEI, whose labels one resource manages: each behaves as a Device would, and drift " +
    'names the tracker and the label (`devices["<imei>"].name`).',
  storedAs: "deviceFleet",
  outputs: {
    deletePolicy: { doc: "What destroy does to every tracker of the fleet: `retain` or `restoreLabels`." },
    onMissing: { doc: "What `up` does for a tracker that is not in the account: `fail` or `warn`." },
    fleetJson: {
      doc: "The trackers' live labels, the labels at adoption and the IMEIs not in the account, as one JSON text.",
    },
  },
  fields: [DEVICES_FIELD],
  options: [TRACKER_DELETE_POLICY, TRACKER_ON_MISSING],
  checkOrder: ["devices"],
  stored: { write: storedFleet, read: readFleet, isCurrent: isStoredFleet },
  calls: {
    /** The recorded trackers as they are now; one gone from the account is said once, grouped. */
    async read(api, id, prior) {
      const state = prior as Partial<FleetRecord>;
      const imeis = Object.keys(state.devices ?? {});
      const live = await readTrackers(api, imeis);
      const gone = imeis.filter((imei) => !live[imei] && !state.missing?.includes(imei));
      if (gone.length > 0) {
        const kept =
          state.onMissing === "warn"
            ? 'keeping them because onMissing is "warn"'
            : "removing them from the stack's state";
        await warn(`DeviceFleet ${String(id)}: ${trackerList(gone)} no longer in the account; ${kept}.`);
      }
      return { before: live, after: live };
    },
    /**
     * Trackers taken out of `devices` are released first (with `deletePolicy: "restoreLabels"`, their labels put
     * back, as destroying their Devices would); then every tracker is brought to its labels.
     */
    async update(api, id, patch, prior, news) {
      const inputs = news as unknown as FleetInputs;
      const wanted = patch.devices as FleetMap;
      const state = prior as Partial<FleetRecord>;
      const released = Object.keys(state.devices ?? {}).filter((imei) => wanted[imei] === undefined);
      if (released.length > 0 && state.deletePolicy === "restoreLabels") {
        const rerun = "Nothing else was written; run `pulumi up` again.";
        const restored = await restoreAdopted(api, String(id), state, released, rerun);
        if (restored > 0)
          await inform(`DeviceFleet ${String(id)}: released ${trackers(restored)}, their labels restored.`);
      }
      const applied = await applyLabels(api, String(id), wanted, inputs.onMissing ?? "fail", state.adopted ?? {});
      if (applied.failures.length > 0)
        throw new PartialWrite(partialFailure(String(id), applied), applied.live, RETRY_ADVICE);
      if (applied.written > 0)
        await inform(`DeviceFleet ${String(id)}: wrote the labels of ${trackers(applied.written)}.`);
      return applied.live;
    },
    /** Writes already told the device reader. */
    remember: () => undefined,
  },
  recorded: (stored) => ({ adopted: stored.adopted ?? {}, missing: stored.missing ?? [] }),
  record: (live, bookkeeping) => fleetRecord(live, bookkeeping as unknown as FleetBookkeeping),
  refreshBookkeeping: (prior) => ({ ...prior, wanted: prior.devices ?? {}, adopted: prior.adopted ?? {} }),
  updateBookkeeping: (prior, news) => inputBookkeeping(news, prior) as unknown as Props,

  inState: (id, prior) => adoptionJournal().forgetRecordedBatch(id, (imei) => prior.adopted?.[imei] !== undefined),

  /** Adopts every tracker: records its labels, then writes those that differ. */
  async create(inputs) {
    const api = providerApi();
    const id = `fleet-${randomUUID()}`;
    const applied = await applyLabels(api, id, inputs.devices, inputs.onMissing ?? "fail", {});
    const outs = storedFleet(fleetRecord(applied.live, inputBookkeeping(inputs, {})));
    if (applied.failures.length > 0) {
      throw initializationFailed(id, outs, partialFailure(id, applied), RETRY_ADVICE);
    }
    await inform(
      `DeviceFleet ${id}: adopted ${trackers(Object.keys(applied.live.before).length)}; wrote the labels of ${trackers(applied.written)}.`,
    );
    return { id, outs };
  },

  /** Never called: a fleet's read always answers (a tracker gone is left out of the record instead). */
  readGone: async () => ({}),

  /** Never called: a fleet's update reports trackers that are gone as failures instead. */
  async updateGone() {
    throw new Error("DeviceFleet: unexpected 404 for the fleet as a whole");
  },

  /**
   * Destroy: the trackers stay in the account. With `deletePolicy: "restoreLabels"` each tracker's managed labels
   * go back to what they were at adoption (only those that differ are written); trackers that fail are named, and
   * a second `destroy` restores them (the ones already restored are not written again).
   */
  async delete(id, prior) {
    if (prior.deletePolicy !== "restoreLabels") {
      await adviseOnce(
        "fleet-retain",
        "info",
        "The trackers of a DeviceFleet stay in the account with their current labels when it is destroyed. Set " +
          'deletePolicy: "restoreLabels" to put back the labels they had when this stack adopted them.',
      );
      return;
    }
    const imeis = Object.keys(prior.devices ?? {});
    const rerun = "Run `pulumi destroy` again to restore the rest.";
    const restored = await restoreAdopted(providerApi(), id, prior, imeis, rerun);
    await inform(`DeviceFleet ${id}: restored the labels of ${trackers(restored)} to what they had at adoption.`);
  },
};
