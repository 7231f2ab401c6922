// Checks of a build (dist/) that only the built files can answer, run by `npm run validate` after a build:
// - functions.js works alone: run in a bare Node vm with a stub CustomFunctions, it registers every function
//   of functions.json (and nothing else) — what Excel does with the manifest's <Script>;
// - every URL of dist/manifest.xml (Script, Page, Metadata, icons, SupportUrl, ...) resolves to a file in dist/;
// - every helpUrl of functions.json opens a help page in dist/ that has the #fragment's anchor;
// - the workbench's libraries (HyperFormula, Glide Data Grid, ExcelJS) are in no add-in bundle: each library's
//   signature is looked for in functions.js and taskpane.js once it is found in the workbench's bundles (a
//   signature the workbench lacks would prove nothing).
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createContext, runInContext } from "node:vm";
import { parseXml, walk } from "./manifest-xml.mjs";

/** Strings each library's minified code keeps (license keys, class names, part names it writes). */
export const WORKBENCH_LIBRARIES = {
  HyperFormula: ["gpl-v3", "HyperFormula"],
  "Glide Data Grid": ["gdg-"],
  ExcelJS: ["xl/workbook.xml"],
};

/** The add-in's own bundles (what Excel loads) and the workbench's. */
export const ADDIN_BUNDLES = ["functions.js", "taskpane.js"];
export const WORKBENCH_BUNDLES = ["workbench.js", "exceljs.js"];

/** Runs functions.js in a fresh context with nothing but a stub CustomFunctions; returns the ids it registered. */
export function registeredFunctions(source, { scriptUrl = "https://localhost:3000/functions.js" } = {}) {
  const registered = new Map();
  class CustomFunctionsError extends Error {
    constructor(code, message) {
      super(message);
      this.code = code;
    }
  }
  const context = {
    CustomFunctions: {
      associate: (id, fn) => {
        if (registered.has(id)) throw new Error(`${id} is registered twice`);
        registered.set(id, fn);
      },
      Error: CustomFunctionsError,
      ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" },
    },
    console,
    setTimeout,
    clearTimeout,
    performance,
    // What a <script> element gives webpack's automatic publicPath.
    document: { currentScript: { src: scriptUrl, tagName: "SCRIPT" } },
    location: { href: scriptUrl },
  };
  context.self = context;
  context.globalThis = context;
  runInContext(source, createContext(context), { filename: "functions.js" });
  return registered;
}

/** Problems with functions.js against functions.json; empty when every function registers alone. */
export function checkFunctionsBundle(dist) {
  const problems = [];
  const metadataFile = join(dist, "functions.json");
  const bundleFile = join(dist, "functions.js");
  if (!existsSync(metadataFile)) return ["dist/functions.json does not exist"];
  if (!existsSync(bundleFile)) return ["dist/functions.js does not exist"];
  const ids = JSON.parse(readFileSync(metadataFile, "utf8")).functions.map((f) => f.id);
  let registered;
  try {
    registered = registeredFunctions(readFileSync(bundleFile, "utf8"));
  } catch (error) {
    return [`dist/functions.js fails when loaded alone: ${error.message}`];
  }
  for (const id of ids) {
    if (!registered.has(id)) problems.push(`functions.js does not register ${id} (listed in functions.json)`);
    else if (typeof registered.get(id) !== "function")
      problems.push(`functions.js registers ${id} as a non-function`);
  }
  for (const id of registered.keys()) {
    if (!ids.includes(id)) problems.push(`functions.js registers ${id}, which functions.json does not list`);
  }
  if (ids.length === 0) problems.push("functions.json lists no functions");
  return problems;
}

const local = (node) => node.name.replace(/^.*:/, "");

/** Every URL in a manifest with the element it is on (AppDomains excluded: origins, not files). */
export function manifestUrls(xml) {
  const urls = [];
  for (const { node } of walk(parseXml(xml))) {
    const value = node.attributes.DefaultValue;
    if (value && /^https?:\/\//i.test(value))
      urls.push({ element: local(node), id: node.attributes.id, url: value });
  }
  return urls;
}

/** The file in dist/ a deployed URL names, or undefined when the URL is outside the deployment's base. */
export function fileOfUrl(url, base) {
  if (!url.startsWith(base)) return undefined;
  const path = url.slice(base.length).split("#")[0].split("?")[0];
  return path === "" ? "index.html" : decodeURIComponent(path);
}

/** Problems with dist/manifest.xml: each URL (Script, Page, Metadata, icons, help) must be a file in dist/. */
export function checkManifestTargets(dist) {
  const file = join(dist, "manifest.xml");
  if (!existsSync(file)) return ["dist/manifest.xml does not exist"];
  const xml = readFileSync(file, "utf8");
  const urls = manifestUrls(xml);
  const page = urls.find((u) => u.id === "Taskpane.Url")?.url;
  if (!page || !page.endsWith("taskpane.html"))
    return ["dist/manifest.xml has no Taskpane.Url ending in taskpane.html"];
  const base = page.slice(0, -"taskpane.html".length);
  const problems = [];
  for (const { element, id, url } of urls) {
    const name = id ? `${element} ${id}` : element;
    const target = fileOfUrl(url, base);
    if (target === undefined) problems.push(`${name} ${url} is outside the add-in's base ${base}`);
    else if (!existsSync(join(dist, target))) problems.push(`${name} ${url} → dist/${target} does not exist`);
  }
  for (const [role, id] of [
    ["Script", "Functions.Script.Url"],
    ["Metadata", "Functions.Metadata.Url"],
    ["Page", "Taskpane.Url"],
  ]) {
    if (!urls.some((u) => u.id === id))
      problems.push(`dist/manifest.xml defines no ${id} (the functions' ${role})`);
  }
  return problems;
}

/** The ids a rendered HTML page defines (id="...", id='...' or, minified, id=... attributes). */
export function anchorsOf(html) {
  return new Set(
    [...html.matchAll(/\sid=(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)].map((m) => m[1] ?? m[2] ?? m[3]),
  );
}

/** Problems with functions.json's helpUrls: each must open a page in dist/ with its #fragment. */
export function checkHelpUrls(dist) {
  const metadataFile = join(dist, "functions.json");
  const manifestFile = join(dist, "manifest.xml");
  if (!existsSync(metadataFile) || !existsSync(manifestFile))
    return ["dist/ lacks functions.json or manifest.xml"];
  const page =
    manifestUrls(readFileSync(manifestFile, "utf8")).find((u) => u.id === "Taskpane.Url")?.url ?? "";
  const base = page.slice(0, -"taskpane.html".length);
  const problems = [];
  for (const f of JSON.parse(readFileSync(metadataFile, "utf8")).functions) {
    if (!f.helpUrl) {
      problems.push(`${f.id} has no helpUrl`);
      continue;
    }
    const target = fileOfUrl(f.helpUrl, base);
    if (target === undefined || !target.endsWith(".html")) {
      problems.push(`${f.id}'s helpUrl ${f.helpUrl} is not an HTML page of the add-in (${base})`);
      continue;
    }
    const file = join(dist, target);
    if (!existsSync(file)) {
      problems.push(`${f.id}'s helpUrl ${f.helpUrl} → dist/${target} does not exist`);
      continue;
    }
    const fragment = f.helpUrl.split("#")[1];
    if (fragment && !anchorsOf(readFileSync(file, "utf8")).has(fragment)) {
      problems.push(`${f.id}'s helpUrl ${f.helpUrl}: dist/${target} has no id="${fragment}"`);
    }
  }
  return problems;
}

/** Problems: a workbench library's signature inside an add-in bundle, or missing from the workbench's. */
export function checkBundleContents(dist) {
  const problems = [];
  const read = (name) => (existsSync(join(dist, name)) ? readFileSync(join(dist, name), "utf8") : undefined);
  const workbench = WORKBENCH_BUNDLES.map(read)
    .filter((text) => text !== undefined)
    .join("\n");
  if (workbench === "") return ["dist/ has no workbench bundle to compare with"];
  for (const [library, signatures] of Object.entries(WORKBENCH_LIBRARIES)) {
    // A library the workbench does not (yet) use cannot leak; its signature is then unproven, so skip it.
    const signature = signatures.find((s) => workbench.includes(s));
    if (signature === undefined) continue;
    for (const bundle of ADDIN_BUNDLES) {
      const text = read(bundle);
      if (text === undefined) problems.push(`dist/${bundle} does not exist`);
      else if (text.includes(signature)) problems.push(`dist/${bundle} contains ${library} ("${signature}")`);
    }
  }
  return problems;
}

/** Every check above on one build directory. */
export async function checkBuild(dist) {
  if (!existsSync(dist) || readdirSync(dist).length === 0) return [`${dist} has no build`];
  return [
    ...checkFunctionsBundle(dist),
    ...checkManifestTargets(dist),
    ...checkHelpUrls(dist),
    ...checkBundleContents(dist),
  ];
}
