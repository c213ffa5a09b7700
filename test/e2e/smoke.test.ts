import * as pulumi from "@pulumi/pulumi";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { InlineStack } from "../../scripts/lib/inline-stack";
import { ProjectStack } from "../../scripts/lib/project-stack";
import { PulumiSandbox } from "../../scripts/lib/pulumi-sandbox";

/**
 * The toolchain works end to end: the real Pulumi CLI runs a trivial dynamic resource, in its own provider
 * process, through up, a no-change preview and destroy on a file backend.
 */
describe("smoke: a trivial dynamic resource under the real Pulumi CLI", () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-smoke-"));
  let stack: InlineStack;

  beforeAll(async () => {
    fs.symlinkSync(path.resolve(__dirname, "../../node_modules"), path.join(workDir, "node_modules"), "dir");
    stack = await InlineStack.create({
      projectName: "hapn-smoke",
      stackName: "smoke",
      workDir,
      program: async () => {
        const provider: pulumi.dynamic.ResourceProvider = {
          async create(inputs) {
            // process.pid proves this ran in the CLI's provider process, not in the test process.
            return { id: `smoke-${inputs.label}`, outs: { label: inputs.label, pid: process.pid } };
          },
          async diff(_id, olds, news) {
            return { changes: olds.label !== news.label };
          },
        };
        class Thing extends pulumi.dynamic.Resource {
          declare readonly pid: pulumi.Output<number>;
        }
        const r = new Thing(provider, "thing", { label: "hello", pid: undefined });
        return { id: r.id, pid: r.pid };
      },
    });
  });

  afterAll(async () => {
    await stack?.dispose();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it("goes through up, a no-change preview and destroy", async () => {
    const up = await stack.up();
    expect(up.ok).toBe(true);
    expect(up.changes).toEqual({ create: 2 });
    const outputs = await stack.stack.outputs();
    expect(outputs.id.value).toBe("smoke-hello");
    expect(outputs.pid.value).not.toBe(process.pid);

    const preview = await stack.preview({ expectNoChanges: true });
    expect(preview.ok).toBe(true);
    expect(preview.changes).toEqual({ same: 2 });

    const destroy = await stack.destroy();
    expect(destroy.ok).toBe(true);
    expect(await stack.resources()).toEqual([]);
  });
});

/**
 * The toolchain's YAML language host and its `random` resource plugin, through the `pulumi` binary on an on-disk
 * project (the plugin a TypeScript program gets through @pulumi/random).
 */
describe("smoke: a YAML program with a random plugin resource", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-yaml-"));
  const sandbox = PulumiSandbox.create("hapn-yaml-");
  afterAll(() => {
    sandbox.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("goes through up and destroy", async () => {
    fs.writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      [
        "name: hapn-yaml-smoke",
        "runtime: yaml",
        "resources:",
        "  pet:",
        "    type: random:RandomPet",
        "    properties:",
        "      length: 2",
        "    options:",
        "      version: 4.21.2",
        "outputs:",
        "  pet: ${pet.id}",
        "",
      ].join("\n"),
    );
    const stack = await ProjectStack.init(sandbox, dir, "smoke");
    await stack.must(["up", "--yes"]);
    expect((await stack.outputs()).pet).toMatch(/^[a-z]+-[a-z]+$/);
    await stack.must(["destroy", "--yes"]);
  });
});
