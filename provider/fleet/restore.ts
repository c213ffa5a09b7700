/**
 * Putting back the labels a fleet's trackers had when this stack adopted them (`deletePolicy: "restoreLabels"`): on
 * destroy for every tracker, on update for the trackers taken out of `devices`. Only labels that differ are written;
 * a tracker that another resource adopted in this same deployment is left alone (restoring would overwrite the
 * labels it just applied), as a Device's delete does.
 */
import type { DeviceLabelField } from "../api-model/wire-types";
import { deviceDeployment, releasing } from "../device/deployment";
import { labelProblem } from "../device/labels";
import { warn } from "../messages";
import type { ProviderApi } from "../provider-api";
import { failureMessage, trackerList, trackers } from "./failures";
import type { FleetMap, FleetRecord } from "./state";
import { readTrackers, writeTrackers, writesFor } from "./trackers";

/** The recorded original labels of `imeis` that can be restored (present when recorded, valid values only). */
function originals(prior: Partial<FleetRecord>, imeis: readonly string[]): FleetMap {
  const original: FleetMap = {};
  for (const imei of imeis) {
    const labels = prior.adopted?.[imei];
    if (!labels || prior.missing?.includes(imei)) continue;
    const fields = (Object.keys(labels) as DeviceLabelField[]).filter(
      (f) => labels[f] !== undefined && !labelProblem(f, labels[f]),
    );
    original[imei] = Object.fromEntries(fields.map((f) => [f, labels[f]]));
  }
  return original;
}

/**
 * Restores the adopted labels of `imeis`; returns how many trackers were written. Throws, naming the failed
 * trackers grouped by reason and what to run again (`rerun`), when some writes fail: nothing is recorded then, and
 * the next attempt writes only the trackers still different.
 */
export async function restoreAdopted(
  api: ProviderApi,
  fleetId: string,
  prior: Partial<FleetRecord>,
  imeis: readonly string[],
  rerun: string,
): Promise<number> {
  // Decided before anything is awaited: an adopter of this deployment that starts later waits for the release.
  const adoptedElsewhere = imeis.filter((imei) => deviceDeployment().adopted[imei]);
  const restoring = releasing(imeis, (free) => restoreLabels(api, fleetId, originals(prior, free), rerun));
  if (adoptedElsewhere.length > 0) {
    await warn(
      `DeviceFleet ${fleetId}: not restoring the labels of ${trackerList(adoptedElsewhere)}, because another resource ` +
        "of this deployment adopted them.",
    );
  }
  return restoring;
}

/** Puts `original` back on trackers no other resource of the deployment adopts (see restoreAdopted). */
async function restoreLabels(api: ProviderApi, fleetId: string, original: FleetMap, rerun: string): Promise<number> {
  const live = await readTrackers(api, Object.keys(original));
  const gone = Object.keys(original).filter((imei) => !live[imei]);
  if (gone.length > 0) {
    await warn(`DeviceFleet ${fleetId}: ${trackerList(gone)} no longer in the account; nothing to restore there.`);
  }
  const { written, failures } = await writeTrackers(api, writesFor(original, live));
  const restored = `restored the labels of ${trackers(Object.keys(written).length)}`;
  if (failures.length > 0) throw new Error(`${failureMessage(fleetId, restored, failures)}\n${rerun}`);
  return Object.keys(written).length;
}
