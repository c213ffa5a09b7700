/**
 * Issued bearer tokens: random and opaque (32 bytes, base64url), valid for a fixed lifetime, kept only in memory.
 */
import { randomBytes } from "node:crypto";

/** A freshly issued token and its lifetime in seconds. */
export interface IssuedToken {
  token: string;
  expiresIn: number;
}

/** How many issued tokens {@link TokenStore.recent} remembers. */
const TOKEN_HISTORY = 1000;

/** The set of live tokens. */
export class TokenStore {
  private readonly expiry = new Map<string, number>();
  private readonly history: string[] = [];

  /** `ttlSeconds` is the lifetime of every token; `now` is injectable for tests. */
  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Issues a new token (and forgets expired ones, so the map stays small). */
  issue(): IssuedToken {
    this.prune();
    const token = randomBytes(32).toString("base64url");
    this.expiry.set(token, this.now() + this.ttlSeconds * 1000);
    this.history.push(token);
    if (this.history.length > TOKEN_HISTORY) this.history.shift();
    return { token, expiresIn: this.ttlSeconds };
  }

  /** The most recently issued tokens, expired ones included (for tests that prove no token leaked anywhere). */
  recent(): string[] {
    return [...this.history];
  }

  /** True when `token` was issued here, expired or not (as far as {@link recent} remembers for expired ones). */
  issuedHere(token: string): boolean {
    return this.expiry.has(token) || this.history.includes(token);
  }

  /** True when `token` was issued here and has not expired. */
  isValid(token: string): boolean {
    const expiresAt = this.expiry.get(token);
    return expiresAt !== undefined && this.now() < expiresAt;
  }

  /** Expires every token at once; returns how many were live. */
  expireAll(): number {
    this.prune();
    const count = this.expiry.size;
    this.expiry.clear();
    return count;
  }

  /** How many tokens are live. */
  activeCount(): number {
    this.prune();
    return this.expiry.size;
  }

  private prune(): void {
    const now = this.now();
    for (const [token, expiresAt] of this.expiry) if (now >= expiresAt) this.expiry.delete(token);
  }
}
