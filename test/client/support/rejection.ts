/** Assertion helper for client calls that must fail with a {@link HapnError}. */
import { HapnError } from "../../../provider/client";

/** Awaits `promise`, expects it to reject with a HapnError, and returns that error for further checks. */
export async function rejection(promise: Promise<unknown>): Promise<HapnError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HapnError);
  return error as HapnError;
}
