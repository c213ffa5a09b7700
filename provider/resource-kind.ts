/**
 * What every resource kind of this package shares (device/, boundary/): recognizing its instances by type token,
 * refusing the `import` option that dynamic providers cannot honour, the error that records a half-done create, and
 * writes to an object that may be gone.
 */
import * as pulumi from "@pulumi/pulumi";
import { isHapnError } from "./client/errors";
import { canonicalJson } from "./api-model/json";

/** True when `obj` is a resource of type token `type`, even one created by another copy of this package. */
export function isResourceOfType(obj: unknown, type: string): boolean {
  return pulumi.Resource.isInstance(obj) && (obj as unknown as { __pulumiType?: string }).__pulumiType === type;
}

/**
 * Throws for the `import` resource option: the engine's import sends the provider no code to run, and the host
 * crashes (pulumi#16175). `instead` says what to do instead.
 */
export function rejectImportOption(
  kind: string,
  name: string,
  opts: pulumi.CustomResourceOptions | undefined,
  instead: string,
): void {
  if (opts?.import === undefined) return;
  throw new Error(
    `${kind} "${name}": the \`import\` resource option does not work for Pulumi dynamic providers ` +
      `(pulumi/pulumi#16175). Remove it: ${instead}`,
  );
}

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
 * What a refresh's `read` returns besides `props`: the live inputs when they differ from those the prior state
 * implies, else nothing, so the engine keeps the stored inputs. Returned inputs are what name the changed field in a
 * refresh's diff (`[diff: ~name]`). Returning them on every read also replaced inputs that were the same but for
 * keys only the program sets (`__deviceName`), so each refresh step changed the snapshot and the engine rewrote all
 * of it, N times per refresh (bench/RESULTS.md).
 */
export function refreshedInputs<T>(prior: T, live: T): T | undefined {
  return canonicalJson(prior) === canonicalJson(live) ? undefined : live;
}
