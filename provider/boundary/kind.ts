/**
 * The Boundary kind: a geofence (a named GeoJSON Polygon) that `up` creates, or adopts by `boundaryId` with no
 * write when it matches. Its properties and their rules, its delete policy (by default `delete` for a boundary it
 * created and `retain` for one it adopted), and its lifecycle. Hapn has no route to read one boundary, so reads go
 * through the process's boundary index (./boundary-index.ts). The kernel (../kind/) derives check, diff, the patch
 * and the refresh's inputs from it; ../hosts/ serve it.
 */
import type * as pulumi from "@pulumi/pulumi";
import { boundaryTextProblem, type BoundaryTextField } from "../api-model/field-rules";
import { describeShapeProblem, type Polygon, polygonProblem } from "../api-model/geometry";
import type { Boundary, BoundaryInput } from "../api-model/wire-types";
import { patchFor } from "../kind/compare";
import type { FieldRule, KindDefinition, Props } from "../kind/definition";
import { initializationFailed } from "../kind/outcomes";
import { bookkeepingOf } from "../kind/stored-state";
import { typeRef } from "../schema-types";
import { adviseOnce, inform, warn } from "../messages";
import { type ProviderApi, providerApi } from "../provider-api";
import {
  BOUNDARY_DELETE_POLICIES,
  type Bookkeeping,
  type BoundaryInputs,
  type BoundaryOutputs,
  featureOf,
  toOutputs,
} from "./state";

/** The failure for a field a new boundary needs, unless the inputs adopt an existing one. */
function neededToCreate(field: string, what: string): (inputs: Props) => string | undefined {
  return (inputs) =>
    inputs.boundaryId === undefined
      ? `${field} is required to create a boundary: ${what} (or set boundaryId to adopt an existing one)`
      : undefined;
}

/** A text field's rules, from the API model. */
function textRule(field: BoundaryTextField, extra: Partial<FieldRule> = {}): FieldRule {
  return {
    name: field,
    problem: (value) => {
      const problem = boundaryTextProblem(field, value);
      return problem && `${field} ${problem}`;
    },
    ...extra,
  };
}

/** Why `value` is not a boundary id, or undefined. */
function boundaryIdProblem(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) return undefined;
  return `boundaryId must be a positive integer (the id of an existing boundary, e.g. 316385); got ${JSON.stringify(value)}`;
}

/** The error for a boundary id that is not in the account. */
function notInAccount(boundaryId: number, apiUrl: string, what: string): Error {
  return new Error(
    `Boundary ${boundaryId} is not in this Hapn account (${apiUrl}); ${what}. Check the boundaryId, or remove it ` +
      "to create a new boundary instead.",
  );
}

/** The bookkeeping the program's inputs ask for, for a boundary created (`adopted` false) or adopted. */
function bookkeeping(inputs: BoundaryInputs, adopted: boolean): Bookkeeping {
  return bookkeepingOf<Bookkeeping>(BOUNDARY, inputs, { adopted });
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
  const recorded = toOutputs(current, bookkeeping(inputs, true));
  const patch = patchFor<BoundaryInput>(BOUNDARY, recorded, inputs);
  const updated = await applyPatch(api, current, patch).catch((error: unknown) => {
    throw initializationFailed(
      String(id),
      recorded,
      `Hapn boundary ${id}: adopted, but applying its fields failed: ${(error as Error).message}`,
      "Run `pulumi up` again to apply them.",
    );
  });
  if (Object.keys(patch).length > 0) {
    await inform(`Hapn boundary ${id}: adopted; changed ${Object.keys(patch).join(", ")}.`);
  }
  return { id: String(id), outs: toOutputs(updated, bookkeeping(inputs, true)) };
}

/** The Boundary kind. */
export const BOUNDARY: KindDefinition<BoundaryInputs, BoundaryOutputs, BoundaryOutputs, Boundary> = {
  name: "Boundary",
  doc:
    "A geofence: a named GeoJSON Polygon that `up` creates, or adopts by `boundaryId` (with no write when it " +
    "matches).",
  storedAs: "boundary",
  outputs: {
    boundaryId: { type: { type: "integer" }, doc: "The boundary's id in Hapn; also the resource's id (as a string)." },
    name: { doc: "The boundary's display name, as it is now in the account." },
    color: { doc: "The boundary's map color as lowercase `#rrggbb`, as it is now in the account." },
    location: { doc: 'The boundary\'s location text ("" when none), as it is now in the account.' },
    geometry: {
      type: typeRef("Polygon"),
      doc: "The boundary's area as a GeoJSON Polygon, as it is now in the account.",
    },
    managedFields: {
      type: { type: "array", items: { type: "string" } },
      doc: "The fields this resource manages (the ones set in its arguments); only these are compared and updated.",
    },
    adopted: {
      type: { type: "boolean" },
      doc: "True when this resource adopted an existing boundary (by `boundaryId`).",
    },
    deletePolicy: { doc: "What destroy does: `delete` or `retain`." },
    featureId: { doc: "The id Hapn gives the boundary's GeoJSON Feature (a hex string, kept across updates)." },
    status: { doc: 'The boundary\'s status as Hapn reports it (for example "active").' },
    created: { doc: "When the boundary was created in the account (ISO-8601)." },
    modified: { doc: "When the boundary was last changed in the account (ISO-8601)." },
  },
  key: {
    name: "boundaryId",
    type: { type: "integer" },
    doc:
      "Adopt the existing boundary with this id instead of creating one: `up` applies only the fields that differ " +
      "(none when they match: no write at all). Changing it replaces the resource.",
    problem: boundaryIdProblem,
    replaces: (olds, news) => news.boundaryId !== undefined && news.boundaryId !== olds.boundaryId,
    fromState: (value, id) => (Number.isSafeInteger(value) ? (value as number) : Number(id)),
    liveInput: (record) => (record.adopted ? { boundaryId: record.boundaryId } : {}),
  },
  fields: [
    textRule("name", {
      required: neededToCreate("name", "a display name, 1–100 characters"),
      doc: "Display name, 1–100 characters. Required unless `boundaryId` is set.",
    }),
    textRule("color", {
      normalize: (value) => String(value).toLowerCase(),
      doc: "Map color as `#rrggbb` (stored lowercase). Hapn picks one when it is not set.",
    }),
    textRule("location", { doc: "Free text describing the place, e.g. an address; up to 500 characters." }),
    {
      name: "geometry",
      type: typeRef("Polygon"),
      doc: "The area as a GeoJSON Polygon: closed rings of `[longitude, latitude]`. Required unless `boundaryId` is set.",
      required: neededToCreate("geometry", "a GeoJSON Polygon"),
      problem: (value) => {
        const problem = polygonProblem(value);
        return problem && describeShapeProblem("geometry", problem);
      },
      same: (a, b) =>
        JSON.stringify((a as Polygon | undefined)?.coordinates) ===
        JSON.stringify((b as Polygon | undefined)?.coordinates),
      toWire: (value) => featureOf(value as Polygon),
    },
  ],
  options: [
    {
      name: "deletePolicy",
      doc:
        "What `pulumi destroy` does: `delete` removes the boundary from the account, `retain` leaves it. The " +
        "default is `delete` for a boundary this resource created and `retain` for one it adopted by `boundaryId`.",
      allowed: BOUNDARY_DELETE_POLICIES,
      fallback: (recorded) => (recorded.adopted === true ? "retain" : "delete"),
    },
  ],
  checkOrder: ["name", "color", "location", "geometry", "boundaryId"],
  stored: {
    write: (outputs) => outputs,
    read: (props) => (props ?? {}) as Partial<BoundaryOutputs>,
    isCurrent: () => true,
  },
  calls: {
    read: (api, boundaryId) => api.boundaries.get(Number(boundaryId)),
    update: (api, boundaryId, patch) => api.client.updateBoundary(Number(boundaryId), patch as BoundaryInput),
    remember: (api, boundary) => api.boundaries.remember(boundary),
  },
  recorded: (stored) => ({ adopted: stored.adopted === true }),
  record: (boundary, recorded) => toOutputs(boundary, recorded as Bookkeeping),
  refreshBookkeeping: (prior) => prior,
  updateBookkeeping: (prior, news) => bookkeeping(news, prior.adopted === true),

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
    return { id: String(created.boundaryId), outs: toOutputs(created, bookkeeping(inputs, false)) };
  },

  /** A boundary gone from the account is dropped from state with a warning. */
  async readGone(id) {
    await warn(`Hapn boundary ${id} is no longer in the account; removing it from the stack's state.`);
    return {};
  },

  async updateGone(api, prior) {
    throw notInAccount(prior.boundaryId!, api.client.apiUrl, "it was deleted outside Pulumi; run `pulumi refresh`");
  },

  /** Destroy: deletes the boundary, unless its delete policy is `retain` (the default for an adopted one). */
  async delete(_id, prior) {
    if (prior.deletePolicy === "retain") {
      await adviseOnce(
        "boundary-retain",
        "info",
        'Hapn boundaries with deletePolicy "retain" (the default for adopted ones) stay in the account when destroyed.',
      );
      return;
    }
    const api = providerApi();
    await api.client.deleteBoundary(prior.boundaryId!);
    api.boundaries.forget(prior.boundaryId!);
  },
};
