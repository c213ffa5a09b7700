/**
 * The probe's one write, only with `--write-imei`: relabel a tracker through the update route in use, read it
 * back, restore its labels and verify them. The restore runs whatever failed before it, so a fault between write
 * and restore never leaves the tracker relabelled without saying so.
 */
import { DEVICE_LABEL_FIELDS, dialectRoute, routePath, type ApiDialect } from "../../provider/api-model";
import { describeAnswer, isUnknownRouteAnswer, type CheckResult } from "./checks";
import type { ProbeHttp } from "./http";

/** Requests of the write check at most: read, write, read back, restore, verify. */
export const WRITE_MAX_REQUESTS = 5;

type Labels = Record<string, string>;

/** The label fields of a getDevice answer, or undefined. */
function labelsOf(json: unknown): Labels | undefined {
  const result = (json as { result?: Record<string, unknown> } | undefined)?.result;
  if (typeof result !== "object" || result === null) return undefined;
  const labels: Labels = {};
  for (const field of DEVICE_LABEL_FIELDS) if (typeof result[field] === "string") labels[field] = result[field];
  return labels;
}

/** Runs the write check on `imei`; throws only when the labels could not be restored (the message lists them). */
export async function writeCheck(http: ProbeHttp, dialect: ApiDialect, imei: string): Promise<CheckResult> {
  const get = dialectRoute(dialect, "getDevice");
  const update = dialectRoute(dialect, "updateDevice");
  const getPath = routePath("getDevice", { imei }, get.path);
  const updatePath = routePath("updateDevice", { imei }, update.path);
  const base = {
    id: "write-device-labels",
    assumption: `${update.method} ${update.path} relabels a device, and the change reads back`,
    setting: "hapn:routes updateDevice=METHOD /path",
  };
  const read = await http.request(get.method, getPath);
  const original = labelsOf(read.json);
  if (read.status !== 200 || original === undefined || original.name === undefined) {
    return { ...base, answer: `reading ${imei}: ${describeAnswer(read)}`, verdict: "could not tell" };
  }
  const probeName = `${original.name.slice(0, 80)} (hapn-probe)`;
  let answer: string;
  let verdict: CheckResult["verdict"] = "differs";
  let written;
  try {
    written = await http.request(update.method, updatePath, { name: probeName });
  } catch (error) {
    written = error as Error; // the write may have been applied: restore below
  }
  if (!(written instanceof Error) && isUnknownRouteAnswer(written)) {
    const answer = `write: ${describeAnswer(written)}: no such route, nothing was written`;
    return { ...base, answer, verdict: "differs" };
  }
  try {
    if (written instanceof Error) throw written;
    answer = `write: ${describeAnswer(written)}`;
    const back = await http.request(get.method, getPath);
    const ok = written.status >= 200 && written.status < 300 && labelsOf(back.json)?.name === probeName;
    answer += `; read back: ${ok ? "the new name" : describeAnswer(back)}`;
    if (ok) verdict = "matches";
  } catch (error) {
    answer = `failed between write and restore: ${(error as Error).message}`;
  } finally {
    await restore(http, update.method, updatePath, get.method, getPath, original);
  }
  return { ...base, answer: `${answer}; labels restored and verified`, verdict };
}

/** Puts `original` back and checks it; throws naming the labels to restore by hand when it cannot. */
async function restore(
  http: ProbeHttp,
  updateMethod: string,
  updatePath: string,
  getMethod: string,
  getPath: string,
  original: Labels,
): Promise<void> {
  const manual = `restore them by hand: ${JSON.stringify(original)}`;
  try {
    const put = await http.request(updateMethod, updatePath, original);
    const check = await http.request(getMethod, getPath);
    const now = labelsOf(check.json);
    const same = now !== undefined && Object.entries(original).every(([k, v]) => now[k] === v);
    if (put.status >= 300 || !same) throw new Error(`restore answered ${describeAnswer(put)}`);
  } catch (error) {
    throw new Error(`the tracker's labels could not be restored (${(error as Error).message}); ${manual}`);
  }
}
