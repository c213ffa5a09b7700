/**
 * The dynamic-provider host's adapter: a kind definition as the provider object Pulumi's Node.js dynamic-provider
 * host calls (`pulumi-hapn/state/v1` exports one per kind; ../stored-provider.ts stores the line that requires it).
 * Nothing here is kind-specific: the kernel derives check, diff, the patch and the refresh's inputs, and the
 * definition's hooks do the rest. Methods only forward or compute: nothing here is captured by serialization.
 */
import type * as pulumi from "@pulumi/pulumi";
import { withSharedChecks } from "../check-core";
import { checkInputs } from "../kind/check";
import { diffInputs, patchFor } from "../kind/compare";
import type { KindDefinition, Props } from "../kind/definition";
import { initializationFailed, isPartialWrite, undefinedIfNotFound } from "../kind/outcomes";
import { liveInputs, normalizeState, refreshedInputs } from "../kind/stored-state";
import { configureProcess } from "../process-state";
import { providerApi } from "../provider-api";

/**
 * `error` with the `__provider` of `inputs` added to its properties when it is an initialization failure. The engine
 * stores those properties as the resource's outputs, and the host loads the provider of a refresh or a destroy from
 * the outputs' `__provider` (its create and update add it only to a result): without it, every `pulumi refresh`
 * and `pulumi destroy` fails until an `up` succeeds.
 */
function withProviderCode(error: unknown, inputs: unknown): unknown {
  const failure = error as { id?: unknown; properties?: object };
  const provider = (inputs as Props | undefined)?.__provider;
  if (!(error instanceof Error) || !failure.id || provider === undefined) return error;
  failure.properties = { ...failure.properties, __provider: provider };
  return error;
}

/** The provider object of one kind, typed at the boundary with the engine. */
export type DynamicProvider<I, S> = Required<pulumi.dynamic.ResourceProvider<I, S>>;

/** The provider object the dynamic-provider host serves `kind` with. */
export function dynamicProvider<I extends object, R extends object, S extends object, L>(
  kind: KindDefinition<I, R, S, L>,
): DynamicProvider<I, S> {
  const prior = (props: unknown, id: string) => normalizeState<R>(kind, props, id);
  const keyOf = (state: Props, id: string) => (kind.key ? (state[kind.key.name] as string | number) : id);
  return {
    /** Stores the connection settings, shared by every kind of the process. Synchronous in effect. */
    async configure(req) {
      configureProcess(req.config);
    },

    /** Validates inputs without calling the API; also catches missing credentials and unusable settings. */
    async check(_olds, news) {
      return withSharedChecks(checkInputs<I>(kind, news as Props));
    },

    /**
     * Compares desired inputs with the recorded outputs. State in an earlier shape counts as a change, so the next
     * `up` stores it in today's shape.
     */
    async diff(id, olds, news) {
      const state = prior(olds, id);
      kind.inState?.(id, state);
      const result = diffInputs(kind, state, news);
      return kind.stored.isCurrent(olds) ? result : { ...result, changes: true };
    },

    /** Adopts or creates; a create that failed after doing something keeps the provider code in what it records. */
    create: (inputs) =>
      kind.create(inputs).catch((error: unknown) => {
        throw withProviderCode(error, inputs);
      }),

    /**
     * Refresh: the object as it is now. Returning `inputs` when the managed fields or options changed lets a hand
     * edit show up as drift with the field named (see refreshedInputs).
     */
    async read(id, props) {
      const state = prior(props, id);
      kind.inState?.(id, state);
      const live = await kind.calls.read(providerApi(), keyOf(state, id), state);
      if (live === undefined) return kind.readGone(id, state);
      const record = kind.record(live, kind.refreshBookkeeping(state, live)) as Props;
      const inputs = refreshedInputs(liveInputs(kind, state), liveInputs(kind, record));
      return { id, props: kind.stored.write(record as R), inputs: inputs as S | undefined };
    },

    /**
     * Sends only the fields that changed. A write that partly failed is recorded as far as it was applied (the
     * engine stores the properties of an initialization failure), and the update fails with its reasons.
     */
    async update(id, olds, news) {
      const state = prior(olds, id);
      kind.inState?.(id, state);
      const api = providerApi();
      const patch = patchFor(kind, state, news);
      const key = keyOf(state, id);
      const live = await (Object.keys(patch).length > 0
        ? undefinedIfNotFound(kind.calls.update(api, key, patch, state, news as Props)).catch((error: unknown) => {
            if (!isPartialWrite(error)) throw error;
            const applied = kind.stored.write(kind.record(error.live as L, kind.updateBookkeeping(state, news)));
            throw withProviderCode(initializationFailed(id, applied, error.message, error.advice), news);
          })
        : kind.calls.read(api, key, state));
      if (live === undefined) return { outs: kind.stored.write(await kind.updateGone(api, state, news)) };
      kind.calls.remember(api, live);
      return { outs: kind.stored.write(kind.record(live, kind.updateBookkeeping(state, news))) };
    },

    async delete(id, props) {
      const state = prior(props, id);
      kind.inState?.(id, state);
      await kind.delete(id, state);
    },
  };
}
