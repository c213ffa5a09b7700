import { spawn } from "node:child_process";
import { cpuSecondsOf, roleOf, watchProcesses } from "../../bench/process-usage";

describe("process usage", () => {
  it("counts the CPU time of the root process as the engine's, and no memory for unknown roles", async () => {
    // Busy for about 400 ms of CPU, then exits.
    const child = spawn(process.execPath, ["-e", "const end = Date.now() + 400; while (Date.now() < end);"]);
    const watch = watchProcesses(child.pid!, 20);
    await new Promise((resolve) => child.on("close", resolve));
    const usage = watch.stop();
    expect(usage.cpu.engine).toBeGreaterThan(0.2);
    expect(usage.cpu.program).toBe(0);
    expect(usage.peaks).toEqual({ provider: 0, program: 0 });
  });

  it("reads a live process's CPU seconds and nothing for a gone one", () => {
    expect(cpuSecondsOf(process.pid)).toBeGreaterThan(0);
    expect(cpuSecondsOf(2 ** 22 + 1)).toBeUndefined();
  });

  it("tells the provider processes (the dynamic host, the hapn plugin's run-plugin) from the program", () => {
    const node = "/usr/bin/node /repo/node_modules/@pulumi/pulumi/cmd";
    expect(roleOf(`${node}/dynamic-provider/index.js 127.0.0.1:1`)).toBe("provider");
    expect(roleOf(`${node}/run-plugin/index.js /repo/plugin 127.0.0.1:1`)).toBe("provider");
    expect(roleOf(`${node}/run/index.js --monitor 127.0.0.1:2`)).toBe("program");
    expect(roleOf("pulumi up")).toBeUndefined();
  });
});
