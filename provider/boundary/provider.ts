/**
 * The Boundary resource's CRUD, as the provider process runs it. Like the Device's, it is reached through
 * `pulumi-hapn/state/v1` (../stored-provider.ts), so no code of this module is stored in state.
 */
import type * as pulumi from "@pulumi/pulumi";
import { withSharedChecks } from "../check-core";
import { adviseOnce, inform, warn } from "../messages";
import { configureProcess, type ProviderApi, providerApi } from "../process-state";
import { initializationFailed, refreshedInputs, undefinedIfNotFound } from "../resource-kind";
import type { Boundary, BoundaryInput } from "../api-model/wire-types";
import { checkBoundary } from "./check";
import { boundaryPatch, diffBoundary } from "./diff";
import {
  bookkeepingOf,
  type BoundaryInputs,
  type BoundaryOutputs,
  featureOf,
  liveInputs,
  normalizeState,
  toOutputs,
} from "./state";

/** The Boundary provider, typed at the boundary with the engine. */
export type BoundaryProvider = Required<pulumi.dynamic.ResourceProvider<BoundaryInputs, BoundaryOutputs>>;

/** The error for a boundary id that is not in the account. */
function notInAccount(boundaryId: number, apiUrl: string, what: string): Error {
  return new Error(
    `Boundary ${boundaryId} is not in this Hapn account (${apiUrl}); ${what}. Check the boundaryId, or remove it ` +
      "to create a new boundary instead.",
  );
}

/** Applies `patch` if it changes anything and returns the boundary as it then is. */
async function applyPatch({ client, boundaries }: ProviderApi, current: Boundary, patch: BoundaryInput) {
  if (Object.keys(patch).length === 0) return current;
  const updated = await client.updateBoundary(current.boundaryId, patch);
  boundaries.remember(updated);
  return updated;
}

/** Adopts the existing boundary `inputs.boundaryId`, applying only the fields that differ (none: no write). */
async function adopt(api: ProviderApi, inputs: BoundaryInputs): Promise<pulumi.dynamic.CreateResult<BoundaryOutputs>> {
  const id = inputs.boundaryId!;
  const current = await api.boundaries.get(id);
  if (!current) throw notInAccount(id, api.client.apiUrl, "a Boundary with boundaryId adopts an existing boundary");
  const patch = boundaryPatch(toOutputs(current, bookkeepingOf(inputs, true)), inputs);
  const updated = await applyPatch(api, current, patch).catch((error: unknown) => {
    throw initializationFailed(
      String(id),
      toOutputs(current, bookkeepingOf(inputs, true)),
      `Hapn boundary ${id}: adopted, but applying its fields failed: ${(error as Error).message}`,
      "Run `pulumi up` again to apply them.",
    );
  });
  if (Object.keys(patch).length > 0) {
    await inform(`Hapn boundary ${id}: adopted; changed ${Object.keys(patch).join(", ")}.`);
  }
  return { id: String(id), outs: toOutputs(updated, bookkeepingOf(inputs, true)) };
}

/** The Boundary CRUD. Methods only forward or compute: nothing here is captured by serialization. */
export const boundaryOperations: BoundaryProvider = {
  /** Stores the connection settings (shared with every resource kind of the process). */
  async configure(req) {
    configureProcess(req.config);
  },

  /** Validates inputs, the polygon included, without calling the API. */
  async check(_olds, news) {
    return withSharedChecks(checkBoundary(news as unknown as Record<string, unknown>));
  },

  /** Compares desired inputs with the boundary's outputs. */
  async diff(id, olds, news) {
    return diffBoundary(normalizeState(olds, id), news);
  },

  /** Creates the boundary, or adopts the existing one named by `boundaryId` (with no write when it matches). */
  async create(inputs) {
    const api = providerApi();
    if (inputs.boundaryId !== undefined) return adopt(api, inputs);
    const created = await api.client.createBoundary({
      name: inputs.name,
      color: inputs.color,
      location: inputs.location,
      geometry: featureOf(inputs.geometry!),
    });
    api.boundaries.remember(created);
    return { id: String(created.boundaryId), outs: toOutputs(created, bookkeepingOf(inputs, false)) };
  },

  /**
   * Refresh: the boundary as it is now, with `inputs` holding the managed fields' live values when they changed,
   * so a hand edit shows up as drift with the field named (see refreshedInputs). A boundary gone from the account is dropped from state with a warning.
   */
  async read(id, props) {
    const prior = normalizeState(props, id);
    const boundary = await providerApi().boundaries.get(prior.boundaryId);
    if (!boundary) {
      await warn(`Hapn boundary ${id} is no longer in the account; removing it from the stack's state.`);
      return {};
    }
    const outs = toOutputs(boundary, prior);
    const inputs = refreshedInputs(liveInputs(prior as BoundaryOutputs), liveInputs(outs));
    return { id, props: outs, inputs: inputs as unknown as BoundaryOutputs | undefined };
  },

  /** Sends only the fields that changed. */
  async update(id, olds, news) {
    const prior = normalizeState(olds, id);
    const api = providerApi();
    const patch = boundaryPatch(prior, news);
    const boundary = await (Object.keys(patch).length > 0
      ? undefinedIfNotFound(api.client.updateBoundary(prior.boundaryId, patch))
      : api.boundaries.get(prior.boundaryId));
    if (!boundary) {
      throw notInAccount(prior.boundaryId, api.client.apiUrl, "it was deleted outside Pulumi; run `pulumi refresh`");
    }
    api.boundaries.remember(boundary);
    return { outs: toOutputs(boundary, bookkeepingOf(news, prior.adopted)) };
  },

  /** Destroy: deletes the boundary, unless its delete policy is `retain` (the default for an adopted one). */
  async delete(id, props) {
    const prior = normalizeState(props, id);
    if (prior.deletePolicy === "retain") {
      await adviseOnce(
        "boundary-retain",
        "info",
        'Hapn boundaries with deletePolicy "retain" (the default for adopted ones) stay in the account when destroyed.',
      );
      return;
    }
    const api = providerApi();
    await api.client.deleteBoundary(prior.boundaryId);
    api.boundaries.forget(prior.boundaryId);
  },
};
