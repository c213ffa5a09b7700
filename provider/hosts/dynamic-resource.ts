/**
 * The program side of the dynamic-provider host's adapter: the base class of every resource of this package,
 * registering it under the dynamic host's type token with the one line of provider code stored in state
 * (../stored-provider.ts). Nothing kind-specific: a resource class gives it a {@link ResourceSpec}.
 */
import * as pulumi from "@pulumi/pulumi";
import { rejectImportOption } from "../resource-class";
import { dynamicType, type StoredKind, storedProviderText } from "../stored-provider";

/** What a resource class tells {@link HapnDynamicResource} about its kind. */
export interface ResourceSpec {
  /** The export of `pulumi-hapn/state/v1` that serves it. */
  storedAs: StoredKind;
  /** The type name, as in the type token and in messages: `Device`. */
  typeName: string;
  /**
   * The outputs the engine surfaces: each is registered, as undefined when no argument sets it. Only these: each
   * costs the program four promises per resource.
   */
  outputs: readonly string[];
  /** What to do instead of the `import` resource option, which dynamic providers cannot honour. */
  insteadOfImport: string;
}

/**
 * A resource served by Pulumi's dynamic-provider host (type `pulumi-nodejs:dynamic/hapn:<Type>`, as
 * `pulumi.dynamic.Resource` would register it), storing {@link storedProviderText} as its provider. The base of
 * `Device`, `Boundary` and `DeviceFleet`, not part of the public surface.
 *
 * @internal
 */
export abstract class HapnDynamicResource extends pulumi.CustomResource {
  protected constructor(
    spec: ResourceSpec,
    name: string,
    args: object,
    opts: pulumi.CustomResourceOptions | undefined,
  ) {
    rejectImportOption(spec.typeName, name, opts, spec.insteadOfImport);
    const props = { ...Object.fromEntries(spec.outputs.map((key) => [key, undefined])), ...args };
    // The SDK captures and formats a stack trace for each of the four promises of every output, kept only for its
    // promise-leak report (source-mapped under ts-node, so it dominates what a resource costs the program). The
    // constructor runs with stack capture off; the SDK turns it back on for the resource's source position, and
    // the limit is restored before the constructor returns.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(dynamicType(spec.typeName), name, { ...props, __provider: storedProviderText(spec.storedAs) }, opts);
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
  }
}
