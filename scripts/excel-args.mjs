// What `npm start` / `npm stop` do with their arguments (pure: no process is started here).
//
// Arguments for office-addin-debugging — a platform (`desktop`, `web`) and its options (`--document <url>`,
// `--app <app>`, `--dev-server-port <port>`, `--no-debug`, `--prod`, …) — pass through to it unchanged, after
// `start manifest.xml` / `stop manifest.xml`, exactly as Microsoft's templates' `npm start` does. So
// `npm start -- web --document <url>` sideloads into Excel on the web from any machine, Linux included.
// The workbench's own options (`--workbench`, `--port N`, `--no-build`) are read here and never passed on.
// Without arguments: Excel desktop where it can run (Windows, macOS, office-addin-debugging installed),
// else the local workbench.

export const MANIFEST = "manifest.xml";
export const PLATFORMS = ["desktop", "web"];
/** office-addin-debugging's options that take a value (`start --help`); the others are flags. */
const VALUE_OPTIONS = new Set([
  "--app",
  "--debug-method",
  "--dev-server",
  "--dev-server-port",
  "--document",
  "--packager",
  "--packager-host",
  "--packager-port",
  "--source-bundle-url-host",
  "--source-bundle-url-port",
  "--source-bundle-url-path",
  "--source-bundle-url-extension",
  "--source-bundle-override-file",
]);
const WORKBENCH_FLAGS = new Set(["--workbench", "--no-build"]);
const DESKTOP_PLATFORMS = ["win32", "darwin"];

/**
 * The plan for `npm start` (command "start") or `npm stop` (command "stop"):
 *   { kind: "excel", args }          run office-addin-debugging with args
 *   { kind: "workbench", port, build }  serve (start) or stop the local workbench
 *   { kind: "error", message }       refuse, saying why
 * `platform` is process.platform; `hasDebugging` whether office-addin-debugging is installed.
 */
export function planOf(command, argv, { platform, hasDebugging, defaultPort = 3000 }) {
  const passThrough = [];
  let workbench = false;
  let build = true;
  let port = defaultPort;
  let explicitExcel = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inlineValue] = arg.startsWith("--") ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (name === "--workbench") workbench = true;
    else if (name === "--no-build") build = false;
    else if (name === "--port") {
      const value = inlineValue ?? argv[++i];
      const number = Number(value);
      if (value === undefined || !Number.isInteger(number) || number < 1 || number > 65535) {
        return {
          kind: "error",
          message: `--port must be a port number (1-65535), got ${value ?? "nothing"}`,
        };
      }
      port = number;
    } else if (PLATFORMS.includes(name)) {
      explicitExcel = true;
      passThrough.push(arg);
    } else if (VALUE_OPTIONS.has(name)) {
      const value = inlineValue ?? argv[++i];
      if (value === undefined || value === "" || (inlineValue === undefined && value.startsWith("--"))) {
        const example =
          name === "--document"
            ? " (the workbook's URL, e.g. from Excel on the web's Share > Copy link)"
            : "";
        return { kind: "error", message: `${name} needs a value${example}` };
      }
      explicitExcel = true;
      passThrough.push(inlineValue === undefined ? name : `${name}=${inlineValue}`);
      if (inlineValue === undefined) passThrough.push(value);
    } else if (name.startsWith("--")) {
      explicitExcel = true;
      passThrough.push(arg);
    } else {
      return {
        kind: "error",
        message: `unknown argument "${arg}": expected desktop, web, office-addin-debugging's options (--document <url>, --app <app>, …) or --workbench, --port N, --no-build`,
      };
    }
  }
  const platforms = passThrough.filter((a) => PLATFORMS.includes(a));
  if (platforms.length > 1) {
    return { kind: "error", message: `choose one of desktop or web, got ${platforms.join(" and ")}` };
  }
  if (workbench && explicitExcel) {
    return {
      kind: "error",
      message: `--workbench runs the local workbench; it cannot be combined with ${passThrough.join(" ")}`,
    };
  }
  if (workbench || (!explicitExcel && !(DESKTOP_PLATFORMS.includes(platform) && hasDebugging))) {
    return { kind: "workbench", port, build };
  }
  if (!hasDebugging) {
    return { kind: "error", message: "office-addin-debugging is not installed: run npm ci first" };
  }
  if (platforms[0] !== "web" && !DESKTOP_PLATFORMS.includes(platform)) {
    return {
      kind: "error",
      message: `Excel desktop runs on Windows and macOS, not ${platform}: use Excel on the web, npm ${command} -- web --document <workbook URL>, or the workbench (npm ${command})`,
    };
  }
  const hasDocument = passThrough.some((a) => a === "--document" || a.startsWith("--document="));
  if (command === "start" && platforms[0] === "web" && !hasDocument) {
    return {
      kind: "error",
      message:
        "Excel on the web needs the workbook to open: npm start -- web --document <workbook URL> (in Excel on the web: Share > Copy link)",
    };
  }
  return { kind: "excel", args: [command, MANIFEST, ...passThrough] };
}
