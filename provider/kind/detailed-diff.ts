/**
 * Which properties a kind's diff changes, one path each, from its definition: the engine's `detailedDiff`, so the
 * CLI names each changed field (and, for a field of many API objects like a DeviceFleet's `devices`, each part:
 * `devices["862785041422448"].name`). The dynamic host cannot pass these on (pulumi/pulumi#3080); the plugin does.
 */
import { isKnown } from "../check-core";
import { managedFieldsOf, optionValue, sameValue } from "./compare";
import type { AnyKind, Props } from "./definition";

/** One changed property path, and whether the change replaces the resource. */
export interface ChangedPath {
  path: string;
  replaces: boolean;
}

/** The paths of what {@link AnyKind}'s inputs `inputs` change against the recorded state, in the kind's order. */
export function changedPaths(kind: AnyKind, recorded: object, inputs: object): ChangedPath[] {
  const olds = recorded as Props;
  const news = inputs as Props;
  if (kind.key?.replaces(olds, news)) return [{ path: kind.key.name, replaces: true }];
  const before = Array.isArray(olds.managedFields) ? (olds.managedFields as string[]) : [];
  const now = managedFieldsOf(kind, news);
  const paths: string[] = [];
  for (const field of kind.fields) {
    const want = news[field.name];
    const startsOrStops = before.includes(field.name) !== now.includes(field.name);
    if (want === undefined || (isKnown(want) && sameValue(field, want, olds[field.name]))) {
      if (startsOrStops) paths.push(field.name);
      continue;
    }
    const parts = field.differences && isKnown(want) ? field.differences(want, olds[field.name]) : [];
    paths.push(...(parts.length > 0 ? parts.map((p) => p.path) : [field.name]));
  }
  for (const option of kind.options) {
    if (optionValue(option, news, olds) !== optionValue(option, olds, olds)) paths.push(option.name);
  }
  return paths.map((path) => ({ path, replaces: false }));
}
