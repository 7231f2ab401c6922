// `npm run validate`: the manifest checks, offline first, then Microsoft's own validator when it is reachable.
// Offline (always), what breaks our add-in in practice:
//   well-formed XML; every resid referenced is defined once; the SharedRuntime 1.1 requirement; the shared
//   runtime's three resids (Runtime, CustomFunctions Page, FunctionFile) equal the task-pane button's; no
//   <TaskpaneId> on the shared-runtime button; the functions' <Script> is the self-contained functions.js;
//   ribbon icons at every size Office accepts (16, 20, 24, 32, 40, 48, 64, 80 px), each a PNG of that size
//   in assets/ (and the 96 px one); every URL is https; the GD namespace; ReadWriteDocument permission.
// When a build exists (dist/), also scripts/check-build.mjs: functions.js registers every function alone, the
// manifest's URLs resolve to files in dist/, the help pages' anchors exist, no workbench library in the add-in.
// Online: `office-addin-manifest validate` uploads the XML to a Microsoft service; it runs when that service
// answers within a few seconds and is reported as skipped (saying why) when it does not.
// Usage: node scripts/validate-manifest.mjs [manifest.xml] [--production] [--offline] [--require-build]
//   --production: no localhost URLs; --offline: skip Microsoft's validator; --require-build: fail without dist/.
// Without a file argument it checks manifest.xml and, when a build exists, dist/manifest.xml as production.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkBuild } from "./check-build.mjs";
import { ICON_SIZES } from "./make-icons.mjs";
import { parseXml, walk } from "./manifest-xml.mjs";
import { officeValidatorReachable } from "./office-validator.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const production = args.includes("--production");
const named = args.find((a) => !a.startsWith("--"));
const DIST = join(root, "dist");
const targets = named
  ? [{ file: resolve(named), production }]
  : [
      { file: join(root, "manifest.xml"), production },
      ...(existsSync(join(DIST, "manifest.xml"))
        ? [{ file: join(DIST, "manifest.xml"), production: true }]
        : []),
    ];

/** The sizes a ribbon <Icon> may list (Microsoft's manifest reference); the add-in lists them all. */
export const RIBBON_ICON_SIZES = [16, 20, 24, 32, 40, 48, 64, 80];

/** Width and height from a PNG's IHDR chunk, or undefined when the file is missing or not a PNG. */
export function pngSize(file) {
  if (!existsSync(file)) return undefined;
  const bytes = readFileSync(file);
  const signature = "89504e470d0a1a0a";
  if (bytes.length < 24 || bytes.subarray(0, 8).toString("hex") !== signature) return undefined;
  if (bytes.subarray(12, 16).toString("ascii") !== "IHDR") return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Returns a list of problems; empty means the manifest passes. */
export function checkManifest(xml, { production = false, assetsDir = join(root, "assets") } = {}) {
  let top;
  try {
    top = parseXml(xml);
  } catch (error) {
    return [`not well-formed XML: ${error.message}`];
  }
  const problems = [];
  const all = [...walk(top)];
  const local = (n) => n.name.replace(/^.*:/, "");
  if (local(top) !== "OfficeApp") problems.push(`root element is <${top.name}>, expected <OfficeApp>`);

  // Resources: ids defined under <Resources>, and every resid used anywhere else.
  const defined = new Map();
  for (const { node, path } of all) {
    if (path.some((p) => local(p) === "Resources") && node.attributes.id !== undefined) {
      const id = node.attributes.id;
      if (defined.has(id)) problems.push(`resource id "${id}" is defined twice (line ${node.line})`);
      defined.set(id, node);
    }
  }
  const used = all.filter(({ node }) => node.attributes.resid !== undefined).map(({ node }) => node);
  for (const node of used) {
    if (!defined.has(node.attributes.resid)) {
      problems.push(
        `resid "${node.attributes.resid}" on <${node.name}> (line ${node.line}) is not defined in <Resources>`,
      );
    }
  }

  const sets = all.filter(({ node }) => local(node) === "Set").map(({ node }) => node);
  const shared = sets.find((s) => s.attributes.Name === "SharedRuntime");
  if (!shared) problems.push('missing <Set Name="SharedRuntime" MinVersion="1.1"/> in <Requirements>');
  else if (shared.attributes.MinVersion !== "1.1") {
    problems.push(`SharedRuntime MinVersion is "${shared.attributes.MinVersion}", expected "1.1"`);
  }

  // The shared runtime loads only if the Runtime, the CustomFunctions Page, the FunctionFile and the
  // task-pane button all name the same resid (Microsoft: "Configure your Office Add-in to use a shared runtime").
  const runtime = all.find(({ node }) => local(node) === "Runtime")?.node;
  if (!runtime) problems.push('missing <Runtimes><Runtime resid=... lifetime="long"/></Runtimes>');
  else if (runtime.attributes.lifetime !== "long") problems.push('<Runtime> must have lifetime="long"');
  const functionsPoint = all.find(
    ({ node }) => local(node) === "ExtensionPoint" && node.attributes["xsi:type"] === "CustomFunctions",
  )?.node;
  const childResid = (parent, childName) =>
    parent?.children.find((c) => local(c) === childName)?.children.find((c) => local(c) === "SourceLocation")
      ?.attributes.resid;
  const pageResid = childResid(functionsPoint, "Page");
  if (!functionsPoint) problems.push('missing <ExtensionPoint xsi:type="CustomFunctions">');
  else {
    for (const part of ["Script", "Page", "Metadata"]) {
      if (!childResid(functionsPoint, part))
        problems.push(`CustomFunctions extension point has no ${part}/SourceLocation resid`);
    }
    const namespace = functionsPoint.children.find((c) => local(c) === "Namespace")?.attributes.resid;
    const namespaceValue = namespace && defined.get(namespace)?.attributes.DefaultValue;
    if (namespaceValue !== "GD")
      problems.push(`custom-functions namespace is "${namespaceValue}", expected "GD"`);
  }
  const functionFile = all.find(({ node }) => local(node) === "FunctionFile")?.node.attributes.resid;
  if (!functionFile) problems.push("missing <FunctionFile resid=...>");
  const paneAction = all.find(
    ({ node }) => local(node) === "Action" && node.attributes["xsi:type"] === "ShowTaskpane",
  )?.node;
  const paneResid = paneAction?.children.find((c) => local(c) === "SourceLocation")?.attributes.resid;
  if (!paneResid)
    problems.push('missing task-pane button (<Action xsi:type="ShowTaskpane"> with a SourceLocation)');
  const sharedResids = {
    Runtime: runtime?.attributes.resid,
    "CustomFunctions Page": pageResid,
    FunctionFile: functionFile,
    "ShowTaskpane SourceLocation": paneResid,
  };
  if (new Set(Object.values(sharedResids)).size !== 1) {
    problems.push(
      "shared runtime resids differ (all must be equal): " +
        Object.entries(sharedResids)
          .map(([k, v]) => `${k}=${v}`)
          .join(", "),
    );
  }

  if (!/<Permissions>\s*ReadWriteDocument\s*<\/Permissions>/.test(xml)) {
    problems.push("<Permissions> must be ReadWriteDocument (least privilege that can write epoch rows)");
  }

  // URLs: every DefaultValue that looks like a URL, plus AppDomain text.
  const urls = [];
  for (const { node } of all) {
    const value = node.attributes.DefaultValue;
    if (value && /^[a-z]+:\/\//i.test(value)) urls.push({ value, line: node.line });
  }
  for (const m of xml.matchAll(/<AppDomain>([^<]*)<\/AppDomain>/g))
    urls.push({ value: m[1].trim(), line: 0 });
  for (const { value, line } of urls) {
    if (!value.startsWith("https://"))
      problems.push(`URL ${value}${line ? ` (line ${line})` : ""} is not https`);
    if (production && /\/\/localhost[:/]/.test(value)) {
      problems.push(`production manifest still points at ${value}`);
    }
  }

  // The shared-runtime docs: no <TaskpaneId> under the action that shows the pane.
  for (const { node } of all) {
    if (local(node) === "TaskpaneId") {
      problems.push(
        `<TaskpaneId> on line ${node.line}: a shared-runtime add-in's ShowTaskpane action must not have one`,
      );
    }
  }
  // The functions' Script must be the self-contained functions bundle (taskpane.js needs runtime.js first).
  const scriptResid = childResid(functionsPoint, "Script");
  const scriptUrl = scriptResid ? defined.get(scriptResid)?.attributes.DefaultValue : undefined;
  if (scriptUrl !== undefined && !/\/functions\.js$/.test(scriptUrl)) {
    problems.push(`CustomFunctions <Script> is ${scriptUrl}, expected the self-contained functions.js`);
  }

  // Icons: every image resource must exist as a PNG in assets/ (by name) of the size it is declared at.
  const fileOf = (url) => url?.split("/").pop();
  for (const [id, node] of defined) {
    if (local(node) !== "Image") continue;
    const url = node.attributes.DefaultValue ?? "";
    const fileName = fileOf(url);
    if (!fileName || !existsSync(join(assetsDir, fileName))) {
      problems.push(`icon ${id} → ${url}: assets/${fileName} does not exist`);
    }
  }
  for (const { node } of all) {
    if (local(node) !== "Icon") continue;
    const images = node.children.filter((c) => local(c) === "Image");
    const sizes = images.map((c) => Number(c.attributes.size));
    const missing = RIBBON_ICON_SIZES.filter((size) => !sizes.includes(size));
    if (missing.length > 0) {
      problems.push(`<Icon> on line ${node.line} lacks the sizes ${missing.join(", ")} px`);
    }
    for (const image of images) {
      const size = Number(image.attributes.size);
      if (!RIBBON_ICON_SIZES.includes(size)) {
        problems.push(
          `<bt:Image size="${image.attributes.size}"> on line ${image.line}: Office accepts ${RIBBON_ICON_SIZES.join(", ")}`,
        );
      }
      const fileName = fileOf(defined.get(image.attributes.resid)?.attributes.DefaultValue);
      const actual = fileName ? pngSize(join(assetsDir, fileName)) : undefined;
      if (actual && (actual.width !== size || actual.height !== size)) {
        problems.push(
          `icon size ${size} on line ${image.line} is ${fileName}, a ${actual.width}×${actual.height} image`,
        );
      }
    }
  }
  for (const [tag, size] of [
    ["IconUrl", 32],
    ["HighResolutionIconUrl", 64],
  ]) {
    const url = all.find(({ node }) => local(node) === tag)?.node.attributes.DefaultValue;
    const fileName = fileOf(url);
    if (!fileName || !existsSync(join(assetsDir, fileName))) {
      problems.push(`<${tag}> ${url}: file not in assets/`);
      continue;
    }
    const actual = pngSize(join(assetsDir, fileName));
    if (!actual || actual.width !== size || actual.height !== size) {
      problems.push(
        `<${tag}> must be a ${size}×${size} PNG, ${fileName} is ${actual ? `${actual.width}×${actual.height}` : "not a PNG"}`,
      );
    }
  }
  for (const size of ICON_SIZES) {
    const actual = pngSize(join(assetsDir, `icon-${size}.png`));
    if (!actual || actual.width !== size || actual.height !== size) {
      problems.push(
        `assets/icon-${size}.png must be a ${size}×${size} PNG (node scripts/make-icons.mjs writes it)`,
      );
    }
  }
  if (!all.some(({ node }) => local(node) === "SupportUrl" && node.attributes.DefaultValue)) {
    problems.push("missing <SupportUrl> (a help page)");
  }
  return problems;
}

/** Microsoft's validator (uploads the XML), when its service answers; a skip says plainly why it did not run. */
async function validateOnline(file) {
  if (args.includes("--offline")) {
    console.log("office-addin-manifest validate: skipped (--offline).");
    return true;
  }
  const reachable = await officeValidatorReachable();
  if (!reachable.ok) {
    console.log(
      `office-addin-manifest validate: skipped — Microsoft's validation service is not reachable from here (${reachable.reason}); the offline checks above are what ran.`,
    );
    return true;
  }
  const cli = join(root, "node_modules", "office-addin-manifest", "cli.js");
  const result = spawnSync(process.execPath, [cli, "validate", file], {
    cwd: root,
    stdio: "inherit",
    timeout: 60_000,
  });
  if (result.error?.code === "ETIMEDOUT" || result.signal) {
    console.log("office-addin-manifest validate: gave no answer within 60 s: skipped.");
    return true;
  }
  return result.status === 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let failed = false;
  for (const target of targets) {
    if (!existsSync(target.file)) {
      console.error(`validate-manifest: ${target.file} does not exist`);
      failed = true;
      continue;
    }
    const xml = readFileSync(target.file, "utf8");
    if (!named && target.production && xml === readFileSync(join(root, "manifest.xml"), "utf8")) {
      console.log(
        `validate-manifest: ${target.file} is from a local build (localhost URLs kept): production URL checks skipped.`,
      );
      continue;
    }
    const problems = checkManifest(xml, { production: target.production });
    const kind = target.production ? "production " : "";
    if (problems.length > 0) {
      console.error(`validate-manifest: ${kind}${target.file} has ${problems.length} problem(s):`);
      for (const p of problems) console.error(`  - ${p}`);
      failed = true;
    } else {
      console.log(
        `validate-manifest: ${kind}${target.file} is valid (XML, resids, shared runtime, icons, https).`,
      );
    }
  }
  if (!named) {
    if (existsSync(join(DIST, "manifest.xml"))) {
      const problems = await checkBuild(DIST);
      if (problems.length > 0) {
        console.error(`check-build: dist/ has ${problems.length} problem(s):`);
        for (const p of problems) console.error(`  - ${p}`);
        failed = true;
      } else {
        console.log(
          "check-build: dist/ is consistent (functions.js registers every function alone; Script, Page, Metadata, icons and help pages resolve; no workbench library in the add-in).",
        );
      }
    } else if (args.includes("--require-build")) {
      console.error("check-build: dist/ has no build (run npm run build:local first).");
      failed = true;
    } else {
      console.log("check-build: no build in dist/ (npm run build:local): build checks skipped.");
    }
  }
  if (!failed && !(await validateOnline(named ? resolve(named) : join(root, "manifest.xml")))) failed = true;
  process.exit(failed ? 1 : 0);
}
