/**
 * The API-answer rows of issue 10's bad-input table: malformed or unexpected answers from the token endpoint and the
 * API, each with the exact `HapnError` code and a fragment of the message the user must see. Retries are off
 * (`maxRetries: 0`, `throttleBudgetMs: 0`) so each row is one exchange.
 */
import type { HapnClient, HapnErrorCode } from "../../provider/client";
import { useCleanup } from "./support/cleanup";
import { deviceJson, newClient, ok } from "./support/fake-hapn";
import type { ApiHandler } from "./support/fake-hapn";
import type { HandlerContext } from "./support/test-server";
import { rejection } from "./support/rejection";

const IMEI = "862785041422448";
const cleanup = useCleanup();
const JSON_TYPE = { "content-type": "application/json" };

type Call = (client: HapnClient) => Promise<unknown>;
const getDevice: Call = (c) => c.getDevice(IMEI);
const listDevices: Call = (c) => c.listDevices();
const getStatus: Call = (c) => c.getDeviceStatus(IMEI);
const updateDevice: Call = (c) => c.updateDevice(IMEI, { name: "Van" });

/** An API answer: `[status, body]` (objects sent as JSON, strings raw with JSON content type) or a handler. */
type Answer = [number, unknown, Record<string, string>?] | ApiHandler;
/** A token endpoint answer, same forms. */
type TokenAnswer = [number, unknown, Record<string, string>?];

interface Row {
  answer?: Answer;
  token?: TokenAnswer;
  call: Call;
  code: HapnErrorCode;
  fragment: string;
}

const send = (ctx: HandlerContext, [status, body, headers]: [number, unknown, Record<string, string>?]) =>
  typeof body === "string" ? ctx.send(status, body, { ...JSON_TYPE, ...headers }) : ctx.json(status, body, headers);

const ROWS: Record<string, Row> = {
  "200 with an HTML body": {
    answer: [200, "<html>maintenance</html>", { "content-type": "text/html" }],
    call: getDevice,
    code: "HAPN_BAD_RESPONSE",
    fragment: 'expected a JSON body but the content type is "text/html"',
  },
  "200 with truncated JSON": {
    answer: [200, '{"success":true,'],
    call: getDevice,
    code: "HAPN_BAD_RESPONSE",
    fragment: "not valid JSON",
  },
  "200 with an empty body": {
    answer: [200, ""],
    call: getDevice,
    code: "HAPN_BAD_RESPONSE",
    fragment: "the body should be an object, but is missing",
  },
  "200 with a JSON array": {
    answer: [200, []],
    call: getDevice,
    code: "HAPN_BAD_RESPONSE",
    fragment: "the body should be an object, but is an array",
  },
  "200 without success": {
    answer: [200, { result: deviceJson(IMEI) }],
    call: getDevice,
    code: "HAPN_BAD_RESPONSE",
    fragment: "success should be true, but is missing",
  },
  "200 with success false": {
    answer: [200, { success: false, message: "backend busy" }],
    call: getDevice,
    code: "HAPN_BAD_RESPONSE",
    fragment: "the API reported failure: backend busy",
  },
  "200 without result": {
    answer: [200, { success: true }],
    call: getDevice,
    code: "HAPN_BAD_RESPONSE",
    fragment: "result should be an object, but is missing",
  },
  "a device without imei": {
    answer: [200, ok(deviceJson(IMEI, { imei: undefined }))],
    call: getDevice,
    code: "HAPN_BAD_RESPONSE",
    fragment: "result.imei should be an IMEI (a string of digits), but is missing",
  },
  "a device name that is a number": {
    answer: [200, ok(deviceJson(IMEI, { name: 7 }))],
    call: updateDevice,
    code: "HAPN_BAD_RESPONSE",
    fragment: "result.name should be a string, but is a number",
  },
  "a list whose items is an object": {
    answer: [200, ok({ items: {} })],
    call: listDevices,
    code: "HAPN_BAD_RESPONSE",
    fragment: "result.items should be an array, but is a object",
  },
  "a list item with an array color": {
    answer: [200, ok({ items: [deviceJson(IMEI, { color: ["red"] })] })],
    call: listDevices,
    code: "HAPN_BAD_RESPONSE",
    fragment: "result.items[0].color should be a string, but is an array",
  },
  "a list that repeats its nextToken": {
    answer: (ctx) => ctx.json(200, ok({ items: [deviceJson(IMEI)], nextToken: "same" })),
    call: listDevices,
    code: "HAPN_BAD_RESPONSE",
    fragment: "pagination loop",
  },
  "a status latitude out of range": {
    answer: [200, ok({ imei: IMEI, latitude: "91", longitude: "0" })],
    call: getStatus,
    code: "HAPN_BAD_RESPONSE",
    fragment: "result.latitude should be between -90 and 90",
  },
  "a status latitude that is not numeric": {
    answer: [200, ok({ imei: IMEI, latitude: "north", longitude: "0" })],
    call: getStatus,
    code: "HAPN_BAD_RESPONSE",
    fragment: "result.latitude should be a number, but is a string of 5 chars",
  },
  "a body larger than maxResponseBytes": {
    answer: [200, ok(deviceJson(IMEI, { description: "x".repeat(70_000) }))],
    call: getDevice,
    code: "HAPN_BAD_RESPONSE",
    fragment: "larger than the 65536-byte limit",
  },
  "400 in the application envelope": {
    answer: [400, { success: false, message: "name is too long" }],
    call: updateDevice,
    code: "HAPN_BAD_REQUEST",
    fragment: "failed with HTTP 400: name is too long",
  },
  "404 in the application envelope on the status route": {
    answer: [404, { success: false, message: `Device ${IMEI} not found` }],
    call: getStatus,
    code: "HAPN_NOT_FOUND",
    fragment: `Device ${IMEI} not found`,
  },
  "404 with the gateway body on a device route": {
    answer: [404, { message: "Not Found" }],
    call: getDevice,
    code: "HAPN_ROUTE_NOT_FOUND",
    fragment: "is probably wrong (expected e.g. https://api.iotgps.io/v1, with /v1). Check hapn:apiUrl",
  },
  "404 with an HTML page": {
    answer: [404, "<html>Not Found</html>", { "content-type": "text/html" }],
    call: getDevice,
    code: "HAPN_ROUTE_NOT_FOUND",
    fragment: "not Hapn's answer about a missing object",
  },
  "404 in the application envelope on a list route": {
    answer: [404, { success: false, message: "nothing here" }],
    call: listDevices,
    code: "HAPN_ROUTE_NOT_FOUND",
    fragment: "hapn:apiUrl",
  },
  "403 Missing Authentication Token (REST API gateway)": {
    answer: [403, { message: "Missing Authentication Token" }],
    call: getDevice,
    code: "HAPN_ROUTE_NOT_FOUND",
    fragment: "failed with HTTP 403: Missing Authentication Token",
  },
  "403 Forbidden to every fresh token": {
    answer: [403, { message: "Forbidden" }],
    call: getDevice,
    code: "HAPN_UNAUTHORIZED",
    fragment: "The API refused 3 access tokens in a row",
  },
  "302 redirect": {
    answer: [302, "", { location: "https://elsewhere.example/v1/devices" }],
    call: getDevice,
    code: "HAPN_REDIRECT_REFUSED",
    fragment: "redirect to https://elsewhere.example",
  },
  "429 LimitExceededException": {
    answer: [429, { message: "Limit Exceeded" }, { "x-amzn-ErrorType": "LimitExceededException" }],
    call: getDevice,
    code: "HAPN_QUOTA_EXHAUSTED",
    fragment: "quota is used up; retrying will not help",
  },
  "429 Too Many Requests, no throttle budget": {
    answer: [429, { message: "Too Many Requests" }],
    call: getDevice,
    code: "HAPN_RATE_LIMITED",
    fragment: "failed with HTTP 429: Too Many Requests",
  },
  "500 with no retries left": {
    answer: [500, { message: "Internal server error" }],
    call: getDevice,
    code: "HAPN_HTTP",
    fragment: "failed with HTTP 500: Internal server error",
  },
  "409 conflict": {
    answer: [409, { success: false, message: "busy" }],
    call: updateDevice,
    code: "HAPN_HTTP",
    fragment: "HTTP 409: busy",
  },
  "token: 200 without access_token": {
    token: [200, { token_type: "Bearer", expires_in: 3600 }],
    call: getDevice,
    code: "HAPN_BAD_RESPONSE",
    fragment: "access_token should be a non-empty string, but is missing",
  },
  "token: a MAC token type": {
    token: [200, { access_token: "abc", token_type: "mac", expires_in: 3600 }],
    call: getDevice,
    code: "HAPN_BAD_RESPONSE",
    fragment: 'token_type should be "Bearer"',
  },
  "token: a negative expires_in": {
    token: [200, { access_token: "abc", token_type: "Bearer", expires_in: -5 }],
    call: getDevice,
    code: "HAPN_BAD_RESPONSE",
    fragment: "expires_in should be a positive number of seconds",
  },
  "token: 400 invalid_client": {
    token: [400, { error: "invalid_client" }],
    call: getDevice,
    code: "HAPN_AUTH_REJECTED",
    fragment: "Check clientId and clientSecret",
  },
  "token: 400 unsupported_grant_type": {
    token: [400, { error: "unsupported_grant_type" }],
    call: getDevice,
    code: "HAPN_BAD_REQUEST",
    fragment: "unsupported_grant_type",
  },
  "token: 404 at the token URL": {
    token: [404, { message: "Not Found" }],
    call: getDevice,
    code: "HAPN_ROUTE_NOT_FOUND",
    fragment: "Check hapn:authUrl",
  },
};

describe("bad API answers", () => {
  it("has at least 20 rows", () => {
    expect(Object.keys(ROWS).length).toBeGreaterThanOrEqual(20);
  });

  it.each(Object.entries(ROWS))("%s", async (_label, row) => {
    const answer = row.answer ?? [200, ok(deviceJson(IMEI))];
    const fake = await cleanup.fake({
      api: typeof answer === "function" ? answer : (ctx) => send(ctx, answer),
      token: row.token && ((ctx) => (send(ctx, row.token as TokenAnswer), true)),
    });
    const client = newClient(fake, cleanup.clients, { maxRetries: 0, throttleBudgetMs: 0, maxResponseBytes: 65_536 });
    const error = await rejection(row.call(client));
    expect(error.code).toBe(row.code);
    expect(error.message).toContain(row.fragment);
  });
});
