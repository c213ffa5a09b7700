/**
 * `check` of any kind, from its definition: properties it does not accept, required ones, each known value's rule
 * (normalized when it passes) and the options' allowed words. Values still unknown at preview pass through.
 */
import type * as pulumi from "@pulumi/pulumi";
import { isKnown, oneOf, unknownPropertyFailures } from "../check-core";
import type { AnyKind, PropertyRule, Props } from "./definition";

/** Every property a kind accepts: its key, its fields and its options. */
export function acceptedProperties(kind: AnyKind): string[] {
  const key = kind.key ? [kind.key.name] : [];
  return [...key, ...kind.fields.map((f) => f.name), ...kind.options.map((o) => o.name)];
}

/** The key and the fields in the order the kind reports their failures. */
function rulesInOrder(kind: AnyKind): PropertyRule[] {
  const rules: PropertyRule[] = kind.key ? [kind.key, ...kind.fields] : [...kind.fields];
  return kind.checkOrder.map((name) => rules.find((r) => r.name === name)!);
}

/**
 * Validates and normalizes inputs without calling the API, so bad input fails at preview with the property named.
 */
export function checkInputs<I>(kind: AnyKind, news: Props): pulumi.dynamic.CheckResult<I> {
  const inputs: Props = { ...news };
  const failures = unknownPropertyFailures(kind.name, news, acceptedProperties(kind));
  const rules = rulesInOrder(kind);
  for (const rule of rules) {
    const reason = news[rule.name] === undefined ? rule.required?.(news) : undefined;
    if (reason) failures.push({ property: rule.name, reason });
  }
  for (const rule of rules) {
    const value = news[rule.name];
    if (!isKnown(value)) continue;
    const problem = rule.problem(value);
    if (problem) failures.push({ property: rule.name, reason: problem });
    else if (rule.normalize) inputs[rule.name] = rule.normalize(value);
  }
  for (const option of kind.options) {
    const failure = oneOf(option.name, news[option.name], option.allowed);
    if (failure) failures.push(failure);
  }
  return failures.length > 0 ? { failures } : { inputs: inputs as I };
}
