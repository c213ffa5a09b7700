/**
 * Client tests against the real emulator (emulator/): start one per test file, build clients for it, run calls at a
 * bounded parallelism as the Pulumi engine does, and record what the client put on the wire.
 */
import type { EmulatorAccount } from "../../../emulator";
import { HapnClient } from "../../../provider/client";
import type { FetchFunction, HapnClientOptions } from "../../../provider/client";
import { emulatorClientOptions } from "../../support/emulator";
import { realFetch } from "./node-fetch";

/** A client for `emu`, registered in `clients` for cleanup. */
export function emulatorClient(
  emu: EmulatorAccount,
  clients: HapnClient[],
  overrides: Partial<HapnClientOptions> = {},
): HapnClient {
  const client = new HapnClient({ ...emulatorClientOptions(emu), ...overrides });
  clients.push(client);
  return client;
}

/** Runs `task` over `items` with at most `parallelism` at once; settles every item, never rejects. */
export async function runPool<T, R>(
  items: readonly T[],
  parallelism: number,
  task: (item: T) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { status: "fulfilled", value: await task(items[index]) };
      } catch (reason) {
        results[index] = { status: "rejected", reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelism, items.length) }, worker));
  return results;
}

/** One event on the wire as the client saw it: a request leaving, or an answer fully read. */
export type WireEvent =
  { kind: "send"; url: string } | { kind: "answer"; url: string; status: number; errorType: string };

/**
 * A fetch that records every request when it leaves and every answer once its body is read (after which the client
 * acts on it within the same tick), so a test can tell what was sent after a given answer arrived.
 */
export function recordingFetch(events: WireEvent[]): FetchFunction {
  return async (url, init) => {
    events.push({ kind: "send", url });
    const response = await realFetch(url, init);
    const chunks: Buffer[] = [];
    for await (const chunk of response.body ?? []) chunks.push(Buffer.from(chunk));
    events.push({
      kind: "answer",
      url,
      status: response.status,
      errorType: response.headers.get("x-amzn-errortype") ?? "",
    });
    return { status: response.status, headers: response.headers, body: toAsync(Buffer.concat(chunks)) };
  };
}

async function* toAsync(buffer: Buffer): AsyncIterable<Uint8Array> {
  yield buffer;
}
