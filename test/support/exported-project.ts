/** The files `hapn-export` writes into its output folder, sorted. */
export const EXPORTED_FILES = ["Pulumi.yaml", "README.md", "fleet.ts", "index.ts", "package.json", "tsconfig.json"];
