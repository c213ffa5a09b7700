import * as pulumi from "@pulumi/pulumi";
import { HapnClient, type HapnError } from "../../provider/client";
import { clientOptions, deviceJson, type FakeHapn, ok, startFakeHapn } from "./support/fake-hapn";

const requireFromString = require("require-from-string") as (code: string, filename?: string) => unknown;

const IMEI = "862785041422448";
let server: FakeHapn | undefined;

afterEach(async () => {
  await server?.close();
});

describe("Pulumi closure serialization", () => {
  it("a closure that builds a client survives serialization and still works", async () => {
    server = await startFakeHapn({
      api: (ctx) =>
        ctx.apiPath.endsWith("/status")
          ? ctx.json(404, { success: false, message: "no fix yet" })
          : ctx.json(200, ok(deviceJson(IMEI))),
    });
    const options = clientOptions(server);
    const { text } = await pulumi.runtime.serializeFunction(() => async (opts: typeof options) => {
      const client = new HapnClient(opts);
      try {
        const all = await Promise.all([client.getDevice(IMEI), client.getDevice(IMEI)]);
        const error = await client.getDeviceStatus(IMEI).catch((e: unknown) => e);
        return { imeis: all.map((d) => d?.imei), stats: client.stats, error };
      } finally {
        client.destroy();
      }
    });
    expect(text).not.toContain(options.clientSecret);
    const loaded = requireFromString(text, `${__dirname}/serialized.js`) as {
      handler: () => (o: typeof options) => Promise<{ imeis: string[]; stats: object; error: HapnError }>;
    };
    const result = await loaded.handler()(options);
    expect(result.imeis).toEqual([IMEI, IMEI]);
    expect(result.stats).toEqual({ tokenRequests: 1, requests: 3, retries: 0 });
    // The serialized HapnError is another class object (from another realm under Jest): check its shape instead.
    expect(result.error).toMatchObject({ name: "HapnError", code: "HAPN_NOT_FOUND", status: 404 });
    expect(result.error.message).toContain("no fix yet");
    expect(result.error.stack).toMatch(/^HapnError: GET \/devices\/\d+\/status failed/);
    expect(JSON.parse(JSON.stringify(result.error))).toMatchObject({ code: "HAPN_NOT_FOUND" });
  }, 20_000);
});
