import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";

/** The files `hapn-export` writes into its output folder, sorted. */
export const EXPORTED_FILES = ["Pulumi.yaml", "README.md", "fleet.ts", "index.ts", "package.json", "tsconfig.json"];

/**
 * The type errors of exported projects' programs (`fleet.ts` and `index.ts`, as each `files` holds them), one list
 * per project (empty when it compiles), compiled with the project's compiler options (module and resolution aside:
 * `pulumi-hapn` is this checkout's source here, not a built package). One compilation serves them all.
 */
export function exportedProgramErrors(projects: Array<Record<string, string>>): string[][] {
  const root = path.resolve(__dirname, "..", "..");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-export-types-"));
  try {
    const roots = projects.flatMap((files, i) => {
      fs.mkdirSync(path.join(dir, String(i)));
      return ["fleet.ts", "index.ts"].map((name) => {
        fs.writeFileSync(path.join(dir, String(i), name), files[name]);
        return path.join(dir, String(i), name);
      });
    });
    const { compilerOptions } = JSON.parse(projects[0]["tsconfig.json"]) as { compilerOptions: object };
    const { options } = ts.convertCompilerOptionsFromJson(
      { ...compilerOptions, module: "commonjs", moduleResolution: "node", skipLibCheck: true, noEmit: true },
      dir,
    );
    options.baseUrl = root;
    options.paths = { "pulumi-hapn": ["provider/index.ts"] };
    options.typeRoots = [path.join(root, "node_modules", "@types")];
    const diagnostics = ts.getPreEmitDiagnostics(ts.createProgram(roots, options));
    return projects.map((_, i) =>
      diagnostics
        .filter((d) => d.file?.fileName.startsWith(path.join(dir, String(i), path.sep)))
        .map((d) => `${path.basename(d.file!.fileName)}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
