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

/** The one client the emulated account accepts. */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
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

/** Answers one token request: a new bearer token, or an OAuth2 error. */
export function handleTokenRequest(req: TokenRequest, accepted: ClientCredentials, tokens: TokenStore): JsonAnswer {
  if (req.method !== "POST") return oauthError("invalid_request", 405, { allow: "POST" });
  if (req.mediaType !== "application/x-www-form-urlencoded") return oauthError("invalid_request");
  const form = new URLSearchParams(req.body);
  const grantType = form.get("grant_type");
  if (!grantType) return oauthError("invalid_request");
  const presented = req.authorization
    ? basicCredentials(req.authorization)
    : { clientId: form.get("client_id") ?? "", clientSecret: form.get("client_secret") ?? "" };
  const valid =
    presented !== undefined &&
    sameSecret(presented.clientId, accepted.clientId) &&
    sameSecret(presented.clientSecret, accepted.clientSecret);
  if (!valid) return oauthError("invalid_client");
  if (grantType !== "client_credentials") return oauthError("unsupported_grant_type");
  const issued = tokens.issue();
  return {
    status: 200,
    body: { access_token: issued.token, token_type: "Bearer", expires_in: issued.expiresIn },
    headers: { "cache-control": "no-store", pragma: "no-cache" },
  };
}
