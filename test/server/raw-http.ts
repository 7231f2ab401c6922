import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/* global __dirname, process, Buffer */

const SERVER = join(__dirname, "..", "..", "scripts", "static-server.mjs");

export interface RunningServer {
  child: ChildProcess;
  port: number;
  /** A directory beside the served one, holding a file the server must never send. */
  secret: string;
  stop(): Promise<void>;
}

/** A served directory with a page, a script, a subdirectory and symlinks out of it and inside it. */
export function makeSite(): { root: string; secret: string } {
  const top = mkdtempSync(join(tmpdir(), "static-server-"));
  const root = join(top, "dist");
  mkdirSync(join(root, "sub"), { recursive: true });
  writeFileSync(join(root, "index.html"), "<!doctype html><title>home</title>");
  writeFileSync(join(root, "workbench.html"), "<!doctype html><title>workbench</title>");
  writeFileSync(join(root, "taskpane.html"), "<!doctype html><title>pane</title>");
  writeFileSync(join(root, "app.js"), "console.log(1);");
  writeFileSync(join(root, "sub", "data.txt"), "inside");
  const secret = join(top, "secret.txt");
  writeFileSync(secret, "SECRET-OUTSIDE");
  symlinkSync(secret, join(root, "link-out.txt"));
  symlinkSync(top, join(root, "dir-out"));
  symlinkSync(join(root, "sub", "data.txt"), join(root, "link-in.txt"));
  return { root, secret };
}

/** Starts `node scripts/static-server.mjs` on a free port in a child process. */
export function startServer(): Promise<RunningServer> {
  const { root, secret } = makeSite();
  const child = spawn(process.execPath, [SERVER, root, "0"], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (match) {
        resolve({
          child,
          port: Number(match[1]),
          secret,
          stop: () =>
            new Promise((done) => {
              child.once("exit", () => done());
              child.kill();
            }),
        });
      }
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  raw: string;
}

/** Sends `request` byte for byte over a socket and reads until the server closes. */
export function rawRequest(port: number, request: string | Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.setTimeout(5000, () => socket.destroy(new Error("timeout")));
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", reject);
    socket.on("close", () => {
      const raw = Buffer.concat(chunks).toString("latin1");
      const [head = "", ...rest] = raw.split("\r\n\r\n");
      const [statusLine = "", ...lines] = head.split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(":");
        if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(" ")[1] ?? NaN), headers, body: rest.join("\r\n\r\n"), raw });
    });
    socket.write(request);
  });
}

/** A GET (or `method`) of `target` with a valid Host header, closing after the response. */
export function get(
  port: number,
  target: string,
  method = "GET",
  host = `127.0.0.1:${port}`,
): Promise<RawResponse> {
  return rawRequest(port, `${method} ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
}
