/**
 * The provider code every resource of this package stores in Pulumi state, and the type token it is stored under
 * (the resources' base class, ./hosts/dynamic-resource.ts, registers both).
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
import type * as StateV1 from "./state/v1";

/** The resource kinds of this package, as named by the exports of `pulumi-hapn/state/v1`. */
export type StoredKind = keyof typeof StateV1;

/** The `__provider` text of every resource of `kind`. Keep it stable: each change shows in state. */
export function storedProviderText(kind: StoredKind): string {
  return `exports.handler = () => require("pulumi-hapn/state/v1").${kind};\n`;
}

/** The type token Pulumi's dynamic-provider host serves: `pulumi-nodejs:dynamic/hapn:<Type>`. */
export function dynamicType(typeName: string): string {
  return `pulumi-nodejs:dynamic/hapn:${typeName}`;
}
