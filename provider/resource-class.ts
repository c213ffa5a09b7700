/**
 * What the resource classes of every kind share in the program process (device/resource.ts,
 * boundary/resource.ts): their arguments and outputs typed from the kind's inputs and record (whose doc comments
 * carry over), recognizing their instances by type token, and refusing the `import` option that dynamic providers
 * cannot honour.
 */
import * as pulumi from "@pulumi/pulumi";

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

/** A kind's inputs as a resource's arguments: each value may also be an Output of another resource. */
export type ArgsOf<T> = { [K in keyof T]: pulumi.Input<NonNullable<T[K]>> };

/** A kind's record as a resource's outputs. */
export type OutputsOf<T> = { readonly [K in keyof T]-?: pulumi.Output<T[K]> };
