/**
 * Two HapnClients in one process, each for its own account of one emulator: each gets its own token, sees its
 * own fleet and boundaries, and counts in its own account's counters; one account's exhausted quota opens only
 * that client's quota breaker, and one account's expired token makes only that client authenticate again.
 */
import type { EmulatorAccount, RunningEmulator } from "../../emulator";
import { type HapnClient, isHapnError, resetProcessState } from "../../provider/client";
import { square } from "../emulator/helpers";
import { startMultiAccountEmulator } from "../support/emulator";
import { useCleanup } from "./support/cleanup";
import { emulatorClient } from "./support/emulator-client";

const { clients } = useCleanup();

describe("HapnClient on two accounts of one emulator", () => {
  let emu: RunningEmulator;
  let a: EmulatorAccount;
  let b: EmulatorAccount;
  let clientA: HapnClient;
  let clientB: HapnClient;

  beforeAll(async () => {
    emu = await startMultiAccountEmulator(1, { devices: 12 });
    [a, b] = emu.accounts;
  });
  afterAll(() => emu.stop());
  beforeEach(() => {
    resetProcessState();
    for (const account of emu.accounts) account.admin.resetCounters();
    clientA = emulatorClient(a, clients);
    clientB = emulatorClient(b, clients);
  });

  it("lists each account's own fleet with its own token", async () => {
    const [devicesA, devicesB] = await Promise.all([
      clientA.listDevices({ limit: 5 }),
      clientB.listDevices({ limit: 5 }),
    ]);
    expect(devicesA.map((d) => d.imei)).toEqual(a.admin.listDevices().map((d) => d.imei));
    expect(devicesB.map((d) => d.imei)).toEqual(b.admin.listDevices().map((d) => d.imei));
    expect(devicesB.some((d) => devicesA.some((x) => x.imei === d.imei))).toBe(false);

    const tokensA = a.admin.issuedTokens();
    const tokensB = b.admin.issuedTokens();
    expect(tokensA).toHaveLength(1);
    expect(tokensB).toHaveLength(1);
    expect(tokensA[0]).not.toBe(tokensB[0]);
    for (const account of [a, b]) {
      expect(account.admin.counters()).toMatchObject({
        tokenRequests: 1,
        apiRequests: 3,
        byRoute: { listDevices: { "200": 3 } },
      });
    }
  });

  it("writes only in its own account", async () => {
    const imeiB = b.admin.listDevices()[1].imei;
    await clientB.updateDevice(imeiB, { name: "Customer B truck" });
    const boundary = await clientB.createBoundary({ name: "B yard", geometry: square() as never });
    expect(b.admin.getDevice(imeiB)?.name).toBe("Customer B truck");
    expect(await clientA.getDevice(imeiB)).toBeUndefined();
    expect(await clientA.listBoundaries()).toEqual([]);
    expect((await clientB.listBoundaries()).map((x) => x.boundaryId)).toEqual([boundary.boundaryId]);
    expect(a.admin.counters().byRoute).not.toHaveProperty("updateDevice");
    expect(a.admin.counters().byRoute).not.toHaveProperty("createBoundary");
    expect(b.admin.counters().byRoute).toMatchObject({ updateDevice: { "200": 1 }, createBoundary: { "200": 1 } });
  });

  it("trips only the quota breaker of the account whose quota ran out", async () => {
    b.admin.setFaults({ quota: { limit: 2 } });
    try {
      const failed = await clientB.listDevices({ limit: 5 }).catch((error: unknown) => error);
      expect(isHapnError(failed, "HAPN_QUOTA_EXHAUSTED")).toBe(true);
      const sentB = b.admin.counters().apiRequests;
      expect(isHapnError(await clientB.listDevices().catch((error: unknown) => error), "HAPN_QUOTA_EXHAUSTED")).toBe(
        true,
      );
      expect(b.admin.counters().apiRequests).toBe(sentB); // refused before sending: B's breaker is open
      expect(await clientA.listDevices()).toHaveLength(12); // A's is not
    } finally {
      b.admin.setFaults({});
    }
  });

  it("re-authenticates only the account whose token expired", async () => {
    await Promise.all([clientA.listDevices(), clientB.listDevices()]);
    b.admin.expireTokens();
    for (const account of emu.accounts) account.admin.resetCounters();
    await Promise.all([clientA.listDevices(), clientB.listDevices()]);
    expect(a.admin.counters()).toMatchObject({ tokenRequests: 0, byRoute: { listDevices: { "200": 1 } } });
    expect(b.admin.counters()).toMatchObject({ tokenRequests: 1, byRoute: { listDevices: { "200": 1, "401": 1 } } });
  });
});
