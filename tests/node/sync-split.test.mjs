// Issue #12 (lean package): the sync planning core lives in its own wasm
// (pkg/sync-wasm/, the `sync` feature alone), loaded only when gh.plan / gh.apply
// run. The default wasm has no sync exports, importing ghseal (ESM or CommonJS)
// loads none of the sync code, a bundler puts the sync engine and its wasm in a
// separate chunk, and plan + apply work through the ESM and the CommonJS entries.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { DEMO_TOKEN, makeSeed, startEmulator } from "../emulator/index.mjs";
import { browserGraph } from "../support/bundle-graph.mjs";
import { assertBuilt, pkgDir, pkgUrl } from "../support/pkg.mjs";

assertBuilt();
const run = promisify(execFile);
const KEY = "split test key: at least 16 bytes";
const SYNC_NAMES = /sync|writebudget/i;

const exportsOf = (file) => WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(join(pkgDir, file)))).map((e) => e.name);

test("the default wasm and its glue have no sync code; the sync wasm has only the sync exports", () => {
  const main = exportsOf("wasm/ghseal_bg.wasm");
  assert.ok(main.includes("sealSecret"), `main wasm exports: ${main.join(", ")}`);
  assert.deepEqual(main.filter((n) => SYNC_NAMES.test(n)), [], "sync exports in the default wasm");
  const glue = readFileSync(join(pkgDir, "wasm/ghseal.js"), "utf8");
  for (const name of ["syncPlan", "syncFingerprint", "WriteBudget"]) assert.ok(!glue.includes(name), `wasm/ghseal.js mentions ${name}`);

  const sync = exportsOf("sync-wasm/ghseal_sync_bg.wasm");
  for (const name of ["syncPlan", "syncFingerprint", "writebudget_new"]) assert.ok(sync.includes(name), `sync wasm lacks ${name}: ${sync.join(", ")}`);
  assert.deepEqual(sync.filter((n) => /seal|open|keypair|client|endpoints/i.test(n)), [], "sealing or client exports in the sync wasm");
  // The default entries' wasm is the small front wasm (sealing + checkOptions); the
  // GitHub client's own wasm (client-wasm/, loaded on first use) is the one the sync
  // core was split from, and has no sync exports either.
  const client = exportsOf("client-wasm/ghseal_client_bg.wasm");
  assert.deepEqual(client.filter((n) => SYNC_NAMES.test(n)), [], "sync exports in the client wasm");
  const sizes = { client: readFileSync(join(pkgDir, "client-wasm/ghseal_client_bg.wasm")).length, sync: readFileSync(join(pkgDir, "sync-wasm/ghseal_sync_bg.wasm")).length };
  console.log(`# wasm bytes: client ${sizes.client}, sync ${sizes.sync}`);
  assert.ok(sizes.sync < sizes.client / 2, `the sync wasm (${sizes.sync} B) should be far smaller than the client wasm (${sizes.client} B)`);
});

/** Runs `code` (ESM) in a fresh node; returns its stdout parsed as JSON. */
async function child(code, args = []) {
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", code, ...args], { timeout: 60_000 });
  return JSON.parse(stdout.trim().split("\n").pop());
}

test("importing ghseal (ESM) loads no sync module; the first gh.plan loads the engine and the sync wasm", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "ghseal-split-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const log = join(dir, "loaded.txt");
  // A module hook (node:module register) appends every URL the ESM loader loads to `log`.
  const hooks = `import { appendFileSync } from "node:fs"; let log;
    export function initialize(data) { log = data.log; }
    export async function load(url, context, next) { appendFileSync(log, url + "\\n"); return next(url, context); }`;
  const code = `
    import { register } from "node:module";
    import { readFileSync } from "node:fs";
    const [log, entry] = process.argv.slice(1);
    register("data:text/javascript," + encodeURIComponent(${JSON.stringify(hooks)}), { data: { log } });
    const loaded = () => readFileSync(log, "utf8").split("\\n").filter(Boolean);
    const ghseal = await import(entry);
    const afterImport = loaded();
    const gh = new ghseal.GitHubSecrets({ auth: "t", baseUrl: "http://127.0.0.1:9" });
    const error = await gh.plan({ manifest: { targets: [] }, values: new Map() }, {}).then(() => "no error", (e) => ({ name: e.name, param: e.param }));
    console.log(JSON.stringify({ afterImport, afterPlan: loaded(), error }));`;
  const r = await child(code, [log, pkgUrl("node.js")]);
  // Control: the hook sees the entry (one bundled file with its glue, see scripts/build.mjs) and errors.js.
  assert.ok(r.afterImport.some((u) => u.endsWith("/node.js")) && r.afterImport.some((u) => u.endsWith("/errors.js")), `the hook saw the entry: ${r.afterImport.join(", ")}`);
  assert.deepEqual(r.afterImport.filter((u) => /\/sync(-wasm)?\//.test(u)), [], "sync modules loaded by import");
  // The stateKey check runs in the engine, after it and the sync wasm loaded.
  assert.deepEqual(r.error, { name: "ValidationError", param: "stateKey" });
  for (const f of ["/sync/engine.js", "/sync/wasm.node.js", "/sync-wasm/ghseal_sync.js"]) {
    assert.ok(r.afterPlan.some((u) => u.endsWith(f)), `gh.plan did not load ${f}: ${r.afterPlan.join(", ")}`);
  }
});

test("require('ghseal') reads no sync wasm; the first gh.plan reads it once", async () => {
  const code = `
    import fs from "node:fs";
    import { createRequire } from "node:module";
    const read = [];
    const original = fs.readFileSync;
    fs.readFileSync = function (file, ...rest) { read.push(String(file)); return original.call(this, file, ...rest); };
    const ghseal = createRequire(import.meta.url)(process.argv[1]);
    const afterRequire = read.filter((f) => f.endsWith(".wasm"));
    const gh = new ghseal.GitHubSecrets({ auth: "t", baseUrl: "http://127.0.0.1:9" });
    const plan = () => gh.plan({ manifest: { targets: [] }, values: new Map() }, {}).catch((e) => e.param);
    const params = [await plan(), await plan()];
    console.log(JSON.stringify({ afterRequire, afterPlan: read.filter((f) => f.endsWith(".wasm")), params }));`;
  const r = await child(code, [join(pkgDir, "index.cjs")]);
  // index.cjs reads its own wasm file (the Node entries do not decode the inlined copy, #12 start-up).
  const mainWasm = join(pkgDir, "wasm", "ghseal_bg.wasm");
  assert.deepEqual(r.afterRequire, [mainWasm], "wasm files read by require: the default wasm only, no sync wasm");
  assert.deepEqual(r.params, ["stateKey", "stateKey"]);
  assert.deepEqual(r.afterPlan, [mainWasm, join(pkgDir, "sync-wasm", "ghseal_sync_bg.wasm")], "then the sync wasm, read once from beside index.cjs");
});

test("without sync-wasm/ beside it (a Node bundle that dropped the asset), gh.plan rejects saying where it looked; other calls work", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "ghseal-split-nowasm-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(pkgDir, dir, { recursive: true, filter: (src) => !src.includes("node_modules") });
  rmSync(join(dir, "sync-wasm", "ghseal_sync_bg.wasm"));
  const code = `
    const ghseal = await import(process.argv[1]);
    const gh = new ghseal.GitHubSecrets({ auth: "t", baseUrl: "http://127.0.0.1:9" });
    const message = await gh.plan({ manifest: { targets: [] }, values: new Map() }, { stateKey: "${KEY}" }).then(() => "no error", (e) => e.message);
    console.log(JSON.stringify({ message, sealed: ghseal.sealSecret(ghseal.generateKeyPair().publicKey, "v").length }));`;
  const r = await child(code, [pathToFileURL(join(dir, "node.js")).href]);
  assert.match(r.message, /need the sync wasm, not found at .*sync-wasm\/ghseal_sync_bg\.wasm/);
  assert.equal(r.sealed, 68, "sealing still works: base64 of 48 + 1 bytes");
});

test("a bundler (esbuild, browser) puts the sync engine and its inlined wasm in a separate chunk", async () => {
  const { eager, lazy } = await browserGraph("index.js");
  assert.deepEqual(eager.filter((f) => /sync/.test(f)), [], `sync files in the default entry's chunk: ${eager.join(", ")}`);
  for (const f of ["sync/engine.js", "sync/wasm.inline.js", "sync-wasm/ghseal_sync_bg.wasm.inline.js"]) assert.ok(lazy.includes(f), `${f} not in a lazy chunk: ${lazy.join(", ")}`);
  const gzip = (files) => files.reduce((n, f) => n + gzipSync(readFileSync(join(pkgDir, f)), { level: 9 }).length, 0);
  console.log(`# default entry's static graph: ${gzip(eager)} B gzip -9 (each file on its own); the sync chunk's files: ${gzip(lazy)} B`);
});

async function setUpEmulator(t) {
  const server = await startEmulator({ seed: makeSeed({ repos: 2 }) });
  t.after(() => server.close());
  return server;
}

async function planAndApply(ghseal, server) {
  const { parseManifest } = await import(pkgUrl("sync/manifest.js"));
  const { resolveValues } = await import(pkgUrl("sync/sources.js"));
  const { manifest, locate } = parseManifest("targets:\n  - repositories: [octo-org/repo-01]\n    secrets:\n      SPLIT: { env: SPLIT }\n");
  const { values } = await resolveValues(manifest, { env: { SPLIT: "split value" }, locate });
  const gh = new ghseal.GitHubSecrets({ auth: DEMO_TOKEN, baseUrl: server.url, throttle: { minWriteInterval: 0 } });
  // An error thrown inside the sync wasm is the entry's ValidationError (the class brand, see errors.js).
  await assert.rejects(gh.plan({ manifest, values }, { stateKey: "short" }), (e) => e instanceof ghseal.ValidationError && e.param === "stateKey" && /at least 16 bytes/.test(e.message));
  const plan = await gh.plan({ manifest, values }, { stateKey: KEY, minWriteInterval: 0 });
  assert.deepEqual(plan.counts, { create: 1, update: 0, unchanged: 0, delete: 0, drifted: 0, error: 0 });
  const report = await gh.apply(plan, { minWriteInterval: 0 });
  assert.equal(report.counts.done, 1);
  const read = await gh.actions.getRepoSecret({ owner: "octo-org", repo: "repo-01", secret_name: "SPLIT" });
  assert.equal(read.status, 200);
  const again = await gh.plan({ manifest, values }, { stateKey: KEY, state: report.state });
  assert.equal(again.counts.unchanged, 1, "the state from apply makes the rerun unchanged");
}

test("gh.plan and gh.apply through the ESM entry (node.js)", async (t) => {
  await planAndApply(await import(pkgUrl("node.js")), await setUpEmulator(t));
});

test("gh.plan and gh.apply through the CommonJS entry (index.cjs)", async (t) => {
  await planAndApply(createRequire(import.meta.url)(join(pkgDir, "index.cjs")), await setUpEmulator(t));
});
