/**
 * Per-test cleanup for client tests: every client and server a test registers is destroyed / closed after it, so a
 * failing test cannot leak sockets into the next one.
 */
import { resetProcessState } from "../../../provider/client";
import type { HapnClient } from "../../../provider/client";
import { type FakeHapn, type FakeHapnOptions, startFakeHapn } from "./fake-hapn";
import type { TestServer } from "./test-server";

/** What {@link useCleanup} hands a test file. */
export interface Cleanup {
  /** Clients to destroy after the current test; pass it to `newClient`. */
  readonly clients: HapnClient[];
  /** Starts a fake Hapn that is closed after the current test. */
  fake(options: FakeHapnOptions): Promise<FakeHapn>;
  /** Registers another server to close after the current test, and returns it. */
  track<T extends TestServer>(server: T): T;
}

/**
 * Registers an `afterEach` that destroys the clients, closes the servers and forgets the process-wide quota
 * breakers and throttles (so one test's tripped breaker cannot fail the next). Call once, at module level.
 */
export function useCleanup(): Cleanup {
  const clients: HapnClient[] = [];
  const servers: TestServer[] = [];
  const track = <T extends TestServer>(server: T): T => {
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.destroy());
    await Promise.all(servers.splice(0).map((s) => s.close()));
    resetProcessState();
  });
  return { clients, fake: async (options) => track(await startFakeHapn(options)), track };
}
