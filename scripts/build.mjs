#!/usr/bin/env node
// Builds the npm package into pkg/ (or --out DIR):
//   1. one cargo build per wasm flavour for wasm32-unknown-unknown (release profile
//      from Cargo.toml): the front wasm of the default entries (wasm/: sealing +
//      checkOptions), the GitHub client's wasm (client-wasm/, loaded on a
//      GitHubSecrets instance's first call), ghseal/seal's and the sync wasm,
//   2. wasm-bindgen --target web (the CLI version pinned to the crate's), then
//      wasm-opt -O3 --converge from npm `binaryen` (scripts/wasm-opt.mjs; never
//      Debian's binaryen 108, whose output fails at load) and the JS glue minified,
//   3. the same for the sealing-only wasm (cargo --no-default-features) behind the
//      `ghseal/seal` entry, and for the sync wasm (sync-wasm/: the `sync` feature
//      alone, loaded by sync/engine.js only when gh.plan / gh.apply run),
//   4. endpoints.js (the endpoint table as JS data, for GitHubSecrets' namespaces
//      without the client wasm) and octokit-routes.js, both from the client wasm's
//      own endpoints(), the Rust table (src/github/endpoints_generated.rs),
//   5. pkg-template/ copied in, each wasm also inlined as a JS string for the
//      browser/bundler entries (index.js, seal.js; the Node entries and the CommonJS
//      bundles index.cjs, seal.cjs made with esbuild read the .wasm file instead).
// Flags: --out DIR, --crypto-only (cargo --no-default-features: the sealed-box core
// without the GitHub client, used to measure the crypto's size).
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build, transformSync } from "esbuild";
import { wasmOptArgv } from "./wasm-opt.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({
  options: { out: { type: "string", default: "pkg" }, "crypto-only": { type: "boolean", default: false } },
});
const out = resolve(root, args.out);
const run = (cmd, argv) => execFileSync(cmd, argv, { cwd: root, stdio: "inherit" });

/**
 * Cargo features of each wasm flavour (all with --no-default-features) and its
 * target dir under target/. Flavours whose dependencies are the same share a target
 * dir (features of the ghseal crate alone only rebuild that crate; cargo keeps both
 * builds, so alternating does not rebuild).
 */
const FLAVOURS = {
  // wasm/, the default entries' eager wasm: sealing + the GitHubSecrets options check.
  front: { features: ["seal-api", "options"], target: "crypto-only" },
  // client-wasm/, loaded on a GitHubSecrets instance's first call: the client alone
  // (it seals internally; no sealing exports).
  client: { features: ["client"], target: "full" },
  // `ghseal/seal` (and --crypto-only): the sealed-box core alone.
  "crypto-only": { features: ["seal-api"], target: "crypto-only" },
  // sync-wasm/: syncPlan, syncFingerprint, WriteBudget only.
  sync: { features: ["sync"], target: "sync" },
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(join(root, "pkg-template"), out, { recursive: true });

// The front wasm (sealing + options check) for the main entries; the sealing-only
// wasm for `ghseal/seal`. With --crypto-only the main entries get the sealing-only
// wasm too (used to measure the crypto's size).
const mainWasm = buildWasm({ flavour: args["crypto-only"] ? "crypto-only" : "front", dir: join(out, "wasm") });
if (args["crypto-only"]) {
  cpSync(join(out, "wasm"), join(out, "seal-wasm"), { recursive: true });
  // No GitHub client: drop its JS wrappers and loaders too.
  for (const f of ["client.js", "client.node.js", "client.workerd.js", "client-class.js", "client-wasm.node.js", "client-wasm.inline.js", "client-wasm.workerd.js"]) rmSync(join(out, f), { force: true });
  for (const f of ["index.js", "node.js", "workerd.js"]) {
    const entry = join(out, f);
    writeFileSync(entry, readFileSync(entry, "utf8").replace(/^export .* from "\.\/client[^"]*\.js";\n/m, ""));
  }
  writeFileSync(join(out, "slim.js"), 'import init, { initSync } from "./wasm/ghseal.js";\nexport default init;\nexport { init, initSync };\nexport * from "./api.js";\n');
  const api = join(out, "api.js");
  writeFileSync(api, readFileSync(api, "utf8").replace(/^export .* from "\.\/client[^"]*\.js";\n/m, ""));
  // No endpoint table in this wasm: no Octokit plugin either.
  for (const f of ["octokit.js", "octokit.node.js", "octokit.d.ts"]) rmSync(join(out, f), { force: true });
} else {
  buildWasm({ flavour: "crypto-only", dir: join(out, "seal-wasm") });
  // The sync wasm for gh.plan / gh.apply (each entry's client*.js loads it through sync/wasm.*.js).
  // Its own file names (ghseal_sync.js, ghseal_sync_bg.wasm), so that bundlers which
  // name wasm modules by file name (wrangler) never see two ghseal_bg.wasm.
  buildWasm({ flavour: "sync", dir: join(out, "sync-wasm"), name: "ghseal_sync" });
  // The client wasm, under its own file names too (ghseal_client.js, ghseal_client_bg.wasm).
  buildWasm({ flavour: "client", dir: join(out, "client-wasm"), name: "ghseal_client" });
  const rows = await clientEndpoints(join(out, "client-wasm"));
  writeEndpoints(rows, join(out, "endpoints.js"));
  writeOctokitRoutes(rows, join(out, "octokit-routes.js"));
}

for (const [entry, cjs] of [["node.js", "index.cjs"], ["seal.node.js", "seal.cjs"]]) {
  await build({
    entryPoints: [join(out, entry)],
    outfile: join(out, cjs),
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node18",
    logLevel: "error",
    // import.meta.url is undefined in the bundles: the Node entries (node.js,
    // seal.node.js, sync/wasm.node.js) then read their .wasm relative to __dirname,
    // the package root where index.cjs and seal.cjs sit. (The glue's default async
    // init also reads it; the CommonJS entries never call it.)
    define: { "import.meta.url": "undefined" },
    external: ["node:*"],
  });
}

// Each Node entry's eager glue is bundled in (seal-wasm's into seal.node.js: 2-4 ms
// CPU less; wasm/'s into node.js: ~5 ms); the client and sync wasm glue, imported
// on first use, stay separate.
await bundleNodeEntries(out, [
  { entry: "seal.node.js", ownGlue: /(^|\/)seal-wasm\//, keepErrors: false },
  { entry: "node.js", ownGlue: /(^|\/)wasm\//, keepErrors: true },
]);

const pkgJson = JSON.parse(readFileSync(join(out, "package.json"), "utf8"));
const cargoToml = readFileSync(join(root, "Cargo.toml"), "utf8");
pkgJson.version = /^version\s*=\s*"([^"]+)"/m.exec(cargoToml)[1];
writeFileSync(join(out, "package.json"), JSON.stringify(pkgJson, null, 2) + "\n");
if (!existsSync(join(out, "index.d.ts"))) throw new Error("pkg-template/index.d.ts missing");
console.log(`built ${out} (wasm ${mainWasm} bytes)`);

/** cargo build + wasm-bindgen + wasm-opt + minified glue + inlined copy, into `dir`. */
function buildWasm({ flavour, dir, name = "ghseal" }) {
  const { features, target } = FLAVOURS[flavour];
  const cargoArgs = ["build", "--release", "--target", "wasm32-unknown-unknown", "--lib", "--no-default-features", "--features", features.join(",")];
  // A target dir per set of dependencies keeps every build incremental.
  const targetDir = join(root, "target", target);
  run("cargo", [...cargoArgs, "--target-dir", targetDir]);
  const wasmIn = join(targetDir, "wasm32-unknown-unknown", "release", "ghseal.wasm");
  mkdirSync(dir, { recursive: true });
  run("wasm-bindgen", ["--target", "web", "--remove-name-section", "--remove-producers-section", "--out-dir", dir, "--out-name", name, wasmIn]);
  shareErrorsModule(dir);
  const wasmFile = join(dir, `${name}_bg.wasm`);
  execFileSync(process.execPath, wasmOptArgv(root, wasmFile, wasmFile), { cwd: root, stdio: "inherit" });
  const gluePath = join(dir, `${name}.js`);
  const glue = transformSync(readFileSync(gluePath, "utf8"), { minify: true, format: "esm", target: "es2020" });
  writeFileSync(gluePath, glue.code);
  const bytes = readFileSync(wasmFile);
  writeFileSync(join(dir, `${name}_bg.wasm.inline.js`), inlineModule(bytes, `${name}_bg.wasm`));
  return bytes.length;
}

/** The built client wasm's endpoint table: `[{ app, name, method, route, op, scope, kind, paginated }]`. */
async function clientEndpoints(wasmDir) {
  const glue = await import(pathToFileURL(join(wasmDir, "ghseal_client.js")).href);
  glue.initSync({ module: readFileSync(join(wasmDir, "ghseal_client_bg.wasm")) });
  return glue.endpoints();
}

/**
 * endpoints.js: the client wasm's endpoint table as JS data, so that GitHubSecrets
 * builds its namespaces and `secretsEndpoints()` answers without loading the client
 * wasm (tests/node/client-split.test.mjs checks the two are equal).
 */
function writeEndpoints(rows, file) {
  if (rows.length === 0) throw new Error("the client wasm's endpoint table is empty");
  const lines = rows.map((row) => JSON.stringify(row)).join(",\n");
  writeFileSync(file, `// Generated by scripts/build.mjs from the client wasm's endpoints() (src/github/endpoints_generated.rs); do not edit.\n// [{ app, name, method, route, op, scope, kind, paginated }]\nexport default Object.freeze([\n${lines},\n].map(Object.freeze));\n`);
}

/**
 * wasm-bindgen copies pkg-template/errors.js (the `makeError` snippet of
 * src/bindings/error.rs) under `dir`/snippets/; in the package that copy re-exports
 * the package's own errors.js (`dir` is a direct child of the package root), so an
 * entry's module graph holds the error classes once (measured: -1.6 KB gzip for
 * `ghseal/seal`) and the errors the wasm throws are the classes the entry exports.
 */
function shareErrorsModule(dir) {
  const snippets = join(dir, "snippets");
  if (!existsSync(snippets)) return;
  for (const crate of readdirSync(snippets)) {
    const copy = join(snippets, crate, "pkg-template", "errors.js");
    if (existsSync(copy)) writeFileSync(copy, 'export { makeError } from "../../../../errors.js";\n');
  }
}

/**
 * The Node ESM entries as one file each, in place (issue #12, start-up): Node's ESM
 * loader spends about 1 ms per module (resolve, read, parse, link), and
 * `ghseal/seal` was nine (entry, helpers, errors, limits, glue and its snippets).
 * Measured: import -> first seal of `ghseal/seal` about 10 ms CPU less. Static
 * imports are bundled (not minified: the errors module keeps its short lines for
 * readable uncaught errors); the glue and `import()` targets stay separate files
 * (the latter loaded on first use as before), re-pointed relative to the bundle;
 * node: built-ins stay external. The sources in pkg-template/ stay as they are.
 */
async function bundleNodeEntries(dir, entries) {
  // The wasm-bindgen glue (any .js in a wasm/, seal-wasm/, ...-wasm/ directory)
  // stays its own module, shared with the other modules that import it, unless the
  // entry's `ownGlue` pattern names it: the glue of the entry's eager wasm, which no
  // other Node module of the entry imports (ghseal/slim, a separate entry, has its
  // own instance and its own init, as its contract says). Measured: bundling the
  // front glue and its snippets into node.js, import -> first seal ~5 ms CPU less.
  // With `keepErrors`, errors.js stays a module of its own: the lazily imported
  // client wasm glue and sync engine import it (their errors snippet re-exports it,
  // see shareErrorsModule), so a bundled copy would be a second set of classes and
  // the client's errors not the exported classes.
  const GLUE = /(^|\/)([\w-]+-)?wasm\/[\w.-]+\.js$/;
  const ERRORS = join(dir, "errors.js");
  for (const { entry, ownGlue, keepErrors } of entries) {
    const separate = (path, file) => (GLUE.test(path) && !ownGlue.test(path)) || (keepErrors && file === ERRORS);
    await bundleNodeEntry(dir, entry, separate);
  }
}

async function bundleNodeEntry(dir, entry, separate) {
  const lazyImports = {
    name: "keep-dynamic-imports",
    setup(b) {
      b.onResolve({ filter: /^\./, namespace: "file" }, (args) => {
        const file = resolve(args.resolveDir, args.path);
        if (args.kind !== "dynamic-import" && !separate(args.path, file)) return undefined;
        const target = relative(dir, file).split(sep).join("/");
        return { path: `./${target}`, external: true };
      });
    },
  };
  await build({
    entryPoints: [join(dir, entry)],
    outfile: join(dir, entry),
    allowOverwrite: true,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node18",
    logLevel: "error",
    external: ["node:*"],
    plugins: [lazyImports],
  });
}

/**
 * `ghseal/octokit`'s data, from the client wasm's own endpoint table (the one
 * `secretsEndpoints()` returns): for each write that takes `encrypted_value` the
 * write's "METHOD /route" and its scope's public-key route. Generated
 * so that the plugin needs only the sealing-only wasm, not the GitHub client.
 */
function writeOctokitRoutes(rows, file) {
  // Writes that take encrypted_value: secrets' Put, and the create/update of kinds with
  // their own public key (private registries); never variables (plaintext).
  // (op and kind compared case- and separator-insensitively: "PublicKey", "public-key".)
  const norm = (text) => String(text ?? "").toLowerCase().replace(/[-_]/g, "");
  const sealing = (r) => ["put", "create", "update"].includes(norm(r.op)) && norm(r.kind) !== "variable";
  const pairs = [];
  for (const write of rows.filter(sealing)) {
    const key = rows.find((r) => norm(r.op) === "publickey" && r.app === write.app && r.scope === write.scope && r.kind === write.kind);
    if (key) pairs.push([`${write.method} ${write.route}`, key.route]);
  }
  if (pairs.length === 0) throw new Error("the endpoint table has no secret writes");
  writeFileSync(file, `// Generated by scripts/build.mjs from the endpoint table (secretsEndpoints()); do not edit.\n// [secret write "METHOD /route", its scope's public-key route]\nexport default ${JSON.stringify(pairs, null, 1)};\n`);
}

// The wasm bytes as a JS string literal, one character per byte (U+0000-U+00FF),
// escaping only what a string literal forbids. Unlike base64, this keeps byte
// alignment, so gzip compresses it almost as well as the .wasm itself (measured:
// 40 KB vs 52 KB gzipped for base64 of the crypto build).
function inlineModule(bytes, file) {
  let text = "";
  for (const b of bytes) {
    if (b === 0x5c) text += "\\\\";
    else if (b === 0x22) text += '\\"';
    else if (b === 0x0a) text += "\\n";
    else if (b === 0x0d) text += "\\r";
    else text += String.fromCharCode(b);
  }
  return `// ${file} (${bytes.length} bytes), one character per byte, for the default entry's initSync.\nexport default "${text}";\n`;
}
