import * as pulumi from "@pulumi/pulumi";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type RunningEmulator } from "../../emulator";
import { startTestEmulator } from "../support/emulator";
import type * as hapn from "../../provider";
import { luhnCheckDigit } from "../../provider/api-model/imei";
import { InlineStack, type StateResource } from "../../scripts/lib/inline-stack";
import {
  createProject,
  installTarball,
  packPackage,
  repackWith,
  requireInstalled,
} from "../../scripts/lib/packaged-project";
import { flattenStored } from "../../provider/device/stored";
import { storedProviderText } from "../../provider/stored-provider";

/** One Device of the test program, as written in the stack's `devices` config. */
type Entry = { key: string } & hapn.DeviceArgs;

/**
 * The Device resource end to end: the package packed and installed as users install it, the real Pulumi CLI
 * and its provider process, and the emulator as the Hapn account. The steps build on each other, in order.
 */
describe("Device under the real Pulumi CLI", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-e2e-"));
  let emu: RunningEmulator;
  let tarball: string;
  let projectDir: string;
  let stack: InlineStack;
  let fleet: hapn.HapnDevice[];
  let entries: Entry[];

  const setEntries = (next: Entry[]) => {
    entries = next;
    return stack.setConfig({ devices: JSON.stringify(next) });
  };
  const devicesInState = async (): Promise<StateResource[]> =>
    (await stack.resources()).filter((r) => r.type === "pulumi-nodejs:dynamic/hapn:Device");
  const counters = () => emu.admin.counters();
  const requestsTo = (route: "getDevice" | "listDevices" | "updateDevice") =>
    Object.values(counters().byRoute[route] ?? {}).reduce((a, b) => a + b, 0);

  beforeAll(async () => {
    emu = await startTestEmulator({ devices: 12, seed: 3 });
    fleet = emu.admin.listDevices();
    tarball = packPackage(tmp);
    projectDir = createProject(tarball);
    stack = await InlineStack.create({
      projectName: "hapn-e2e",
      stackName: "e2e",
      workDir: projectDir,
      config: { "hapn:apiUrl": emu.apiUrl, "hapn:authUrl": emu.authUrl, "hapn:clientId": emu.clientId, devices: "[]" },
      secrets: { "hapn:clientSecret": emu.clientSecret },
      program: async () => {
        const { Device } = requireInstalled<typeof hapn>(projectDir, "pulumi-hapn");
        const names: Record<string, pulumi.Output<string>> = {};
        for (const { key, ...args } of new pulumi.Config().requireObject<Entry[]>("devices")) {
          names[key] = new Device(key, args).name;
        }
        return names;
      },
    });
  });

  afterAll(async () => {
    await stack?.dispose();
    await emu?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
    if (projectDir) fs.rmSync(projectDir, { recursive: true, force: true });
  });

  it("fails invalid inputs at preview, naming each property, with zero API calls", async () => {
    await setEntries([{ key: "bad", imei: "862785041422449", color: "blue", name: "" }]);
    emu.admin.resetCounters();
    const preview = await stack.preview();
    expect(preview.ok).toBe(false);
    expect(preview.output).toMatch(/imei "862785041422449" fails the Luhn check/);
    expect(preview.output).toMatch(/color "blue" must be a hex color/);
    expect(preview.output).toMatch(/name must not be empty/);
    expect(counters().tokenRequests).toBe(0);
    expect(counters().apiRequests).toBe(0);
  });

  it("fails an IMEI that is not in the account with a clear message and leaves state clean", async () => {
    const body = "35000000000000";
    const ghost = `${body}${luhnCheckDigit(body)}`;
    await setEntries([{ key: "ghost", imei: ghost, name: "Ghost" }]);
    const up = await stack.up();
    expect(up.ok).toBe(false);
    expect(up.output).toContain(`IMEI ${ghost} is not in this Hapn account`);
    expect(await devicesInState()).toEqual([]);
  });

  it("adopts the devices and applies only the labels the program sets", async () => {
    const [van, ...rest] = [
      fleet.find((d) => d.imei === "862785041422448")!,
      ...fleet.filter((d) => d.imei !== "862785041422448"),
    ];
    const untouchedIcon = rest[1].icon;
    await setEntries([
      { key: "van", imei: van.imei, name: "Van #2 (pulumi)", color: "#00AA11" },
      { key: "restored", imei: rest[0].imei, name: "Loaner", description: "Temporary", deletePolicy: "restoreLabels" },
      ...rest.slice(1, 7).map((d, i) => ({ key: `t${i}`, imei: d.imei, name: `Truck ${i}` })),
    ]);
    emu.admin.resetCounters();
    const up = await stack.up();
    expect(up.output).toContain("created");
    expect(up.ok).toBe(true);
    expect(up.changes).toEqual({ create: 8, same: 1 });

    expect(emu.admin.getDevice(van.imei)).toMatchObject({ name: "Van #2 (pulumi)", color: "#00aa11", icon: van.icon });
    expect(emu.admin.getDevice(rest[0].imei)).toMatchObject({ name: "Loaner", description: "Temporary" });
    expect(emu.admin.getDevice(rest[1].imei)).toMatchObject({ name: "Truck 0", icon: untouchedIcon });
    // One provider process (previews make no API calls), one token.
    expect(counters().tokenRequests).toBe(1);
    expect(requestsTo("updateDevice")).toBe(8);
    const state = await devicesInState();
    expect(state.map((r) => r.id).sort()).toEqual(entries.map((e) => e.imei).sort());
    const vanOutputs = state.find((r) => r.id === van.imei)?.outputs;
    expect(vanOutputs).toMatchObject({ name: "Van #2 (pulumi)", factsJson: expect.any(String) });
    expect(flattenStored(vanOutputs)).toMatchObject({
      model: { name: "OBD Vehicle Tracker" },
      iccid: "8944500204198462404",
      connectivityProvider: "T-Mobile",
      adoptedLabels: { name: "Van #2", color: "#579db5" },
      managedFields: ["name", "color"],
    });
  });

  it("shows no changes on the next preview", async () => {
    const preview = await stack.preview({ expectNoChanges: true });
    expect(preview.ok).toBe(true);
    expect(preview.changes).toEqual({ same: 9 });
  });

  it("refreshes many devices with fewer API requests than devices, and one token", async () => {
    emu.admin.resetCounters();
    const refresh = await stack.refresh({ expectNoChanges: true });
    expect(refresh.ok).toBe(true);
    expect(counters().tokenRequests).toBe(1);
    expect(requestsTo("getDevice") + requestsTo("listDevices")).toBeLessThan(entries.length / 2);
  });

  it("reports a hand edit as drift, naming the device and the field, and fails the CI check", async () => {
    emu.admin.editDevice(entries[0].imei as string, { name: "Hand edit" });
    const drift = await stack.preview({ refresh: true, expectNoChanges: true });
    expect(drift.ok).toBe(false);
    expect(drift.output).toMatch(/~ .*hapn:Device\s+van\s+update\s+\[diff: ~name\]/);
    expect(drift.output).toMatch(/no changes were expected for preview but changes were proposed/);
  });

  it("restores the label with refresh then up", async () => {
    expect((await stack.refresh()).ok).toBe(true);
    const up = await stack.up();
    expect(up.ok).toBe(true);
    expect(up.changes).toEqual({ update: 1, same: 8 });
    expect(emu.admin.getDevice(entries[0].imei as string)?.name).toBe("Van #2 (pulumi)");
    expect((await stack.preview({ refresh: true, expectNoChanges: true })).ok).toBe(true);
  });

  it("updates only the device whose label changed, with one PATCH", async () => {
    await setEntries(entries.map((e) => (e.key === "t3" ? { ...e, name: "Truck 3, renamed" } : e)));
    emu.admin.resetCounters();
    const up = await stack.up();
    expect(up.ok).toBe(true);
    expect(up.changes).toEqual({ update: 1, same: 8 });
    expect(requestsTo("updateDevice")).toBe(1);
    expect(emu.admin.getDevice(entries.find((e) => e.key === "t3")!.imei as string)?.name).toBe("Truck 3, renamed");
  });

  it("stores a small, stable provider: a rebuilt package with an internal change shows no __provider diff", async () => {
    const providerOf = async () => (await devicesInState()).map((r) => r.outputs?.__provider as string);
    const before = await providerOf();
    expect(new Set(before).size).toBe(1);
    expect(before[0]).toBe(storedProviderText("device"));

    const rebuilt = repackWith(tarball, path.join(tmp, "next-release"), (pkg) => {
      const file = path.join(pkg, "dist", "provider", "device", "provider.js");
      fs.appendFileSync(file, "\n// an internal change in a new release\n");
    });
    installTarball(projectDir, rebuilt);
    const installed = path.join(projectDir, "node_modules", "pulumi-hapn", "dist", "provider", "device", "provider.js");
    expect(fs.readFileSync(installed, "utf8")).toContain("an internal change in a new release");
    const preview = await stack.preview({ expectNoChanges: true, diff: true });
    expect(preview.ok).toBe(true);
    expect(preview.output).not.toContain("__provider");
    expect((await stack.up()).ok).toBe(true);
    expect(await providerOf()).toEqual(before);
  });

  it("replaces a device whose IMEI changes", async () => {
    const spare = fleet.find((d) => !entries.some((e) => e.imei === d.imei))!;
    await setEntries(entries.map((e) => (e.key === "t5" ? { ...e, imei: spare.imei } : e)));
    const preview = await stack.preview();
    expect(preview.output).toMatch(/\+-.*hapn:Device\s+t5\s+replace/);
    const up = await stack.up();
    expect(up.ok).toBe(true);
    expect(up.changes).toMatchObject({ replace: 1, same: 8 });
    expect((await devicesInState()).map((r) => r.id)).toContain(spare.imei);
    expect(emu.admin.getDevice(spare.imei)?.name).toBe("Truck 5");
  });

  it("keeps the client secret and every token out of the state", async () => {
    const text = await stack.exportText();
    expect(text).not.toContain(emu.clientSecret);
    for (const token of emu.admin.issuedTokens()) expect(text).not.toContain(token);
    expect(emu.admin.issuedTokens().length).toBeGreaterThan(0);
  });

  it("drops a device that left the account from state on refresh, with a warning", async () => {
    const gone = entries.find((e) => e.key === "t4")!;
    emu.admin.removeDevice(gone.imei as string);
    const refresh = await stack.refresh();
    expect(refresh.ok).toBe(true);
    expect(refresh.output).toContain(`Hapn device ${gone.imei} is no longer in the account`);
    expect((await devicesInState()).map((r) => r.id)).not.toContain(gone.imei);
    await setEntries(entries.filter((e) => e !== gone));
  });

  it("destroys without deleting hardware, restoring labels only where asked", async () => {
    const restored = entries.find((e) => e.key === "restored")!;
    const original = fleet.find((d) => d.imei === restored.imei)!;
    const destroy = await stack.destroy();
    expect(destroy.ok).toBe(true);
    expect(destroy.output).toMatch(/stay in the account with their current labels/);
    expect(await devicesInState()).toEqual([]);
    expect(emu.admin.listDevices()).toHaveLength(fleet.length - 1);
    expect(emu.admin.getDevice(restored.imei as string)).toMatchObject({
      name: original.name,
      description: original.description,
    });
    expect(emu.admin.getDevice(entries[0].imei as string)?.name).toBe("Van #2 (pulumi)");
  });
});
