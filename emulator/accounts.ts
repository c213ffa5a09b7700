/**
 * The accounts one emulator serves. Each client id is an account of its own: its credentials, devices and
 * boundaries, tokens, limits and faults (its own rate-limit bucket and quota, as an API client with its own usage
 * plan), request counters and admin handle. The token endpoint issues a token in the account whose client id was
 * presented, and the API serves a request from the account whose token it carries, so a token of one account never
 * reads or writes another's trackers, nor spends another's quota.
 */
import { createAdmin, type EmulatorAdmin } from "./admin";
import { Counters } from "./counters";
import { FaultEngine } from "./faults";
import { EMULATED_CLIENT_ID } from "./fleet";
import type { ClientCredentials } from "./oauth";
import type { ResolvedAccount } from "./options";
import { AccountStore } from "./store";
import { TokenStore } from "./tokens";

/** One emulated account. */
export interface Account {
  /** The client it accepts; the admin's secret rotation changes `clientSecret` in place. */
  readonly credentials: ClientCredentials;
  readonly store: AccountStore;
  readonly tokens: TokenStore;
  /** Its limits and faults (requests of no account meet the primary's). */
  readonly faults: FaultEngine;
  /** This account's requests only (they count in the server's counters too). */
  readonly counters: Counters;
  /** The admin handle of this account, with its own counters. */
  readonly admin: EmulatorAdmin;
}

/** What every account shares: the server's counters, the token lifetime and the start time. */
export interface SharedParts {
  counters: Counters;
  tokenTtlSeconds: number;
  startedAt: number;
}

/** A summary of one account, as `GET /_admin/accounts` lists it (never its secret). */
export interface AccountSummary {
  clientId: string;
  devices: number;
  boundaries: number;
  activeTokens: number;
}

/** The accounts of one emulator, the primary first. */
export class AccountRegistry {
  /** Every account, in the order of the options (the primary first). */
  readonly all: readonly Account[];

  /** Opens every account's store (its state file, or a seeded fleet of its own). */
  constructor(accounts: readonly ResolvedAccount[], shared: SharedParts) {
    this.all = accounts.map((options, position) => {
      const store = AccountStore.open({ ...options, position });
      const tokens = new TokenStore(shared.tokenTtlSeconds);
      const faults = new FaultEngine(options.faults, options.seed);
      const counters = new Counters(shared.counters);
      const credentials = { clientId: options.clientId, clientSecret: options.clientSecret };
      const accountNumber = EMULATED_CLIENT_ID + position;
      const admin = createAdmin({ ...shared, store, tokens, faults, counters, credentials, accountNumber });
      return { credentials, store, tokens, faults, counters, admin };
    });
  }

  /** The primary account: the one the top-level options and the default admin API describe. */
  get primary(): Account {
    return this.all[0];
  }

  /** The account of a client id, or undefined. */
  byClientId(clientId: string): Account | undefined {
    return this.all.find((a) => a.credentials.clientId === clientId);
  }

  /**
   * The account that issued `token`, valid or expired (so its 401s count in that account too), or undefined for a
   * token no account issued.
   */
  byToken(token: string | undefined): Account | undefined {
    if (token === undefined) return undefined;
    return this.all.find((a) => a.tokens.isValid(token)) ?? this.all.find((a) => a.tokens.issuedHere(token));
  }

  /** Every account's summary. */
  summaries(): AccountSummary[] {
    return this.all.map((a) => ({
      clientId: a.credentials.clientId,
      devices: a.store.listDevices().length,
      boundaries: a.store.listBoundaries().length,
      activeTokens: a.tokens.activeCount(),
    }));
  }

  /** Saves every state file one last time and stops writing them. */
  close(): void {
    for (const account of this.all) account.store.close();
  }
}
