/**
 * The plugin host's adapter: a kind definition as the operations of the `hapn` resource provider plugin, on plain
 * values (./plugin-server.ts does the wire). Nothing here is kind-specific. The lifecycle (create, refresh, update,
 * delete) is the one the dynamic host serves (./dynamic-provider.ts): the engine asks both hosts the same questions
 * and both store the kind's own stored shape, so a stack can move between them without a write. What only a
 * plugin can do is added here: the changed paths of a diff, for the CLI's per-field diff, and `pulumi import`,
 * a read with nothing but the id, which answers with the outputs and the inputs that reproduce them.
 */
import type * as pulumi from "@pulumi/pulumi";
import { isKnown, withSharedChecks } from "../check-core";
import { checkInputs } from "../kind/check";
import type { KindDefinition, Props } from "../kind/definition";
import { type ChangedPath, changedPaths } from "../kind/detailed-diff";
import { liveInputs, normalizeState } from "../kind/stored-state";
import { providerApi } from "../provider-api";
import { dynamicProvider } from "./dynamic-provider";
import { settingsPending } from "./plugin-config";

/** A diff as the plugin answers it: whether anything changes, what replaces, and each changed path. */
export interface PluginDiff {
  changes: boolean;
  replaces: string[];
  paths: ChangedPath[];
}

/** What a read answers: nothing when the object does not exist, else its id, outputs and maybe inputs. */
export type PluginRead = { id?: string; props?: Props; inputs?: Props };

/** The operations of one kind, as the plugin's server calls them. */
export interface PluginResource {
  check(news: Props): pulumi.dynamic.CheckResult<Props>;
  diff(id: string, olds: Props, news: Props): Promise<PluginDiff>;
  create(inputs: Props): Promise<{ id: string; outs: Props }>;
  /** A refresh, or with no stored outputs an import of the object `id`. */
  read(id: string, props: Props): Promise<PluginRead>;
  update(id: string, olds: Props, news: Props): Promise<{ outs: Props }>;
  delete(id: string, props: Props): Promise<void>;
}

/**
 * The import of the object `id`: its outputs with every field it has a valid value for managed, and the inputs that
 * say so, so the code `pulumi import` writes from them changes nothing on the next `up`. Nothing is written.
 */
async function imported<R extends object>(kind: KindDefinition<object, R, object, unknown>, id: string) {
  if (!kind.key) {
    throw new Error(
      `A ${kind.name} cannot be imported: its id is its own and names no object in the account. Add it to the ` +
        "program instead (its first `up` adopts what it names, writing only what differs).",
    );
  }
  const state = normalizeState<R>(kind, {}, id);
  const key = state[kind.key.name] as string | number;
  const problem = kind.key.problem(key);
  if (problem) throw new Error(`Cannot import ${kind.name} "${id}": ${problem}`);
  const live = await kind.calls.read(providerApi(), key, state);
  if (live === undefined) return {};
  const first = kind.record(live, kind.refreshBookkeeping(state, live)) as Props;
  const valid = (name: string, rule: { problem(v: unknown): string | undefined }) =>
    isKnown(first[name]) && first[name] !== "" && rule.problem(first[name]) === undefined;
  const managed = { ...state, managedFields: kind.fields.filter((f) => valid(f.name, f)).map((f) => f.name) };
  const record = kind.record(live, kind.refreshBookkeeping(managed as Partial<R>, live));
  return { id, props: kind.stored.write(record) as Props, inputs: liveInputs<Props>(kind, record) };
}

/** The plugin's operations of `kind`. */
export function pluginResource<I extends object, R extends object, S extends object, L>(
  kind: KindDefinition<I, R, S, L>,
): PluginResource {
  const lifecycle = dynamicProvider(kind);
  return {
    /**
     * The kernel's check and the settings check every kind shares: the dynamic provider's messages, no API call.
     * Settings not known yet (a preview of a provider configured from outputs) are checked once they are.
     */
    check: (news) =>
      settingsPending() ? checkInputs<Props>(kind, news) : withSharedChecks(checkInputs<Props>(kind, news)),

    async diff(id, olds, news) {
      const result = await lifecycle.diff(id, olds as S, news as I);
      const paths = result.changes ? changedPaths(kind, normalizeState<R>(kind, olds, id), news) : [];
      return { changes: result.changes === true, replaces: result.replaces ?? [], paths };
    },

    create: async (inputs) => {
      const { id, outs } = await lifecycle.create(inputs as I);
      return { id, outs: outs as Props };
    },

    async read(id, props) {
      if (Object.keys(props).length === 0) return imported(kind as KindDefinition<object, R, object, unknown>, id);
      const result = await lifecycle.read(id, props as S);
      return result as PluginRead;
    },

    update: async (id, olds, news) => ({ outs: (await lifecycle.update(id, olds as S, news as I)).outs as Props }),

    delete: (id, props) => lifecycle.delete(id, props as S),
  };
}
