// ESLint flat config: Microsoft's office-addins rules for React add-ins (typescript-eslint, eslint-plugin-react and
// Prettier included), as the React add-in template uses them; the plugin's TypeScript block also covers .tsx.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

const typescriptBlock = officeAddins.configs.react.find((c) => c.plugins && c.plugins["@typescript-eslint"]);

export default [
  { ignores: ["node_modules/", "dist/", "coverage/", "**/*.js", "scripts/*.mjs"] },
  ...officeAddins.configs.react,
  { ...typescriptBlock, files: ["**/*.tsx"] },
  { files: ["**/*.mjs"], languageOptions: { ecmaVersion: 2022, sourceType: "module" } },
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      parser: tsParser,
      ecmaVersion: 2022,
      sourceType: "module",
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    settings: { react: { version: "18.3" } },
    rules: {
      // TypeScript itself reports undefined names (typescript-eslint's advice); no-undef only misfires on globals.
      "no-undef": "off",
      "no-eval": "error",
      "no-new-func": "error",
      "no-implied-eval": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // The new JSX transform (tsconfig "jsx": "react-jsx") needs no React in scope; props are typed by TypeScript.
      "react/react-in-jsx-scope": "off",
      "react/prop-types": "off",
    },
  },
];
