/**
 * Stored state and bookkeeping of any kind, from its definition: the stored outputs of any shape read back as one
 * record with every default filled in, the bookkeeping the program's inputs ask for, and the inputs a refresh
 * returns (the managed fields' live values, so a hand edit shows as drift naming the field).
 */
import { canonicalJson } from "../api-model/json";
import { managedFieldsOf, optionValue } from "./compare";
import type { AnyKind, Props } from "./definition";

/**
 * Stored state as one record, whatever wrote it: `read` may get no props at all (a read by id), or only inputs (a
 * `get`), or a shape an earlier version stored. Every operation reads state through here, so a new field needs a
 * default in one place only.
 */
export function normalizeState<R>(kind: AnyKind, props: unknown, id: string): Partial<R> & Props {
  const p = kind.stored.read(props) as Props;
  const managed = Array.isArray(p.managedFields) ? (p.managedFields as unknown[]) : [];
  const state: Props = {
    ...p,
    ...(kind.key && { [kind.key.name]: kind.key.fromState(p[kind.key.name], id) }),
    managedFields: kind.fields.map((f) => f.name).filter((f) => managed.includes(f)),
    ...kind.recorded?.(p),
  };
  for (const o of kind.options) {
    state[o.name] = o.allowed.includes(p[o.name] as string) ? p[o.name] : o.fallback(state);
  }
  return state as Partial<R> & Props;
}

/** The bookkeeping the program's inputs ask for: the fields it manages, every option, and what `recorded` says. */
export function bookkeepingOf<B = Props>(kind: AnyKind, inputs: object, recorded: Props): B {
  const bookkeeping: Props = { managedFields: managedFieldsOf(kind, inputs), ...recorded };
  for (const o of kind.options) bookkeeping[o.name] = optionValue(o, inputs, recorded);
  return bookkeeping as B;
}

/**
 * The inputs that describe the resource as it is now: the key as the program gives it, the managed fields with
 * their recorded values, and the options that differ from their fallback.
 */
export function liveInputs<I>(kind: AnyKind, recorded: object): I {
  const record = recorded as Props;
  const inputs: Props = { ...kind.key?.liveInput(record) };
  for (const f of record.managedFields as string[]) inputs[f] = record[f];
  for (const o of kind.options) {
    if (record[o.name] !== o.fallback(record)) inputs[o.name] = record[o.name];
  }
  return inputs as I;
}

/**
 * What a refresh's `read` returns besides `props`: the live inputs when they differ from those the prior state
 * implies, else nothing, so the engine keeps the stored inputs. Returned inputs are what name the changed field in a
 * refresh's diff (`[diff: ~name]`). Returning them on every read also replaced inputs that were the same but for
 * keys only the program sets, so each refresh step changed the snapshot and the engine rewrote all of it, N times
 * per refresh (bench/RESULTS.md).
 */
export function refreshedInputs<T>(prior: T, live: T): T | undefined {
  return canonicalJson(prior) === canonicalJson(live) ? undefined : live;
}
