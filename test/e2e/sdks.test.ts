/**
 * The checked-in SDKs (sdk/) against their schema and their compilers: regenerating them from plugin/schema.json
 * with the real CLI gives the same files (so they never drift from the schema, and `npm run gen-sdks -- --check`
 * names a stale file), the TypeScript SDK compiles with tsc, and the Python SDK byte-compiles (it cannot be
 * installed here: PyPI is out of reach). The Go SDK's build and `go vet` are in go-program.test.ts, whose program
 * module requires it.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SDK_DIR, staleSdkFiles } from "../../scripts/gen-sdks";
import { filesBelow } from "../../scripts/lib/sdk/tree-diff";
import { buildNodejsSdk } from "../../scripts/lib/sdk/nodejs-package";
import { PulumiSandbox } from "../../scripts/lib/pulumi-sandbox";

describe("the generated SDKs", () => {
  const sandbox = PulumiSandbox.create("hapn-sdks-");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-sdks-"));
  // The compiled SDK requires @pulumi/pulumi, as a user's node_modules would hold it.
  fs.symlinkSync(path.resolve(__dirname, "../../node_modules"), path.join(work, "node_modules"), "dir");

  afterAll(() => {
    sandbox.dispose();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("are exactly what plugin/schema.json generates", () => {
    expect(staleSdkFiles(sandbox.commandEnv())).toEqual([]);
    expect(filesBelow(SDK_DIR)).toEqual(
      expect.arrayContaining(["go/hapn/device.go", "nodejs/device.ts", "python/pulumi_hapn/device.py"]),
    );
  });

  it("name each stale, missing and extra file when sdk/ is out of step", () => {
    const copy = path.join(work, "sdk");
    fs.cpSync(SDK_DIR, copy, { recursive: true });
    fs.appendFileSync(path.join(copy, "go", "hapn", "device.go"), "// edited by hand\n");
    fs.rmSync(path.join(copy, "nodejs", "boundary.ts"));
    fs.writeFileSync(path.join(copy, "python", "pulumi_hapn", "old.py"), "");
    expect(staleSdkFiles(sandbox.commandEnv(), copy)).toEqual([
      "missing sdk/nodejs/boundary.ts",
      "differs sdk/go/hapn/device.go",
      "extra sdk/python/pulumi_hapn/old.py",
    ]);
  });

  it("TypeScript: compiles with tsc into a package whose resources carry the hapn type tokens", () => {
    const out = path.join(work, "nodejs");
    buildNodejsSdk(out);
    const sdk = require(out) as Record<string, { __pulumiType?: string }>;
    expect([sdk.Device.__pulumiType, sdk.Boundary.__pulumiType, sdk.Provider.__pulumiType]).toEqual([
      "hapn:index:Device",
      "hapn:index:Boundary",
      "hapn",
    ]);
    expect(typeof sdk.getDeviceOutput).toBe("function");
  });

  it("Python: every module byte-compiles", () => {
    const cache = path.join(work, "pycache");
    execFileSync("python3", ["-m", "compileall", "-q", "-f", path.join(SDK_DIR, "python")], {
      env: { ...process.env, PYTHONPYCACHEPREFIX: cache },
    });
    const sources = filesBelow(path.join(SDK_DIR, "python")).filter((f) => f.endsWith(".py"));
    const compiled = filesBelow(cache).filter((f) => f.endsWith(".pyc"));
    expect(sources.length).toBeGreaterThan(10);
    expect(compiled).toHaveLength(sources.length);
  });
});
