import fc from "fast-check";
import { HapnError } from "../../provider/client/errors";
import {
  normalizeImei,
  parseBoundaryPage,
  parseBoundaryResponse,
  parseDeleteResponse,
  parseDevicePage,
  parseDeviceResponse,
  parseDeviceStatusResponse,
  parseJsonBody,
  parseTokenResponse,
  serverMessage,
} from "../../provider/client/parse";
import { boundaryJson, deviceJson, expectedDevice, ok } from "./support/fake-hapn";

/** Runs `fn` and returns the HapnError it throws (failing if it does not). */
function hapnErrorOf(fn: () => unknown): HapnError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(HapnError);
    return error as HapnError;
  }
  throw new Error("expected a HapnError");
}

const STATUS_AS_STRINGS = {
  imei: "015181000393760",
  latitude: "51.47765",
  longitude: "-0.00144",
  speed: "12",
  azimuth: "270",
  gpsAccuracy: "5",
  odoMileage: "2918.4",
  hoursOfOperation: "41",
  reportType: "0",
  sendTime: "2026-01-15T12:00:00.000Z",
  gpsUTCTime: "20260115120000",
  address: "1 Main St",
  cellId: "0154C201",
};

describe("device parsing", () => {
  it("keeps known fields, drops unknown ones", () => {
    expect(parseDeviceResponse(ok(deviceJson("862785041422448")))).toEqual(expectedDevice("862785041422448"));
  });

  it("restores an IMEI sent as a JSON number that lost its leading zero", () => {
    const body = ok(deviceJson("x", { imei: 15181000393760 }));
    expect(parseDeviceResponse(body).imei).toBe("015181000393760");
    expect(normalizeImei(862785041422448, "imei")).toBe("862785041422448");
  });

  it("names the field path of a wrong type in a list", () => {
    const items = [1, 2, 3, 4].map((n) => deviceJson(`86278504142244${n}`));
    items[3].color = 42;
    const error = hapnErrorOf(() => parseDevicePage(ok({ items })));
    expect(error.code).toBe("HAPN_BAD_RESPONSE");
    expect(error.message).toContain("result.items[3].color");
    expect(error.message).toContain("a number");
  });

  it("reads null or missing labels as empty strings", () => {
    const device = parseDeviceResponse(ok({ imei: "862785041422448", name: null }));
    expect(device).toMatchObject({ name: "", description: "", clientId: 0, model: { name: "" } });
  });

  it("rejects an IMEI that is neither a string nor an integer", () => {
    for (const imei of [undefined, null, 1.5, -1, true, {}]) {
      expect(hapnErrorOf(() => parseDeviceResponse(ok({ imei }))).message).toContain("result.imei");
    }
  });
});

describe("envelopes and pages", () => {
  it("requires success: true, an object result and an items array", () => {
    expect(hapnErrorOf(() => parseDeviceResponse({ result: deviceJson("1") })).message).toContain("success");
    expect(hapnErrorOf(() => parseDeviceResponse({ success: true })).message).toContain("result should be an object");
    expect(hapnErrorOf(() => parseDevicePage(ok({ items: {} }))).message).toContain("result.items should be an array");
    const failure = hapnErrorOf(() => parseDeviceResponse({ success: false, message: "device locked" }));
    expect(failure.message).toContain("device locked");
  });

  it("treats a missing, null or empty nextToken as the last page", () => {
    for (const nextToken of [undefined, null, ""]) {
      expect(parseDevicePage(ok({ items: [], nextToken })).nextToken).toBeUndefined();
    }
    expect(parseDevicePage(ok({ items: [], nextToken: "abc" })).nextToken).toBe("abc");
    expect(hapnErrorOf(() => parseDevicePage(ok({ items: [], nextToken: 5 }))).message).toContain("result.nextToken");
  });

  it("accepts a delete answered with no body or a success envelope", () => {
    expect(() => parseDeleteResponse(undefined)).not.toThrow();
    expect(() => parseDeleteResponse({ success: true })).not.toThrow();
    expect(hapnErrorOf(() => parseDeleteResponse({ success: false, message: "in use" })).message).toContain("in use");
  });

  it("extracts the server's message from the known error shapes", () => {
    expect(serverMessage({ success: false, message: "bad color" })).toBe("bad color");
    expect(serverMessage({ message: "Unauthorized" })).toBe("Unauthorized");
    expect(serverMessage({ error: "invalid_client" })).toBe("invalid_client");
    expect(serverMessage({ message: "x".repeat(1000) })).toHaveLength(201);
    expect(serverMessage("text")).toBeUndefined();
  });
});

describe("device status parsing", () => {
  it("turns numbers sent as strings into numbers, tolerating a missing batteryPercentage", () => {
    const status = parseDeviceStatusResponse(ok(STATUS_AS_STRINGS));
    expect(status).toEqual({
      imei: "015181000393760",
      latitude: 51.47765,
      longitude: -0.00144,
      speed: 12,
      azimuth: 270,
      gpsAccuracy: 5,
      odoMileage: 2918.4,
      hoursOfOperation: 41,
      reportType: "0",
      sendTime: "2026-01-15T12:00:00.000Z",
      gpsUTCTime: "20260115120000",
      address: "1 Main St",
    });
    expect(status).not.toHaveProperty("batteryPercentage");
    expect(parseDeviceStatusResponse(ok({ ...STATUS_AS_STRINGS, batteryPercentage: 88 })).batteryPercentage).toBe(88);
  });

  it("names a non-numeric string where a number is required", () => {
    const error = hapnErrorOf(() => parseDeviceStatusResponse(ok({ ...STATUS_AS_STRINGS, speed: "fast" })));
    expect(error.code).toBe("HAPN_BAD_RESPONSE");
    expect(error.message).toContain("result.speed should be a number");
    expect(hapnErrorOf(() => parseDeviceStatusResponse(ok({ ...STATUS_AS_STRINGS, latitude: "" }))).message).toContain(
      "result.latitude",
    );
    expect(
      hapnErrorOf(() => parseDeviceStatusResponse(ok({ ...STATUS_AS_STRINGS, latitude: "95" }))).message,
    ).toContain("between -90 and 90");
  });
});

describe("boundary parsing", () => {
  it("parses the documented Feature-wrapped polygon", () => {
    const boundary = parseBoundaryResponse(ok(boundaryJson(316385)));
    expect(boundary.boundaryId).toBe(316385);
    expect(boundary.geometry.geometry.coordinates[0]).toHaveLength(4);
  });

  it("names the exact coordinate that is wrong", () => {
    const body = boundaryJson(1);
    (body.geometry as { geometry: { coordinates: unknown[][][] } }).geometry.coordinates[0][2][1] = "40.6";
    const error = hapnErrorOf(() => parseBoundaryPage(ok({ items: [boundaryJson(2), body] })));
    expect(error.message).toContain("result.items[1].geometry.geometry.coordinates[0][2][1]");
  });

  it("requires a Feature holding a Polygon", () => {
    const point = boundaryJson(1, { geometry: { type: "Feature", geometry: { type: "Point", coordinates: [1, 2] } } });
    expect(hapnErrorOf(() => parseBoundaryResponse(ok(point))).message).toContain("result.geometry.geometry.type");
  });
});

describe("token response parsing", () => {
  it("reads the documented shape and assumes one hour without expires_in", () => {
    expect(parseTokenResponse({ access_token: "t", token_type: "Bearer", expires_in: 3600, scope: "s" })).toEqual({
      accessToken: "t",
      tokenType: "Bearer",
      expiresInSeconds: 3600,
      scope: "s",
    });
    expect(parseTokenResponse({ access_token: "t", token_type: "Bearer" }).expiresInSeconds).toBe(3600);
  });

  it("caps a lifetime over one day at one day instead of failing", () => {
    expect(parseTokenResponse({ access_token: "t", expires_in: 86_400 }).expiresInSeconds).toBe(86_400);
    expect(parseTokenResponse({ access_token: "t", expires_in: 86_401 }).expiresInSeconds).toBe(86_400);
    expect(parseTokenResponse({ access_token: "t", expires_in: 31_536_000 }).expiresInSeconds).toBe(86_400);
  });

  it("rejects bad lifetimes and over-long tokens without quoting the token", () => {
    const secretish = "z".repeat(5000);
    const error = hapnErrorOf(() => parseTokenResponse({ access_token: secretish, expires_in: 60 }));
    expect(error.message).not.toContain("zzzz");
    for (const expires_in of [0, -1, "soon"]) {
      expect(hapnErrorOf(() => parseTokenResponse({ access_token: "t", expires_in })).code).toBe("HAPN_BAD_RESPONSE");
    }
    expect(hapnErrorOf(() => parseTokenResponse({ access_token: "t", token_type: "mac" })).message).toContain(
      "token_type",
    );
  });
});

describe("parseJsonBody", () => {
  it("requires a JSON content type and valid JSON", () => {
    expect(parseJsonBody('{"a":1}', "application/json; charset=utf-8")).toEqual({ a: 1 });
    expect(parseJsonBody("[]", "application/problem+json")).toEqual([]);
    expect(hapnErrorOf(() => parseJsonBody("<html></html>", "text/html")).code).toBe("HAPN_BAD_RESPONSE");
    expect(hapnErrorOf(() => parseJsonBody("{", "application/json")).code).toBe("HAPN_BAD_RESPONSE");
    expect(hapnErrorOf(() => parseJsonBody("{}", null)).message).toContain("missing");
  });
});

describe("property: every parser returns a value or a HapnError, whatever JSON it gets", () => {
  const parsers: Record<string, (body: unknown) => unknown> = {
    parseTokenResponse,
    parseDeviceResponse,
    parseDevicePage,
    parseDeviceStatusResponse,
    parseBoundaryResponse,
    parseBoundaryPage,
    parseDeleteResponse,
  };
  const deviceKeys = Object.keys(deviceJson("1"));
  const statusKeys = [...Object.keys(STATUS_AS_STRINGS), "batteryPercentage"];
  const boundaryKeys = Object.keys(boundaryJson(1));
  const leaf = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom("12", "1e3", "", " 7 ", "NaN", "Infinity"));
  const partial = (keys: string[]) => fc.dictionary(fc.constantFrom(...keys), leaf, { maxKeys: keys.length });
  const nearlyValid = fc.oneof(
    partial([...deviceKeys, ...statusKeys, ...boundaryKeys, "access_token", "expires_in", "token_type"]),
    fc.record({ access_token: leaf, token_type: leaf, expires_in: leaf }, { requiredKeys: [] }),
    fc.record({
      type: fc.constant("Feature"),
      geometry: fc.record({ type: fc.constant("Polygon"), coordinates: leaf }),
    }),
  );
  const bodies = fc.oneof(
    fc.jsonValue(),
    nearlyValid,
    nearlyValid.map((result) => ({ success: true, result })),
    fc.array(nearlyValid, { maxLength: 4 }).map((items) => ({ success: true, result: { items, nextToken: "n" } })),
    fc.record({ success: fc.jsonValue({ maxDepth: 1 }), result: fc.jsonValue({ maxDepth: 3 }) }, { requiredKeys: [] }),
  );

  it.each(Object.keys(parsers))("%s", (name) => {
    fc.assert(
      fc.property(bodies, (body) => {
        try {
          parsers[name](body);
        } catch (error) {
          if (!(error instanceof HapnError) || error.code !== "HAPN_BAD_RESPONSE") throw error;
        }
      }),
      { numRuns: 400 },
    );
  });
});
