import { describe, expect, test } from "@jest/globals";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./run-script";

/* global process, require */

interface BuildConfig {
  entry: Record<string, unknown>;
  plugins: { constructor: { name: string } }[];
  devServer?: { headers?: Record<string, string> };
}
type ConfigFactory = ((env: Record<string, unknown>, options: { mode: string }) => Promise<BuildConfig>) & {
  productionUrl: (value: string | undefined) => string;
  toProductionUrls: (text: string, url: string) => string;
};

const factory = require(join(ROOT, "webpack.config.js")) as ConfigFactory;

async function withProductionUrl<T>(value: string | undefined, run: () => Promise<T>): Promise<T> {
  const saved = process.env.ADDIN_PRODUCTION_URL;
  if (value === undefined) delete process.env.ADDIN_PRODUCTION_URL;
  else process.env.ADDIN_PRODUCTION_URL = value;
  try {
    return await run();
  } finally {
    if (saved === undefined) delete process.env.ADDIN_PRODUCTION_URL;
    else process.env.ADDIN_PRODUCTION_URL = saved;
  }
}

describe("the production build and ADDIN_PRODUCTION_URL", () => {
  test("`npm run build` (webpack --mode production) refuses to run without it, saying what to set", () => {
    const env = { ...process.env };
    delete env.ADDIN_PRODUCTION_URL;
    const run = spawnSync(
      process.execPath,
      [join(ROOT, "node_modules", "webpack", "bin", "webpack.js"), "--mode", "production"],
      { cwd: ROOT, encoding: "utf8", env },
    );
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toContain(
      "ADDIN_PRODUCTION_URL is not set: a production build needs the URL it is deployed at; set it to where dist/ will be served, e.g. ADDIN_PRODUCTION_URL=https://addins.contoso.com/gradient-steps/ npm run build",
    );
  });

  test.each([
    [undefined, "ADDIN_PRODUCTION_URL is not set"],
    ["  ", "ADDIN_PRODUCTION_URL is not set"],
    ["addins.contoso.com", 'ADDIN_PRODUCTION_URL must be an absolute https URL, got "addins.contoso.com"'],
    [
      "http://addins.contoso.com/",
      'ADDIN_PRODUCTION_URL must be an https URL (Office loads add-ins only over https), got "http://addins.contoso.com/"',
    ],
    ["https://localhost:3000/", 'ADDIN_PRODUCTION_URL must not be localhost, got "https://localhost:3000/"'],
  ])("production with %p is refused: %s", async (value, message) => {
    await expect(withProductionUrl(value, () => factory({}, { mode: "production" }))).rejects.toThrow(
      message,
    );
  });

  test("a deployment URL gets its trailing slash and replaces every localhost URL", () => {
    expect(factory.productionUrl("https://addins.contoso.com/gs")).toBe("https://addins.contoso.com/gs/");
    const manifest = `<IconUrl DefaultValue="https://localhost:3000/assets/icon-32.png"/>
<AppDomain>https://localhost:3000</AppDomain>
<bt:Url id="Functions.Script.Url" DefaultValue="https://localhost:3000/functions.js"/>`;
    expect(factory.toProductionUrls(manifest, "https://addins.contoso.com/gs/")).toBe(
      `<IconUrl DefaultValue="https://addins.contoso.com/gs/assets/icon-32.png"/>
<AppDomain>https://addins.contoso.com</AppDomain>
<bt:Url id="Functions.Script.Url" DefaultValue="https://addins.contoso.com/gs/functions.js"/>`,
    );
  });

  test("development, the dev server and --env localhost keep localhost without the variable", async () => {
    await withProductionUrl(undefined, async () => {
      for (const [env, mode] of [
        [{}, "development"],
        [{ WEBPACK_SERVE: true }, "development"],
        [{ localhost: true }, "production"],
      ] as const) {
        const config = await factory(env, { mode });
        const names = config.plugins.map((p) => p.constructor.name);
        expect(names).not.toContain("ProductionUrlsInFunctionsJson");
      }
    });
  });

  test("with the variable, production rewrites functions.json's helpUrls too", async () => {
    const config = await withProductionUrl("https://addins.contoso.com/gs/", () =>
      factory({}, { mode: "production" }),
    );
    expect(config.plugins.map((p) => p.constructor.name)).toContain("ProductionUrlsInFunctionsJson");
  });
});

describe("the bundles and the dev server", () => {
  test("functions is its own entry without a shared webpack runtime", async () => {
    const config = await factory({}, { mode: "development" });
    expect(config.entry.functions).toEqual({ import: "./src/functions/functions-entry.ts", runtime: false });
  });

  test("the dev server sends Access-Control-Allow-Origin (Excel on the web fetches functions.json cross-origin)", async () => {
    const config = await factory({ WEBPACK_SERVE: true }, { mode: "development" });
    expect(config.devServer?.headers?.["Access-Control-Allow-Origin"]).toBe("*");
  });
});
