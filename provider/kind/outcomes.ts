/**
 * Outcomes of a kind's writes that the engine must be told about in a particular way: a create that did something
 * and then failed, and a write to an object that may be gone.
 */
import { isHapnError } from "../client/errors";

/**
 * The error for a create that did something in the account and then failed: the engine records the resource with
 * `outputs` as created but not initialized, so the next `up` updates it instead of creating or adopting it again.
 */
export function initializationFailed(id: string, outputs: object, reason: string, advice: string): Error {
  return Object.assign(new Error(reason), { id, properties: outputs, reasons: [`${reason}. ${advice}`] });
}

/** `request`'s result, or undefined when the API answers 404: for writes to an object that may be gone. */
export function undefinedIfNotFound<T>(request: Promise<T>): Promise<T | undefined> {
  return request.catch((error: unknown) => {
    if (isHapnError(error, "HAPN_NOT_FOUND")) return undefined;
    throw error;
  });
}

/**
 * A write of many API objects of which some failed: `live` is the resource as it is after the writes that worked
 * (the failed ones as they were). The dynamic host cannot return state from a failed update, so it records `live`
 * the one way the engine accepts, as an initialization failure (see {@link initializationFailed}): the next `up`
 * then diffs against what was really applied and writes only what is still different.
 */
export class PartialWrite<L> extends Error {
  constructor(
    message: string,
    readonly live: L,
    /** What to do next, for the engine's log. */
    readonly advice: string,
  ) {
    super(message);
    this.name = "PartialWrite";
  }
}

/** True when `error` is a {@link PartialWrite} (by name: a copy of this module in another bundle makes its own). */
export function isPartialWrite(error: unknown): error is PartialWrite<unknown> {
  return error instanceof Error && error.name === "PartialWrite" && "live" in error;
}
