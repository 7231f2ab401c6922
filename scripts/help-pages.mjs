// The add-in's help pages: README.md → help/index.html and docs/<name>.md → help/<name>.html, rendered with
// `marked` when webpack builds (the manifest's SupportUrl and every function's helpUrl open these pages).
// Headings get GitHub-style ids (marked's slugger: "### GD_STEP" → id="gd_step"), so the same #fragments work
// on GitHub and in the built pages; links between the Markdown files are rewritten to the .html pages.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { marked } from "marked";

/** The page a repository Markdown path becomes, relative to help/ ("docs/functions.md" → "functions.html"). */
export function helpPageOf(markdownPath) {
  const name = basename(markdownPath, ".md");
  return name.toLowerCase() === "readme" ? "index.html" : `${name}.html`;
}

/** A link inside a page: Markdown targets (README.md, docs/x.md, ../README.md, x.md#y) → their .html page. */
export function rewriteLink(href) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("#")) return href;
  const [path = "", fragment] = href.split("#", 2);
  if (!path.toLowerCase().endsWith(".md")) return href;
  return helpPageOf(path) + (fragment === undefined ? "" : `#${fragment}`);
}

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

const STYLE = `body{font:15px/1.5 "Segoe UI",system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem 1.5rem;color:#242424}
nav{border-bottom:1px solid #ddd;padding-bottom:.5rem;margin-bottom:1rem}nav a{margin-right:1rem}
code,pre{font-family:Consolas,Menlo,monospace;font-size:90%}pre{background:#f5f5f5;padding:.75rem;overflow:auto}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.25rem .5rem;vertical-align:top}
h1,h2,h3{line-height:1.25}h3{margin-top:2rem}a{color:#0f6cbd}`;

/** One Markdown document as a standalone HTML page. */
export function renderHelpPage(markdown, { title, nav }) {
  const body = marked.parse(markdown, {
    headerIds: true,
    mangle: false,
    walkTokens(token) {
      if (token.type === "link" || token.type === "image") token.href = rewriteLink(token.href);
    },
  });
  const links = nav.map(({ href, label }) => `<a href="${href}">${escapeHtml(label)}</a>`).join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Gradient Steps help</title>
<link rel="icon" href="../assets/icon-16.png">
<link rel="stylesheet" href="help.css">
</head>
<body>
<nav>${links}</nav>
<main>
${body}</main>
</body>
</html>
`;
}

/** The repository's Markdown sources of the help pages: README.md and docs/*.md. */
export function helpSources(root) {
  const docs = join(root, "docs");
  const files = existsSync(docs)
    ? readdirSync(docs)
        .filter((f) => f.endsWith(".md"))
        .sort()
        .map((f) => join(docs, f))
    : [];
  const contributing = join(root, "CONTRIBUTING.md");
  return [join(root, "README.md"), ...(existsSync(contributing) ? [contributing] : []), ...files];
}

/** Every help page: { "help/index.html": html, "help/functions.html": html, ..., "help/help.css": css }. */
export function renderHelpPages(root) {
  const sources = helpSources(root);
  const titleOf = (markdown, file) => /^#\s+(.+)$/m.exec(markdown)?.[1]?.trim() ?? basename(file, ".md");
  const texts = sources.map((file) => ({ file, markdown: readFileSync(file, "utf8") }));
  const nav = texts.map(({ file }) => ({
    href: helpPageOf(file),
    label: helpPageOf(file) === "index.html" ? "Overview" : basename(file, ".md"),
  }));
  // The style is a file, not an inline <style>: the pages' Content-Security-Policy has no 'unsafe-inline'.
  const pages = { "help/help.css": `${STYLE}\n` };
  for (const { file, markdown } of texts) {
    pages[`help/${helpPageOf(file)}`] = renderHelpPage(markdown, { title: titleOf(markdown, file), nav });
  }
  return pages;
}
