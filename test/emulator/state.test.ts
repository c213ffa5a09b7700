/** Persistence: the state file survives a restart, writes are atomic, bad files are refused. */
import fs from "node:fs";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { call, getToken, sendRaw, square, statusAndJson } from "./helpers";
import { startTestEmulator } from "../support/emulator";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "hapn-emulator-state-"));
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const EXAMPLE = "862785041422448";
const deviceIn = (stateFile: string, imei: string) =>
  JSON.parse(readFileSync(stateFile, "utf8")).devices.find((d: { imei: string }) => d.imei === imei);

describe("state file", () => {
  it("keeps API edits, admin edits and boundaries across a restart", async () => {
    const stateFile = join(dir, "state.json");
    const first = await startTestEmulator({ stateFile, devices: 4, seed: 5 });
    const imei = first.admin.listDevices()[1].imei;
    let boundaryId: number;
    try {
      const token = await getToken(first);
      expect(
        (await call(first, token, `/devices/${imei}`, { method: "PATCH", body: { name: "Persisted" } })).status,
      ).toBe(200);
      first.admin.editDevice("862785041422448", { description: "edited by admin" });
      first.admin.addDevice({ imei: "490154203237518" });
      const created = await statusAndJson(
        await call(first, token, "/boundaries", { method: "POST", body: { name: "Kept", geometry: square() } }),
      );
      boundaryId = created.body.result.boundaryId;
    } finally {
      await first.stop();
    }
    expect(readdirSync(dir)).toEqual(["state.json"]); // no temp files left behind
    expect(JSON.parse(readFileSync(stateFile, "utf8")).version).toBe(1);

    const second = await startTestEmulator({ stateFile, devices: 20, seed: 99 }); // fleet options ignored: the file wins
    try {
      expect(second.admin.listDevices()).toHaveLength(5);
      expect(second.admin.getDevice(imei)?.name).toBe("Persisted");
      expect(second.admin.getDevice("862785041422448")?.description).toBe("edited by admin");
      expect(second.admin.getBoundary(boundaryId)?.name).toBe("Kept");
      const token = await getToken(second);
      const next = await statusAndJson(
        await call(second, token, "/boundaries", { method: "POST", body: { name: "Next", geometry: square() } }),
      );
      expect(next.body.result.boundaryId).toBe(boundaryId + 1);
    } finally {
      await second.stop();
    }
  });

  it("writes the file at start and after every change", async () => {
    const stateFile = join(dir, "nested", "state.json");
    const emu = await startTestEmulator({ stateFile, devices: 2 });
    try {
      const read = () => JSON.parse(readFileSync(stateFile, "utf8"));
      expect(read().devices).toHaveLength(2);
      emu.admin.editDevice(EXAMPLE, { name: "Now" });
      expect(deviceIn(stateFile, EXAMPLE).name).toBe("Now");
    } finally {
      await emu.stop();
    }
  });

  it("syncs the temporary file before renaming it, and the directory after", async () => {
    const stateFile = join(dir, "state.json");
    const events: string[] = [];
    const paths = new Map<number, string>();
    const open = fs.openSync;
    jest.spyOn(fs, "openSync").mockImplementation((path, ...rest) => {
      const fd = open(path, ...rest);
      paths.set(fd, String(path));
      return fd;
    });
    const fsync = fs.fsyncSync;
    jest.spyOn(fs, "fsyncSync").mockImplementation((fd) => {
      events.push(`fsync ${paths.get(fd)}`);
      fsync(fd);
    });
    const rename = fs.renameSync;
    jest.spyOn(fs, "renameSync").mockImplementation((from, to) => {
      events.push(`rename ${String(from)} ${String(to)}`);
      rename(from, to);
    });
    const emu = await startTestEmulator({ stateFile, devices: 2 });
    events.length = 0; // only the save after the PATCH below
    try {
      const token = await getToken(emu);
      const patch = { method: "PATCH", body: { name: "Synced" } };
      expect((await call(emu, token, `/devices/${EXAMPLE}`, patch)).status).toBe(200);
    } finally {
      await emu.stop();
    }
    const tmp = events[0].replace(/^fsync /, ""); // without the sync, the first event is the rename
    expect(tmp).toMatch(/\.tmp$/);
    expect(events.slice(0, 3)).toEqual([`fsync ${tmp}`, `rename ${tmp} ${stateFile}`, `fsync ${dir}`]);
    expect(deviceIn(stateFile, EXAMPLE).name).toBe("Synced");
  });

  it("never writes after stop(): a request still in injected latency cannot clobber a restarted emulator", async () => {
    // A DELETE reads no body, so it still runs to the end after stop() has dropped its connection.
    const stateFile = join(dir, "state.json");
    let lateRequestDone!: () => void;
    const lateRequestFinished = new Promise<void>((resolve) => (lateRequestDone = resolve));
    const logger = (line: string) => line.startsWith("DELETE") && lateRequestDone();
    const first = await startTestEmulator({ stateFile, devices: 2, logger });
    const token = await getToken(first);
    const created = await call(first, token, "/boundaries", {
      method: "POST",
      body: { name: "Kept", geometry: square() },
    });
    const { boundaryId } = (await statusAndJson(created)).body.result;
    first.admin.setFaults({ latencyMs: 2000 }); // ample time to stop and restart first, even on a loaded machine
    const late = sendRaw(first, "DELETE", `/v1/boundaries/${boundaryId}`, { authorization: `Bearer ${token}` });
    await late.written;
    // One round trip on another connection: by its answer the server has read the DELETE and is sleeping in it.
    expect((await fetch(`${first.url}/_admin/health`)).status).toBe(200);
    await first.stop();
    await expect(late.answer).rejects.toThrow(); // dropped by stop()

    const second = await startTestEmulator({ stateFile });
    try {
      second.admin.editDevice(EXAMPLE, { description: "written by the second emulator" });
      await lateRequestFinished; // the first emulator has now deleted the boundary in its memory
      const saved = JSON.parse(readFileSync(stateFile, "utf8"));
      expect(saved.boundaries.map((b: { boundaryId: number }) => b.boundaryId)).toEqual([boundaryId]);
      expect(deviceIn(stateFile, EXAMPLE).description).toBe("written by the second emulator");
    } finally {
      await second.stop();
    }
  });

  it.each([
    ["invalid JSON", "{"],
    ["a wrong shape", JSON.stringify({ version: 1, devices: "no" })],
    ["a bad IMEI", JSON.stringify({ version: 1, devices: [{ imei: "123" }], boundaries: [], nextBoundaryId: 1 })],
  ])("refuses a state file with %s, naming the file", async (_, content) => {
    const stateFile = join(dir, "bad.json");
    writeFileSync(stateFile, content);
    await expect(startTestEmulator({ stateFile })).rejects.toThrow(stateFile);
  });
});
