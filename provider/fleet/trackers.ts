/**
 * Reading and writing the labels of many trackers: reads through the process's device reader (one listing of the
 * account serves them all: ⌈N/1000⌉ pages for N trackers), writes through the shared client (its concurrency
 * limit, retries and breakers), each write's failure kept with its tracker instead of failing the rest.
 */
import type { DeviceLabelField, DevicePatch } from "../api-model/wire-types";
import { DEVICE } from "../device/kind";
import { pickLabels } from "../device/labels";
import { patchFor } from "../kind/compare";
import type { ProviderApi } from "../provider-api";
import { normalizeLabels } from "./devices-field";
import type { TrackerFailure } from "./failures";
import type { FleetLabels, FleetMap } from "./state";

/** The four labels of each tracker in `imeis` that is in the account (one missing from the result is not). */
export async function readTrackers({ reader }: ProviderApi, imeis: readonly string[]): Promise<FleetMap> {
  const devices = await Promise.all(imeis.map((imei) => reader.get(imei)));
  const labels: FleetMap = {};
  devices.forEach((device, i) => {
    if (device) labels[imeis[i]] = pickLabels(device);
  });
  return labels;
}

/** One tracker's write: the API body that turns its live labels into the wanted ones. */
export interface TrackerWrite {
  imei: string;
  patch: DevicePatch;
}

/**
 * The writes that turn `live` into `wanted`: one per tracker in the account whose labels differ, with only the
 * labels that differ (the Device's own comparison, so a fleet writes exactly what N Devices would).
 */
export function writesFor(wanted: FleetMap, live: FleetMap): TrackerWrite[] {
  return Object.entries(wanted)
    .filter(([imei]) => live[imei] !== undefined)
    .map(([imei, labels]) => ({ imei, patch: patchFor<DevicePatch>(DEVICE, live[imei], labels) }))
    .filter((w) => Object.keys(w.patch).length > 0);
}

/** What a batch of writes did: each written tracker's labels as the API returned them, and the failures. */
export interface WriteOutcome {
  written: FleetMap;
  failures: TrackerFailure[];
}

/** Sends every write at once (the client queues them at its concurrency); a failed one is kept, not thrown. */
export async function writeTrackers(
  { client, reader }: ProviderApi,
  writes: readonly TrackerWrite[],
): Promise<WriteOutcome> {
  const outcome: WriteOutcome = { written: {}, failures: [] };
  await Promise.all(
    writes.map(({ imei, patch }) =>
      client.updateDevice(imei, patch).then(
        (device) => {
          reader.remember(device);
          outcome.written[imei] = pickLabels(device);
        },
        (error: unknown) => {
          outcome.failures.push({ imei, error });
        },
      ),
    ),
  );
  return outcome;
}

/** The labels `fields` of `labels`, in canonical form. */
export function pickFields(labels: FleetLabels, fields: readonly DeviceLabelField[]): FleetLabels {
  const picked: FleetLabels = {};
  for (const f of fields) picked[f] = labels[f] ?? "";
  return normalizeLabels(picked);
}
