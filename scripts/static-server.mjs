// The workbench's static file server: serves a directory (dist/) on localhost for `npm start` and
// `npm run test:browser`. Hostile requests get a status, never a crash:
// - request targets: origin-form ("/path?query") or absolute-form on an allowed host; anything else is 400;
// - methods: GET and HEAD only (405 with Allow otherwise);
// - files: regular files whose real path (symlinks resolved) lies inside the directory; 404 otherwise;
// - Host: localhost, 127.0.0.1 or [::1] with the listening port (a DNS-rebinding page sends its own name): 421;
// - every response carries nosniff and frame protection; the pages carry a Content-Security-Policy
//   (docs/security.md explains each directive and what the pages' libraries need).
// Run alone: `node scripts/static-server.mjs DIR [PORT]` prints "listening on http://127.0.0.1:PORT/".
import { createReadStream } from "node:fs";
import { open, realpath } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const MIME_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  // The MNIST assets are gzip files the worker decompresses itself: served as data, never with
  // Content-Encoding (the worker also copes when another host adds it).
  ".gz": "application/gzip",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** Sent with every response, errors included. */
export const SECURITY_HEADERS = Object.freeze({
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Resource-Policy": "same-origin",
});

/**
 * Fluent UI's Griffel (the task pane's styles) adds EMPTY <style> elements and fills them through the CSSOM
 * (insertRule). CSP blocks an inline <style> unless its text matches: this is the SHA-256 of the empty text,
 * so only empty style elements are allowed (no style text can be injected), and insertRule is not restricted.
 */
export const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

const COMMON_POLICY = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

/**
 * Content-Security-Policy per page (docs/security.md): no 'unsafe-eval' and no 'unsafe-inline' anywhere; style-src
 * allows only empty inline <style> elements (EMPTY_STYLE_HASH).
 * scripts/measure-csp.mjs shows the built pages (HyperFormula, ExcelJS, Glide Data Grid, Chart.js, the
 * training worker) run without a violation: they style through the CSSOM, which style-src does not block.
 */
export const PAGE_POLICIES = Object.freeze({
  "taskpane.html": [
    ...COMMON_POLICY,
    "script-src 'self' https://appsforoffice.microsoft.com",
    `style-src 'self' ${EMPTY_STYLE_HASH}`,
  ].join("; "),
  default: [...COMMON_POLICY, "script-src 'self'", `style-src 'self' ${EMPTY_STYLE_HASH}`].join("; "),
});

/** Every response that is not a page: nothing may run, nothing may frame it. */
const NON_PAGE_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

export const ALLOWED_METHODS = "GET, HEAD";

/** The host names a local page can legitimately use for this server. */
const LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

export function allowedHost(hostHeader, port) {
  if (typeof hostHeader !== "string") return false;
  const host = hostHeader.toLowerCase();
  return LOCAL_HOSTS.some((name) => host === `${name}:${port}` || (port === 80 && host === name));
}

/**
 * The decoded path of a request target, or undefined when the target is malformed: origin-form
 * ("/a/b?q") or absolute-form ("http://localhost:PORT/a") whose authority is an allowed host.
 */
export function targetPath(target, port) {
  if (typeof target !== "string" || target.length === 0 || target.length > 4096) return undefined;
  let pathAndQuery = target;
  if (!target.startsWith("/")) {
    const match = /^http:\/\/([^/?#]+)(\/[^#]*)?$/i.exec(target);
    if (!match || !allowedHost(match[1], port)) return undefined;
    pathAndQuery = match[2] ?? "/";
  }
  if (pathAndQuery.startsWith("//") || pathAndQuery.includes("#")) return undefined;
  const rawPath = pathAndQuery.split("?", 1)[0];
  if (rawPath.includes("\\")) return undefined;
  let decoded;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(decoded)) return undefined;
  return decoded;
}

function policyFor(file, policies) {
  const extension = extname(file).toLowerCase();
  // A worker's policy is the one its script is served with.
  if (extension === ".js" || extension === ".mjs") return policies.default;
  if (extension !== ".html") return NON_PAGE_POLICY;
  const name = file.slice(file.lastIndexOf(sep) + 1);
  return policies[name] ?? policies.default;
}

function answer(response, status, message, extra = {}) {
  const body = `${message}\n`;
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    "Content-Security-Policy": NON_PAGE_POLICY,
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    ...extra,
  });
  response.end(response.req.method === "HEAD" ? undefined : body);
}

/** Opens the regular file a path names inside `realBase` (index.html for a directory), or undefined. */
async function openInside(realBase, path) {
  let real;
  try {
    real = await realpath(path);
  } catch {
    return undefined;
  }
  if (real !== realBase && !real.startsWith(realBase + sep)) return { outside: true };
  let handle;
  try {
    handle = await open(real, "r");
    const stats = await handle.stat();
    if (stats.isDirectory()) {
      await handle.close();
      return openInside(realBase, join(real, "index.html"));
    }
    if (!stats.isFile()) {
      await handle.close();
      return undefined;
    }
    return { handle, size: stats.size, file: real };
  } catch {
    await handle?.close();
    return undefined;
  }
}

async function handle(request, response, realBase, port, policies) {
  if (!allowedHost(request.headers.host, port)) {
    answer(response, 421, "this server answers only localhost, 127.0.0.1 and [::1] on its own port");
    return;
  }
  if (request.method !== "GET" && request.method !== "HEAD") {
    answer(response, 405, "only GET and HEAD are allowed", { Allow: ALLOWED_METHODS });
    return;
  }
  const path = targetPath(request.url, port);
  if (path === undefined) {
    answer(response, 400, "malformed request target");
    return;
  }
  const opened = await openInside(realBase, resolve(join(realBase, path)));
  if (opened === undefined) {
    answer(response, 404, "not found");
    return;
  }
  if (opened.outside) {
    answer(response, 403, "forbidden");
    return;
  }
  const type = MIME_TYPES[extname(opened.file).toLowerCase()] ?? "application/octet-stream";
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    "Content-Security-Policy": policyFor(opened.file, policies),
    "Content-Type": type,
    "Content-Length": opened.size,
    "Cache-Control": "no-cache",
  });
  if (request.method === "HEAD") {
    await opened.handle.close();
    response.end();
    return;
  }
  const stream = createReadStream(null, { fd: opened.handle.fd, autoClose: false });
  const close = () => void opened.handle.close().catch(() => undefined);
  stream.on("error", () => {
    close();
    response.destroy();
  });
  stream.on("end", close);
  response.on("close", () => {
    stream.destroy();
    close();
  });
  stream.pipe(response);
}

function closeWith(socket, status, body, ...extra) {
  if (!socket.writable || socket.destroyed) {
    socket.destroy();
    return;
  }
  const headers = [
    ...Object.entries(SECURITY_HEADERS).map(([name, value]) => `${name}: ${value}`),
    `Content-Security-Policy: ${NON_PAGE_POLICY}`,
    "Content-Type: text/plain; charset=utf-8",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
    ...extra,
  ];
  socket.end(`HTTP/1.1 ${status}\r\n${headers.join("\r\n")}\r\n\r\n${body}`);
}

/**
 * Serves `directory` on localhost; resolves with the server once listening (port 0 picks a free port).
 * `policies` replaces PAGE_POLICIES (scripts/measure-csp.mjs tries stricter ones).
 */
export async function serveDirectory(directory, port = 3000, host = "127.0.0.1", policies = PAGE_POLICIES) {
  const realBase = await realpath(resolve(directory));
  const server = createServer((request, response) => {
    const listening = server.address()?.port ?? port;
    handle(request, response, realBase, listening, policies).catch(() => {
      if (!response.headersSent) answer(response, 500, "internal error");
      else response.destroy();
    });
  });
  // Requests Node's parser itself refuses (bad characters, oversized headers), and CONNECT, which never
  // reaches the request handler: a status with the same headers, then close.
  server.on("clientError", (_error, socket) => closeWith(socket, "400 Bad Request", "bad request\n"));
  server.on("connect", (_request, socket) =>
    closeWith(
      socket,
      "405 Method Not Allowed",
      "only GET and HEAD are allowed\n",
      `Allow: ${ALLOWED_METHODS}`,
    ),
  );
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolvePromise(server));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [directory, port = "0"] = process.argv.slice(2);
  if (!directory) {
    console.error("usage: node scripts/static-server.mjs DIR [PORT]");
    process.exit(2);
  }
  const server = await serveDirectory(directory, Number(port));
  console.log(`listening on http://127.0.0.1:${server.address().port}/`);
}
