// Cloudflare workerd: a worker bundled the way wrangler bundles it (esbuild, conditions
// workerd/worker/browser, every imported .wasm an external CompiledWasm module), run
// in workerd by Miniflare, with the installed package (npm pack -> npm install).
// Inside the worker: seal, open, generateKeyPair, and a GitHubSecrets write to the
// emulator over workerd's fetch that the emulator opens with libsodium. workerd's
// code-generation policy stays on (no unsafe-eval binding): the worker proves that
// eval, new Function and compiling wasm bytes are refused, and the bundle holds none.
//
//   GHSEAL_PKG=pkg node --test tests/runtimes/workerd.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join, resolve } from "node:path";
import * as esbuild from "esbuild";
import { Miniflare } from "miniflare";
import workerd from "workerd";
import { useEmulator } from "../support/emulator.mjs";
import { assertExercised, exerciseConfig } from "../support/exercise.mjs";
import { installProject, keyPair, openWithLibsodium, packPackage, removePacked, sealWithLibsodium, VALUE } from "../support/tarball.mjs";

const MINIFLARE_VERSION = createRequire(import.meta.url)("miniflare/package.json").version;

let server;
let dir;
let mf;

/**
 * Bundles `entry` as wrangler does: ESM, platform browser, conditions
 * workerd/worker/browser; each `.wasm` import stays an import of a sibling module
 * that Miniflare loads as CompiledWasm (workerd compiles it before the worker runs).
 * @returns {{ code: string, wasm: { name: string, path: string }[], inputs: string[] }}
 */
async function bundle(entry) {
  const wasm = [];
  const wasmModules = {
    name: "wasm-modules",
    setup(build) {
      build.onResolve({ filter: /\.wasm$/ }, (args) => {
        const path = resolve(args.resolveDir, args.path);
        const name = basename(path);
        if (!wasm.some((w) => w.path === path)) wasm.push({ name, path });
        return { path: `./${name}`, external: true };
      });
    },
  };
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: dir,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    plugins: [wasmModules],
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  return { code: result.outputFiles[0].text, wasm, inputs: Object.keys(result.metafile.inputs) };
}

/** A Miniflare (workerd) running a bundle, its wasm as CompiledWasm modules; no unsafe-eval binding. */
async function startWorker({ code, wasm }) {
  const worker = new Miniflare({
    modulesRoot: dir,
    modules: [
      { type: "ESModule", path: join(dir, "worker.js"), contents: code },
      ...wasm.map((w) => ({ type: "CompiledWasm", path: join(dir, w.name), contents: readFileSync(w.path) })),
    ],
    compatibilityDate: workerd.compatibilityDate,
  });
  await worker.ready;
  return worker;
}

let built;

const emulatorFixture = useEmulator();
before(async () => {
  await packPackage();
  server = (await emulatorFixture.ready).server;
  dir = await installProject("workerd", ["runtimes/workerd", "runtimes/shared/exercise.js"]);
  built = await bundle("worker.js");
  mf = await startWorker(built);
});

after(async () => {
  await mf?.dispose();
  removePacked();
});

test("the worker bundle takes ghseal's workerd entry and holds no eval or new Function", () => {
  const { code, wasm, inputs } = built;
  console.log(`# workerd ${workerd.version} (Miniflare ${MINIFLARE_VERSION}, compatibility date ${workerd.compatibilityDate})`);
  assert.ok(inputs.some((i) => i.endsWith("node_modules/ghseal/workerd.js")), `not the workerd entry: ${inputs.join(", ")}`);
  // The front wasm, the client wasm that a GitHubSecrets instance's first call
  // instantiates (client-wasm.workerd.js) and the sync wasm that gh.plan / gh.apply
  // instantiate (sync/wasm.workerd.js).
  assert.deepEqual(wasm.map((w) => w.name).sort(), ["ghseal_bg.wasm", "ghseal_client_bg.wasm", "ghseal_sync_bg.wasm"], "three CompiledWasm modules");
  assert.ok(wasm.some((w) => /node_modules\/ghseal\/client-wasm\/ghseal_client_bg\.wasm$/.test(w.path)), wasm.map((w) => w.path).join(", "));
  assert.ok(wasm.some((w) => /node_modules\/ghseal\/wasm\/ghseal_bg\.wasm$/.test(w.path)), wasm.map((w) => w.path).join(", "));
  assert.ok(wasm.some((w) => /node_modules\/ghseal\/sync-wasm\/ghseal_sync_bg\.wasm$/.test(w.path)), wasm.map((w) => w.path).join(", "));
  assert.ok(!inputs.some((i) => /inline/.test(i)), `the inlined wasm must not be bundled: ${inputs.join(", ")}`);
  assert.ok(!code.includes("new Function"), "bundle contains new Function");
  assert.ok(!/(?<![\w$.])eval\s*\(/.test(code), "bundle contains eval(");
});

test("workerd's code-generation policy is in force (no unsafe-eval)", { timeout: 30_000 }, async () => {
  const policy = await (await mf.dispatchFetch("http://worker/policy")).json();
  assert.match(policy.eval, /EvalError: Code generation from strings disallowed/);
  assert.match(policy.newFunction, /EvalError: Code generation from strings disallowed/);
  for (const key of ["wasmModule", "wasmCompile", "wasmInstantiate"]) {
    assert.match(policy[key], /Wasm code generation disallowed by embedder/, `${key}: ${policy[key]}`);
  }
  // Only while the worker starts may wasm bytes be compiled (what ghseal/seal relies on, below).
  assert.equal(policy.startupWasm, "allowed");
});

test("in workerd: seal, open, generateKeyPair and a GitHubSecrets write the emulator opens", { timeout: 60_000 }, async () => {
  const secretName = "WORKERD_SECRET";
  const { kp, config } = exerciseConfig(server.url, secretName);
  const res = await mf.dispatchFetch("http://worker/exercise", { method: "POST", body: JSON.stringify(config) });
  const r = await res.json();
  assert.equal(res.status, 200, `worker failed: ${JSON.stringify(r)}`);
  assertExercised(r, kp, { runtime: "workerd", emulator: server.emulator, secretName });
});

// ghseal/seal's workerd entry (seal.workerd.js) imports the sealing-only .wasm as a
// module, as workerd.js does for the default entry: no inlined bytes to compile.
test("ghseal/seal in workerd: its workerd entry (the .wasm as a module), seal and open", { timeout: 60_000 }, async () => {
  const sealBundle = await bundle("seal-worker.js");
  assert.ok(sealBundle.inputs.some((i) => i.endsWith("node_modules/ghseal/seal.workerd.js")), `not the workerd entry: ${sealBundle.inputs.join(", ")}`);
  assert.deepEqual(sealBundle.wasm.map((w) => w.path.replace(/.*node_modules\/ghseal\//, "")), ["seal-wasm/ghseal_bg.wasm"], "one CompiledWasm module");
  assert.ok(!sealBundle.inputs.some((i) => /inline/.test(i)), `the inlined wasm must not be bundled: ${sealBundle.inputs.join(", ")}`);
  const worker = await startWorker(sealBundle);
  try {
    const kp = keyPair();
    const res = await worker.dispatchFetch("http://worker/seal", {
      method: "POST",
      body: JSON.stringify({ pk: kp.pkB64, sk: kp.skB64, value: VALUE, sealedForUs: sealWithLibsodium(VALUE, kp) }),
    });
    const text = await res.text();
    assert.equal(res.status, 200, `worker failed: ${text.slice(0, 300)}`);
    const r = JSON.parse(text);
    assert.equal(openWithLibsodium(r.sealed, kp, "workerd ghseal/seal"), VALUE);
    assert.equal(r.opened, VALUE);
  } finally {
    await worker.dispose();
  }
});
