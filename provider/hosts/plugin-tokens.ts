/**
 * The names the `hapn` provider plugin serves: its package name, and the type tokens of its resources and functions
 * (`hapn:index:Device`, `hapn:index:getDevice`), from each kind's and lookup's name.
 */
import type { AnyKind } from "../kind/definition";
import type { AnyLookup } from "../lookups/definition";

/** The package (and plugin) name. */
export const PACKAGE = "hapn";

/** The type token of a kind's resources. */
export function resourceToken(kind: AnyKind): string {
  return `${PACKAGE}:index:${kind.name}`;
}

/** The token of a lookup's function. */
export function functionToken(lookup: AnyLookup): string {
  return `${PACKAGE}:index:${lookup.name}`;
}
