#!/usr/bin/env node
// Serves the ghseal demo page: starts the GitHub secrets emulator on its own port
// and a static server (sirv on node:http, 127.0.0.1 only) answering
//   /             www/ (the page)
//   /pkg/...      the built package (env GHSEAL_PKG, default pkg/)
//   /config.json  { emulatorUrl, demoToken, controlToken, githubUrl, defaults } for the page
// Every response carries the page's Content-Security-Policy, whose connect-src
// allows only this origin, the emulator and https://api.github.com.
// The emulator's control API (/_emulator/, which reveals decrypted secrets) needs
// this run's random control token and answers only this page's origin; the token
// reaches the page through /config.json, which is same-origin only (no CORS) and
// refused for non-loopback Host headers (DNS rebinding).
//
//   node scripts/serve-demo.mjs [--port 8080] [--emulator-port 8787]   (0 = any free port)
//
// Also a module: `startDemo({ port, emulatorPort, pkgDir })` -> { url, emulatorUrl, controlToken, close }.
import http from "node:http";
import { existsSync, realpathSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import sirv from "sirv";
import { startEmulator, DEMO_TOKEN } from "../tests/emulator/index.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const HOST = "127.0.0.1";
export const GITHUB_API = "https://api.github.com";
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/i;

/** The page's Content-Security-Policy for a given emulator origin. */
export function contentSecurityPolicy(emulatorOrigin) {
  return [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self'",
    `connect-src 'self' ${emulatorOrigin} ${GITHUB_API}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function listen(server, port) {
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, HOST, () => {
      server.off("error", reject);
      resolvePromise(server.address().port);
    });
  });
}

/**
 * Start the emulator and the static server.
 * @param {object} [options]
 * @param {number} [options.port=8080]          static server port (0 = any free port)
 * @param {number} [options.emulatorPort=8787]  emulator port (0 = any free port)
 * @param {string} [options.pkgDir]             built package directory; default env GHSEAL_PKG or "pkg" (relative to the repo root)
 * @param {boolean} [options.quiet=true]        when false, the emulator logs each API request to stderr
 * @returns {Promise<{ url: string, emulatorUrl: string, controlToken: string, emulator: object, close: () => Promise<void> }>}
 *   url is "http://127.0.0.1:PORT/"; emulatorUrl "http://127.0.0.1:EPORT" (no trailing slash);
 *   controlToken is the emulator control API's credential for this run (header X-Emulator-Control-Token).
 */
export async function startDemo({ port = 8080, emulatorPort = 8787, pkgDir = process.env.GHSEAL_PKG || "pkg", quiet = true } = {}) {
  const pkg = resolve(root, pkgDir);
  if (!existsSync(join(pkg, "index.js")) || !existsSync(join(pkg, "wasm"))) {
    throw new Error(`serve-demo: no built package in ${pkg}; run \`node scripts/build.mjs --out ${pkgDir}\` first`);
  }
  const notFound = (req, res) => {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    res.end("Not Found\n");
  };
  const noCache = (res) => res.setHeader("cache-control", "no-store");
  const www = sirv(join(root, "www"), { dev: true, etag: true, setHeaders: noCache, onNoMatch: notFound });
  const pkgFiles = sirv(pkg, { dev: true, etag: true, setHeaders: noCache, onNoMatch: notFound });

  let csp = "default-src 'none'";
  let config = "{}";
  const server = http.createServer((req, res) => {
    if (!LOOPBACK_HOST.test(req.headers.host ?? "")) {
      res.writeHead(421, { "content-type": "text/plain; charset=utf-8" });
      res.end("Misdirected Request: this demo server answers only 127.0.0.1 / localhost\n");
      return;
    }
    res.setHeader("content-security-policy", csp);
    res.setHeader("x-content-type-options", "nosniff");
    res.setHeader("referrer-policy", "no-referrer");
    res.setHeader("x-frame-options", "DENY");
    res.setHeader("cross-origin-opener-policy", "same-origin");
    res.setHeader("cross-origin-resource-policy", "same-origin");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" });
      res.end("Method Not Allowed\n");
      return;
    }
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/config.json") {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : config);
    } else if (path === "/pkg" || path.startsWith("/pkg/")) {
      req.url = req.url.slice(4) || "/";
      pkgFiles(req, res, () => notFound(req, res));
    } else {
      www(req, res, () => notFound(req, res));
    }
  });
  const actualPort = await listen(server, port);
  let emu;
  try {
    emu = await startEmulator({
      port: emulatorPort,
      quiet,
      controlOrigins: [`http://${HOST}:${actualPort}`, `http://localhost:${actualPort}`],
    });
  } catch (err) {
    server.close();
    throw err;
  }
  csp = contentSecurityPolicy(emu.url);
  config = JSON.stringify({
    emulatorUrl: emu.url,
    demoToken: DEMO_TOKEN,
    controlToken: emu.controlToken,
    githubUrl: GITHUB_API,
    defaults: { owner: "octo-org", repo: "hello-world", environment: "production", org: "octo-org", secretName: "DEMO_SECRET" },
  });
  let closing;
  return {
    url: `http://${HOST}:${actualPort}/`,
    emulatorUrl: emu.url,
    controlToken: emu.controlToken,
    emulator: emu.emulator,
    close() {
      closing ??= Promise.all([
        new Promise((done) => {
          server.close(() => done());
          server.closeAllConnections();
        }),
        emu.close(),
      ]).then(() => {});
      return closing;
    },
  };
}

function isMain() {
  try {
    return Boolean(process.argv[1]) && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8080" },
      "emulator-port": { type: "string", default: "8787" },
      verbose: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log("usage: node scripts/serve-demo.mjs [--port 8080] [--emulator-port 8787] [--verbose]\n(0 = any free port; the package dir comes from env GHSEAL_PKG, default pkg)");
    process.exit(0);
  }
  const portOf = (flag) => {
    const n = Number(values[flag]);
    if (!Number.isInteger(n) || n < 0 || n > 65535) {
      console.error(`serve-demo: --${flag} must be a port number (0-65535), got ${values[flag]}`);
      process.exit(2);
    }
    return n;
  };
  let demo;
  try {
    demo = await startDemo({ port: portOf("port"), emulatorPort: portOf("emulator-port"), quiet: !values.verbose });
  } catch (err) {
    console.error(err.code === "EADDRINUSE" ? `serve-demo: ${err.message} (pick another with --port / --emulator-port, or 0)` : String(err.message ?? err));
    process.exit(1);
  }
  console.log(`Demo: ${demo.url}  (GitHub secrets emulator: ${demo.emulatorUrl}, token ${DEMO_TOKEN})`);
  console.log("Press Ctrl-C to stop.");
  const stop = () => {
    demo.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
