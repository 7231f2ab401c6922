// ESLint flat config: Microsoft's office-addins recommended rules (typescript-eslint + Prettier included).
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

export default [
  { ignores: ["node_modules/", "dist/", "coverage/", "**/*.js", "scripts/*.mjs"] },
  ...officeAddins.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: { parser: tsParser, ecmaVersion: 2022, sourceType: "module" },
    rules: {
      // TypeScript itself reports undefined names (typescript-eslint's advice); no-undef only misfires on globals.
      "no-undef": "off",
      "no-eval": "error",
      "no-new-func": "error",
      "no-implied-eval": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
];
