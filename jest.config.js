/** Jest projects: fast units (client, emulator, provider) and the end-to-end suite under the real Pulumi CLI. */
const tsJest = { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] };
module.exports = {
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      transform: tsJest,
      testMatch: ["<rootDir>/test/**/*.test.ts"],
      testPathIgnorePatterns: ["<rootDir>/test/e2e/"],
      setupFilesAfterEnv: ["<rootDir>/test/support/state-dir.ts"],
      // examples/ import the package by name, as users do; in unit tests that name means this checkout's source.
      moduleNameMapper: { "^pulumi-hapn$": "<rootDir>/provider/index.ts" },
    },
    {
      displayName: "e2e",
      testEnvironment: "node",
      transform: tsJest,
      testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
      setupFilesAfterEnv: ["<rootDir>/test/e2e/support/jest-timeout.ts"],
    },
  ],
};
