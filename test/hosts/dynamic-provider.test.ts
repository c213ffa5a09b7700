/**
 * The dynamic host's update of a kind whose write partly failed (a PartialWrite): the engine is told, as an
 * initialization failure, the state as far as it was applied, recorded through the kind's own record and stored
 * shape, with the kind's message and advice, and the provider code (refresh and destroy load it from there); any
 * other error passes through. A keyless kind's calls get its id.
 */
import { dynamicProvider } from "../../provider/hosts/dynamic-provider";
import type { KindDefinition, Props } from "../../provider/kind/definition";
import { PartialWrite, initializationFailed, isPartialWrite } from "../../provider/kind/outcomes";
import { resetProviderProcess } from "../../provider/process-state";

/** A keyless kind of counters whose update applies the patch and may throw what `fail` says. */
function counterKind(fail: (applied: Props) => Error | undefined): KindDefinition<Props, Props, Props, Props> {
  const unused = () => Promise.reject(new Error("not called"));
  return {
    name: "Counter",
    storedAs: "deviceFleet",
    fields: [{ name: "value", problem: () => undefined }],
    options: [],
    checkOrder: ["value"],
    stored: { write: (r) => ({ ...r, stored: true }), read: (p) => ({ ...(p as Props) }), isCurrent: () => true },
    calls: {
      read: async (_api, key, prior) => ({ key, value: prior.value }),
      update: async (_api, key, patch) => {
        const applied = { key, value: (patch.value as number) - 1 }; // one short of what was asked
        const error = fail(applied);
        if (error) throw error;
        return applied;
      },
      remember: () => undefined,
    },
    record: (live, bookkeeping) => ({ value: live.value, id: live.key, ...bookkeeping }),
    refreshBookkeeping: () => ({}),
    updateBookkeeping: () => ({ managedFields: ["value"] }),
    create: unused,
    readGone: unused,
    updateGone: unused,
    delete: unused,
  };
}

describe("dynamic host update", () => {
  /** Settings that name an API nobody answers: nothing here makes a request. */
  const SETTINGS: Record<string, string> = {
    "hapn:apiUrl": "http://127.0.0.1:9/v1",
    "hapn:authUrl": "http://127.0.0.1:9/token",
    "hapn:clientId": "client",
    "hapn:clientSecret": "secret",
  };

  beforeEach(async () => {
    resetProviderProcess();
    const config = { get: (key: string) => SETTINGS[key], require: (key: string) => SETTINGS[key] };
    await dynamicProvider(counterKind(() => undefined)).configure({ config });
  });

  it("records what a partly failed write applied, as an initialization failure with the kind's reasons", async () => {
    const kind = counterKind((applied) => new PartialWrite("2 of 3 failed", applied, "Run `pulumi up` again."));
    const error = await dynamicProvider(kind)
      .update("c-1", { value: 1, managedFields: ["value"] }, { value: 5 })
      .catch((e: unknown) => e as { message: string; id: string; properties: Props; reasons: string[] });
    expect(error).toMatchObject({
      message: "2 of 3 failed",
      id: "c-1",
      properties: { value: 4, id: "c-1", managedFields: ["value"], stored: true },
      reasons: ["2 of 3 failed. Run `pulumi up` again."],
    });
  });

  it("keeps the provider code in what a failed update or create records, so refresh and destroy can load it", async () => {
    const kind = counterKind((applied) => new PartialWrite("1 failed", applied, "Run `pulumi up` again."));
    kind.create = () => Promise.reject(initializationFailed("c-2", { value: 0 }, "adopted, then failed", "Again."));
    const provider = dynamicProvider(kind);
    const code = "exports.handler = () => require('pulumi-hapn/state/v1').deviceFleet;";
    const failure = (e: unknown) => e as { properties?: Props };
    const updated = await provider
      .update("c-1", { value: 1, __provider: "old code" }, { value: 5, __provider: code })
      .then(() => undefined, failure);
    expect(updated?.properties).toMatchObject({ value: 4, __provider: code });
    const created = await provider.create({ value: 1, __provider: code }).then(() => undefined, failure);
    expect(created?.properties).toEqual({ value: 0, __provider: code });
  });

  it("lets any other error through unchanged", async () => {
    const kind = counterKind(() => new Error("boom"));
    const error = await dynamicProvider(kind)
      .update("c-1", { value: 1 }, { value: 5 })
      .catch((e: unknown) => e);
    expect(error).toEqual(new Error("boom"));
    expect(isPartialWrite(error)).toBe(false);
    expect((error as { id?: string }).id).toBeUndefined();
  });
});
