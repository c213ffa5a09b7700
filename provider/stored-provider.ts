/**
 * The provider code every resource of this package stores in Pulumi state, and the base class that stores it.
 *
 * Pulumi's dynamic-provider host loads a resource's provider from its `__provider` property: a CommonJS module
 * whose `handler()` returns the provider object (`require-from-string`, then `.handler()`; see
 * sdk/nodejs/cmd/dynamic-provider). `pulumi.dynamic.Resource` writes that module by closure-serializing the
 * provider object, which costs the program a serialization per provider and, for seven forwarding methods, about
 * 2 KB of boilerplate that the state stores twice per resource (inputs and outputs). The engine re-serializes and
 * re-validates every stored string of the whole snapshot at each step, so that text dominated what a Device cost the
 * engine at N = 1000 (bench/RESULTS.md). This module writes the one line the host needs instead: it requires the
 * package's stable entry point `pulumi-hapn/state/v1` by name, resolved from the project folder like any
 * dependency, so the text is the same whatever the package version or install route (node_modules, a checkout, an
 * npm workspace link).
 */
import * as pulumi from "@pulumi/pulumi";
import { rejectImportOption } from "./resource-class";
import type * as StateV1 from "./state/v1";

/** The resource kinds of this package, as named by the exports of `pulumi-hapn/state/v1`. */
export type StoredKind = keyof typeof StateV1;

/** The `__provider` text of every resource of `kind`. Keep it stable: each change shows in state. */
export function storedProviderText(kind: StoredKind): string {
  return `exports.handler = () => require("pulumi-hapn/state/v1").${kind};\n`;
}

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
 * `Device` and `Boundary`, not part of the public surface.
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

/** The type token Pulumi's dynamic-provider host serves: `pulumi-nodejs:dynamic/hapn:<Type>`. */
export function dynamicType(typeName: string): string {
  return `pulumi-nodejs:dynamic/hapn:${typeName}`;
}
