/**
 * The kind kernel: what one resource kind of this package is, written once per kind (device/kind.ts,
 * boundary/kind.ts). Everything that is the same for every kind is derived from a definition by the kernel
 * (./check.ts, ./compare.ts, ./stored-state.ts) and served by a host (../hosts/dynamic-provider.ts): `check`, `diff`
 * with every option compared, the patch, the live inputs a refresh returns, the stored state read back in today's
 * shape, and the field lists of the drift report and of `hapn-export`. A definition says only what is the kind's
 * own: its properties and their rules, its options, its key, how it is stored, and its client calls.
 * Anchors for the style: pulumi-go-provider's `infer` and terraform-plugin-framework (schema and CRUD together).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ProviderApi } from "../provider-api";

/** Inputs or a record as the kernel handles them: plain JSON values by property name. */
export type Props = Record<string, unknown>;

/**
 * A property's type as a Pulumi package schema states it: the subset the kinds use. `$ref` names a type of the
 * schema (`#/types/hapn:index:Polygon`).
 */
export type SchemaType =
  | { readonly type: "string" | "integer" | "number" | "boolean" }
  | { readonly type: "array"; readonly items: SchemaType }
  | { readonly type: "object"; readonly additionalProperties: SchemaType }
  | { readonly $ref: string };

/** What a package schema says about a property: its type (a string when not given) and the text editors show. */
export interface PropertyDoc {
  readonly type?: SchemaType;
  readonly doc?: string;
}

/** One property a program sets: its rules at check time. */
export interface PropertyRule extends PropertyDoc {
  readonly name: string;
  /**
   * The failure reason when the property is missing (given the other inputs, e.g. only when creating), or undefined
   * when it may be left out.
   */
  required?(inputs: Props): string | undefined;
  /** Why a known value is wrong, as a sentence naming the property and the fix; undefined when it is fine. */
  problem(value: unknown): string | undefined;
  /** The canonical form `check` stores and comparisons use (for example a lowercase color). */
  normalize?(value: unknown): unknown;
}

/**
 * A managed field: a property the API stores, that the program may set. Only the fields a program sets are
 * managed: compared with the live value, patched when they differ, and named by drift.
 */
export interface FieldRule extends PropertyRule {
  /** Whether two values are the same; by default their normalized forms, a missing value counting as "". */
  same?(a: unknown, b: unknown): boolean;
  /** The value as the API's body carries it, when it differs from the program's (a Polygon in a Feature). */
  toWire?(value: unknown): unknown;
  /**
   * For a field that holds many API objects (a DeviceFleet's `devices`): each part where the program's value and
   * the live one differ, with its path (`devices["862785041422448"].name`), so drift names the part, not the map.
   */
  differences?(program: unknown, live: unknown): FieldDifference[];
}

/** One part of a field that differs: its path, and its value in the program and live (undefined: not there). */
export interface FieldDifference {
  path: string;
  program: unknown;
  live: unknown;
}

/** An option: a word only this stack records, such as what destroy does. Every option is compared by `diff`. */
export interface OptionRule extends PropertyDoc {
  readonly name: string;
  readonly allowed: readonly string[];
  /** The value in effect when the program sets none; it may depend on the recorded bookkeeping (adopted or not). */
  fallback(recorded: Props): string;
}

/** The key: the property that names the API object. Asking for another object replaces the resource. */
export interface KeyRule extends PropertyRule {
  /** True when the inputs `news` ask for another object than the recorded `olds` (or one not known yet). */
  replaces(olds: Props, news: Props): boolean;
  /** The key from stored state, or from the resource's id when the state lacks it. */
  fromState(value: unknown, id: string): string | number;
  /** The key as the inputs a refresh returns carry it (nothing when the program does not set it). */
  liveInput(record: Props): Props;
}

/** How a kind's outputs are stored in state, and read back whatever shape an earlier version wrote. */
export interface StoredShape<R, S> {
  write(record: R): S;
  /** Stored outputs of any shape as one flat record; fields may be missing. */
  read(props: unknown): Partial<R>;
  /** False for a shape an earlier version wrote: the next `up` stores it again in today's shape. */
  isCurrent(props: unknown): boolean;
}

/** The client calls the kernel makes for every kind, on the API of the provider process. */
export interface KindCalls<L> {
  /**
   * The object named by `key`, or undefined when it is not in the account. `prior` is the recorded state (a kind
   * whose object is many API objects, like a DeviceFleet, reads the ones it records).
   */
  read(api: ProviderApi, key: string | number, prior: Props): Promise<L | undefined>;
  /**
   * Applies `patch` (the API's body) and returns the object as it then is; HAPN_NOT_FOUND when it is gone. A kind
   * whose writes can partly fail throws a {@link PartialWrite} carrying what is live after the writes that worked.
   */
  update(api: ProviderApi, key: string | number, patch: Props, prior: Props, news: Props): Promise<L>;
  /** Records an object just received, so later reads of this process see it. */
  remember(api: ProviderApi, live: L): void;
}

/**
 * One resource kind. `I`: its inputs after check; `R`: its outputs as one flat record; `S`: the outputs as stored;
 * `L`: the API's object. The lifecycle hooks hold what is the kind's own; the host does the rest.
 */
export interface KindDefinition<I extends object, R extends object, S extends object, L> {
  /** The class name, as messages and the type token say it: `Device`. */
  readonly name: string;
  /** What the kind is, for the package schema (editors show it on the resource). */
  readonly doc?: string;
  /**
   * The outputs as stored (what `stored.write` returns), by name, with their types and docs: the package schema's
   * output properties. Both hosts store the same shape, so a stack moves between them without a rewrite.
   */
  readonly outputs?: Readonly<Record<string, PropertyDoc>>;
  /** The export of `pulumi-hapn/state/v1` serving it (never renamed: stored state names it). */
  readonly storedAs: "device" | "boundary" | "deviceFleet";
  /**
   * The key, or none for a kind that names no one API object (a DeviceFleet): its id is then its own, and the
   * kernel's reads get the recorded state instead.
   */
  readonly key?: KeyRule;
  /** The managed fields, in the API's order. */
  readonly fields: readonly FieldRule[];
  readonly options: readonly OptionRule[];
  /** The order `check` reports failures in: the key and the fields by name. */
  readonly checkOrder: readonly string[];
  readonly stored: StoredShape<R, S>;
  readonly calls: KindCalls<L>;
  /** Bookkeeping besides the managed fields and the options, as stored state implies it (defaults included). */
  recorded?(stored: Partial<R>): Props;
  /** The record of a live object with the bookkeeping. */
  record(live: L, bookkeeping: Props): R;
  /** The bookkeeping a refresh keeps, given what it found. */
  refreshBookkeeping(prior: Partial<R>, live: L): Props;
  /** The bookkeeping an update records (including fields the program starts managing now). */
  updateBookkeeping(prior: Partial<R>, news: I): Props;
  /**
   * Called by every operation on a resource that is in state, with its recorded state (the Device's adoption journal
   * forgets it; a DeviceFleet's forgets the trackers the state records).
   */
  inState?(id: string, prior: Partial<R>): void;
  create(inputs: I): Promise<pulumi.dynamic.CreateResult<S>>;
  /** What a refresh returns when the object is gone: nothing drops the resource from state. */
  readGone(id: string, prior: Partial<R>): Promise<pulumi.dynamic.ReadResult<S>>;
  /** The record an update returns when the object is gone, or a throw saying what to do. */
  updateGone(api: ProviderApi, prior: Partial<R>, news: I): Promise<R>;
  delete(id: string, prior: Partial<R>): Promise<void>;
}

/** A definition of any kind, as the host and the derived lists take it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyKind = KindDefinition<any, any, any, any>;
