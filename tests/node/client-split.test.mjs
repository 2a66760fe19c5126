// Issue #12 (lean package): the default entries instantiate only the front wasm
// (pkg/wasm/: sealing + checkOptions); the GitHub client's wasm (pkg/client-wasm/,
// the `client` feature alone) loads on a GitHubSecrets instance's first call,
// through the entry's loader (client.js, client.node.js, client.workerd.js).
// Importing ghseal (ESM or CommonJS) reads no client wasm, sealing works before any
// client exists, the constructor still throws the same ValidationError
// synchronously, the first call loads the client wasm once for every instance, a
// bundler puts it in its own chunk, a missing file is named, and the JS endpoint
// table (endpoints.js) equals the client wasm's endpoints().
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { DEMO_TOKEN, makeSeed, startEmulator } from "../emulator/index.mjs";
import { browserGraph } from "../support/bundle-graph.mjs";
import { assertBuilt, pkgDir, pkgUrl, repoRoot } from "../support/pkg.mjs";

assertBuilt();
const run = promisify(execFile);
const CLIENT_WASM = join(pkgDir, "client-wasm", "ghseal_client_bg.wasm");
const FRONT_WASM = join(pkgDir, "wasm", "ghseal_bg.wasm");
const exportsOf = (file) => WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(file))).map((e) => e.name);

/** Runs `code` (ESM) in a fresh node; returns its last stdout line parsed as JSON. */
async function child(code, args = []) {
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", code, ...args], { timeout: 60_000 });
  return JSON.parse(stdout.trim().split("\n").pop());
}

// Spies on fs.readFileSync (the Node loaders read the .wasm files with it) and logs
// the .wasm files read at each step.
const SPY = `
  import fs from "node:fs";
  import { syncBuiltinESMExports } from "node:module";
  const read = [];
  const original = fs.readFileSync;
  fs.readFileSync = function (file, ...rest) { read.push(String(file instanceof URL ? file.pathname : file)); return original.call(this, file, ...rest); };
  syncBuiltinESMExports(); // the ESM named export (import { readFileSync }) too
  const wasmRead = () => read.filter((f) => f.endsWith(".wasm"));`;

test("the front wasm seals and checks options but has no client; the client wasm has the client and no sealing exports", () => {
  const front = exportsOf(FRONT_WASM);
  for (const name of ["sealSecret", "checkOptions"]) assert.ok(front.includes(name), `front wasm lacks ${name}: ${front.join(", ")}`);
  assert.deepEqual(front.filter((n) => /^client_|endpoints|^pages_/i.test(n)), [], "client exports in the front wasm");
  const client = exportsOf(CLIENT_WASM);
  for (const name of ["client_new", "endpoints"]) assert.ok(client.includes(name), `client wasm lacks ${name}: ${client.join(", ")}`);
  assert.deepEqual(client.filter((n) => /^(sealSecret|openSecret|openSecretBytes|generateKeyPair|checkOptions)$/.test(n)), [], "sealing exports in the client wasm");
  const sizes = { front: readFileSync(FRONT_WASM).length, client: readFileSync(CLIENT_WASM).length, seal: readFileSync(join(pkgDir, "seal-wasm", "ghseal_bg.wasm")).length };
  console.log(`# wasm bytes: front ${sizes.front}, client ${sizes.client}, seal-only ${sizes.seal}`);
  assert.ok(sizes.front < sizes.client, `the front wasm (${sizes.front} B) should be smaller than the client's (${sizes.client} B)`);
});

test("endpoints.js (the table GitHubSecrets uses before the client wasm loads) equals the client wasm's endpoints()", async () => {
  const { default: rows } = await import(pkgUrl("endpoints.js"));
  const glue = await import(pkgUrl("client-wasm/ghseal_client.js"));
  glue.initSync({ module: readFileSync(CLIENT_WASM) });
  assert.deepEqual(rows.map((r) => ({ ...r })), glue.endpoints());
  const ghseal = await import(pkgUrl("node.js"));
  assert.deepEqual(ghseal.secretsEndpoints(), glue.endpoints());
});

for (const [label, entry, load] of [
  ["ESM (node.js)", "node.js", "await import(pathToFileURL(entry).href)"],
  ["CommonJS (index.cjs)", "index.cjs", "createRequire(import.meta.url)(entry)"],
]) {
  test(`${label}: import reads only the front wasm; seal and bad options work without the client; the first call reads the client wasm once for every instance`, async () => {
    const code = `${SPY}
      import { createRequire } from "node:module";
      import { pathToFileURL } from "node:url";
      const entry = process.argv[1];
      const ghseal = ${load};
      const afterImport = wasmRead();
      const sealed = ghseal.sealSecret(ghseal.generateKeyPair().publicKey, "v").length;
      let bad;
      try { new ghseal.GitHubSecrets({ baseUrl: "ftp://x" }); bad = "no error"; } catch (e) { bad = { sync: true, cls: e instanceof ghseal.ValidationError, name: e.name, param: e.param }; }
      let retries;
      try { new ghseal.GitHubSecrets({ retry: { retries: "3" } }); } catch (e) { retries = e.param; }
      const a = new ghseal.GitHubSecrets({ auth: "t", baseUrl: "http://127.0.0.1:9", retry: { retries: 0 } });
      const b = new ghseal.GitHubSecrets({ auth: "t", baseUrl: "http://127.0.0.1:9", retry: { retries: 0 } });
      const afterConstruct = wasmRead();
      const names = [typeof a.actions.getRepoSecret, a.actions.getRepoSecret.endpoint.route];
      const call = (gh) => gh.actions.getRepoSecret({ owner: "o", repo: "r" }).then(() => "resolved", (e) => ({ cls: e instanceof ghseal.ValidationError, param: e.param }));
      const calls = await Promise.all([call(a), call(b), call(a)]);
      console.log(JSON.stringify({ afterImport, sealed, bad, retries, afterConstruct, names, calls, afterCalls: wasmRead() }));`;
    const r = await child(code, [join(pkgDir, entry)]);
    assert.deepEqual(r.afterImport, [FRONT_WASM], "import reads the front wasm only");
    assert.equal(r.sealed, 68, "sealSecret works before any client: base64 of 48 + 1 bytes");
    assert.deepEqual(r.bad, { sync: true, cls: true, name: "ValidationError", param: "baseUrl" });
    assert.equal(r.retries, "retry.retries");
    assert.deepEqual(r.afterConstruct, [FRONT_WASM], "constructors load no client wasm");
    assert.deepEqual(r.names, ["function", "/repos/{owner}/{repo}/actions/secrets/{secret_name}"]);
    // The missing secret_name is refused inside the client wasm: its error is the entry's ValidationError.
    assert.deepEqual(r.calls, Array(3).fill({ cls: true, param: "secret_name" }));
    assert.deepEqual(r.afterCalls, [FRONT_WASM, CLIENT_WASM], "the client wasm is read once, for all instances");
  });
}

test("without client-wasm/ beside it, a call rejects naming the file, is retried on the next call, and sealing still works", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "ghseal-client-split-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(pkgDir, dir, { recursive: true, filter: (src) => !src.includes("node_modules") });
  const wasm = join(dir, "client-wasm", "ghseal_client_bg.wasm");
  const saved = join(dir, "saved.wasm");
  cpSync(wasm, saved);
  rmSync(wasm);
  const code = `
    import { copyFileSync } from "node:fs";
    const [entry, wasm, saved] = process.argv.slice(1);
    const ghseal = await import(entry);
    const gh = new ghseal.GitHubSecrets({ auth: "t", baseUrl: "http://127.0.0.1:9" });
    const message = await gh.actions.getRepoSecret({ owner: "o", repo: "r" }).then(() => "no error", (e) => e.message);
    copyFileSync(saved, wasm);
    const again = await gh.actions.getRepoSecret({ owner: "o", repo: "r" }).then(() => "no error", (e) => e.param);
    console.log(JSON.stringify({ message, again, sealed: ghseal.sealSecret(ghseal.generateKeyPair().publicKey, "v").length }));`;
  const r = await child(code, [pathToFileURL(join(dir, "node.js")).href, wasm, saved]);
  assert.match(r.message, /client-wasm\/ghseal_client_bg\.wasm is missing/);
  assert.equal(r.again, "secret_name", "the next call loads the file put back");
  assert.equal(r.sealed, 68);
});

test("a bundler (esbuild, browser) puts the client wasm in a lazy chunk, for the default and the slim entry", async () => {
  const gzip = (files) => files.reduce((n, f) => n + gzipSync(readFileSync(join(pkgDir, f)), { level: 9 }).length, 0);
  const def = await browserGraph("index.js");
  assert.deepEqual(def.eager.filter((f) => /client-wasm/.test(f)), [], `client wasm in the default entry's chunk: ${def.eager.join(", ")}`);
  for (const f of ["wasm/ghseal_bg.wasm.inline.js", "endpoints.js", "client-class.js"]) assert.ok(def.eager.includes(f), `${f} not in the default chunk`);
  for (const f of ["client-wasm.inline.js", "client-wasm/ghseal_client_bg.wasm.inline.js", "client-wasm/ghseal_client.js"]) assert.ok(def.lazy.includes(f), `${f} not in a lazy chunk: ${def.lazy.join(", ")}`);
  const slim = await browserGraph("slim.js");
  assert.deepEqual(slim.eager.filter((f) => /client-wasm|inline/.test(f)), [], `client or inlined wasm in the slim chunk: ${slim.eager.join(", ")}`);
  assert.deepEqual(slim.lazy.filter((f) => /client-wasm.*inline/.test(f)), [], "slim fetches the client wasm: no inlined copy in its chunks");
  assert.ok(slim.lazy.includes("client-wasm/ghseal_client.js"), `slim's client glue is not lazy: ${slim.lazy.join(", ")}`);
  console.log(`# default entry's static graph: ${gzip(def.eager)} B gzip -9 (files summed); its client chunk (without sync): ${gzip(def.lazy.filter((f) => /client-wasm/.test(f)))} B`);
});

test("a browser without a bundler resolves every import of the default and slim entries, the lazy ones too: no package.json \"imports\" (#) specifier", async () => {
  for (const entry of ["index.js", "slim.js"]) {
    const hash = [];
    const record = { name: "record-hash-imports", setup: (b) => b.onResolve({ filter: /^#/ }, (args) => void hash.push(`${relative(pkgDir, args.importer)} -> ${args.path}`)) };
    const { inputs } = await browserGraph(entry, { plugins: [record] });
    assert.deepEqual(hash, [], `${entry}: imports a browser cannot resolve`);
    // The lazy parts are in the graph: the client wasm and gh.plan's engine and sync wasm.
    for (const f of ["client-wasm/ghseal_client.js", "sync/engine.js", "sync/wasm.inline.js"]) assert.ok(inputs.includes(f), `${entry}: ${f} not reached`);
  }
});

test("the slim entry fetches nothing for the client until initClient or a first call; initClient takes the bytes", async () => {
  const code = `
    const [slimUrl, front, client] = process.argv.slice(1);
    const { readFileSync } = await import("node:fs");
    const slim = await import(slimUrl);
    slim.initSync({ module: readFileSync(front) });
    const gh = new slim.GitHubSecrets({ auth: "t", baseUrl: "http://127.0.0.1:9" });
    await slim.initClient({ module_or_path: readFileSync(client) });
    const param = await gh.actions.getRepoSecret({ owner: "o", repo: "r" }).then(() => "no error", (e) => e instanceof slim.ValidationError && e.param);
    console.log(JSON.stringify({ param }));`;
  const r = await child(code, [pkgUrl("slim.js"), FRONT_WASM, CLIENT_WASM]);
  assert.equal(r.param, "secret_name");
});

test("calls through the lazily loaded client reach GitHub (emulator): write, read, paginate, request, setSecrets", async (t) => {
  const server = await startEmulator({ seed: makeSeed({ repos: 2 }) });
  t.after(() => server.close());
  const ghseal = await import(pkgUrl("node.js"));
  const gh = new ghseal.GitHubSecrets({ auth: DEMO_TOKEN, baseUrl: server.url, throttle: { minWriteInterval: 0 } });
  const repo = { owner: "octo-org", repo: "repo-01" };
  const results = await gh.setSecrets(repo, { SPLIT_A: "a", SPLIT_B: "b" });
  assert.deepEqual(results.map((r) => r.status).sort(), ["created", "created"]);
  assert.equal((await gh.actions.getRepoSecret({ ...repo, secret_name: "SPLIT_A" })).status, 200);
  const names = (await gh.paginate(gh.actions.listRepoSecrets, repo)).map((s) => s.name);
  for (const n of ["SPLIT_A", "SPLIT_B"]) assert.ok(names.includes(n), names.join(", "));
  const pages = [];
  for await (const page of gh.paginate.iterator(gh.actions.listRepoSecrets, { ...repo, per_page: 1 })) pages.push(page.data.length);
  assert.ok(pages.length >= 2, `pages: ${pages}`);
  assert.equal((await gh.request("GET /repos/{owner}/{repo}/actions/secrets/public-key", repo)).status, 200);
  await assert.rejects(gh.actions.getRepoSecret({ ...repo, secret_name: "NOPE" }), (e) => e instanceof ghseal.HttpError && e.status === 404);
});

for (const [label, load] of [
  ["ESM (node.js)", () => import(pkgUrl("node.js"))],
  ["CommonJS (index.cjs)", () => createRequire(import.meta.url)(join(pkgDir, "index.cjs"))],
]) test(`${label}: the options are read as the constructor found them, as the wasm Client reads them (property reads): inherited and getter options count, later changes do not`, async () => {
  const ghseal = await load();
  const TOKEN = "ghp_clientSplitOptionsToken000000000000";
  const GHES = "https://ghe.example/api/v3";
  const seen = [];
  const fetch = async (url, init) => {
    seen.push({ url: String(url), authorization: new Headers(init?.headers).get("authorization") });
    return new Response(JSON.stringify({ total_count: 0, secrets: [] }), { status: 200, headers: { "content-type": "application/json" } });
  };
  class Options {
    constructor() {
      this.fetch = fetch;
    }
    get baseUrl() {
      return GHES;
    }
    get auth() {
      return TOKEN;
    }
  }
  // An own token with an inherited GitHub Enterprise baseUrl: the token must not go to api.github.com.
  const inherited = Object.assign(Object.create({ baseUrl: GHES, retry: { retries: 0 } }), { auth: TOKEN, fetch });
  const mutated = { baseUrl: GHES, auth: TOKEN, fetch, retry: { retries: 0 } };
  // The same with an auth strategy (auth.js), whose token must not go to api.github.com either.
  const authStrategy = () => async () => ({ token: TOKEN });
  const strategy = Object.assign(Object.create({ baseUrl: GHES, retry: { retries: 0 } }), { authStrategy, auth: {}, fetch });
  const clients = [new Options(), inherited, mutated, strategy].map((options) => new ghseal.GitHubSecrets(options));
  Object.assign(mutated, { baseUrl: "https://elsewhere.example", auth: "ghp_later" });
  mutated.retry.retries = "not a number";
  for (const gh of clients) await gh.actions.listRepoSecrets({ owner: "o", repo: "r" });
  assert.deepEqual(
    seen.map((s) => [s.url.startsWith(`${GHES}/repos/o/r/actions/secrets`), s.authorization?.includes(TOKEN)]),
    Array(4).fill([true, true]),
    JSON.stringify(seen.map((s) => s.url)),
  );
});

test("client-class.js's option names (the constructor's snapshot) are the ones the Rust reader reads", () => {
  const source = (f) => readFileSync(join(repoRoot, f), "utf8");
  const js = source("pkg-template/client-class.js");
  const top = JSON.parse(/const OPTION_NAMES = (\[[^\]]*\]);/.exec(js)[1]);
  const nested = Function(`return (${/const NESTED_NAMES = (\{[^;]*\});/.exec(js)[1]})`)();
  // What src/bindings/options.rs (config, transport) and WasmClient::new read: get/number/string(obj, "name", ...).
  const options = source("src/bindings/options.rs").split("#[cfg(feature")[0];
  const ctor = /pub fn new\(options: JsValue\)[\s\S]*?\n {4}\}\n/.exec(source("src/bindings/client.rs"))[0];
  const read = (text) => [...text.matchAll(/\b(?:get|number|string)\(&?(\w+), "(\w+)"/g)].map(([, obj, name]) => (obj === "options" ? name : `${obj}.${name}`));
  const rust = [...new Set([...read(options), ...read(ctor)])].sort();
  const ours = [...top, ...Object.entries(nested).flatMap(([obj, names]) => names.map((n) => `${obj}.${n}`))].sort();
  assert.deepEqual(ours, rust);
});
