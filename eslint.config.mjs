import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    // sdk/ is generated from plugin/schema.json (npm run gen-sdks) and checked by regenerating it, not by style rules.
    ignores: ["dist/", "node_modules/", "coverage/", "sdk/", "**/*.js", "!eslint.config.mjs"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    // Type-aware rules: a forgotten await, a promise where a callback is expected, a switch that misses a case.
    files: ["**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // The emulator is a model of Hapn, not of this provider: from provider/ it may use our model of the API
    // (provider/api-model) and nothing else, so the two can only share what the API itself defines.
    files: ["emulator/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "(^|/)provider(/(?!api-model(/|$))|$)",
              message: "The emulator imports nothing from provider/ but the API model: use ../provider/api-model.",
            },
          ],
        },
      ],
    },
  },
);
