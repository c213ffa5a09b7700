import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { accountKey, AdoptionJournal, JOURNAL_TTL_MS, journalDir } from "../../provider/device/adoption-journal";
import { type Labels } from "../../provider/device/labels";

// A plain copy of node:fs, so a test can count the journal's reads (the module's own exports cannot be spied on).
jest.mock("node:fs", () => ({ ...jest.requireActual<typeof fs>("node:fs") }));

const IMEI = "862785041422448";
const ACCOUNT = { apiUrl: "http://127.0.0.1:9/v1", clientId: "client-abc" };
const ORIGINAL: Labels = { name: "Van 2", description: "Delivery", color: "#579db5", icon: "location-arrow" };
const INTENDED = { name: "Van #2", color: "#00AA11" };
const AFTER_PATCH: Labels = { ...ORIGINAL, name: "Van #2", color: "#00aa11" };

describe("adoption journal", () => {
  let dir: string;
  let now: number;
  const journal = (account = ACCOUNT) => new AdoptionJournal(account, dir, () => now);
  const entryFile = () => path.join(dir, accountKey(ACCOUNT), `${IMEI}.json`);

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-journal-"));
    now = 1_700_000_000_000;
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("lives in $HAPN_STATE_DIR, else $XDG_CACHE_HOME/pulumi-hapn, else ~/.cache/pulumi-hapn", () => {
    expect(journalDir({ HAPN_STATE_DIR: "/s", XDG_CACHE_HOME: "/c" })).toBe("/s/adoptions");
    expect(journalDir({ XDG_CACHE_HOME: "/c" })).toBe("/c/pulumi-hapn/adoptions");
    expect(journalDir({})).toBe(path.join(os.homedir(), ".cache", "pulumi-hapn", "adoptions"));
  });

  it("gives the originals back when the interrupted PATCH was applied", () => {
    journal().record(IMEI, ORIGINAL, INTENDED);
    expect(journal().originalLabels(IMEI, AFTER_PATCH)).toEqual(ORIGINAL);
  });

  it("trusts the live labels when the PATCH was not applied, or someone changed them since", () => {
    journal().record(IMEI, ORIGINAL, INTENDED);
    expect(journal().originalLabels(IMEI, ORIGINAL)).toEqual(ORIGINAL);
    const handEdited = { ...AFTER_PATCH, name: "Hand edit" };
    expect(journal().originalLabels(IMEI, handEdited)).toEqual(handEdited);
  });

  it("answers the live labels when there is no entry, or it belongs to another account", () => {
    expect(journal().originalLabels(IMEI, AFTER_PATCH)).toEqual(AFTER_PATCH);
    journal().record(IMEI, ORIGINAL, INTENDED);
    const other = journal({ ...ACCOUNT, clientId: "another-client" });
    expect(other.originalLabels(IMEI, AFTER_PATCH)).toEqual(AFTER_PATCH);
    expect(journal({ ...ACCOUNT, apiUrl: "http://127.0.0.1:10/v1" }).entry(IMEI)).toBeUndefined();
  });

  it("forgets an entry on clear and after the TTL", () => {
    journal().record(IMEI, ORIGINAL, INTENDED);
    journal().clear(IMEI);
    expect(journal().originalLabels(IMEI, AFTER_PATCH)).toEqual(AFTER_PATCH);
    journal().clear(IMEI); // a missing entry is fine

    journal().record(IMEI, ORIGINAL, INTENDED);
    now += JOURNAL_TTL_MS + 1;
    expect(journal().originalLabels(IMEI, AFTER_PATCH)).toEqual(AFTER_PATCH);
    expect(fs.existsSync(entryFile())).toBe(false);
  });

  it("ignores and removes an unreadable entry", () => {
    journal().record(IMEI, ORIGINAL, INTENDED);
    fs.writeFileSync(entryFile(), '{"version":1,"imei":"8627');
    expect(journal().originalLabels(IMEI, AFTER_PATCH)).toEqual(AFTER_PATCH);
    expect(fs.existsSync(entryFile())).toBe(false);
    journal().record(IMEI, ORIGINAL, INTENDED);
    fs.writeFileSync(entryFile(), JSON.stringify({ version: 1, imei: IMEI, writtenAt: now, original: {} }));
    expect(journal().entry(IMEI)).toBeUndefined();
  });

  it("stores labels only: no URL or client id in the path or the file, owner-only permissions, no temp left", () => {
    journal().record(IMEI, ORIGINAL, INTENDED);
    const text = fs.readFileSync(entryFile(), "utf8");
    expect(JSON.parse(text)).toEqual({
      version: 1,
      imei: IMEI,
      writtenAt: now,
      original: ORIGINAL,
      intended: INTENDED,
    });
    for (const s of [ACCOUNT.clientId, "127.0.0.1"]) {
      expect(text).not.toContain(s);
      expect(entryFile()).not.toContain(s);
    }
    expect(fs.statSync(entryFile()).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(entryFile()))).toEqual([`${IMEI}.json`]);
  });

  describe("a fleet's batch", () => {
    const batchFile = (name: string) => path.join(dir, accountKey(ACCOUNT), `${name}.batch.json`);

    it("gives the originals back for each tracker whose intended labels are live, from one file", () => {
      const other = "490154203237518";
      journal().recordBatch("fleet-a", [
        { imei: IMEI, original: ORIGINAL, intended: INTENDED },
        { imei: other, original: ORIGINAL, intended: { name: "Truck" } },
      ]);
      expect(fs.readdirSync(path.join(dir, accountKey(ACCOUNT)))).toEqual(["fleet-a.batch.json"]);
      const j = journal();
      expect(j.originalLabels(IMEI, AFTER_PATCH)).toEqual(ORIGINAL);
      expect(j.originalLabels(other, ORIGINAL)).toEqual(ORIGINAL); // not applied: the live labels
    });

    it("finds a tracker in any batch of the account (a recovery creates the fleet under a new id)", () => {
      journal().recordBatch("fleet-a", [{ imei: IMEI, original: ORIGINAL, intended: INTENDED }]);
      journal().recordBatch("fleet-b", [{ imei: IMEI, original: ORIGINAL, intended: { name: "Second try" } }]);
      expect(journal().originalLabels(IMEI, { ...ORIGINAL, name: "Second try" })).toEqual(ORIGINAL);
      expect(journal().originalLabels(IMEI, AFTER_PATCH)).toEqual(ORIGINAL);
    });

    it("is forgotten only once the fleet's state records every tracker in it (an update adopts too)", () => {
      const other = "490154203237518";
      journal().recordBatch("fleet-a", [
        { imei: IMEI, original: ORIGINAL, intended: INTENDED },
        { imei: other, original: ORIGINAL, intended: { name: "Truck" } },
      ]);
      journal().forgetRecordedBatch("fleet-a", (imei) => imei === IMEI);
      expect(fs.existsSync(batchFile("fleet-a"))).toBe(true);
      journal().forgetRecordedBatch("fleet-a", () => true);
      expect(fs.existsSync(batchFile("fleet-a"))).toBe(false);
      expect(() => journal().forgetRecordedBatch("fleet-none", () => true)).not.toThrow();
    });

    it("is parsed once per process for every adoption that looks, and again once it is rewritten", () => {
      journal().recordBatch("fleet-a", [{ imei: IMEI, original: ORIGINAL, intended: INTENDED }]);
      const reads = jest.spyOn(jest.requireMock<typeof fs>("node:fs"), "readFileSync");
      const batchReads = () => reads.mock.calls.filter(([file]) => file === batchFile("fleet-a")).length;
      try {
        for (let i = 0; i < 3; i++) expect(journal().originalLabels(IMEI, AFTER_PATCH)).toEqual(ORIGINAL);
        expect(batchReads()).toBe(1);
        // Rewritten as the journal writes (renamed in): parsed again.
        journal().recordBatch("fleet-a", [{ imei: IMEI, original: ORIGINAL, intended: { name: "Second try" } }]);
        expect(journal().originalLabels(IMEI, { ...ORIGINAL, name: "Second try" })).toEqual(ORIGINAL);
        expect(journal().originalLabels(IMEI, AFTER_PATCH)).toEqual(AFTER_PATCH);
        expect(batchReads()).toBe(2);
      } finally {
        reads.mockRestore();
      }
    });

    it("is cleared by name, and removed once expired or unreadable", () => {
      journal().recordBatch("fleet-a", [{ imei: IMEI, original: ORIGINAL, intended: INTENDED }]);
      journal().clearBatch("fleet-a");
      expect(fs.existsSync(batchFile("fleet-a"))).toBe(false);
      journal().recordBatch("fleet-b", [{ imei: IMEI, original: ORIGINAL, intended: INTENDED }]);
      now += JOURNAL_TTL_MS + 1;
      expect(journal().originalLabels(IMEI, AFTER_PATCH)).toEqual(AFTER_PATCH);
      expect(fs.existsSync(batchFile("fleet-b"))).toBe(false);
      fs.writeFileSync(batchFile("fleet-c"), "{ not json");
      expect(journal().originalLabels(IMEI, AFTER_PATCH)).toEqual(AFTER_PATCH);
      expect(fs.existsSync(batchFile("fleet-c"))).toBe(false);
    });
  });
});
