/**
 * When lookups read the account, and how they share requests. A lookup never answers from an earlier read: its
 * request starts after the lookup was called. Lookups run in the program's process while resources are written
 * in the provider's, so a listing kept from earlier in the program would miss what the deployment has changed
 * since (a Device renamed by this `up`, seen by `getDeviceOutput({ imei: car.imei })` as its old name). A lookup
 * whose inputs wait on a resource is called once that resource's operation is done, so its read sees the result.
 *
 * Lookups called within {@link WINDOW_MS} of each other (all those of a program's first run, say) form one batch:
 * one listing of the account answers them all when one of them is `getDevices`; otherwise a {@link DeviceReader}
 * of their own chooses between listing pages and single GETs, as the resources' reads do. A failed batch fails
 * only its own lookups: nothing is kept, so the next lookup asks again.
 */
import type { HapnClient } from "../client";
import { DeviceReader } from "../device/reader";
import { kindState } from "../process-state";
import type { Device } from "../api-model/wire-types";

/** How long a batch gathers lookups before its requests start. */
export const WINDOW_MS = 10;

/** The client calls a batch uses. */
export type AccountSource = Pick<HapnClient, "getDevice" | "listDevicePages" | "listDevices">;

/** The lookups gathered by the batch still open. */
interface Batch {
  source: AccountSource;
  /** getDevice lookups, by IMEI. */
  reads: Array<{ imei: string; resolve: (d: Device | undefined) => void; reject: (e: unknown) => void }>;
  /** getDevices lookups. */
  lists: Array<{ resolve: (ds: Device[]) => void; reject: (e: unknown) => void }>;
}

/** The open batch of this process, if any (kept in process state, so every copy of this module shares it). */
function openBatch(source: AccountSource): Batch {
  const slot = kindState("lookup-batch", () => ({}) as { open?: Batch });
  if (slot.open && slot.open.source === source) return slot.open;
  const batch: Batch = { source, reads: [], lists: [] };
  slot.open = batch;
  setTimeout(() => {
    if (slot.open === batch) slot.open = undefined; // later lookups start a new batch, with a read of their own
    void serve(batch);
  }, WINDOW_MS);
  return batch;
}

/** Answers a closed batch: its requests all start now, after every lookup of it was called. */
async function serve({ source, reads, lists }: Batch): Promise<void> {
  if (lists.length > 0) {
    let all: Device[];
    try {
      all = await source.listDevices({ limit: 1000 });
    } catch (error) {
      [...reads, ...lists].forEach((l) => l.reject(error));
      return;
    }
    lists.forEach((l) => l.resolve(all));
    const byImei = new Map(all.map((d) => [d.imei, d]));
    // A listing alone never proves a device gone (the account may change between its pages): confirm with a GET.
    for (const read of reads) {
      const device = byImei.get(read.imei);
      if (device) read.resolve(device);
      else source.getDevice(read.imei).then(read.resolve, read.reject);
    }
    return;
  }
  const reader = new DeviceReader(source, { windowMs: 0 });
  for (const read of reads) reader.get(read.imei).then(read.resolve, read.reject);
}

/** One device as the account has it now, or undefined when it is not in the account. */
export function readDevice(source: AccountSource, imei: string): Promise<Device | undefined> {
  return new Promise((resolve, reject) => openBatch(source).reads.push({ imei, resolve, reject }));
}

/** Every device of the account as it is now. */
export function readAllDevices(source: AccountSource): Promise<Device[]> {
  return new Promise((resolve, reject) => openBatch(source).lists.push({ resolve, reject }));
}
