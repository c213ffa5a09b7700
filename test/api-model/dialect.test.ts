/** The override parsers of provider/api-model/dialect.ts: what they accept, and the problem they name otherwise. */
import {
  DEFAULT_DIALECT,
  dialectRoute,
  formatRouteOverrides,
  parseListEnvelope,
  parsePageParams,
  parsePageSize,
  parseRouteOverrides,
  ROUTES,
} from "../../provider/api-model";

describe("dialect overrides", () => {
  it("parses route overrides, keeping the guessed path when none is given, and formats them back", () => {
    const parsed = parseRouteOverrides(" updateDevice=put ; getDevice=GET /device/{imei}");
    expect(parsed).toEqual({
      ok: true,
      value: {
        updateDevice: { method: "PUT", path: "/devices/{imei}" },
        getDevice: { method: "GET", path: "/device/{imei}" },
      },
    });
    const routes = parsed.ok ? parsed.value : {};
    expect(parseRouteOverrides(formatRouteOverrides(routes))).toEqual(parsed);
    expect(dialectRoute({ ...DEFAULT_DIALECT, routes }, "getDevice").path).toBe("/device/{imei}");
    expect(dialectRoute(DEFAULT_DIALECT, "listDevices")).toBe(ROUTES.listDevices);
  });

  it.each([
    ["updateDevice", /not of the form name=METHOD/],
    ["nope=PUT", /"nope" is not a route/],
    ["updateDevice=TRACE", /"TRACE" is not a method/],
    ["updateDevice=PUT devices", /is not a path template/],
    ["updateDevice=PUT /devices/{imei}/{x}", /must have the parameters \{imei\}/],
    ["listDevices=GET /devices/{imei}", /must have the parameters \{none\}/],
  ])("refuses route override %j", (text, problem) => {
    const parsed = parseRouteOverrides(text);
    expect(parsed.ok ? "accepted" : parsed.problem).toMatch(problem);
  });

  it("parses pagination names, page size and list envelope", () => {
    expect(parsePageParams("pageSize, cursor")).toEqual({
      ok: true,
      value: { limit: "pageSize", nextToken: "cursor" },
    });
    expect(parsePageParams("limit,limit").ok).toBe(false);
    expect(parsePageParams("a b,c").ok).toBe(false);
    expect(parsePageSize("1000")).toEqual({ ok: true, value: 1000 });
    expect(parsePageSize("0").ok).toBe(false);
    expect(parsePageSize("10.5").ok).toBe(false);
    expect(parseListEnvelope("NONE")).toEqual({ ok: true, value: "none" });
    expect(parseListEnvelope("bare").ok).toBe(false);
  });
});
