/**
 * Fuzz (issue 10): fault sequences and arbitrary bodies fed to `HapnClient` through an injected fetch always give a
 * value or a `HapnError` with a known code, never hang, and never show the secret or a token in the error.
 * `HAPN_FUZZ_RUNS=10000 npx jest --selectProjects unit -- test/client/fuzz` is the long run; `npm test` runs few.
 */
import fc from "fast-check";
import { HAPN_ERROR_CODES, HapnClient, HapnError, resetProcessState } from "../../provider/client";
import type { FetchFunction, FetchResponse } from "../../provider/client";
import { fakeClock } from "./support/fake-clock";
import { CLIENT_ID, CLIENT_SECRET, deviceJson, ok } from "./support/fake-hapn";

const RUNS = Number(process.env.HAPN_FUZZ_RUNS ?? 60);
const IMEI = "862785041422448";
const ORIGIN = "https://fuzz.example";

/** What one exchange answers; `echo` puts the request's Authorization header into the body (redaction check). */
type Fault =
  | { kind: "answer"; status: number; body: string; contentType: string; retryAfter?: string; errorType?: string }
  | { kind: "reset" }
  | { kind: "echo"; status: number };

const STATUSES = [200, 200, 204, 302, 400, 401, 403, 404, 409, 429, 500, 502, 503, 504];
const bodyArb = fc.oneof(
  fc.json(),
  fc.string(),
  fc.constant(JSON.stringify(ok(deviceJson(IMEI)))),
  fc.constant(JSON.stringify({ success: false, message: "Device not found" })),
  fc.constant('{"message":"Not Found"}'),
  fc.constant('{"message":"Limit Exceeded"}'),
  fc.constant("<html>oops</html>"),
);
const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  fc.record({
    kind: fc.constant("answer" as const),
    status: fc.constantFrom(...STATUSES),
    body: bodyArb,
    contentType: fc.constantFrom("application/json", "text/html", "text/plain", ""),
    retryAfter: fc.option(
      fc.oneof(fc.nat(120).map(String), fc.string(), fc.constant("Wed, 21 Oct 2015 07:28:00 GMT")),
      {
        nil: undefined,
      },
    ),
    errorType: fc.option(fc.constantFrom("LimitExceededException", "TooManyRequestsException"), { nil: undefined }),
  }),
  fc.constant<Fault>({ kind: "reset" }),
  fc.record({ kind: fc.constant("echo" as const), status: fc.constantFrom(400, 401, 500) }),
);
/** Token endpoint answers: mostly valid (with random lifetimes, so tokens expire mid-run), sometimes faults. */
const tokenArb = fc.oneof(
  fc.record({
    kind: fc.constant("token" as const),
    expiresIn: fc.oneof(fc.integer({ min: 1, max: 7200 }), fc.constant(-1)),
  }),
  faultArb,
);

function response(status: number, body: string, headers: Record<string, string>): FetchResponse {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    status,
    headers: { get: (name) => lower[name.toLowerCase()] ?? null },
    body: (async function* () {
      yield Buffer.from(body);
    })(),
  };
}

/** Token endpoint answers in order: a fault, or a valid token with the given `expires_in`. */
type TokenScript = Array<Fault | { kind: "token"; expiresIn: number }>;

/** A fetch that plays `api` and `token` fault lists in order (then succeeds), recording every token it issues. */
function scriptedFetch(api: Fault[], token: TokenScript, issued: string[]) {
  const play = async (fault: Fault, authorization: string): Promise<FetchResponse> => {
    if (fault.kind === "reset") throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    if (fault.kind === "echo")
      return response(fault.status, JSON.stringify({ message: `got ${authorization}` }), {
        "content-type": "application/json",
      });
    const headers: Record<string, string> = {};
    if (fault.contentType) headers["content-type"] = fault.contentType;
    if (fault.retryAfter !== undefined) headers["retry-after"] = fault.retryAfter;
    if (fault.errorType) headers["x-amzn-errortype"] = fault.errorType;
    if (fault.status === 302) headers.location = "https://elsewhere.example/";
    return response(fault.status, fault.body, headers);
  };
  const fetch: FetchFunction = async (url, init) => {
    if (url.endsWith("/oauth2/token")) {
      const next = token.shift() ?? { kind: "token", expiresIn: 3600 };
      if (next.kind !== "token") return play(next, init.body ?? "");
      const accessToken = `tok${issued.length}x${Math.random().toString(36).slice(2)}`;
      issued.push(accessToken);
      return response(
        200,
        JSON.stringify({ access_token: accessToken, token_type: "Bearer", expires_in: next.expiresIn }),
        {
          "content-type": "application/json",
        },
      );
    }
    const next = api.shift();
    if (next) return play(next, init.headers.Authorization ?? "");
    return response(200, JSON.stringify(url.includes("?") ? ok({ items: [deviceJson(IMEI)] }) : ok(deviceJson(IMEI))), {
      "content-type": "application/json",
    });
  };
  return fetch;
}

type Operation = (client: HapnClient) => Promise<unknown>;
const OPERATIONS: Operation[] = [
  (c) => c.getDevice(IMEI),
  (c) => c.listDevices(),
  (c) => c.updateDevice(IMEI, { name: "Fuzz" }),
  (c) => c.getDeviceStatus(IMEI),
  (c) => c.deleteBoundary(7),
];

/** Runs `operation` and checks the outcome: a value, or a redacted HapnError with a known code; never a hang. */
async function checkOutcome(client: HapnClient, operation: Operation, issued: string[]): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<"hang">((resolve) => (timer = setTimeout(() => resolve("hang"), 5_000)));
  const outcome = await Promise.race([
    operation(client).then(
      () => "value",
      (e: unknown) => e,
    ),
    hang,
  ]);
  clearTimeout(timer);
  expect(outcome).not.toBe("hang");
  if (outcome === "value") return;
  expect(outcome).toBeInstanceOf(HapnError);
  const error = outcome as HapnError;
  expect(HAPN_ERROR_CODES).toContain(error.code);
  const text = `${error.message}\n${error.stack}\n${JSON.stringify(error)}`;
  expect(text).not.toContain(CLIENT_SECRET);
  for (const token of issued) expect(text).not.toContain(token);
}

function fuzzClient(fetch: FetchFunction): HapnClient {
  return new HapnClient({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    authUrl: `${ORIGIN}/oauth2/token`,
    apiUrl: `${ORIGIN}/v1`,
    fetch,
    throttleBudgetMs: 600_000,
    ...fakeClock().options,
  });
}

/** One fuzz case: a fresh process state and client playing the script, then the outcome checks. */
async function runScript(api: Fault[], token: TokenScript, operation: Operation): Promise<void> {
  resetProcessState();
  const issued: string[] = [];
  const client = fuzzClient(scriptedFetch(api, token, issued));
  try {
    await checkOutcome(client, operation, issued);
  } finally {
    client.destroy();
  }
}

describe("fuzz", () => {
  afterEach(() => resetProcessState());

  it("fault sequences always end in a value or a known, redacted HapnError", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(faultArb, { maxLength: 12 }),
        fc.array(tokenArb, { maxLength: 4 }),
        fc.nat(OPERATIONS.length - 1),
        (api, token, op) => runScript([...api], [...token], OPERATIONS[op]),
      ),
      { numRuns: RUNS },
    );
  }, 120_000);

  it("arbitrary 200 bodies always end in a value or a known, redacted HapnError", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(ok(v))),
        ),
        fc.nat(OPERATIONS.length - 1),
        (body, op) =>
          runScript([{ kind: "answer", status: 200, body, contentType: "application/json" }], [], OPERATIONS[op]),
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});
