/**
 * The Python SDK generator (scripts/gen-python-sdk, a Go program over pkg/v3's Python code generator), built once
 * per version of its sources into the toolchain cache ($HAPN_TOOLS_DIR, default ~/.cache/pulumi-hapn), like the
 * CLI itself. `pulumi package gen-sdk --language python` needs the pulumi-language-python plugin, which the Go
 * module proxy does not serve; the generator it wraps is in pkg/v3, which the proxy does serve.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The generator's Go module (main.go, go.mod, go.sum). */
export const PYTHON_GENERATOR_SOURCE = path.resolve(__dirname, "..", "..", "gen-python-sdk");

/** A short hash of the module's files: a change to any of them builds a new binary. */
function sourceHash(): string {
  const hash = createHash("sha256");
  for (const name of ["go.mod", "go.sum", "main.go"]) {
    hash.update(name).update(fs.readFileSync(path.join(PYTHON_GENERATOR_SOURCE, name)));
  }
  return hash.digest("hex").slice(0, 16);
}

/** Where the binary of the current sources is cached. */
export function pythonGeneratorPath(toolsDir = process.env.HAPN_TOOLS_DIR): string {
  const root = toolsDir || path.join(os.homedir(), ".cache", "pulumi-hapn");
  return path.join(root, "gen-python-sdk", sourceHash(), "gen-python-sdk");
}

/**
 * The generator's binary, built first when the cache has none for these sources (about 1.5 minutes on 2 cores
 * with a warm Go module cache; the modules come from the Go module proxy otherwise).
 */
export function ensurePythonGenerator(): string {
  const binary = pythonGeneratorPath();
  if (fs.existsSync(binary)) return binary;
  fs.mkdirSync(path.dirname(binary), { recursive: true });
  const partial = `${binary}.${process.pid}.tmp`;
  console.error(`building the Python SDK generator into ${path.dirname(binary)} (first time only)`);
  execFileSync("go", ["build", "-trimpath", "-o", partial, "."], {
    cwd: PYTHON_GENERATOR_SOURCE,
    env: { ...process.env, CGO_ENABLED: "0" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  fs.renameSync(partial, binary);
  return binary;
}
