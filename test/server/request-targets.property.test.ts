/**
 * The class behind "one malformed target kills the server": arbitrary request targets built from the
 * characters that matter to URL parsing (slashes, brackets, colons, percent escapes, dots, backslashes,
 * controls, non-ASCII), with any method and Host. The server answers each with a status from the known set,
 * never sends the file outside the served directory, always sends nosniff and frame protection, and still
 * serves a normal GET afterwards.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import { type RunningServer, get, rawRequest, startServer } from "./raw-http";

/* global Buffer */

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

const TARGET_RUNS = 2000;

const PIECES = fc.constantFrom(
  "/",
  "//",
  "\\",
  "[",
  "]",
  ":",
  "@",
  "?",
  "#",
  ".",
  "..",
  "%",
  "%2e",
  "%2f",
  "%5c",
  "%00",
  "%zz",
  "%E0%A4",
  "%C0%AF",
  "http:",
  "https:",
  "file:",
  "localhost",
  "127.0.0.1",
  "[::1]",
  "0",
  "secret.txt",
  "link-out.txt",
  "dir-out",
  "index.html",
  "sub",
  "data.txt",
  "é",
  "\u0000",
  "\t",
  " ",
  "*",
  "~",
);
const TARGETS = fc.array(PIECES, { minLength: 1, maxLength: 10 }).map((parts) => parts.join(""));
const METHODS = fc.constantFrom("GET", "HEAD", "POST", "OPTIONS", "get", "G E T", "");
const STATUSES = [200, 400, 403, 404, 405, 421];

describe("static server: arbitrary request targets", () => {
  test(`${TARGET_RUNS} random targets: a known status, no secret, headers on every answer, still serving`, async () => {
    await fc.assert(
      fc.asyncProperty(TARGETS, METHODS, fc.boolean(), async (target, method, goodHost) => {
        const host = goodHost ? `127.0.0.1:${server.port}` : "evil.example";
        const request = Buffer.from(
          `${method} ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
          "utf8",
        );
        const response = await rawRequest(server.port, request);
        expect(STATUSES).toContain(response.status);
        expect(response.raw).not.toContain("SECRET-OUTSIDE");
        expect(response.headers["x-content-type-options"]).toBe("nosniff");
        expect(response.headers["x-frame-options"]).toBe("DENY");
      }),
      { numRuns: TARGET_RUNS },
    );
    const after = await get(server.port, "/sub/data.txt");
    expect(after.status).toBe(200);
    expect(after.body).toBe("inside");
    expect(server.child.exitCode).toBeNull();
  });
});
