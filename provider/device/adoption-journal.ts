/**
 * The adoption journal: a small local file per adopted tracker, written (and fsynced) before the adoption's label
 * PATCH, that holds the labels the tracker had before this stack touched it and the labels about to be written.
 *
 * Why: a `pulumi up` killed after the PATCH but before the engine saved the resource leaves a tracker that already
 * carries the program's labels and is not in state. The next `up` adopts it again and, without the journal, would
 * record the program's labels as `adoptedLabels`, so `deletePolicy: "restoreLabels"` would restore the wrong values.
 * With the journal, that create finds the entry, sees the live labels equal what the entry says was about to be
 * written, and records the entry's original labels instead.
 *
 * Entries are keyed by account (a hash of the API URL and client id; never the secret, and no token) and IMEI,
 * cleared once the resource shows up in state again (diff, read, update or delete) and ignored after
 * {@link JOURNAL_TTL_MS}. They live on the machine that ran the adoption: a recovery run on another machine cannot
 * see them.
 *
 * A DeviceFleet adopts many trackers in one operation: it records them as one batch file named for the fleet
 * (`<fleet id>.batch.json`, one durable write instead of one per tracker), cleared once the fleet's state records
 * every tracker in it. A recovery run creates the fleet under a new id, so lookups by IMEI read every batch of the
 * account (expired ones are removed), and a tracker may then be in several entries: each carries the true originals
 * forward. Each batch file is parsed once per process and version of the file, however many adoptions look.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEVICE_LABEL_FIELDS, type DevicePatch } from "../api-model/wire-types";
import { adviseOnce } from "../messages";
import { currentSettings, kindState } from "../process-state";
import { type Labels, normalizeLabel } from "./labels";

/** How long an entry is trusted: a crashed adoption is normally recovered within hours. */
export const JOURNAL_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** The environment variable that moves the journal (and any later local state) elsewhere. */
export const STATE_DIR_ENV = "HAPN_STATE_DIR";

/** One journal entry, as stored (JSON). */
export interface AdoptionEntry {
  version: 1;
  imei: string;
  /** When the entry was written (ms since the epoch). */
  writtenAt: number;
  /** The labels before adoption: what `adoptedLabels` must say. */
  original: Labels;
  /** The labels the adoption's PATCH was about to write. */
  intended: DevicePatch;
}

/** Which account a journal belongs to: the API it talks to and the client id (the secret is never used). */
export interface JournalAccount {
  apiUrl: string;
  clientId: string;
}

/**
 * The journal's folder: `$HAPN_STATE_DIR/adoptions`, else `$XDG_CACHE_HOME/pulumi-hapn/adoptions`, else
 * `~/.cache/pulumi-hapn/adoptions`.
 */
export function journalDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env[STATE_DIR_ENV]) return path.join(env[STATE_DIR_ENV], "adoptions");
  const cache = env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(cache, "pulumi-hapn", "adoptions");
}

/** A folder name for an account: a hash, so neither URL nor client id appears in the path. */
export function accountKey(account: JournalAccount): string {
  return createHash("sha256").update(`${account.apiUrl}\n${account.clientId}`).digest("hex").slice(0, 32);
}

/** Writes `text` to `file` durably: a temp file, fsync, rename, then fsync of the folder. */
function writeDurably(file: string, text: string): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, "w", 0o600);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
  const dirFd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(dirFd);
  } finally {
    fs.closeSync(dirFd);
  }
}

/** True when `value` has the shape of an entry for `imei`. */
function isEntry(value: unknown, imei: string): value is AdoptionEntry {
  const e = value as AdoptionEntry;
  return (
    typeof e === "object" &&
    e !== null &&
    e.version === 1 &&
    e.imei === imei &&
    typeof e.writtenAt === "number" &&
    typeof e.original === "object" &&
    e.original !== null &&
    DEVICE_LABEL_FIELDS.every((f) => typeof e.original[f] === "string") &&
    typeof e.intended === "object" &&
    e.intended !== null
  );
}

/** The suffix of a batch file (see module docs). */
const BATCH_SUFFIX = ".batch.json";

/** One tracker of a batch: the entry without what the batch holds once. */
export type BatchEntry = Pick<AdoptionEntry, "imei" | "original" | "intended">;

/** A batch file as parsed, unchecked. */
interface ParsedBatch {
  version?: unknown;
  writtenAt?: unknown;
  entries?: unknown;
}

/** A batch file parsed earlier in this process, and the file it was parsed from (renamed in: a new inode). */
interface CachedBatch {
  ino: number;
  mtimeMs: number;
  size: number;
  batch: ParsedBatch;
}

/**
 * The batch files this process has parsed, by path. Every adoption looks through every batch of the account (see
 * module docs), and one 10,000-tracker fleet's batch is 1.5 MB of JSON: parsed again for each Device adopted in the
 * same `up`, it made each create cost a parse of the whole fleet. A batch is only ever replaced whole (renamed in),
 * so a file whose inode, size and modification time are unchanged still holds what was parsed.
 */
function parsedBatches(): Map<string, CachedBatch> {
  return kindState("adoptionJournalBatches", () => ({ files: new Map<string, CachedBatch>() })).files;
}

/** The batch in `file`, parsed once per version of the file in this process; throws when unreadable. */
function readBatch(file: string): ParsedBatch {
  const cache = parsedBatches();
  const { ino, mtimeMs, size } = fs.statSync(file);
  const cached = cache.get(file);
  if (cached && cached.ino === ino && cached.mtimeMs === mtimeMs && cached.size === size) return cached.batch;
  cache.delete(file);
  const batch = JSON.parse(fs.readFileSync(file, "utf8")) as ParsedBatch;
  cache.set(file, { ino, mtimeMs, size, batch });
  return batch;
}

/** The journal of one account (see module docs). */
export class AdoptionJournal {
  private readonly folder: string;
  /** Every batch entry by IMEI, read on first use (an instance serves one operation). */
  private batches: Map<string, AdoptionEntry[]> | undefined;

  constructor(
    account: JournalAccount,
    dir: string = journalDir(),
    private readonly now: () => number = Date.now,
  ) {
    this.folder = path.join(dir, accountKey(account));
  }

  private file(imei: string): string {
    return path.join(this.folder, `${imei}.json`);
  }

  /** Records, durably, that `imei` had `original` labels and is about to be patched with `intended`. */
  record(imei: string, original: Labels, intended: DevicePatch): void {
    const entry: AdoptionEntry = { version: 1, imei, writtenAt: this.now(), original, intended };
    writeDurably(this.file(imei), JSON.stringify(entry) + "\n");
  }

  /** The entry for `imei` if there is a readable, unexpired one; an expired or unreadable one is removed. */
  entry(imei: string): AdoptionEntry | undefined {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(this.file(imei), "utf8"));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      this.clear(imei);
      return undefined;
    }
    const fresh = isEntry(parsed, imei) && this.now() - parsed.writtenAt <= JOURNAL_TTL_MS;
    if (!fresh) this.clear(imei);
    return fresh ? (parsed as AdoptionEntry) : undefined;
  }

  /**
   * The labels to record as `adoptedLabels` for a tracker whose labels are now `live`: an entry's originals when
   * an interrupted adoption's PATCH was applied (every intended label is live), else `live` itself.
   */
  originalLabels(imei: string, live: Labels): Labels {
    const entries = [this.entry(imei), ...(this.batchEntries().get(imei) ?? [])];
    const applied = entries.find(
      (entry) =>
        entry !== undefined &&
        DEVICE_LABEL_FIELDS.filter((f) => entry.intended[f] !== undefined).every(
          (f) => normalizeLabel(f, live[f]) === normalizeLabel(f, entry.intended[f]!),
        ),
    );
    return applied ? { ...applied.original } : live;
  }

  /** Records, durably and in one file, that the trackers of `entries` are about to be patched by fleet `name`. */
  recordBatch(name: string, entries: readonly BatchEntry[]): void {
    const batch = { version: 1, writtenAt: this.now(), entries };
    writeDurably(path.join(this.folder, `${name}${BATCH_SUFFIX}`), JSON.stringify(batch) + "\n");
  }

  /**
   * Forgets the batch of fleet `name` once the state records every tracker in it (`recorded` says which are). A
   * fleet adopts in updates too: an `up` killed after an update's writes leaves a state without those trackers, and
   * its batch must survive the next `up`'s diff for that update to read the true originals. A batch never
   * recorded (its trackers left the program since) expires.
   */
  forgetRecordedBatch(name: string, recorded: (imei: string) => boolean): void {
    let batch: { entries?: unknown };
    try {
      batch = JSON.parse(fs.readFileSync(path.join(this.folder, `${name}${BATCH_SUFFIX}`), "utf8")) as typeof batch;
    } catch {
      return; // none, the common case (or unreadable: expiry removes it)
    }
    const entries = Array.isArray(batch.entries) ? (batch.entries as Array<Partial<BatchEntry>>) : [];
    if (entries.every((e) => typeof e?.imei === "string" && recorded(e.imei))) this.clearBatch(name);
  }

  /** Forgets the batch of fleet `name`. Best effort, as {@link clear}. */
  clearBatch(name: string): void {
    const file = path.join(this.folder, `${name}${BATCH_SUFFIX}`);
    parsedBatches().delete(file);
    try {
      fs.rmSync(file, { force: true });
    } catch {
      // An entry left behind expires; it is only consulted when the live labels equal its intended ones.
    }
  }

  /** Every readable, unexpired batch entry of the account by IMEI; expired or unreadable batch files are removed. */
  private batchEntries(): Map<string, AdoptionEntry[]> {
    if (this.batches) return this.batches;
    this.batches = new Map();
    let files: string[];
    try {
      files = fs.readdirSync(this.folder).filter((f) => f.endsWith(BATCH_SUFFIX));
    } catch {
      return this.batches;
    }
    for (const file of files) {
      const name = file.slice(0, -BATCH_SUFFIX.length);
      let batch: ParsedBatch;
      try {
        batch = readBatch(path.join(this.folder, file));
      } catch {
        this.clearBatch(name);
        continue;
      }
      const writtenAt = batch.writtenAt;
      if (batch.version !== 1 || typeof writtenAt !== "number" || this.now() - writtenAt > JOURNAL_TTL_MS) {
        this.clearBatch(name);
        continue;
      }
      for (const e of Array.isArray(batch.entries) ? (batch.entries as BatchEntry[]) : []) {
        const entry = { ...e, version: 1, writtenAt };
        if (isEntry(entry, e?.imei)) this.batches.set(e.imei, [...(this.batches.get(e.imei) ?? []), entry]);
      }
    }
    return this.batches;
  }

  /** Forgets `imei` (the resource is in state now). Best effort: a missing or unremovable entry is ignored. */
  clear(imei: string): void {
    try {
      fs.rmSync(this.file(imei), { force: true });
    } catch {
      // An entry left behind expires; it is only consulted when the live labels equal its intended ones.
    }
  }
}

/** The adoption journal of the configured account. */
export function adoptionJournal(): AdoptionJournal {
  const { apiUrl, clientId = "" } = currentSettings();
  return new AdoptionJournal({ apiUrl, clientId });
}

/**
 * Records, before an adoption's PATCH, the labels to restore and those about to be written. A journal that cannot
 * be written (a read-only home, say) costs only crash safety, so it is a warning, not a failure.
 */
export function journalAdoption(
  journal: AdoptionJournal,
  imei: string,
  original: Labels,
  patch: DevicePatch,
): Promise<void> {
  return journalled(() => journal.record(imei, original, patch));
}

/** {@link journalAdoption} for the trackers a fleet is about to adopt, in one batch. */
export function journalFleetAdoption(
  journal: AdoptionJournal,
  fleetId: string,
  entries: readonly BatchEntry[],
): Promise<void> {
  return entries.length === 0 ? Promise.resolve() : journalled(() => journal.recordBatch(fleetId, entries));
}

/** Runs `write`; a failure is advised once as a warning (see {@link journalAdoption}). */
async function journalled(write: () => void): Promise<void> {
  try {
    write();
  } catch (error) {
    await adviseOnce(
      "journal-unwritable",
      "warning",
      `pulumi-hapn could not write its adoption journal in ${journalDir()} (${(error as Error).message}); if this ` +
        "`up` is killed mid-adoption, the next one may record the program's labels as a tracker's adoptedLabels. " +
        "Set HAPN_STATE_DIR to a writable folder.",
    );
  }
}
