/**
 * A third kind for the kernel's tests, as CONTRIBUTING.md's worked example would write it: only what the kernel
 * derives from (key, fields, options, stored shape); its lifecycle hooks are never called by these tests.
 */
import type { KindDefinition, Props } from "../../../provider/kind/definition";

const notCalled = () => Promise.reject(new Error("not called by the kernel's derivations"));

/** The webhook's inputs. */
export interface WebhookInputs {
  webhookId?: number;
  url?: string;
  events?: string[];
  deletePolicy?: "delete" | "retain";
  onFailure?: "pause" | "keep";
}

/** The events in a stable order, for comparing lists. */
const sorted = (value: unknown) => JSON.stringify([...((value as string[] | undefined) ?? [])].sort());

/** A webhook kind: adopted by `webhookId` or created; `url` required to create; two options. */
export const WEBHOOK: KindDefinition<WebhookInputs, Props, Props, Props> = {
  name: "Webhook",
  storedAs: "device", // not stored by these tests
  key: {
    name: "webhookId",
    problem: (value) => (Number.isSafeInteger(value) ? undefined : "webhookId must be an integer"),
    replaces: (olds, news) => news.webhookId !== undefined && news.webhookId !== olds.webhookId,
    fromState: (value, id) => (Number.isSafeInteger(value) ? (value as number) : Number(id)),
    liveInput: (record) => (record.adopted ? { webhookId: record.webhookId } : {}),
  },
  fields: [
    {
      name: "url",
      required: (inputs) => (inputs.webhookId === undefined ? "url is required to create a webhook" : undefined),
      problem: (value) => (String(value).startsWith("https://") ? undefined : "url must start with https://"),
      normalize: (value) => String(value).replace(/\/$/, ""),
    },
    {
      name: "events",
      problem: (value) => (Array.isArray(value) ? undefined : "events must be a list"),
      same: (a, b) => sorted(a) === sorted(b),
      toWire: (value) => ({ subscribed: value }),
    },
  ],
  options: [
    { name: "deletePolicy", allowed: ["delete", "retain"], fallback: (r) => (r.adopted ? "retain" : "delete") },
    { name: "onFailure", allowed: ["pause", "keep"], fallback: () => "pause" },
  ],
  checkOrder: ["url", "events", "webhookId"],
  stored: { write: (r) => r, read: (p) => (p ?? {}) as Props, isCurrent: () => true },
  calls: { read: notCalled, update: notCalled, remember: () => undefined },
  recorded: (stored) => ({ adopted: stored.adopted === true }),
  record: (live, bookkeeping) => ({ ...live, ...bookkeeping }),
  refreshBookkeeping: (prior) => prior,
  updateBookkeeping: (prior) => prior,
  create: notCalled,
  readGone: notCalled,
  updateGone: notCalled,
  delete: notCalled,
};
