#!/usr/bin/env node
// ghseal benchmark: seal throughput, shipped size and cold start against
// libsodium-wrappers, tweetsodium@0.0.5 and sodium-native (native reference).
// Run through `npm run bench` (scripts/bench.sh), which builds the package first:
//
//   node bench/seal.mjs [--pkg DIR] [--crypto-pkg DIR] [--min-ms 1000] [--runs 11]
//
//   --pkg DIR         ghseal package to measure (default: env GHSEAL_PKG, else pkg)
//   --crypto-pkg DIR  also measure a crypto-only build (scripts/build.mjs --crypto-only)
//   --min-ms N        timed loop length per throughput cell (default 1000, minimum 1000)
//   --runs N          fresh processes per library for cold start (default 11)
//   --only LIST       comma-separated subset of: throughput,size,cold (default all)
//
// Everything is printed as Markdown.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { loaders } from "./libs.mjs";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const require = createRequire(import.meta.url);

const { values: args } = parseArgs({
  options: {
    pkg: { type: "string", default: process.env.GHSEAL_PKG || "pkg" },
    "crypto-pkg": { type: "string" },
    "min-ms": { type: "string", default: "1000" },
    runs: { type: "string", default: "11" },
    only: { type: "string" },
  },
});
const MIN_MS = Math.max(1000, Number(args["min-ms"]));
const RUNS = Math.max(1, Number(args.runs));
const pkgDir = resolve(root, args.pkg);
const cryptoDir = args["crypto-pkg"] ? resolve(root, args["crypto-pkg"]) : null;
for (const dir of [pkgDir, cryptoDir].filter(Boolean)) {
  if (!existsSync(join(dir, "node.js"))) {
    console.error(`${dir} is not a built ghseal package: node scripts/build.mjs --out ${relative(root, dir)}`);
    process.exit(2);
  }
}
const rel = (p) => relative(root, p) || ".";

// ---------------------------------------------------------------- what is compared

const version = (name) => JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")).version;
const ghsealVersion = (dir) => JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).version;

/** Rows: label, loader name, ghseal package dir (ghseal rows only). */
const libs = [
  { label: `ghseal ${ghsealVersion(pkgDir)} (${rel(pkgDir)})`, loader: "ghseal", dir: pkgDir },
  ...(existsSync(join(pkgDir, "seal.node.js"))
    ? [{ label: `ghseal/seal ${ghsealVersion(pkgDir)} (${rel(pkgDir)})`, loader: "ghseal/seal", dir: pkgDir }]
    : []),
  ...(cryptoDir && cryptoDir !== pkgDir
    ? [{ label: `ghseal ${ghsealVersion(cryptoDir)} crypto-only (${rel(cryptoDir)})`, loader: "ghseal", dir: cryptoDir }]
    : []),
  { label: `libsodium-wrappers ${version("libsodium-wrappers")}`, loader: "libsodium-wrappers", reference: true },
  { label: `tweetsodium ${version("tweetsodium")}`, loader: "tweetsodium" },
  { label: `sodium-native ${version("sodium-native")} (native)`, loader: "sodium-native" },
];

// ---------------------------------------------------------------- helpers

const fmtInt = (n) => Math.round(n).toLocaleString("en-US");
const fmtMs = (n) => n.toFixed(1);
const fmtRatio = (n) => `${n.toFixed(2)}×`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
function table(header, rows, align) {
  const out = [`| ${header.join(" | ")} |`, `|${header.map((_, i) => (align?.[i] === "r" ? "---:" : "---")).join("|")}|`];
  for (const row of rows) out.push(`| ${row.join(" | ")} |`);
  return out.join("\n");
}

/** A recipient public key (standard base64) from native libsodium. */
function publicKeyBase64() {
  const sodium = require("sodium-native");
  const pk = Buffer.alloc(32);
  const sk = Buffer.alloc(32);
  sodium.crypto_box_keypair(pk, sk);
  return { pk, sk, b64: pk.toString("base64") };
}

/** Checks a seal function's output opens with native libsodium (so the bench measures correct work). */
function verify(label, seal, key, value) {
  const sodium = require("sodium-native");
  const boxed = Buffer.from(seal(key.b64, value), "base64");
  const out = Buffer.alloc(boxed.length - 48);
  if (!sodium.crypto_box_seal_open(out, boxed, key.pk, key.sk) || !out.equals(Buffer.from(value))) {
    throw new Error(`${label}: output does not open with libsodium`);
  }
}

/** ops/s of `seal(key, value)`: ~250 ms warm-up, then batches until >= MIN_MS. */
function opsPerSecond(seal, key, value) {
  let sink = 0;
  const timed = (ms) => {
    let batch = 16;
    let n = 0;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < ms) {
      for (let i = 0; i < batch; i++) sink += seal(key, value).length;
      n += batch;
      t = performance.now();
      if (t - t0 < ms / 20) batch *= 2;
    }
    return { n, ms: t - t0 };
  };
  timed(250);
  const { n, ms } = timed(MIN_MS);
  if (sink === 0) throw new Error("sink");
  return (n * 1000) / ms;
}

// ---------------------------------------------------------------- 1. throughput

async function throughput() {
  const key = publicKeyBase64();
  const sizes = [
    { label: "32 B", value: new Uint8Array(32).map((_, i) => (i * 31 + 7) & 0xff) },
    { label: "4 KiB", value: new Uint8Array(4096).map((_, i) => (i * 31 + 7) & 0xff) },
  ];
  const seals = [];
  for (const lib of libs) {
    const seal = await loaders[lib.loader](lib.dir);
    for (const { value } of sizes) verify(lib.label, seal, key, value);
    seals.push(seal);
  }
  const results = libs.map(() => []);
  // Size-major order: every library runs its 32 B cell, then its 4 KiB cell.
  for (const [s, { value }] of sizes.entries()) {
    for (const [i, seal] of seals.entries()) results[i][s] = opsPerSecond(seal, key.b64, value);
  }
  const ref = libs.findIndex((l) => l.reference);
  const rows = libs.map((lib, i) => [
    lib.label,
    ...sizes.flatMap((_, s) => [fmtInt(results[i][s]), fmtRatio(results[i][s] / results[ref][s])]),
  ]);
  const header = ["library", ...sizes.flatMap(({ label }) => [`${label} ops/s`, `${label} vs libsodium-wrappers`])];
  return table(header, rows, ["l", "r", "r", "r", "r"]);
}

// ---------------------------------------------------------------- 2. size

/**
 * The files a bundler (or a browser following imports) loads for `entry`: the
 * static module graph from esbuild's metafile (platform browser, code splitting),
 * resolved from `resolveDir`: the entry's chunk and the chunks it imports
 * statically, not those behind a dynamic import() (gh.plan's sync engine and wasm,
 * the GitHub client's wasm) unless the chunk holds a file matching `follow` (then it
 * and what it imports statically are counted too: e.g. /client-wasm/ for what a
 * first GitHubSecrets call adds). Returns paths relative to `base`.
 */
async function moduleGraph(entry, resolveDir, base, follow) {
  const { build } = await import("esbuild");
  const result = await build({
    stdin: { contents: `export * from ${JSON.stringify(entry)};`, resolveDir, loader: "js" },
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    platform: "browser",
    splitting: true,
    outdir: join(root, "target", "bench-graph"),
    logLevel: "error",
    external: ["node:*"],
  });
  const outputs = result.metafile.outputs;
  const eager = new Set();
  const walk = (out) => {
    if (eager.has(out) || !outputs[out]) return;
    eager.add(out);
    for (const i of outputs[out].imports) {
      const lazyFollowed = follow && i.kind === "dynamic-import" && Object.keys(outputs[i.path]?.inputs ?? {}).some((f) => follow.test(f));
      if (i.kind === "import-statement" || lazyFollowed) walk(i.path);
    }
  };
  walk(Object.keys(outputs).find((out) => outputs[out].entryPoint));
  return [...new Set([...eager].flatMap((out) => Object.keys(outputs[out].inputs)))]
    .filter((f) => f !== "<stdin>" && !f.startsWith("(disabled)"))
    .map((f) => relative(base, resolve(root, f)))
    .sort();
}

function sizeRow(label, base, files, note = "") {
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const bytes = readFileSync(join(base, f));
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  return [label, fmtInt(gz), fmtInt(raw), files.map((f) => `\`${f}\``).join(" + ") + (note ? ` ${note}` : "")];
}

async function sizes() {
  const rows = [];
  const ghsealDirs = [[pkgDir, ""], ...(cryptoDir && cryptoDir !== pkgDir ? [[cryptoDir, " crypto-only"]] : [])];
  for (const [dir, flavour] of ghsealDirs) {
    const where = rel(dir);
    // What `import "ghseal"` loads (the front wasm), then with the chunk that a
    // GitHubSecrets instance's first call loads (the client wasm).
    rows.push(sizeRow(`ghseal${flavour}, default entry (${where})`, dir, await moduleGraph("./index.js", dir, dir)));
    const client = existsSync(join(dir, "client-wasm"));
    if (client) rows.push(sizeRow(`ghseal${flavour}, default entry + client chunk (first GitHubSecrets call) (${where})`, dir, await moduleGraph("./index.js", dir, dir, /client-wasm/)));
    rows.push(sizeRow(`ghseal${flavour}, slim entry + .wasm (${where})`, dir, [...(await moduleGraph("./slim.js", dir, dir)), "wasm/ghseal_bg.wasm"]));
    if (client) rows.push(sizeRow(`ghseal${flavour}, slim entry + .wasm + client glue and .wasm (first GitHubSecrets call) (${where})`, dir, [...(await moduleGraph("./slim.js", dir, dir, /client-wasm/)), "wasm/ghseal_bg.wasm", "client-wasm/ghseal_client_bg.wasm"]));
    if (existsSync(join(dir, "seal.js"))) {
      rows.push(sizeRow(`ghseal/seal${flavour}, sealing-only entry (${where})`, dir, await moduleGraph("./seal.js", dir, dir)));
    }
  }
  const nm = join(root, "node_modules");
  rows.push(sizeRow(`libsodium-wrappers ${version("libsodium-wrappers")} (ESM, bundlers/browsers)`, nm, await moduleGraph("libsodium-wrappers", root, nm)));
  rows.push(sizeRow(`libsodium-wrappers ${version("libsodium-wrappers")} (CJS, Node require)`, nm, ["libsodium-wrappers/dist/modules/libsodium-wrappers.js", "libsodium/dist/modules/libsodium.js"]));
  rows.push(sizeRow(`tweetsodium ${version("tweetsodium")}`, nm, await moduleGraph("tweetsodium", root, nm)));
  const prebuild = `sodium-native/prebuilds/${process.platform}-${process.arch}/sodium-native.node`;
  if (existsSync(join(nm, prebuild))) {
    rows.push(sizeRow(`sodium-native ${version("sodium-native")} (Node only)`, nm, ["sodium-native/index.js", "sodium-native/binding.js", prebuild], "(+ its deps require-addon, which-runtime, bare-assert)"));
  }
  return table(["what ships", "gzip -9 bytes", "raw bytes", "files: the entry's module graph (esbuild, platform browser), each file gzipped on its own, summed"], rows, ["l", "r", "r", "l"]);
}

// ---------------------------------------------------------------- 3. cold start

async function coldStart() {
  const key = publicKeyBase64();
  const entries = [{ label: "node alone (no library, no seal)", loader: "none", dir: pkgDir }, ...libs];
  const samples = entries.map(() => []);
  // Round-robin so that machine noise spreads over every library alike.
  for (let r = 0; r < RUNS; r++) {
    for (const [i, e] of entries.entries()) {
      const { stdout } = await run(process.execPath, [join(here, "cold-start.mjs"), e.loader, e.dir ?? pkgDir, key.b64], { cwd: root, timeout: 60_000 });
      samples[i].push(JSON.parse(stdout));
    }
  }
  const rows = entries.map((e, i) => {
    const total = samples[i].map((s) => s.sealed);
    const own = samples[i].map((s) => s.sealed - s.start);
    const cpu = samples[i].map((s) => s.cpu);
    return [
      e.label,
      fmtMs(median(total)),
      e.loader === "none" ? "—" : fmtMs(median(own)),
      e.loader === "none" ? "—" : fmtMs(median(cpu)),
      `${fmtMs(Math.min(...total))}–${fmtMs(Math.max(...total))}`,
    ];
  });
  const header = ["library", "process start → first seal, median ms", "import → first seal, median ms", "import → first seal, median CPU ms (all threads)", "range ms (start → seal)"];
  return table(header, rows, ["l", "r", "r", "r", "r"]);
}

// ---------------------------------------------------------------- main

const cpu = os.cpus();
console.log("# ghseal seal benchmark\n");
console.log(
  `Node ${process.version} on ${process.platform}-${process.arch}, ${cpu.length} × ${cpu[0]?.model?.trim() ?? "unknown CPU"}, ` +
    `load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} at start.\n`,
);
console.log("Task in every cell: standard base64 public key + value bytes in, standard base64 sealed box (`encrypted_value`) out; every library's output is checked to open with libsodium first.\n");

const only = new Set((args.only ?? "throughput,size,cold").split(",").map((x) => x.trim()));
if (only.has("throughput")) {
  console.log(`## Seal throughput (one process; 250 ms warm-up, then ≥ ${MIN_MS} ms timed per cell)\n`);
  console.log(await throughput());
  console.log();
}
if (only.has("size")) {
  console.log("## Size of what ships (gzip -9, node:zlib)\n");
  console.log(await sizes());
  console.log();
}
if (only.has("cold")) {
  console.log(`## Cold start (fresh \`node\` per run, ${RUNS} runs each, median; performance.now() in the child: ms since process start)\n`);
  console.log(await coldStart());
  console.log();
}
console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} at end.`);
