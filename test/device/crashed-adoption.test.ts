/**
 * An adoption whose PATCH was applied but whose result never reached Pulumi's state (the `up` was killed), as
 * the provider process of the next `up` sees it: the journal makes it record the true pre-adoption labels.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type RunningEmulator } from "../../emulator";
import { startTestEmulator } from "../support/emulator";
import { device as ops } from "../../provider/state/v1";
import { type DeviceOutputs } from "../../provider/device/state";
import { pickLabels } from "../../provider/device/labels";
import { resetProviderProcess as newProviderProcess } from "../../provider/process-state";
import { emulatorConfig } from "./support/emulated-provider";
import { flattenStored } from "../../provider/device/stored";

const VAN = "862785041422448";
const PROGRAM = { imei: VAN, name: "Van #2 (program)", color: "#00aa11", deletePolicy: "restoreLabels" as const };

describe("an adoption killed after its PATCH", () => {
  let emu: RunningEmulator;
  let logs: string[];

  beforeEach(async () => {
    emu = await startTestEmulator({ devices: 5, seed: 2 });
    logs = [];
    jest.spyOn(console, "warn").mockImplementation((m: string) => void logs.push(m));
    jest.spyOn(console, "log").mockImplementation((m: string) => void logs.push(m));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await emu.stop();
  });

  /** One `up`'s create in a fresh provider process; its result is what the engine would (or would not) save. */
  async function adoptInNewProcess(inputs = PROGRAM): Promise<DeviceOutputs> {
    newProviderProcess();
    await ops.configure({ config: emulatorConfig(emu) });
    return (await ops.create(inputs)).outs as DeviceOutputs;
  }

  it("records the labels from before the crashed run, and destroy restores them", async () => {
    const before = pickLabels(emu.admin.getDevice(VAN)!);
    await adoptInNewProcess(); // applied; the engine never saved it
    expect(emu.admin.getDevice(VAN)!.name).toBe(PROGRAM.name);
    const outs = await adoptInNewProcess(); // the next `up` adopts again
    expect(flattenStored(outs).adoptedLabels).toEqual(before);
    newProviderProcess(); // a later `pulumi destroy`
    await ops.configure({ config: emulatorConfig(emu) });
    await ops.delete(VAN, outs);
    expect(pickLabels(emu.admin.getDevice(VAN)!)).toEqual(before);
  });

  it("keeps the originals through several crashed runs, even when the program changed in between", async () => {
    const before = pickLabels(emu.admin.getDevice(VAN)!);
    await adoptInNewProcess();
    await adoptInNewProcess({ ...PROGRAM, name: "Second try" });
    expect(flattenStored(await adoptInNewProcess({ ...PROGRAM, name: "Third try" })).adoptedLabels).toEqual(before);
  });

  it("trusts the live labels once someone changed them after the crash", async () => {
    await adoptInNewProcess();
    emu.admin.editDevice(VAN, { name: "Renamed in the app" });
    const live = pickLabels(emu.admin.getDevice(VAN)!);
    expect(flattenStored(await adoptInNewProcess()).adoptedLabels).toEqual(live);
  });

  it("forgets the entry once the resource is in state (a refresh read it)", async () => {
    const outs = await adoptInNewProcess();
    await ops.read(VAN, outs);
    const now = pickLabels(emu.admin.getDevice(VAN)!);
    expect(flattenStored(await adoptInNewProcess()).adoptedLabels).toEqual(now); // e.g. after `pulumi state delete`
  });

  it("warns once and still adopts when the journal cannot be written", async () => {
    const blocker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hapn-ro-")), "file");
    fs.writeFileSync(blocker, "");
    const saved = process.env.HAPN_STATE_DIR;
    process.env.HAPN_STATE_DIR = blocker; // a file, so no folder can be made under it
    try {
      const outs = await adoptInNewProcess();
      expect(outs.name).toBe(PROGRAM.name);
      expect(logs.join("\n")).toMatch(/could not write its adoption journal .*HAPN_STATE_DIR/);
    } finally {
      process.env.HAPN_STATE_DIR = saved;
      fs.rmSync(path.dirname(blocker), { recursive: true, force: true });
    }
  });
});
