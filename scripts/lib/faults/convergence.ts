/**
 * What "converged" means for the fault matrix, checked against the emulator's account and the exported state:
 * every Device is in state, without pending operations, its managed labels in the account and in state are what
 * the program says, and its `adoptedLabels` are the labels the tracker had before the first run.
 */
import type { EmulatorAdmin } from "../../../emulator";
import { flattenStored } from "../../../provider/device/stored";
import type { Device } from "../../../provider/api-model/wire-types";
import type { StateResource } from "../project-stack";
import { expectedLabels, type FleetEntry } from "./fleet-project";
import { PLUGIN_DEVICE_TYPE } from "./plugin-fleet-project";

/** The type tokens of a Device in state: the dynamic provider's and the `hapn` plugin's (a stack has one of them). */
export const DEVICE_TYPES = ["pulumi-nodejs:dynamic/hapn:Device", PLUGIN_DEVICE_TYPE];

/** The parts of `pulumi stack export` the matrix reads. */
export interface ExportedState {
  resources: StateResource[];
  pendingOperations: Array<{ type: string; urn: string }>;
}

/** Parses `pulumi stack export` output. */
export function parseExport(text: string): ExportedState {
  const deployment = (JSON.parse(text) as { deployment?: Record<string, unknown> }).deployment ?? {};
  const pending = (deployment.pending_operations ?? []) as Array<{ type: string; resource: { urn: string } }>;
  return {
    resources: ((deployment.resources ?? []) as StateResource[]).filter((r) => DEVICE_TYPES.includes(r.type)),
    pendingOperations: pending.map((p) => ({ type: p.type, urn: p.resource.urn })),
  };
}

type Labels = ReturnType<typeof expectedLabels>;
const FIELDS = ["name", "description", "color"] as const;

function differences(what: string, actual: Partial<Labels> | undefined, wanted: Partial<Labels>): string[] {
  return FIELDS.filter((f) => actual?.[f] !== wanted[f]).map(
    (f) => `${what} ${f} is ${JSON.stringify(actual?.[f])}, expected ${JSON.stringify(wanted[f])}`,
  );
}

/** Every way the account and state differ from a converged run of `entries`; empty when converged. */
export function convergenceProblems(
  admin: EmulatorAdmin,
  state: ExportedState,
  entries: FleetEntry[],
  originals: Map<string, Device>,
): string[] {
  const problems = state.pendingOperations.map((p) => `pending ${p.type} left in state: ${p.urn}`);
  const byId = new Map(state.resources.map((r) => [r.id, r]));
  for (const entry of entries) {
    const wanted = expectedLabels(entry);
    const resource = byId.get(entry.imei);
    const where = `${entry.key} (${entry.imei})`;
    if (!resource) {
      problems.push(`${where} is not in state`);
      continue;
    }
    problems.push(...differences(`${where} in the account:`, admin.getDevice(entry.imei), wanted));
    problems.push(...differences(`${where} in state:`, resource.outputs as Partial<Labels>, wanted));
    // Since 0.2.0 the bookkeeping (adoptedLabels among it) is stored in `factsJson`: read every shape.
    const adopted = flattenStored(resource.outputs as Parameters<typeof flattenStored>[0]).adoptedLabels as
      Partial<Labels> | undefined;
    problems.push(...differences(`${where} adoptedLabels:`, adopted, originals.get(entry.imei)!));
  }
  return problems;
}

/** Devices of `entries` that carry the program's labels in the account but are not in state (a killed adoption). */
export function strandedAdoptions(admin: EmulatorAdmin, state: ExportedState, entries: FleetEntry[]): number {
  const inState = new Set(state.resources.map((r) => r.id));
  return entries.filter(
    (e) => !inState.has(e.imei) && differences("", admin.getDevice(e.imei), expectedLabels(e)).length === 0,
  ).length;
}

/** Devices whose account labels are the program's while state still records other ones (a killed update). */
export function staleUpdates(admin: EmulatorAdmin, state: ExportedState, entries: FleetEntry[]): number {
  const byId = new Map(state.resources.map((r) => [r.id, r]));
  return entries.filter((e) => {
    const wanted = expectedLabels(e);
    const outputs = byId.get(e.imei)?.outputs as Partial<Labels> | undefined;
    return differences("", admin.getDevice(e.imei), wanted).length === 0 && differences("", outputs, wanted).length > 0;
  }).length;
}

/** Devices recorded in state whose labels differ from the account's (state that lies), as messages. */
export function stateVersusAccount(admin: EmulatorAdmin, state: ExportedState): string[] {
  return state.resources.flatMap((r) =>
    differences(`${r.id} in state:`, r.outputs as Partial<Labels>, admin.getDevice(r.id!) ?? {}),
  );
}
