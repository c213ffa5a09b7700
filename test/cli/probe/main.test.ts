/**
 * `hapn-probe` (cli/probe/main.ts) against the emulator and each of its variants: it reports exactly the
 * variant's differences (none on the default), stays within the request bound its help states, changes nothing,
 * suggests overrides after which nothing adaptable differs, and never prints the secret or a token.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { EmulatorOptions, RunningEmulator } from "../../../emulator";
import { READ_ONLY_MAX_REQUESTS } from "../../../cli/probe/checks";
import { EXIT, hapnProbe } from "../../../cli/probe/main";
import { emulatorEnv, startTestEmulator } from "../../support/emulator";

const SECRET = "probe-test-secret-value";

/**
 * Runs the probe with `env` and `argv`; returns its exit code, everything it wrote, and the access tokens it was
 * issued (seen by wrapping fetch), so a test can check that none of them is printed.
 */
async function probe(env: Record<string, string>, argv: string[] = []) {
  let out = "";
  let err = "";
  const tokens: string[] = [];
  const realFetch = globalThis.fetch;
  const spy = jest.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const res = await realFetch(input, init);
    if (String(input).endsWith("/oauth2/token") && res.status === 200) {
      tokens.push(((await res.clone().json()) as { access_token: string }).access_token);
    }
    return res;
  });
  try {
    const code = await hapnProbe(argv, { out: (t) => (out += t), err: (t) => (err += t), env });
    return { code, out, err, tokens };
  } finally {
    spy.mockRestore();
  }
}

/** The ids of the rows whose verdict is "differs", from the JSON report. */
function differing(json: string): string[] {
  const report = JSON.parse(json) as { results: { id: string; verdict: string }[] };
  return report.results.filter((r) => r.verdict === "differs").map((r) => r.id);
}

/** The suggested overrides of a JSON report, as the environment variables the provider reads. */
function suggestedEnv(json: string): Record<string, string> {
  const { suggested } = JSON.parse(json) as { suggested: Record<string, string> };
  const names: Record<string, string> = {
    routes: "HAPN_ROUTES",
    pageParams: "HAPN_PAGE_PARAMS",
    listEnvelope: "HAPN_LIST_ENVELOPE",
  };
  return Object.fromEntries(Object.entries(suggested).map(([k, v]) => [names[k], v]));
}

describe("hapn-probe", () => {
  let dir: string;
  const running: RunningEmulator[] = [];
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-probe-"))));
  afterEach(async () => {
    await Promise.all(running.splice(0).map((e) => e.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  });
  async function start(variant: EmulatorOptions) {
    const emu = await startTestEmulator({ devices: 5, clientSecret: SECRET, ...variant });
    running.push(emu);
    return emu;
  }

  it.each<[string, EmulatorOptions, string[]]>([
    ["the default emulator", {}, []],
    ["updates by PUT", { updateMethod: "PUT" }, ["update-device-route", "update-boundary-route"]],
    ["a REST API gateway", { unknownRouteStatus: 403 }, ["unknown-route"]],
    ["other pagination names", { pageParams: { limit: "pageSize", nextToken: "cursor" } }, ["pagination"]],
    ["lists without the envelope", { listEnvelope: "none" }, ["list-devices", "list-boundaries"]],
  ])("reports exactly the differences of %s, read-only and within its stated bound", async (_, variant, expected) => {
    const emu = await start(variant);
    const before = JSON.stringify([emu.admin.listDevices(), emu.admin.listBoundaries()]);
    const json = path.join(dir, "report.json");
    const run = await probe(emulatorEnv(emu), ["--json", json]);
    expect(run.err).toBe("");
    expect(differing(fs.readFileSync(json, "utf8"))).toEqual(expected);
    expect(run.code).toBe(expected.length === 0 ? EXIT.matches : EXIT.differs);
    for (const id of expected) expect(run.out).toMatch(new RegExp(`${id} .* differs`));
    const counters = emu.admin.counters();
    expect(counters.tokenRequests + counters.apiRequests).toBeLessThanOrEqual(READ_ONLY_MAX_REQUESTS);
    expect(JSON.stringify([emu.admin.listDevices(), emu.admin.listBoundaries()])).toBe(before);
    expect(`${run.out}${fs.readFileSync(json, "utf8")}`).not.toContain(SECRET);
    expect(run.tokens).toHaveLength(1);
    expect(`${run.out}${fs.readFileSync(json, "utf8")}`).not.toContain(run.tokens[0]);
  });

  it.each<[string, EmulatorOptions]>([
    ["updates by PUT", { updateMethod: "PUT" }],
    ["other pagination names", { pageParams: { limit: "pageSize", nextToken: "cursor" } }],
    ["lists without the envelope", { listEnvelope: "none" }],
  ])("finds nothing left to adapt once its suggestions for %s are set", async (_, variant) => {
    const emu = await start(variant);
    const first = await probe(emulatorEnv(emu), ["--json", "-"]);
    const overrides = suggestedEnv(first.out);
    expect(Object.keys(overrides).length).toBeGreaterThan(0);
    expect(first.err).toContain(`export ${Object.keys(overrides)[0]}=`);
    const second = await probe({ ...emulatorEnv(emu), ...overrides });
    expect(second.out).not.toMatch(/ differs /);
    expect(second.code).toBe(EXIT.matches);
  });

  it("states its request bound in --help", async () => {
    const help = await probe({}, ["--help"]);
    expect(help.code).toBe(EXIT.matches);
    expect(help.out).toContain(`At most ${READ_ONLY_MAX_REQUESTS} requests`);
    expect(help.out).toMatch(/--write-imei IMEI/);
  });

  it("could not run without credentials or with refused ones, and never prints the secret", async () => {
    const none = await probe({});
    expect([none.code, none.err]).toEqual([EXIT.error, expect.stringMatching(/HAPN_CLIENT_ID/)]);
    const emu = await start({});
    const wrong = await probe({ ...emulatorEnv(emu), HAPN_CLIENT_SECRET: `${SECRET}-wrong` });
    expect(wrong.code).toBe(EXIT.error);
    expect(wrong.err).toMatch(/refused the credentials \(HTTP 400\)/);
    expect(wrong.err + wrong.out).not.toContain(SECRET);
    const bad = await probe({ ...emulatorEnv(emu), HAPN_PAGE_SIZE: "0" });
    expect([bad.code, bad.err]).toEqual([EXIT.error, expect.stringMatching(/HAPN_PAGE_SIZE/)]);
  });

  it("writes only with --write-imei, and restores the labels", async () => {
    const emu = await start({});
    const device = emu.admin.listDevices()[1];
    const run = await probe(emulatorEnv(emu), ["--write-imei", device.imei]);
    expect(run.code).toBe(EXIT.matches);
    expect(run.out).toMatch(/write-device-labels .*labels restored and verified\s+matches/);
    expect(emu.admin.counters().byRoute.updateDevice).toEqual({ "200": 2, "404": 1 });
    expect(emu.admin.getDevice(device.imei)).toMatchObject({
      name: device.name,
      description: device.description,
      color: device.color,
      icon: device.icon,
    });
    expect((await probe(emulatorEnv(emu), ["--write-imei", "123"])).code).toBe(EXIT.error);
  });
});
