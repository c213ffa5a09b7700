/**
 * The `pulumi import --file` document `hapn-export --import-file` writes: one entry per device and boundary of the
 * account, typed with the `hapn` plugin's tokens (`hapn:index:Device`, `hapn:index:Boundary`) and named as the
 * exported project names them. `pulumi import --file` then records them all through the plugin's Read, with no
 * write to the account, and writes the program that declares them (`--out`). Dynamic-provider types cannot be
 * imported (pulumi#16175), so this is for stacks on the plugin.
 */
import { BOUNDARY, DEVICE } from "../../provider/kinds";
import { resourceToken } from "../../provider/hosts/plugin-tokens";
import type { AccountSnapshot } from "./read-account";
import { boundaryResourceName, deviceResourceName } from "./resource-names";

/** One resource of a `pulumi import --file` document. */
export interface ImportEntry {
  type: string;
  name: string;
  id: string;
}

/** The import document's text (JSON, `{ "resources": [...] }`), the devices first, each by IMEI, then the boundaries. */
export function importFileText(account: AccountSnapshot): string {
  const resources: ImportEntry[] = [
    ...account.devices.map((d) => ({ type: resourceToken(DEVICE), name: deviceResourceName(d.imei), id: d.imei })),
    ...account.boundaries.map((b) => ({
      type: resourceToken(BOUNDARY),
      name: boundaryResourceName(b.boundaryId),
      id: String(b.boundaryId),
    })),
  ];
  return `${JSON.stringify({ resources }, null, 2)}\n`;
}
