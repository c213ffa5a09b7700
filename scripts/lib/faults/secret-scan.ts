/**
 * The secret hygiene scan: a full life of a stack with a recognizable client secret (`hapn-SECRET-canary-…`), under
 * short-lived tokens and 5xx so error paths run too, with every command's output and Pulumi's verbose engine log
 * (`-v=9 --logtostderr --logflow`) kept in files, the emulator logging every request to a file, then a search of
 * every file in the sandbox (state backend with its history and backups, logs, the project's stack config, the
 * adoption journal) and of `pulumi stack export` for the secret, the rotated secret and every token the emulator
 * issued. Finding none proves nothing leaks only if the corpus is real, so the scan also reports its size.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../../../emulator";
import { ProjectStack } from "../project-stack";
import type { PulumiSandbox } from "../pulumi-sandbox";
import { fleetEntries } from "./fleet-project";

/** What the scan found. */
export interface SecretScanResult {
  /** Files searched, and their total size in bytes. */
  files: number;
  bytes: number;
  /** Distinct needles searched: the two secrets and the issued tokens. */
  tokens: number;
  /** "file: what" for every occurrence. */
  hits: string[];
  /** The commands with their exit codes, e.g. `up 0`. */
  commands: string[];
  /** Lines of the verbose engine log, to show the corpus is real. */
  verboseLines: number;
  /** Error messages the commands printed (lines with "error:"). */
  errorLines: string[];
}

/** Every regular file under `dir`, not following symlinks (the linked node_modules and plugins are not ours). */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(full);
    return e.isFile() ? [full] : [];
  });
}

/** Runs the scan (see module docs) in a project folder of `sandbox` with `n` trackers. */
export async function secretScan(sandbox: PulumiSandbox, projectDir: string, n: number): Promise<SecretScanResult> {
  const secret = `hapn-SECRET-canary-${randomBytes(8).toString("hex")}`;
  const rotated = `hapn-SECRET-canary-rotated-${randomBytes(8).toString("hex")}`;
  const logs = path.join(sandbox.dir, "logs");
  fs.mkdirSync(logs, { recursive: true });
  const emulatorLog = fs.openSync(path.join(logs, "emulator.log"), "a");
  const emu = await startEmulator({
    port: 0,
    devices: n,
    seed: 11,
    clientSecret: secret,
    tokenTtlSeconds: 2,
    faults: { errorRate: 0.1, includeTokenEndpoint: true },
    logger: (line) => fs.writeSync(emulatorLog, line + "\n"),
  });
  const commands: string[] = [];
  try {
    const stack = await ProjectStack.init(sandbox, projectDir, "secret-scan");
    const run = async (name: string, args: string[]) => {
      const r = await stack.run([...args, "-v=9", "--logtostderr", "--logflow"]);
      fs.writeFileSync(path.join(logs, `${name}.stdout`), r.stdout);
      fs.writeFileSync(path.join(logs, `${name}.stderr`), r.stderr);
      commands.push(`${name} ${r.code}`);
      return r;
    };
    await stack.setConfig(
      {
        "hapn:apiUrl": emu.apiUrl,
        "hapn:authUrl": emu.authUrl,
        "hapn:clientId": emu.clientId,
        devices: JSON.stringify(fleetEntries(emu.admin.listDevices(), 1)),
        randomTag: "false",
      },
      { "hapn:clientSecret": secret },
    );
    await run("up", ["up", "--yes", "--skip-preview"]);
    // Hapn rotates the secret: the stored one is refused (an error path), then the stack takes the new one.
    emu.admin.rotateClientSecret(rotated);
    await run("refresh-old-secret", ["refresh", "--yes"]);
    await stack.setConfig({}, { "hapn:clientSecret": rotated });
    await stack.setConfig({ devices: JSON.stringify(fleetEntries(emu.admin.listDevices(), 2)) });
    await run("up-rotated", ["up", "--yes", "--skip-preview", "--refresh", "--run-program"]);
    // Errors of argument checks and of a device not in the account, printed by the CLI.
    await stack.setConfig({ devices: JSON.stringify([{ key: "bad", imei: "490154203237518", name: "x" }]) });
    await run("up-missing-device", ["up", "--yes", "--skip-preview"]);
    fs.writeFileSync(path.join(logs, "stack-export.json"), await stack.exportText());
    await stack.run(["destroy", "--yes", "--skip-preview"]);
  } finally {
    await emu.stop();
    fs.closeSync(emulatorLog);
  }
  const needles = [secret, rotated, ...emu.admin.issuedTokens()];
  const hits: string[] = [];
  let bytes = 0;
  const files = filesUnder(sandbox.dir);
  for (const file of files) {
    const text = fs.readFileSync(file, "latin1");
    bytes += text.length;
    for (const needle of needles) {
      if (text.includes(needle))
        hits.push(
          `${path.relative(sandbox.dir, file)}: ${needle === secret || needle === rotated ? "client secret" : "token"}`,
        );
    }
  }
  const output = (name: string) => fs.readFileSync(path.join(logs, name), "utf8");
  const allOutput = fs
    .readdirSync(logs)
    .filter((f) => /\.std(out|err)$/.test(f))
    .map(output)
    .join("\n");
  return {
    files: files.length,
    bytes,
    tokens: needles.length,
    hits,
    commands,
    verboseLines: output("up.stderr").split("\n").length,
    errorLines: [...new Set(allOutput.split("\n").filter((l) => /error:/i.test(l) && !/^I\d{4}/.test(l)))],
  };
}
