// ESLint for the TypeScript in src/ and test/ (`npm run lint:ts`): typescript-eslint's recommended
// rules, type-aware, with the few exceptions below, each for a pattern this code uses on purpose.
// Non-null assertions (`!`) stay allowed: the code uses them after checks the compiler cannot see.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "editors/", "coverage/", ".cache/"] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // tsconfig.test.json covers src/, test/ and vitest.config.ts in one program.
      parserOptions: { project: "./tsconfig.test.json", tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Terminal escapes are stripped and control characters rejected on purpose, by regex.
      "no-control-regex": "off",
      // An async function without await still promises, which interfaces and test callbacks want.
      "@typescript-eslint/require-await": "off",
      // `_` names a value that is deliberately unused (a loop that only counts, a skipped element).
      "@typescript-eslint/no-unused-vars": ["error", { varsIgnorePattern: "^_", argsIgnorePattern: "^_" }],
      // The default of an exhaustive switch reports the impossible value, typed never.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNever: true }],
    },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      // Tests walk parsed JSON and use vitest's asymmetric matchers, both typed any; a wrong shape
      // fails the assertion that reads it.
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
