/**
 * The conformance suite of the API contract: every checkable row of docs/api-guesses.md, as the checks
 * `hapn-probe` runs (cli/probe/checks.ts), against one endpoint. In `npm test` that is a fresh emulator; with
 * `HAPN_LIVE=1` (`npm run test:live`, scripts/test-live.sh) it is the endpoint and credentials of the HAPN_*
 * environment, overrides included, read-only unless HAPN_LIVE_WRITE_IMEI names a tracker to relabel and restore.
 */
import type { RunningEmulator } from "../../emulator";
import { CHECKS, READ_ONLY_MAX_REQUESTS, type CheckContext } from "../../cli/probe/checks";
import { ProbeHttp, type ProbeEndpoint } from "../../cli/probe/http";
import { WRITE_MAX_REQUESTS, writeCheck } from "../../cli/probe/write-check";
import { DEFAULT_DIALECT, type ApiDialect } from "../../provider/api-model";
import { requireUsableSettings, resolveSettings } from "../../provider/config";
import { startTestEmulator } from "../support/emulator";

const live = process.env.HAPN_LIVE === "1";

describe(`API contract (${live ? "live: HAPN_* endpoint" : "emulator"})`, () => {
  let emu: RunningEmulator | undefined;
  let ctx: CheckContext;
  let writeImei: string | undefined;

  beforeAll(async () => {
    let endpoint: ProbeEndpoint;
    let dialect: ApiDialect = DEFAULT_DIALECT;
    if (live) {
      const settings = requireUsableSettings(resolveSettings(undefined, process.env));
      ({ dialect } = settings);
      endpoint = settings;
      writeImei = process.env.HAPN_LIVE_WRITE_IMEI || undefined;
    } else {
      emu = await startTestEmulator({ devices: 5 });
      endpoint = emu;
      writeImei = emu.admin.listDevices()[0].imei;
    }
    const http = new ProbeHttp(endpoint, READ_ONLY_MAX_REQUESTS + WRITE_MAX_REQUESTS);
    await http.authenticate();
    ctx = { http, dialect, facts: {} };
  });
  afterAll(() => emu?.stop());

  // In order: later checks use what earlier ones found (a device from the list).
  for (const check of CHECKS) {
    it(`${check.id} does not differ from the assumption`, async () => {
      const result = await check.run(ctx);
      expect({ id: result.id, verdict: result.verdict, answer: result.answer }).toEqual({
        id: check.id,
        verdict: expect.not.stringMatching(/^differs$/),
        answer: result.answer,
      });
    });
  }

  it("relabels a tracker, reads it back and restores it (HAPN_LIVE_WRITE_IMEI when live)", async () => {
    if (writeImei === undefined) {
      console.log("write check skipped: set HAPN_LIVE_WRITE_IMEI to a tracker the suite may relabel and restore");
      return;
    }
    expect((await writeCheck(ctx.http, ctx.dialect, writeImei)).verdict).toBe("matches");
  });
});
