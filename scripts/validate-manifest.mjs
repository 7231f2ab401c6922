// Offline manifest check (`npm run validate`). `office-addin-manifest validate` uploads the XML to a Microsoft
// service, which CI cannot reach, so this checks what breaks our add-in in practice:
//   well-formed XML; every resid referenced is defined once; the SharedRuntime 1.1 requirement; the shared
//   runtime's three resids (Runtime, CustomFunctions Page, FunctionFile) equal the task-pane button's;
//   icon files exist in assets/; every URL is https; the GD namespace; ReadWriteDocument permission.
// Usage: node scripts/validate-manifest.mjs [manifest.xml] [--production]  (--production: no localhost URLs)
// Without a file argument it checks manifest.xml and, when a build exists, dist/manifest.xml as production.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const production = args.includes("--production");
const named = args.find((a) => !a.startsWith("--"));
const targets = named
  ? [{ file: resolve(named), production }]
  : [
      { file: join(root, "manifest.xml"), production },
      ...(existsSync(join(root, "dist", "manifest.xml"))
        ? [{ file: join(root, "dist", "manifest.xml"), production: true }]
        : []),
    ];

/** A minimal XML reader: enough to prove well-formedness and walk elements (no DTDs, no entities beyond the 5). */
export function parseXml(text) {
  const rootNode = { name: "#document", attributes: {}, children: [], line: 1 };
  const stack = [rootNode];
  let i = 0;
  const lineAt = (pos) => text.slice(0, pos).split("\n").length;
  const fail = (message, pos = i) => {
    throw new Error(`line ${lineAt(pos)}: ${message}`);
  };
  const name = /^[A-Za-z_][\w.:-]*/;
  while (i < text.length) {
    const lt = text.indexOf("<", i);
    const textEnd = lt === -1 ? text.length : lt;
    const between = text.slice(i, textEnd);
    if (between.trim() !== "" && stack.length === 1) fail("text outside the root element", i);
    if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(between)) fail("bare '&' in text", i);
    if (lt === -1) break;
    i = lt;
    if (text.startsWith("<?", i)) {
      const end = text.indexOf("?>", i);
      if (end === -1) fail("unterminated processing instruction");
      i = end + 2;
    } else if (text.startsWith("<!--", i)) {
      const end = text.indexOf("-->", i);
      if (end === -1) fail("unterminated comment");
      i = end + 3;
    } else if (text.startsWith("<![CDATA[", i)) {
      const end = text.indexOf("]]>", i);
      if (end === -1) fail("unterminated CDATA section");
      i = end + 3;
    } else if (text.startsWith("</", i)) {
      const m = name.exec(text.slice(i + 2));
      if (!m) fail("bad closing tag");
      const close = text.indexOf(">", i);
      if (close === -1 || text.slice(i + 2 + m[0].length, close).trim() !== "") fail("bad closing tag");
      const open = stack.pop();
      if (!open || open.name !== m[0])
        fail(`</${m[0]}> closes <${open?.name}> (opened at line ${open?.line})`);
      i = close + 1;
    } else {
      const m = name.exec(text.slice(i + 1));
      if (!m) fail("bad tag name");
      const node = { name: m[0], attributes: {}, children: [], line: lineAt(i) };
      i += 1 + m[0].length;
      const attribute = /^\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/;
      for (;;) {
        const a = attribute.exec(text.slice(i));
        if (!a) break;
        if (a[1] in node.attributes) fail(`duplicate attribute ${a[1]} on <${node.name}>`);
        node.attributes[a[1]] = a[3] ?? a[4];
        i += a[0].length;
      }
      const rest = /^\s*(\/?)>/.exec(text.slice(i));
      if (!rest) fail(`malformed tag <${node.name}>`);
      i += rest[0].length;
      const parent = stack[stack.length - 1];
      if (parent === rootNode && rootNode.children.length > 0) fail("more than one root element");
      parent.children.push(node);
      if (rest[1] !== "/") stack.push(node);
    }
  }
  if (stack.length > 1) fail(`<${stack[stack.length - 1].name}> is never closed`, text.length);
  if (rootNode.children.length !== 1) fail("no root element", 0);
  return rootNode.children[0];
}

function* walk(node, path = []) {
  yield { node, path };
  for (const child of node.children) yield* walk(child, [...path, node]);
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
  // task-pane button all name the same resid (office-notes.md).
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

  // Icons: every image resource must exist as a file in assets/ (by name).
  for (const [id, node] of defined) {
    if (local(node) !== "Image") continue;
    const url = node.attributes.DefaultValue ?? "";
    const fileName = url.split("/").pop();
    if (!fileName || !existsSync(join(assetsDir, fileName))) {
      problems.push(`icon ${id} → ${url}: assets/${fileName} does not exist`);
    }
  }
  for (const tag of ["IconUrl", "HighResolutionIconUrl"]) {
    const url = all.find(({ node }) => local(node) === tag)?.node.attributes.DefaultValue;
    const fileName = url?.split("/").pop();
    if (!fileName || !existsSync(join(assetsDir, fileName)))
      problems.push(`<${tag}> ${url}: file not in assets/`);
  }
  return problems;
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
        `validate-manifest: ${target.file} is from a development build (localhost URLs kept): skipped.`,
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
  process.exit(failed ? 1 : 0);
}
