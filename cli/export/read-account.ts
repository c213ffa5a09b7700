/**
 * Reads what the export needs from the account: every device and every boundary, page by page, reporting progress
 * so a large account does not look stuck.
 */
import type { HapnClient } from "../../provider/client";
import type { Boundary, Device } from "../../provider/api-model/wire-types";

/** What the account holds, as the export writes it. */
export interface AccountSnapshot {
  devices: Device[];
  boundaries: Boundary[];
}

/** Which kinds of resource to read. */
export type ResourceKind = "devices" | "boundaries";

/** Reads `kinds` from the account; `progress` gets a line after every page. */
export async function readAccount(
  client: Pick<HapnClient, "listDevicePages" | "listBoundaryPages">,
  kinds: readonly ResourceKind[],
  progress: (line: string) => void,
): Promise<AccountSnapshot> {
  const snapshot: AccountSnapshot = { devices: [], boundaries: [] };
  if (kinds.includes("devices")) {
    for await (const page of client.listDevicePages({ limit: 1000 })) {
      snapshot.devices.push(...page.items);
      progress(`devices: ${snapshot.devices.length} read${page.nextToken ? ", more to come" : ""}`);
    }
  }
  if (kinds.includes("boundaries")) {
    for await (const page of client.listBoundaryPages({ limit: 1000 })) {
      snapshot.boundaries.push(...page.items);
      progress(`boundaries: ${snapshot.boundaries.length} read${page.nextToken ? ", more to come" : ""}`);
    }
  }
  return snapshot;
}
