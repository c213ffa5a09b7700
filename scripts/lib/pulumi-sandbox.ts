/**
 * A throwaway Pulumi environment for one run of the demo or one test file: its own file backend, passphrase and
 * Pulumi home in a fresh temp folder, removed afterwards. Commands run the `pulumi` binary on PATH (the one
 * scripts/toolchain.sh provides, or the user's own) with its language host, on on-disk projects, exactly as a
 * user types them; nothing the user has set up (`pulumi login`, ~/.pulumi) is read or changed.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** What one command did; never thrown, so callers can assert on failures. */
export interface CommandResult {
  /** Exit code (signals count as 128 + n). */
  code: number;
  stdout: string;
  stderr: string;
}

/** How to run one command in the sandbox. */
export interface RunOptions {
  cwd: string;
  /** Extra environment for this command only. */
  env?: Record<string, string | undefined>;
  /** Kill the command after this long (default 10 minutes). */
  timeoutMs?: number;
}

// Variables of the caller's own Pulumi setup that must not leak into a sandboxed run.
const FOREIGN_PULUMI_ENV = ["PULUMI_ACCESS_TOKEN", "PULUMI_CONFIG_PASSPHRASE_FILE"];

/** One sandboxed Pulumi environment (see module docs). */
export class PulumiSandbox {
  /** The environment every command gets on top of the process's own. */
  readonly env: Record<string, string>;

  private constructor(
    /** The temp folder holding the backend and the Pulumi home. */
    readonly dir: string,
  ) {
    const home = path.join(dir, "home");
    const backend = path.join(dir, "backend");
    fs.mkdirSync(home, { recursive: true });
    fs.mkdirSync(backend, { recursive: true });
    const plugins = process.env.HAPN_PULUMI_PLUGINS;
    const userPlugins = path.join(process.env.PULUMI_HOME ?? path.join(os.homedir(), ".pulumi"), "plugins");
    const pluginSource = plugins ?? (fs.existsSync(userPlugins) ? userPlugins : undefined);
    if (pluginSource) fs.symlinkSync(pluginSource, path.join(home, "plugins"), "dir");
    this.env = {
      PULUMI_BACKEND_URL: `file://${backend}`,
      PULUMI_HOME: home,
      PULUMI_CONFIG_PASSPHRASE: `sandbox-${path.basename(dir)}`,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_REGISTRY_RESOLVE: "true",
      // pulumi-hapn's local state (the adoption journal) stays in the sandbox too.
      HAPN_STATE_DIR: path.join(dir, "hapn-state"),
      // With the toolchain's plugins every plugin is local; a download attempt would only hang offline.
      ...(plugins ? { PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true" } : {}),
      // Plugins beside the CLI win over the same names found again on PATH (which also silences a warning).
      ...(besideCli("pulumi-language-nodejs") ? { PULUMI_IGNORE_AMBIENT_PLUGINS: "true" } : {}),
    };
  }

  /** The file backend's `.pulumi` folder, where Pulumi keeps stacks, locks and history. */
  get stateDir(): string {
    return path.join(this.dir, "backend", ".pulumi");
  }

  /** Makes a sandbox in a fresh temp folder. */
  static create(prefix = "hapn-pulumi-"): PulumiSandbox {
    return new PulumiSandbox(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  }

  /** The full environment of a command: the process's, less foreign Pulumi settings, plus the sandbox's. */
  commandEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of FOREIGN_PULUMI_ENV) delete env[key];
    Object.assign(env, this.env);
    for (const [k, v] of Object.entries(extra)) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    return env;
  }

  /** Runs `pulumi …` (non-interactive) in `cwd`. */
  pulumi(args: string[], opts: RunOptions): Promise<CommandResult> {
    return this.exec("pulumi", [...args, "--non-interactive"], opts);
  }

  /** Runs a shell script with bash (`set -e`, so a failing line fails the script), as a user's terminal would. */
  shell(script: string, opts: RunOptions): Promise<CommandResult> {
    return this.exec("bash", ["-e", "-c", script], opts);
  }

  /** Runs any command in the sandbox's environment, without blocking this process's event loop. */
  exec(command: string, args: string[], opts: RunOptions): Promise<CommandResult> {
    return new Promise((resolve) => {
      const child = spawn(command, args, {
        cwd: opts.cwd,
        env: this.commandEnv(opts.env),
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 600_000);
      child.on("error", (error) => {
        clearTimeout(timer);
        resolve({ code: 127, stdout, stderr: `${stderr}${error.message}\n` });
      });
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        resolve({ code: code ?? 128 + (signal ? os.constants.signals[signal] : 0), stdout, stderr });
      });
    });
  }

  /** Removes the backend, the Pulumi home and everything else in the sandbox's folder. */
  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** True when `name` sits beside the `pulumi` found on PATH. */
function besideCli(name: string): boolean {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, "pulumi"))) return fs.existsSync(path.join(dir, name));
  }
  return false;
}
