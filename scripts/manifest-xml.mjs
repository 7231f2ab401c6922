// A minimal XML reader for the manifest checks (scripts/validate-manifest.mjs, scripts/check-build.mjs): enough to
// prove well-formedness and walk elements. No DTDs, no entities beyond the five predefined ones.

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

export function* walk(node, path = []) {
  yield { node, path };
  for (const child of node.children) yield* walk(child, [...path, node]);
}
