import { inspect } from "node:util";
import {
  HAPN_ERROR_CODES,
  HapnError,
  isHapnError,
  REDACTED,
  Redactor,
  redactSecretShapes,
  truncate,
} from "../../provider/client/errors";

const SECRET = "p@ss+word/with=odd&chars";

function everyRendering(error: HapnError): string {
  return [error.message, error.stack, JSON.stringify(error), inspect(error, { depth: 10 }), String(error)].join("\n");
}

describe("HapnError redaction", () => {
  it("removes a registered secret, in every spelling, from message, stack, cause and JSON", () => {
    const redactor = new Redactor();
    redactor.addSecret(SECRET);
    const cause = new Error(`body was client_id=x&client_secret=${encodeURIComponent(SECRET)} raw=${SECRET}`);
    const error = new HapnError("HAPN_NETWORK", `failed with ${SECRET} and ${JSON.stringify(SECRET)}`, {
      cause,
      redactor,
    });
    const text = everyRendering(error);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(encodeURIComponent(SECRET));
    expect(text).toContain(REDACTED);
    expect(error.cause).not.toBe(cause); // a redacted copy, never the original object
  });

  it("removes current and previous tokens, and any bearer token even when unregistered", () => {
    const redactor = new Redactor();
    redactor.addToken("old-token-123");
    redactor.addToken("new-token-456");
    const error = new HapnError("HAPN_HTTP", "old-token-123 new-token-456 Authorization: Bearer eyJunregistered.x.y", {
      redactor,
    });
    expect(everyRendering(error)).not.toMatch(/old-token-123|new-token-456|eyJunregistered/);
  });

  it("scrubs OAuth-shaped secrets without a redactor", () => {
    expect(redactSecretShapes(`{"access_token":"abc","x":1}`)).toBe(`{"access_token":"${REDACTED}","x":1}`);
    expect(redactSecretShapes("client_secret=abc&client_id=id")).toBe(`client_secret=${REDACTED}&client_id=id`);
    expect(redactSecretShapes("Bearer abc.def")).toBe(`Bearer ${REDACTED}`);
    expect(redactSecretShapes("Bearer abcdefghijklmnopqrstuvwxyz")).toBe(`Bearer ${REDACTED}`);
  });

  it("leaves its own words alone: only values after Bearer are redacted", () => {
    const sentence = "redirects are refused so the bearer token is never sent to another URL. Bearer tokens expire.";
    expect(redactSecretShapes(sentence)).toBe(sentence);
    const error = new HapnError("HAPN_REDIRECT_REFUSED", sentence, { redactor: new Redactor() });
    expect(error.message).toContain("so the bearer token is never sent");
  });

  it("keeps the facts needed to act on the error", () => {
    const error = new HapnError("HAPN_RATE_LIMITED", "slow down", {
      status: 429,
      method: "GET",
      path: "/devices",
      requestId: "req-1",
      retryable: true,
      retryAfterMs: 1000,
      cause: Object.assign(new Error("x"), { code: "ECONNRESET" }),
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("HapnError");
    expect(error.stack?.split("\n")[0]).toBe("HapnError: slow down");
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: "HapnError",
      code: "HAPN_RATE_LIMITED",
      message: "slow down",
      status: 429,
      method: "GET",
      path: "/devices",
      requestId: "req-1",
      retryable: true,
      cause: { name: "Error", message: "x", code: "ECONNRESET" },
    });
    expect(isHapnError(error, "HAPN_RATE_LIMITED")).toBe(true);
    expect(isHapnError(error, "HAPN_TIMEOUT")).toBe(false);
    expect(isHapnError(new Error("x"))).toBe(false);
  });

  it("withContext adds facts, keeps the code and re-redacts", () => {
    const redactor = new Redactor();
    redactor.addSecret("hidden-value");
    const base = new HapnError("HAPN_BAD_RESPONSE", "field x is bad", { retryable: false });
    const wrapped = base.withContext({ method: "GET", path: "/devices", attempts: 2, redactor }, " (hidden-value)");
    expect(wrapped.code).toBe("HAPN_BAD_RESPONSE");
    expect(wrapped).toMatchObject({ method: "GET", path: "/devices", attempts: 2 });
    expect(wrapped.message).toBe(`field x is bad (${REDACTED})`);
  });

  it("lists every code once", () => {
    expect(new Set(HAPN_ERROR_CODES).size).toBe(HAPN_ERROR_CODES.length);
    expect(HAPN_ERROR_CODES).toEqual(
      expect.arrayContaining([
        "HAPN_AUTH_REJECTED",
        "HAPN_NOT_FOUND",
        "HAPN_RATE_LIMITED",
        "HAPN_QUOTA_EXHAUSTED",
        "HAPN_TIMEOUT",
        "HAPN_NETWORK",
        "HAPN_BAD_RESPONSE",
        "HAPN_HTTP",
        "HAPN_BAD_REQUEST",
      ]),
    );
  });
});

describe("truncate", () => {
  it("cuts long server text to 200 characters plus an ellipsis", () => {
    expect(truncate("a".repeat(500))).toBe(`${"a".repeat(200)}…`);
    expect(truncate("short")).toBe("short");
  });
});
