/** Jest runs the engine, the Office glue (office-addin-mock) and the sheet tests (HyperFormula) in Node. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": [
      "ts-jest",
      {
        tsconfig: {
          jsx: "react-jsx",
          module: "commonjs",
          moduleResolution: "node",
          verbatimModuleSyntax: false,
        },
        diagnostics: { ignoreCodes: [1343] },
      },
    ],
  },
  // office-addin-mock pulls in ESM-only office-addin-manifest; a stub with the OfficeApp enum is enough.
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/test/stubs/office-addin-manifest.js",
    // d3's packages are ESM-only; their UMD builds load in Jest's CommonJS.
    "^d3-(contour|array)$": "<rootDir>/node_modules/d3-$1/dist/d3-$1.js",
  },
  testTimeout: 120000,
};
