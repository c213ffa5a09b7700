/**
 * What a lookup is, for both places it runs: in the program's process (`getDevice(…)`, ./program-api.ts) and as a
 * function of the `hapn` provider plugin (`hapn:index:getDevice`, served by ../hosts/plugin-server.ts): its name, its
 * arguments and result as the package schema documents them, and the read itself on a process's API access.
 */
import type { PropertyDoc } from "../kind/definition";
import type { ProviderApi } from "../provider-api";

/** A property of a lookup's arguments: its type and doc, and whether it must be given. */
export interface LookupArgument extends PropertyDoc {
  readonly required?: boolean;
}

/** One lookup. `A`: its arguments; `T`: what it returns. */
export interface LookupDefinition<A, T> {
  /** The function's name, as programs call it and the function token says it: `getDevice`. */
  readonly name: string;
  /** What it returns, for the package schema. */
  readonly doc: string;
  readonly args: Readonly<Record<string, LookupArgument>>;
  readonly result: Readonly<Record<string, PropertyDoc>>;
  /** The lookup on `api`: throws an error naming the lookup and the fix for bad arguments or a missing object. */
  run(api: ProviderApi, args: A): Promise<T>;
}

/** A lookup of any arguments and result, as the plugin's table holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyLookup = LookupDefinition<any, any>;
