/**
 * The tsconfig.json of today's `pulumi new typescript`: `nodenext` module and resolution. The exported project
 * uses it; `module: commonjs` without `moduleResolution` fails to compile (TS5110) once the program is compiled with
 * `nodenext` resolution, as recent @pulumi/pulumi does when the project has no ts-node of its own.
 */
export const PULUMI_NEW_COMPILER_OPTIONS = {
  strict: true,
  outDir: "bin",
  target: "es2020",
  module: "nodenext",
  moduleResolution: "nodenext",
  sourceMap: true,
  experimentalDecorators: true,
  pretty: true,
  noFallthroughCasesInSwitch: true,
  noImplicitReturns: true,
  forceConsistentCasingInFileNames: true,
} as const;
