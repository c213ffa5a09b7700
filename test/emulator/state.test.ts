/** Persistence: the state file survives a restart, writes are atomic, bad files are refused. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { call, getToken, square, start, statusAndJson } from "./helpers";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "hapn-emulator-state-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("state file", () => {
  it("keeps API edits, admin edits and boundaries across a restart", async () => {
    const stateFile = join(dir, "state.json");
    const first = await start({ stateFile, devices: 4, seed: 5 });
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

    const second = await start({ stateFile, devices: 20, seed: 99 }); // fleet options ignored: the file wins
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
    const emu = await start({ stateFile, devices: 2 });
    try {
      const read = () => JSON.parse(readFileSync(stateFile, "utf8"));
      expect(read().devices).toHaveLength(2);
      emu.admin.editDevice("862785041422448", { name: "Now" });
      expect(read().devices.find((d: { imei: string }) => d.imei === "862785041422448").name).toBe("Now");
    } finally {
      await emu.stop();
    }
  });

  it.each([
    ["invalid JSON", "{"],
    ["a wrong shape", JSON.stringify({ version: 1, devices: "no" })],
    ["a bad IMEI", JSON.stringify({ version: 1, devices: [{ imei: "123" }], boundaries: [], nextBoundaryId: 1 })],
  ])("refuses a state file with %s, naming the file", async (_, content) => {
    const stateFile = join(dir, "bad.json");
    writeFileSync(stateFile, content);
    await expect(start({ stateFile })).rejects.toThrow(stateFile);
  });
});
