/**
 * The OAuth2 client-credentials token endpoint (`POST /oauth2/token`), answering the way an AWS Cognito domain
 * does (docs/hapn-api-notes.md, Authentication): credentials in the form body or in HTTP Basic, errors as `{"error": "<code>"}` with 400.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { JsonAnswer } from "./http-util";
import type { TokenStore } from "./tokens";

/** The parts of a token request the endpoint looks at. */
export interface TokenRequest {
  method: string;
  /** Media type, lower case, without parameters. */
  mediaType: string;
  authorization?: string;
  body: string;
}

/** The client an emulated account accepts. */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** An account as the token endpoint sees it: the client it accepts and where its tokens are issued. */
export interface TokenClient {
  credentials: ClientCredentials;
  tokens: TokenStore;
}

/**
 * The account a token request names by client id (whether or not its secret is right), read from the Basic
 * header or the form body; undefined when it names none.
 */
export function namedClient<C extends TokenClient>(req: TokenRequest, clients: readonly C[]): C | undefined {
  const presented = presentedCredentials(req);
  return presented && clients.find((c) => sameSecret(presented.clientId, c.credentials.clientId));
}

/** The credentials a token request presents: HTTP Basic if there is an authorization header, else the form's. */
function presentedCredentials(req: TokenRequest): ClientCredentials | undefined {
  if (req.authorization) return basicCredentials(req.authorization);
  const form = new URLSearchParams(req.body);
  return { clientId: form.get("client_id") ?? "", clientSecret: form.get("client_secret") ?? "" };
}

/** Constant-time string equality (compares digests, so lengths leak nothing either). */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** Credentials from an `Authorization: Basic` header (RFC 6749 §2.3.1: each part form-encoded), if well formed. */
function basicCredentials(header: string): ClientCredentials | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  try {
    const unform = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));
    return { clientId: unform(decoded.slice(0, colon)), clientSecret: unform(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

const oauthError = (error: string, status = 400, headers: Record<string, string> = {}): JsonAnswer => ({
  status,
  body: { error },
  headers,
});

/** Answers one token request: a new bearer token of the account it names, or an OAuth2 error. */
export function handleTokenRequest(req: TokenRequest, clients: readonly TokenClient[]): JsonAnswer {
  if (req.method !== "POST") return oauthError("invalid_request", 405, { allow: "POST" });
  if (req.mediaType !== "application/x-www-form-urlencoded") return oauthError("invalid_request");
  const form = new URLSearchParams(req.body);
  const grantType = form.get("grant_type");
  if (!grantType) return oauthError("invalid_request");
  const presented = presentedCredentials(req);
  const client = namedClient(req, clients);
  const valid =
    presented !== undefined &&
    client !== undefined &&
    sameSecret(presented.clientSecret, client.credentials.clientSecret);
  if (!valid) return oauthError("invalid_client");
  if (grantType !== "client_credentials") return oauthError("unsupported_grant_type");
  const issued = client.tokens.issue();
  return {
    status: 200,
    body: { access_token: issued.token, token_type: "Bearer", expires_in: issued.expiresIn },
    headers: { "cache-control": "no-store", pragma: "no-cache" },
  };
}
