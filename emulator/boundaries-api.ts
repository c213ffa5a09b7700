/**
 * Boundary handlers: list (paginated), create, update and delete, on the routes of provider/api-model/routes.ts.
 */
import type { Boundary, BoundaryInput } from "../provider/api-model";
import { failure, listAnswer, ok, type ApiHandler, type ApiRequest } from "./envelope";
import type { JsonAnswer } from "./http-util";
import { paginate } from "./pagination";
import { BOUNDARY_CREATE, BOUNDARY_PATCH, checkFields } from "./validate";

/** The numeric boundary id of the path, or a 400 answer. */
function boundaryId(req: ApiRequest): number | JsonAnswer {
  const raw = req.params.boundaryId;
  return /^[1-9]\d{0,14}$/.test(raw) ? Number(raw) : failure(400, "Invalid boundaryId: must be a positive integer");
}

const notFound = (id: number) => failure(404, `Boundary ${id} not found`);

/** `GET /boundaries?limit=&nextToken=`: boundaries ordered by id. */
export const listBoundaries: ApiHandler = (ctx, req) => {
  const all = ctx.store.listBoundaries();
  return listAnswer(ctx, all, (names) => paginate("boundaries", all, (b) => b.boundaryId, req.query, names));
};

/** `POST /boundaries`: `name` and `geometry` required; `color`, `location` optional. */
export const createBoundary: ApiHandler = (ctx, req) => {
  const checked = checkFields<BoundaryInput & Pick<Boundary, "name" | "geometry">>(req.body, BOUNDARY_CREATE);
  if (!checked.ok) return failure(400, checked.message);
  return ok(ctx.store.createBoundary(checked.value));
};

/** `PATCH /boundaries/{boundaryId}`: any of name, color, location, geometry; bumps `modified`. */
export const updateBoundary: ApiHandler = (ctx, req) => {
  const id = boundaryId(req);
  if (typeof id !== "number") return id;
  if (!ctx.store.getBoundary(id)) return notFound(id);
  const checked = checkFields<BoundaryInput>(req.body, BOUNDARY_PATCH);
  if (!checked.ok) return failure(400, checked.message);
  const boundary = ctx.store.updateBoundary(id, checked.value);
  return boundary ? ok(boundary) : notFound(id);
};

/** `DELETE /boundaries/{boundaryId}`: answers `result: {boundaryId}` (guess: delete is undocumented). */
export const deleteBoundary: ApiHandler = (ctx, req) => {
  const id = boundaryId(req);
  if (typeof id !== "number") return id;
  return ctx.store.removeBoundary(id) ? ok({ boundaryId: id }) : notFound(id);
};
