// The package as users get it: `npm pack` the built package, install the tarball
// into fresh projects and seal from every kind of consumer: Node ESM, Node CJS,
// a browser without a bundler (default and slim entries, also under a strict CSP),
// and a vite production build. Every sealed value is opened with libsodium.
//
//   GHSEAL_PKG=target/pkg-crypto node --test tests/node/package.test.mjs
//
// Needs Chromium at /usr/bin/chromium (or GHSEAL_CHROMIUM). Everything is served
// from 127.0.0.1; any other request from the browser is aborted and fails the test.
// Set GHSEAL_KEEP_TMP=1 to keep the temp projects for inspection.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pkgDir, pkgUrl } from "../support/pkg.mjs";
import { VALUE, installProject, keyPair, openWithLibsodium, packPackage, removePacked, run, tarballPath } from "../support/tarball.mjs";
import { assertPageSealed, checkBrowserEntries, pageUrl, servePages } from "../support/package-pages.mjs";

const CHROMIUM = process.env.GHSEAL_CHROMIUM || "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

let browser;
const servers = [];

before(packPackage);

after(async () => {
  await browser?.close().catch(() => {});
  for (const server of servers) server.close();
  removePacked();
});

// ---------------------------------------------------------------- helpers

/** A fresh project with tests/package/<fixture> copied in and the packed tarball installed. */
const project = (name, fixture, packageJson) => installProject(name, [`package/${fixture}`], packageJson);

/** Serves `dir` (package-pages.mjs servePages: csp.html under a strict CSP); closed after the file. */
async function serve(dir) {
  const server = await servePages(dir);
  servers.push(server);
  return server.url;
}

/** Runs a Node script in `cwd` and parses the JSON line it prints. */
async function runNode(cwd, script, kp) {
  const { stdout } = await run(process.execPath, [script, kp.pkB64, VALUE], { cwd, timeout: 30_000 });
  return JSON.parse(stdout.trim().split("\n").pop());
}

async function getBrowser() {
  if (browser) return browser;
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM} (set GHSEAL_CHROMIUM)`);
  const { chromium } = await import("playwright-core");
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
  return browser;
}

/**
 * Opens `url` (pk and value appended as query) in a fresh context, waits for the
 * page to write #out or #error and returns what it wrote plus every request made.
 * Requests to anything but 127.0.0.1 are aborted and reported.
 */
async function runPage(url, kp) {
  const context = await (await getBrowser()).newContext();
  const responses = [];
  const offsite = [];
  const problems = [];
  try {
    await context.route("**/*", (route) => {
      const u = new URL(route.request().url());
      if (u.hostname === "127.0.0.1") return route.continue();
      offsite.push(u.href);
      return route.abort();
    });
    const page = await context.newPage();
    let failFast;
    const pageFailed = new Promise((_, reject) => (failFast = reject));
    pageFailed.catch(() => {});
    page.on("pageerror", (e) => {
      problems.push(`pageerror: ${e.message}`);
      failFast(new Error(`${url}: ${problems.join("; ")}`));
    });
    page.on("console", (m) => m.type() === "error" && problems.push(`console.error: ${m.text()}`));
    page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
    page.on("response", (r) => responses.push({ url: r.url(), status: r.status(), type: r.headers()["content-type"] }));
    await page.goto(pageUrl(url, kp), { waitUntil: "load", timeout: 30_000 });
    try {
      await Promise.race([
        pageFailed,
        page.waitForFunction(() => document.getElementById("out")?.textContent || document.getElementById("error")?.textContent, null, { timeout: 20_000 }),
      ]);
    } catch (e) {
      if (problems.length) throw new Error(`${url}: ${problems.join("; ")}`);
      throw new Error(`${url}: page wrote nothing within 20 s (${e.message})`);
    }
    const out = await page.textContent("#out");
    const error = await page.textContent("#error");
    return { out, error, responses, offsite, problems };
  } finally {
    await context.close();
  }
}

/** The paths inside the packed tarball, without the leading "package/". */
async function tarballFiles() {
  const { stdout } = await run("tar", ["-tzf", tarballPath()]);
  return stdout.split("\n").filter(Boolean).map((f) => f.replace(/^package\//, ""));
}

const filesUnder = (dir) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => statSync(join(dir, f)).isFile());

// ---------------------------------------------------------------- tests

test("the tarball holds the entries package.json points to", async () => {
  const files = await tarballFiles();
  for (const f of ["package.json", "index.js", "node.js", "index.cjs", "slim.js", "api.js", "wasm/ghseal.js", "wasm/ghseal_bg.wasm", "wasm/ghseal_bg.wasm.inline.js", "cli/ghseal.js", "endpoints.js", "client-wasm.node.js", "client-wasm.inline.js", "client-wasm.workerd.js", "client-wasm/ghseal_client.js", "client-wasm/ghseal_client_bg.wasm", "client-wasm/ghseal_client_bg.wasm.inline.js"]) {
    assert.ok(files.includes(f), `tarball lacks ${f}: ${files.join(", ")}`);
  }
  const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  assert.equal(manifest.name, "ghseal");
  // The crypto is self-contained: no libsodium/tweetnacl underneath.
  const deps = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
  for (const dep of deps) assert.doesNotMatch(dep, /sodium|tweetnacl|nacl/, `unexpected crypto dependency ${dep}`);
  // Every runtime target of "exports" (not types) must be in the tarball.
  const targets = [];
  const walk = (node, key) => {
    if (typeof node === "string") {
      if (key !== "types") targets.push(node);
    } else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) walk(v, k);
  };
  walk(manifest.exports);
  for (const target of targets) assert.ok(files.includes(target.replace(/^\.\//, "")), `exports target ${target} is not in the tarball`);
});

// The bin and the slim entry's declared exports really ship.
test("package.json's bin targets are in the tarball", async () => {
  const files = await tarballFiles();
  const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const bins = typeof manifest.bin === "string" ? [manifest.bin] : Object.values(manifest.bin ?? {});
  for (const bin of bins) assert.ok(files.includes(bin.replace(/^\.\//, "")), `bin ${bin} is not in the tarball`);
});

test("package.json's types targets are in the tarball and declare the API", async () => {
  const files = await tarballFiles();
  const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const types = [manifest.types, manifest.exports?.["."]?.types, manifest.exports?.["./slim"]?.types].filter(Boolean);
  for (const t of types) {
    const rel = t.replace(/^\.\//, "");
    assert.ok(files.includes(rel), `types ${t} is not in the tarball`);
    const text = readFileSync(join(pkgDir, rel), "utf8");
    // A re-export of the main declarations counts (checked as that file).
    if (/^export \* from "\.\/index(?:\.js|\.d\.ts)?";/m.test(text)) continue;
    for (const name of ["sealSecret", "openSecret", "openSecretBytes", "generateKeyPair"]) {
      assert.match(text, new RegExp(`\\b${name}\\b`), `${t} does not declare ${name}`);
    }
  }
});

test("what slim.d.ts declares exists at run time in slim.js", async () => {
  const dts = readFileSync(join(pkgDir, "slim.d.ts"), "utf8");
  const declared = [...dts.matchAll(/^export (?:declare )?(?:function|class|const|let|enum) (\w+)/gm)].map((m) => m[1]);
  if (/^export default /m.test(dts)) declared.push("default");
  const runtime = await import(pkgUrl("slim.js"));
  for (const name of new Set(declared)) assert.ok(name in runtime, `slim.d.ts declares ${name}, slim.js does not export it`);
});

test("Node ESM: import { sealSecret } from \"ghseal\" (and the slim entry with initSync)", { timeout: 120_000 }, async () => {
  const dir = await project("node-esm", "node", { type: "module" });
  const kp = keyPair();
  const esm = await runNode(dir, "esm.mjs", kp);
  assert.match(esm.resolved, /\/node_modules\/ghseal\/node\.js$/, "Node ESM should resolve the node condition");
  assert.equal(esm.self, VALUE);
  assert.equal(openWithLibsodium(esm.sealed, kp, "Node ESM"), VALUE);

  const slim = await runNode(dir, "slim.mjs", kp);
  assert.match(slim.resolved, /\/node_modules\/ghseal\/slim\.js$/);
  assert.match(slim.wasmUrl, /\/node_modules\/ghseal\/wasm\/ghseal_bg\.wasm$/);
  assert.equal(openWithLibsodium(slim.sealed, kp, "Node ESM slim"), VALUE);
});

test("Node CJS: require(\"ghseal\")", { timeout: 120_000 }, async () => {
  const dir = await project("node-cjs", "node", { type: "commonjs" });
  const kp = keyPair();
  const cjs = await runNode(dir, "cjs.cjs", kp);
  assert.match(cjs.resolved, /\/node_modules\/ghseal\/index\.cjs$/, "require should resolve index.cjs");
  assert.equal(cjs.self, VALUE);
  assert.equal(openWithLibsodium(cjs.sealed, kp, "Node CJS"), VALUE);
});

test("ghseal/seal: the sealing-only entry from Node ESM and CJS", { timeout: 120_000 }, async () => {
  const esmDir = await project("node-seal-esm", "node", { type: "module" });
  const kp = keyPair();
  const esm = await runNode(esmDir, "seal.mjs", kp);
  assert.match(esm.resolved, /\/node_modules\/ghseal\/seal\.node\.js$/);
  assert.deepEqual(esm.exports, ["DecryptionError", "EncryptionError", "GhsealError", "HttpError", "MAX_SECRET_BYTES", "SEAL_OVERHEAD", "ValidationError", "generateKeyPair", "openSecret", "openSecretBytes", "sealSecret"]);
  assert.equal(esm.self, VALUE);
  assert.equal(openWithLibsodium(esm.sealed, kp, "ghseal/seal ESM"), VALUE);
  const cjsDir = await project("node-seal-cjs", "node", { type: "commonjs" });
  const cjs = await runNode(cjsDir, "seal.cjs", kp);
  assert.match(cjs.resolved, /\/node_modules\/ghseal\/seal\.cjs$/);
  assert.equal(openWithLibsodium(cjs.sealed, kp, "ghseal/seal CJS"), VALUE);
  // The GitHub client's wasm loads on the first GitHubSecrets call; what import loads
  // (the front wasm: sealing + the options check) and ghseal/seal's are far smaller.
  const client = statSync(join(pkgDir, "client-wasm", "ghseal_client_bg.wasm")).size;
  const front = statSync(join(pkgDir, "wasm", "ghseal_bg.wasm")).size;
  const sealOnly = statSync(join(pkgDir, "seal-wasm", "ghseal_bg.wasm")).size;
  assert.ok(sealOnly <= front && front < client / 2, `seal-wasm (${sealOnly} B) <= the front wasm (${front} B) < half the client wasm (${client} B)`);
});

test("browser without bundler: default entry, slim entry, strict CSP (headless Chromium)", { timeout: 120_000 }, async () => {
  const dir = await project("browser", "browser");
  const origin = await serve(dir);
  await checkBrowserEntries(origin, runPage, /WebAssembly|wasm|Content Security Policy|unsafe-eval/i);
});

test("vite production build: default entry and slim entry", { timeout: 120_000 }, async () => {
  const dir = await project("vite", "vite", { type: "module" });
  const { build } = await import("vite");
  await build({
    root: dir,
    configFile: false,
    logLevel: "error",
    build: {
      outDir: join(dir, "dist"),
      emptyOutDir: true,
      rolldownOptions: { input: { main: join(dir, "index.html"), slim: join(dir, "slim.html") } },
    },
  });
  const dist = join(dir, "dist");
  const files = filesUnder(dist);
  const js = files.filter((f) => f.endsWith(".js"));
  assert.ok(js.length > 0, `vite emitted no JS: ${files.join(", ")}`);
  for (const f of js) {
    const text = readFileSync(join(dist, f), "utf8");
    assert.ok(!/["']node:/.test(text), `${f} imports a node: builtin (the browser build resolved the Node entry)`);
  }
  assert.ok(files.some((f) => f.endsWith(".wasm")), `vite did not emit the slim entry's .wasm asset: ${files.join(", ")}`);

  const origin = await serve(dist);
  const kp1 = keyPair();
  const main = await runPage(`${origin}/index.html`, kp1);
  assertPageSealed(main, kp1, "vite default entry");
  assert.ok(!main.responses.some((r) => r.url.endsWith(".wasm")), "the default entry must not fetch a .wasm");

  const kp2 = keyPair();
  const slim = await runPage(`${origin}/slim.html`, kp2);
  assertPageSealed(slim, kp2, "vite slim entry");
  assert.ok(slim.responses.some((r) => r.url.endsWith(".wasm") && r.status === 200), "vite slim build did not fetch its .wasm");
});
