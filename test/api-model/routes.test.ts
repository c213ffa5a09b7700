import { ROUTES, type RouteName, matchRoute, routePath } from "../../provider/api-model/routes";

describe("routes table", () => {
  it("fills and matches every route's parameters symmetrically", () => {
    for (const name of Object.keys(ROUTES) as RouteName[]) {
      const params = { imei: "012345678901237", boundaryId: 42 };
      const path = routePath(name, params);
      const matched = matchRoute(name, path);
      for (const key of Object.keys(matched ?? {})) expect(matched?.[key]).toBe(String(params[key as "imei"]));
      expect(matched).toBeDefined();
    }
  });

  it("encodes parameters, so a path cannot be escaped", () => {
    expect(routePath("getDevice", { imei: "../boundaries" })).toBe("/devices/..%2Fboundaries");
  });

  it("refuses a missing parameter", () => {
    expect(() => routePath("getDevice")).toThrow(/missing path parameter "imei"/);
  });
});
