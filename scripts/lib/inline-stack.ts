/**
 * Runs Pulumi programs through the real Pulumi CLI with the Automation API and inline programs: the CLI calls
 * back into this process to run the program, while dynamic resources still run in the CLI's separate provider
 * process, exactly as under `pulumi up`. This is a harness users never touch, kept for tests that drive many
 * small steps from one process; the path users take (the `pulumi` binary, its language host, on-disk projects)
 * is proven by the tests that use project-stack.ts.
 */
import { execFile } from "node:child_process";
import { ConfigMap, LocalWorkspace, PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { promisify } from "node:util";
import type { StateResource } from "./project-stack";
import { PulumiSandbox } from "./pulumi-sandbox";

export type { StateResource };

const execFileAsync = promisify(execFile);

/** How to set up one throwaway stack. */
export interface InlineStackOptions {
  projectName: string;
  stackName: string;
  program: PulumiFn;
  /** The project folder: the provider process runs here and resolves node_modules from it. */
  workDir: string;
  config?: Record<string, string>;
  secrets?: Record<string, string>;
  env?: Record<string, string>;
}

/** The outcome of one CLI operation; never thrown, so callers can assert on failures. */
export interface OpResult {
  ok: boolean;
  /** Everything the CLI printed (progress, diagnostics, and the error on failure). */
  output: string;
  /** The `--json`-style change summary, when the operation produced one. */
  changes?: Record<string, number>;
}

/** A stack in its own {@link PulumiSandbox}, with helpers that capture the CLI's output. */
export class InlineStack {
  private constructor(
    readonly stack: Stack,
    readonly sandbox: PulumiSandbox,
  ) {}

  /** Creates the stack (in a fresh sandbox) and sets its config. */
  static async create(opts: InlineStackOptions): Promise<InlineStack> {
    const sandbox = PulumiSandbox.create("hapn-inline-");
    const stack = await LocalWorkspace.createOrSelectStack(
      { projectName: opts.projectName, stackName: opts.stackName, program: opts.program },
      {
        workDir: opts.workDir,
        projectSettings: { name: opts.projectName, runtime: "nodejs", backend: { url: sandbox.env.PULUMI_BACKEND_URL } },
        envVars: { ...sandbox.env, ...opts.env },
      },
    );
    const self = new InlineStack(stack, sandbox);
    await self.setConfig(opts.config ?? {}, opts.secrets ?? {});
    return self;
  }

  /** Sets plain and secret config values (secrets are stored encrypted in the stack file). */
  async setConfig(plain: Record<string, string>, secrets: Record<string, string> = {}): Promise<void> {
    const config: ConfigMap = {};
    for (const [k, v] of Object.entries(plain)) config[k] = { value: v };
    for (const [k, v] of Object.entries(secrets)) config[k] = { value: v, secret: true };
    if (Object.keys(config).length > 0) await this.stack.setAllConfig(config);
  }

  /** `pulumi up`. */
  up(opts: { refresh?: boolean } = {}): Promise<OpResult> {
    return this.capture(async (onOutput) => {
      const r = await this.stack.up({ onOutput, refresh: opts.refresh });
      return r.summary.resourceChanges as Record<string, number> | undefined;
    });
  }

  /** `pulumi preview`, optionally with `--refresh` and `--expect-no-changes` (the CI drift check). */
  preview(opts: { refresh?: boolean; expectNoChanges?: boolean; diff?: boolean } = {}): Promise<OpResult> {
    return this.capture(async (onOutput) => {
      const r = await this.stack.preview({ onOutput, ...opts });
      return r.changeSummary as Record<string, number>;
    });
  }

  /** `pulumi refresh`. */
  refresh(opts: { expectNoChanges?: boolean } = {}): Promise<OpResult> {
    return this.capture(async (onOutput) => {
      const r = await this.stack.refresh({ onOutput, ...opts });
      return r.summary.resourceChanges as Record<string, number> | undefined;
    });
  }

  /** `pulumi destroy`. */
  destroy(): Promise<OpResult> {
    return this.capture(async (onOutput) => {
      const r = await this.stack.destroy({ onOutput });
      return r.summary.resourceChanges as Record<string, number> | undefined;
    });
  }

  /**
   * The state as a user's `pulumi stack export` prints it (secrets stay encrypted). The Automation API's own
   * exportStack adds `--show-secrets`, which would decrypt config secrets, so this runs the CLI itself.
   */
  async exportText(): Promise<string> {
    const { stdout } = await execFileAsync(
      this.stack.workspace.pulumiCommand.command,
      ["stack", "export", "--stack", this.stack.name, "--non-interactive"],
      { cwd: this.stack.workspace.workDir, env: { ...process.env, ...this.stack.workspace.envVars } },
    );
    return stdout;
  }

  /** The resources in state, as `pulumi stack export` lists them. */
  async resources(): Promise<StateResource[]> {
    const exported = await this.stack.exportStack();
    return (exported.deployment as { resources?: StateResource[] }).resources ?? [];
  }

  /** Removes the stack and its sandbox (backend and Pulumi home). */
  async dispose(): Promise<void> {
    try {
      await this.stack.workspace.removeStack(this.stack.name, { force: true });
    } catch {
      // Cleanup is best effort: the sandbox folder goes anyway.
    }
    this.sandbox.dispose();
  }

  private async capture(op: (onOutput: (s: string) => void) => Promise<OpResult["changes"]>): Promise<OpResult> {
    let output = "";
    const onOutput = (s: string) => (output += s);
    try {
      const changes = await op(onOutput);
      return { ok: true, output, changes };
    } catch (e) {
      return { ok: false, output: `${output}\n${e instanceof Error ? e.message : String(e)}` };
    }
  }
}
