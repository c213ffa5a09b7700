/**
 * The startup banner of `hapn-emulator`: where it listens and the `pulumi config set` lines that point a stack
 * at it. The client secret is shown only when it is the documented default.
 */
import { DEFAULT_CLIENT_SECRET } from "./options";

/** What the banner describes. */
export interface BannerInfo {
  url: string;
  authUrl: string;
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  devices: number;
  stateFile?: string;
  /** The accounts served beside the primary one (their secrets are never shown). */
  otherAccounts?: { clientId: string; devices: number }[];
}

/** The banner lines. */
export function startupBanner(info: BannerInfo): string {
  const secret = info.clientSecret === DEFAULT_CLIENT_SECRET ? info.clientSecret : "<your secret>";
  return [
    `Hapn emulator listening on ${info.url}`,
    `  token endpoint ${info.authUrl}`,
    `  API            ${info.apiUrl}`,
    `  admin API      ${info.url}/_admin (loopback only)`,
    `  ${info.devices} devices, state ${info.stateFile ?? "in memory"}`,
    ...(info.otherAccounts ?? []).map(
      (a) =>
        `  account ${a.clientId}: ${a.devices} devices of its own (admin API ${info.url}/_admin/accounts/${a.clientId})`,
    ),
    "",
    "Point a Pulumi stack at it:",
    `  pulumi config set hapn:authUrl ${info.authUrl}`,
    `  pulumi config set hapn:apiUrl ${info.apiUrl}`,
    `  pulumi config set hapn:clientId ${info.clientId}`,
    `  pulumi config set --secret hapn:clientSecret ${secret}`,
    "",
  ].join("\n");
}
