/**
 * The bad-input table: resource arguments and connection settings that must fail `check` (the preview), each with
 * the message the user sees and the property it names, and none of them may reach the API. Bad API answers have their own table in
 * test/client/bad-answers.test.ts.
 */
import { type RunningEmulator } from "../../emulator";
import { startTestEmulator } from "../support/emulator";
import { device as ops } from "../../provider/state/v1";
import { resetProviderProcess as newProviderProcess } from "../../provider/process-state";
import { emulatorConfig } from "./support/emulated-provider";

const VAN = "862785041422448";
const long = (n: number) => "x".repeat(n);

interface Row {
  what: string;
  /** Device arguments (default: a valid Device). */
  args?: Record<string, unknown>;
  /** Config overrides; `undefined` removes a key. */
  config?: Record<string, string | undefined>;
  message: RegExp;
}

const ROWS: Row[] = [
  // imei
  {
    what: "imei missing",
    args: { imei: undefined, name: "Van" },
    message: /imei is required: the tracker's 15-digit IMEI, as a string/,
  },
  {
    what: "imei as a number too short to be one",
    args: { imei: 8627850414224 },
    message: /imei must be a string of 15 digits \(quote it/,
  },
  { what: "imei empty", args: { imei: "" }, message: /imei "" must contain digits only/ },
  {
    what: "imei with letters",
    args: { imei: "86278504142244A" },
    message: /"86278504142244A" must contain digits only/,
  },
  { what: "imei with dashes", args: { imei: "86-278504-142244-8" }, message: /must contain digits only/ },
  { what: "imei with a space", args: { imei: " 862785041422448" }, message: /must contain digits only/ },
  { what: "imei of 14 digits", args: { imei: "86278504142244" }, message: /has 14 digits; an IMEI has 15/ },
  { what: "imei of 16 digits", args: { imei: "8627850414224480" }, message: /has 16 digits; an IMEI has 15/ },
  {
    what: "imei with a typo",
    args: { imei: "862785041422449" },
    message: /fails the Luhn check \(last digit should be 8\)/,
  },
  { what: "imei null", args: { imei: null }, message: /imei must be a string of 15 digits/ },
  // labels
  { what: "name empty", args: { name: "" }, message: /^name must not be empty$/ },
  { what: "name blank", args: { name: "   " }, message: /^name must not be blank \(only whitespace\)$/ },
  { what: "name too long", args: { name: long(101) }, message: /^name is 101 characters long; the limit is 100$/ },
  { what: "name of 101 emoji", args: { name: "🚚".repeat(101) }, message: /name is 101 characters long/ },
  { what: "name a number", args: { name: 7 }, message: /^name must be a string$/ },
  { what: "name an object", args: { name: { text: "Van" } }, message: /^name must be a string$/ },
  {
    what: "description too long",
    args: { description: long(501) },
    message: /description is 501 characters long; the limit is 500/,
  },
  { what: "description a boolean", args: { description: true }, message: /^description must be a string$/ },
  {
    what: "color a word",
    args: { color: "blue" },
    message: /color "blue" must be a hex color like "#579db5" \(#rrggbb\)/,
  },
  { what: "color without #", args: { color: "579db5" }, message: /color "579db5" must be a hex color/ },
  { what: "color short form", args: { color: "#fff" }, message: /color "#fff" must be a hex color/ },
  { what: "color with alpha", args: { color: "#579db5ff" }, message: /color "#579db5ff" must be a hex color/ },
  { what: "color not hex", args: { color: "#gggggg" }, message: /color "#gggggg" must be a hex color/ },
  { what: "color rgb()", args: { color: "rgb(1,2,3)" }, message: /color "rgb\(1,2,3\)" must be a hex color/ },
  { what: "icon empty", args: { icon: "" }, message: /^icon must not be empty$/ },
  { what: "icon blank", args: { icon: "\t " }, message: /^icon must not be blank/ },
  { what: "icon too long", args: { icon: long(65) }, message: /^icon is 65 characters long; the limit is 64$/ },
  // bookkeeping arguments
  {
    what: "deletePolicy misspelt",
    args: { deletePolicy: "restore" },
    message: /deletePolicy must be one of "retain", "restoreLabels"; got "restore"/,
  },
  {
    what: "deletePolicy wrong case",
    args: { deletePolicy: "RETAIN" },
    message: /deletePolicy must be one of .*got "RETAIN"/,
  },
  {
    what: "onMissing unknown",
    args: { onMissing: "ignore" },
    message: /onMissing must be one of "fail", "warn"; got "ignore"/,
  },
  { what: "onMissing a boolean", args: { onMissing: true }, message: /onMissing must be one of .*; got true/ },
  {
    what: "unknown property",
    args: { colour: "#579db5" },
    message: /unknown property "colour"; a Device accepts imei, name, description, color, icon/,
  },
  { what: "labels as an object", args: { labels: { name: "Van" } }, message: /unknown property "labels"/ },
  {
    what: "several mistakes at once",
    args: { imei: "862785041422449", color: "blue", name: "" },
    message: /Luhn check[\s\S]*name must not be empty[\s\S]*color "blue"/,
  },
  // connection settings
  {
    what: "no credentials",
    config: { "hapn:clientId": undefined, "hapn:clientSecret": undefined },
    message: /Hapn credentials are missing \(hapn:clientId, hapn:clientSecret\)/,
  },
  {
    what: "no client secret",
    config: { "hapn:clientSecret": undefined },
    message:
      /missing \(hapn:clientSecret\)[\s\S]*pulumi config set --secret hapn:clientSecret <value>`, or set the environment variable HAPN_CLIENT_SECRET/,
  },
  {
    what: "blank client id",
    config: { "hapn:clientId": "   " },
    message: /Hapn credentials are missing \(hapn:clientId\)/,
  },
  {
    what: "apiUrl not a URL",
    config: { "hapn:apiUrl": "api.iotgps.io/v1" },
    message: /^hapn:apiUrl \(or HAPN_API_URL\) must be an absolute URL, got "api.iotgps.io\/v1"$/,
  },
  {
    what: "apiUrl plain http to another host",
    config: { "hapn:apiUrl": "http://api.example.com/v1" },
    message:
      /^hapn:apiUrl \(or HAPN_API_URL\) must use https: "http:\/\/api.example.com" would send credentials .*set hapn:allowInsecureHttp to true/,
  },
  {
    what: "apiUrl ftp",
    config: { "hapn:apiUrl": "ftp://api.example.com/v1" },
    message: /hapn:apiUrl \(or HAPN_API_URL\) must be an https URL, got protocol "ftp:"/,
  },
  {
    what: "apiUrl with a password",
    config: { "hapn:apiUrl": "https://u:p@api.example.com/v1" },
    message: /hapn:apiUrl .*must not contain a user name or password/,
  },
  {
    what: "apiUrl with a query",
    config: { "hapn:apiUrl": "https://api.example.com/v1?x=1" },
    message: /hapn:apiUrl .*must not contain a query string or fragment/,
  },
  {
    what: "authUrl plain http",
    config: { "hapn:authUrl": "http://auth.example.com/oauth2/token" },
    message: /^hapn:authUrl \(or HAPN_AUTH_URL\) must use https/,
  },
  {
    what: "authUrl not a URL",
    config: { "hapn:authUrl": "oauth2/token" },
    message: /hapn:authUrl \(or HAPN_AUTH_URL\) must be an absolute URL/,
  },
];

describe("bad inputs fail the preview with their message, and never reach the API", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ devices: 3 });
  });
  afterAll(() => emu.stop());

  it("has at least 30 rows", () => expect(ROWS.length).toBeGreaterThanOrEqual(30));

  it.each(ROWS.map((row) => [row.what, row] as const))("%s", async (_what, row) => {
    newProviderProcess();
    emu.admin.resetCounters();
    const saved = { ...process.env };
    for (const key of ["HAPN_CLIENT_ID", "HAPN_CLIENT_SECRET", "HAPN_API_URL", "HAPN_AUTH_URL"])
      delete process.env[key];
    try {
      const config = emulatorConfig(emu);
      const values: Record<string, string | undefined> = { ...row.config };
      await ops.configure({
        config: { ...config, get: (key: string) => (key in values ? values[key] : config.get(key)) },
      });
      const result = await ops.check({} as never, { imei: VAN, ...row.args } as never);
      expect(result.failures?.map((f) => f.reason).join("\n")).toMatch(row.message);
      // Each failure names the property at fault: one the row sets, or none ("") for a connection setting.
      const named = row.config ? [""] : Object.keys(row.args ?? {});
      expect(result.failures!.map((f) => f.property).filter((p) => !named.includes(p))).toEqual([]);
    } finally {
      process.env = saved;
    }
    expect(emu.admin.counters().apiRequests + emu.admin.counters().tokenRequests).toBe(0);
  });
});
