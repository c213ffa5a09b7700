import type { EmulatorAccount } from "../../../emulator";

/** The routes that change a Hapn account (every other route only reads). */
export const WRITE_ROUTES = ["updateDevice", "createBoundary", "updateBoundary", "deleteBoundary"] as const;

/** How many writes an emulator account has counted since its counters were last reset, whatever their status. */
export function writesOf(account: EmulatorAccount): number {
  const { byRoute } = account.admin.counters();
  return WRITE_ROUTES.reduce((n, route) => n + Object.values(byRoute[route] ?? {}).reduce((a, b) => a + b, 0), 0);
}
