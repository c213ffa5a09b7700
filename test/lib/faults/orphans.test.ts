/**
 * What the fault matrix says an "engine" kill left behind: the names it gives the providers' processes (the `hapn`
 * plugin's executable runs node on plugin/bin/../index.js; the dynamic provider is @pulumi/pulumi's
 * cmd/dynamic-provider), and the watch that reports and kills what still runs.
 */
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ORPHAN_WATCH_MS, processNames, watchOrphans } from "../../../scripts/lib/faults/orphans";

describe("orphans of a killed CLI", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-orphans-"));
  const children: ChildProcess[] = [];
  /** A node process running `script` (created under `dir`), as the path is given. */
  const run = (script: string): ChildProcess => {
    const file = path.join(dir, path.normalize(script));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, "setInterval(() => {}, 1000);\n");
    const child = spawn(process.execPath, [path.join(dir, script), "127.0.0.1:1"], { stdio: "ignore" });
    children.push(child);
    return child;
  };
  const exited = (child: ChildProcess) =>
    new Promise<void>((resolve) =>
      child.exitCode !== null || child.signalCode ? resolve() : child.once("exit", () => resolve()),
    );

  afterAll(() => {
    for (const child of children) child.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("names the plugin's executable `node plugin` and the dynamic provider `node dynamic-provider`", () => {
    const plugin = run("plugin/bin/../index.js");
    const dynamic = run("node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js");
    expect(processNames([plugin.pid!, dynamic.pid!])).toEqual(["node plugin", "node dynamic-provider"]);
  });

  it("reports what still runs after the watch, with the writes and the names at the kill, and kills it", async () => {
    const left = run("plugin/bin/../index.js");
    const gone = run("other/index.js");
    gone.kill("SIGKILL");
    await exited(gone);
    jest.useFakeTimers();
    try {
      const watched = watchOrphans([left.pid!, gone.pid!], ["node plugin", "node other"], () => 3);
      await jest.advanceTimersByTimeAsync(ORPHAN_WATCH_MS);
      expect(await watched).toEqual({ writes: 3, orphans: ["node plugin"], atKill: ["node plugin", "node other"] });
    } finally {
      jest.useRealTimers();
    }
    await exited(left);
    expect(left.signalCode).toBe("SIGKILL");
  });
});
