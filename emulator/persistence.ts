/**
 * Reading and atomically writing the account state file (`--state FILE`). A write goes to a temporary file in
 * the same directory, is flushed to disk, and is then renamed over the target (and the directory flushed), so
 * neither a crash nor a power loss leaves a half-written state.
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { type Boundary, type Device, isValidImei } from "../provider/api-model";

/** Everything the emulator persists about the emulated account. Tokens are not persisted. */
export interface AccountState {
  version: 1;
  devices: Device[];
  boundaries: Boundary[];
  nextBoundaryId: number;
}

/** Writes `state` to `file` atomically and durably (synced temp file in the same directory, rename, synced dir). */
export function saveState(file: string, state: AccountState): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    writeSynced(tmp, JSON.stringify(state, null, 2) + "\n");
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  syncDirectory(dir);
}

/** Writes a new file and flushes it to disk before returning. */
function writeSynced(path: string, text: string): void {
  const fd = openSync(path, "w");
  try {
    writeFileSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Flushes a directory, so a rename in it survives a power loss. Best effort: some platforms (Windows) cannot
 * open or sync a directory, and the rename has already happened.
 */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // not supported here; the state file is still complete
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads the state file, or returns undefined when it does not exist. Throws, naming the file, if it is invalid. */
export function loadState(file: string): AccountState | undefined {
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`State file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const problem = stateProblem(parsed);
  if (problem) throw new Error(`State file ${file} is not an emulator state file: ${problem}`);
  return parsed as AccountState;
}

/** What is wrong with a parsed state file, or undefined. Checks structure, not every field. */
function stateProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return "not a JSON object";
  const state = value as Partial<AccountState>;
  if (state.version !== 1) return "version must be 1";
  if (!Array.isArray(state.devices)) return "devices must be an array";
  if (!Array.isArray(state.boundaries)) return "boundaries must be an array";
  if (!Number.isSafeInteger(state.nextBoundaryId)) return "nextBoundaryId must be an integer";
  const bad = state.devices.find((d) => typeof d?.imei !== "string" || !isValidImei(d.imei));
  if (bad) return `device with invalid imei ${JSON.stringify(bad?.imei)}`;
  if (state.boundaries.some((b) => !Number.isSafeInteger(b?.boundaryId))) return "a boundary has no integer boundaryId";
  return undefined;
}
