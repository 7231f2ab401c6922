// The workbench's static file server: serves a directory (dist/) on localhost for `npm start` and
// `npm run test:browser`.
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, resolve, sep } from "node:path";

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
  // The MNIST assets are gzip files the worker decompresses itself (DecompressionStream): served as data,
  // never with Content-Encoding, or the browser would inflate them first and the worker would fail.
  ".gz": "application/gzip",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** Serves `directory` on localhost; resolves with the server once listening (port 0 picks a free port). */
export function serveDirectory(directory, port = 3000, host = "127.0.0.1") {
  const base = resolve(directory);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    let path;
    try {
      path = resolve(join(base, decodeURIComponent(url.pathname)));
    } catch {
      response.writeHead(400).end("bad path");
      return;
    }
    if (path !== base && !path.startsWith(base + sep)) {
      response.writeHead(403).end("forbidden");
      return;
    }
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, "index.html");
    if (!existsSync(path) || !statSync(path).isFile()) {
      response
        .writeHead(404, { "Content-Type": "text/plain; charset=utf-8" })
        .end(`not found: ${url.pathname}`);
      return;
    }
    const type = MIME_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
    response.writeHead(200, {
      "Content-Type": type,
      "Content-Length": statSync(path).size,
      "Cache-Control": "no-cache",
      "X-Content-Type-Options": "nosniff",
    });
    if (request.method === "HEAD") response.end();
    else createReadStream(path).pipe(response);
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolvePromise(server));
  });
}
