/**
 * A stack of an on-disk Pulumi project, driven through the `pulumi` binary in a {@link PulumiSandbox}: the path
 * users take (language host, Pulumi.yaml, Pulumi.<stack>.yaml), not the Automation API.
 */
import { type CommandResult, type PulumiSandbox } from "./pulumi-sandbox";

/** One resource of an exported state. */
export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** A command result that failed, as an error carrying everything the CLI printed. */
export function commandError(what: string, r: CommandResult): Error {
  return new Error(`${what} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
}

/** One stack of one project folder (see module docs). */
export class ProjectStack {
  private constructor(
    readonly sandbox: PulumiSandbox,
    readonly projectDir: string,
    readonly name: string,
  ) {}

  /** `pulumi stack init` in the sandbox's backend. */
  static async init(sandbox: PulumiSandbox, projectDir: string, name: string): Promise<ProjectStack> {
    const stack = new ProjectStack(sandbox, projectDir, name);
    const r = await sandbox.pulumi(["stack", "init", name], { cwd: projectDir });
    if (r.code !== 0) throw commandError(`pulumi stack init ${name}`, r);
    return stack;
  }

  /** A stack that already exists in the sandbox's backend (made by `pulumi stack init` earlier). */
  static existing(sandbox: PulumiSandbox, projectDir: string, name: string): ProjectStack {
    return new ProjectStack(sandbox, projectDir, name);
  }

  /** Runs `pulumi <args> --stack <name>` in the project folder; never throws. */
  run(args: string[], env?: Record<string, string | undefined>): Promise<CommandResult> {
    return this.sandbox.pulumi([...args, "--stack", this.name], { cwd: this.projectDir, env });
  }

  /** Runs `pulumi <args>` and throws with the CLI's output unless it exits 0. */
  async must(args: string[], env?: Record<string, string | undefined>): Promise<CommandResult> {
    const r = await this.run(args, env);
    if (r.code !== 0) throw commandError(`pulumi ${args.join(" ")}`, r);
    return r;
  }

  /** Sets plain config values and (encrypted) secrets. */
  async setConfig(plain: Record<string, string>, secrets: Record<string, string> = {}): Promise<void> {
    // No `--` before key and value: the flags appended after them (`--stack`, `--non-interactive`) would then be
    // read as values too. Only a value starting with "-" needs it, and then those flags cannot follow.
    const set = (flags: string[], key: string, value: string) => {
      if (value.startsWith("-")) throw new Error(`setConfig: the value of ${key} starts with "-"; set it by hand`);
      return this.must(["config", "set", ...flags, key, value]);
    };
    for (const [key, value] of Object.entries(plain)) await set([], key, value);
    for (const [key, value] of Object.entries(secrets)) await set(["--secret"], key, value);
  }

  /** The resource changes of the last update (`pulumi stack history`), e.g. `{ create: 6 }`. */
  async lastChanges(): Promise<Record<string, number>> {
    const r = await this.must(["stack", "history", "--json", "--page-size", "1"]);
    const [latest] = JSON.parse(r.stdout) as Array<{ resourceChanges?: Record<string, number> }>;
    return latest?.resourceChanges ?? {};
  }

  /** The state as `pulumi stack export` prints it (secrets stay encrypted). */
  async exportText(): Promise<string> {
    return (await this.must(["stack", "export"])).stdout;
  }

  /** The resources in state. */
  async resources(): Promise<StateResource[]> {
    const exported = JSON.parse(await this.exportText()) as { deployment?: { resources?: StateResource[] } };
    return exported.deployment?.resources ?? [];
  }

  /** The stack's outputs (`pulumi stack output --json`). */
  async outputs(): Promise<Record<string, unknown>> {
    return JSON.parse((await this.must(["stack", "output", "--json"])).stdout) as Record<string, unknown>;
  }

  /** Removes the stack and its Pulumi.<stack>.yaml (after a destroy; `--force` drops leftover resources). */
  async remove(): Promise<CommandResult> {
    return this.run(["stack", "rm", "--yes", "--force"]);
  }
}
