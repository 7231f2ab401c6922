import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { type RunningServer, get, rawRequest, startServer } from "./raw-http";

// scripts/static-server.mjs (what `npm start` and the browser tests serve dist/ with), driven over raw
// sockets in a child process: a crash would end the child and fail every later request.
let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

const MALFORMED_TARGETS = [
  "///",
  "//[",
  "http://",
  "//:0/",
  "//evil.example/",
  "//127.0.0.1/index.html",
  "http://[",
  "http://evil.example/index.html",
  "http://localhost:1/index.html",
  "https://localhost/",
  "*",
  "/%",
  "/%zz",
  "/%E0%A4%A",
  "/%00",
  "/index.html%00.txt",
  "/a%0d%0aSet-Cookie:x=1",
  "/sub\\data.txt",
  "/sub%5cdata.txt",
  "/#frag",
  "/" + "a".repeat(5000),
];

describe("static server: malformed request targets", () => {
  test.each(MALFORMED_TARGETS)("GET %s answers 400 and the server keeps serving", async (target) => {
    const response = await get(server.port, target);
    expect(response.status).toBe(400);
    expect(response.body).toBe("malformed request target\n");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["x-frame-options"]).toBe("DENY");
    const after = await get(server.port, "/index.html");
    expect(after.status).toBe(200);
    expect(after.body).toBe("<!doctype html><title>home</title>");
  });

  test.each([
    "GET index.html HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET localhost:3000 HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET  HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET / HTTP/1.1\r\nHost: a\r\nBad Header\r\n\r\n",
    "GET /\0 HTTP/1.1\r\n\r\n",
    "GARBAGE\r\n\r\n",
    `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX: ${"y".repeat(20000)}\r\n\r\n`,
  ])("a request Node's parser refuses (%#) answers 400 and the server keeps serving", async (request) => {
    const response = await rawRequest(server.port, request);
    expect(response.status).toBe(400);
    expect(response.body).toBe("bad request\n");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["x-frame-options"]).toBe("DENY");
    expect((await get(server.port, "/")).status).toBe(200);
  });

  test("absolute-form on the server's own host is served", async () => {
    const response = await get(server.port, `http://localhost:${server.port}/sub/data.txt`);
    expect(response.status).toBe(200);
    expect(response.body).toBe("inside");
  });

  test("a query string is ignored", async () => {
    const response = await get(server.port, "/sub/data.txt?x=%zz&y=//[");
    expect(response.status).toBe(200);
    expect(response.body).toBe("inside");
  });
});

describe("static server: files", () => {
  test("a directory serves its index.html", async () => {
    const response = await get(server.port, "/");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
  });

  test.each([
    ["/link-out.txt", 403, "forbidden\n"],
    ["/dir-out/secret.txt", 403, "forbidden\n"],
    ["/../secret.txt", 403, "forbidden\n"],
    ["/..%2fsecret.txt", 403, "forbidden\n"],
    ["/%2e%2e/secret.txt", 403, "forbidden\n"],
    ["/missing.txt", 404, "not found\n"],
    ["/sub/", 404, "not found\n"],
  ])("%s answers %i without the secret", async (target, status, body) => {
    const response = await get(server.port, target);
    expect(response.status).toBe(status);
    expect(response.body).toBe(body);
    expect(response.raw).not.toContain("SECRET-OUTSIDE");
  });

  test("a symlink that stays inside the directory is served", async () => {
    const response = await get(server.port, "/link-in.txt");
    expect(response.status).toBe(200);
    expect(response.body).toBe("inside");
  });

  test("HEAD sends the headers of GET without a body", async () => {
    const response = await get(server.port, "/sub/data.txt", "HEAD");
    expect(response.status).toBe(200);
    expect(response.headers["content-length"]).toBe("6");
    expect(response.body).toBe("");
  });
});

describe("static server: methods and Host", () => {
  test.each(["POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT", "PROPFIND"])(
    "%s answers 405 with Allow: GET, HEAD",
    async (method) => {
      const target = method === "CONNECT" ? `127.0.0.1:${server.port}` : "/index.html";
      const response = await get(server.port, target, method);
      expect(response.status).toBe(405);
      expect(response.headers["allow"]).toBe("GET, HEAD");
      expect(response.body).toBe("only GET and HEAD are allowed\n");
      expect(response.headers["x-frame-options"]).toBe("DENY");
    },
  );

  test.each([
    "evil.example",
    "evil.example:PORT",
    "localhost",
    "127.0.0.1:1",
    "127.0.0.2:PORT",
    "[::2]:PORT",
  ])("Host %s answers 421 (DNS rebinding)", async (host) => {
    const response = await get(server.port, "/index.html", "GET", host.replace("PORT", String(server.port)));
    expect(response.status).toBe(421);
    expect(response.body).toBe("this server answers only localhost, 127.0.0.1 and [::1] on its own port\n");
  });

  test("no Host header answers 400 (HTTP/1.1) or 421", async () => {
    const response = await rawRequest(server.port, "GET /index.html HTTP/1.0\r\n\r\n");
    expect(response.status).toBe(421);
  });

  test.each(["localhost:PORT", "127.0.0.1:PORT", "[::1]:PORT", "LOCALHOST:PORT"])(
    "Host %s is served",
    async (host) => {
      const response = await get(
        server.port,
        "/index.html",
        "GET",
        host.replace("PORT", String(server.port)),
      );
      expect(response.status).toBe(200);
    },
  );
});

describe("static server: headers on every response", () => {
  test.each([
    ["/index.html", "GET"],
    ["/app.js", "GET"],
    ["/sub/data.txt", "GET"],
    ["/missing", "GET"],
    ["/link-out.txt", "GET"],
    ["//[", "GET"],
    ["/", "POST"],
  ])("%s (%s) sends nosniff, X-Frame-Options and frame-ancestors", async (target, method) => {
    const response = await get(server.port, target, method);
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["x-frame-options"]).toBe("DENY");
    expect(response.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  });

  test("the pages' Content-Security-Policy allows no eval and nothing inline", async () => {
    for (const page of ["/workbench.html", "/taskpane.html", "/index.html"]) {
      const policy = (await get(server.port, page)).headers["content-security-policy"] ?? "";
      expect(policy).not.toContain("unsafe-eval");
      expect(policy).not.toContain("unsafe-inline");
      expect(policy).toMatch(/script-src 'self'( https:\/\/appsforoffice\.microsoft\.com)?;/);
      expect(policy).toContain("object-src 'none'");
    }
  });

  test("a file that is not a page or script may run nothing (sandbox)", async () => {
    const policy = (await get(server.port, "/sub/data.txt")).headers["content-security-policy"];
    expect(policy).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
  });
});
