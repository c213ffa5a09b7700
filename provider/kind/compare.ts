/**
 * What a kind's desired inputs change, from its definition: the patch (the API body that turns the current values
 * into the desired ones, only for fields the program sets) and `diff`, which compares the key, the managed fields,
 * which fields are managed and every option, always.
 */
import type * as pulumi from "@pulumi/pulumi";
import { isKnown } from "../check-core";
import type { AnyKind, FieldRule, OptionRule, Props } from "./definition";

/** Whether two values of a field are the same, as the field compares them. */
export function sameValue(field: FieldRule, a: unknown, b: unknown): boolean {
  if (field.same) return field.same(a, b);
  const canonical = (v: unknown) => (field.normalize ? field.normalize(v ?? "") : (v ?? ""));
  return canonical(a) === canonical(b);
}

/** The fields an input object sets (present and not undefined), in the kind's order. */
export function managedFieldsOf(kind: AnyKind, inputs: object): string[] {
  return kind.fields.filter((f) => (inputs as Props)[f.name] !== undefined).map((f) => f.name);
}

/** The option's value in effect for `inputs`, given what is recorded. */
export function optionValue(option: OptionRule, inputs: object, recorded: object): string {
  return ((inputs as Props)[option.name] as string | undefined) ?? option.fallback(recorded as Props);
}

/**
 * The API body that turns `current` (live or stored values) into what `desired` asks for. Only fields the program
 * sets are compared, so fields it leaves alone are never touched; a value not known yet is always sent.
 */
export function patchFor<P = Props>(kind: AnyKind, current: object, desired: object): P {
  const patch: Props = {};
  for (const field of kind.fields) {
    const want = (desired as Props)[field.name];
    if (want === undefined || (isKnown(want) && sameValue(field, want, (current as Props)[field.name]))) continue;
    patch[field.name] = field.toWire ? field.toWire(want) : want;
  }
  return patch as P;
}

/** True when the two lists hold the same fields, whatever their order. */
function sameFields(a: unknown, b: readonly string[]): boolean {
  const list = Array.isArray(a) ? (a as string[]) : [];
  return list.length === b.length && list.every((f) => b.includes(f));
}

/**
 * Desired inputs against the recorded outputs (normalized stored state). `changes` is always set explicitly and
 * `__provider` ignored, so a new version of this package never shows up as an update of every resource.
 */
export function diffInputs(kind: AnyKind, recorded: object, inputs: object): pulumi.dynamic.DiffResult {
  const olds = recorded as Props;
  const news = inputs as Props;
  if (kind.key?.replaces(olds, news)) return { changes: true, replaces: [kind.key.name] };
  const changed =
    Object.keys(patchFor(kind, olds, news)).length > 0 ||
    !sameFields(olds.managedFields, managedFieldsOf(kind, news)) ||
    kind.options.some((o) => optionValue(o, news, olds) !== optionValue(o, olds, olds));
  return { changes: changed };
}
