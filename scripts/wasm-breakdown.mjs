#!/usr/bin/env node
// Where the wasm's bytes go: builds an UNSTRIPPED release wasm (same profile as the
// package, symbols kept), runs wasm-bindgen and wasm-opt -O3 -g as scripts/build.mjs
// does (so the function names survive), then groups `twiggy top` (twiggy 0.8,
// `cargo install twiggy`) by crate / concern and prints a table of shallow bytes.
//   node scripts/wasm-breakdown.mjs                      # the default entries' wasm (features seal-api,client)
//   node scripts/wasm-breakdown.mjs --features seal-api  # the sealing-only wasm (ghseal/seal)
//   node scripts/wasm-breakdown.mjs --features sync      # the sync wasm (gh.plan / gh.apply)
//   node scripts/wasm-breakdown.mjs --features client    # the GitHub client alone (no sealing exports, no sync)
//   node scripts/wasm-breakdown.mjs --top 40             # also the 40 biggest items
// Names sections ("function names", "data names") are listed but are not in the
// shipped wasm (build.mjs strips them); the shipped size is printed at the end.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { wasmOptArgv } from "./wasm-opt.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({
  options: {
    features: { type: "string", default: "seal-api,client" },
    top: { type: "string", default: "0" },
    out: { type: "string", default: join(root, "target", "twiggy-out") },
    csv: { type: "string" }, // group an existing `twiggy top -f csv` output instead of building
  },
});
const run = (cmd, argv, env = {}) =>
  execFileSync(cmd, argv, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 28 }).toString();

const out = resolve(args.out);
const opt = join(out, "opt.wasm");
let shippedLine = "";
const csv = args.csv ? readFileSync(args.csv, "utf8") : buildAndMeasure();

/** cargo (unstripped) -> wasm-bindgen -> wasm-opt -O3 -g -> `twiggy top -f csv`. */
function buildAndMeasure() {
  const targetDir = join(root, "target", "twiggy");
  const cargoArgs = ["build", "--release", "--target", "wasm32-unknown-unknown", "--lib", "--target-dir", targetDir, "--no-default-features", "--features", args.features];
  run("cargo", cargoArgs, { CARGO_PROFILE_RELEASE_STRIP: "false" });
  const wasmIn = join(targetDir, "wasm32-unknown-unknown", "release", "ghseal.wasm");
  mkdirSync(out, { recursive: true });
  run("wasm-bindgen", ["--target", "web", "--out-dir", out, "--out-name", "ghseal", wasmIn]);
  run(process.execPath, wasmOptArgv(root, join(out, "ghseal_bg.wasm"), opt, ["-g"]));
  // The same module as it ships (names stripped, wasm-opt -O3 as scripts/build.mjs):
  // strip only drops symbols, so this is the package's size for these features.
  const ship = join(out, "ship");
  run("wasm-bindgen", ["--target", "web", "--remove-name-section", "--remove-producers-section", "--out-dir", ship, "--out-name", "ghseal", wasmIn]);
  const shipWasm = join(ship, "ghseal_bg.wasm");
  run(process.execPath, wasmOptArgv(root, shipWasm, shipWasm));
  const shipped = readFileSync(shipWasm);
  shippedLine = `as shipped (--no-default-features --features ${args.features}, wasm-opt -O3, no names): ${shipped.length} bytes, ${gzipSync(shipped, { level: 9 }).length} gzip -9`;
  const text = run("twiggy", ["top", "-f", "csv", opt]);
  writeFileSync(join(out, "top.csv"), text);
  return text;
}

/** One CSV line of twiggy (quoted fields may hold commas and doubled quotes). */
function fields(line) {
  const cells = [];
  let cell = "", quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') { cell += '"'; i++; }
    else if (c === '"') quoted = !quoted;
    else if (c === "," && !quoted) { cells.push(cell); cell = ""; }
    else cell += c;
  }
  cells.push(cell);
  return cells;
}

/** The crate or concern an item belongs to (ghseal and core split one level down). */
function group(name) {
  if (name.startsWith("data segment")) return "data segments (rodata: strings, tables)";
  if (name.includes("subsection")) return "(name sections, not shipped)";
  if (/^(import|export) /.test(name)) return "import/export section entries";
  if (/^(type|table|elem|memory|global)\[/.test(name)) return "types, table, globals";
  if (/shim|^__wbg|^__wbindgen|^__externref/.test(name) || !name.includes("::")) return "wasm-bindgen exports and shims";
  // The async exports: wasm-bindgen-futures inlines the client's async fns here.
  if (name.startsWith("js_sys::futures::future_to_promise")) return "async exports (client futures inlined)";
  if (/^<(str|char)>::(to_lowercase|to_uppercase|escape_debug_ext)/.test(name)) return "core::unicode";
  const own = /ghseal::([a-z_]+)/.exec(name);
  if (own) return `ghseal::${own[1]}`;
  const first = /([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::([a-z_0-9]+)?/.exec(name);
  if (!first) return "other";
  if (first[1] === "core" || first[1] === "alloc" || first[1] === "std") return `${first[1]}::${first[2] ?? "?"}`;
  return first[1];
}

const groups = new Map();
const items = [];
for (const line of csv.trim().split("\n").slice(1)) {
  const [name, size] = fields(line);
  const bytes = Number(size);
  items.push([name, bytes]);
  const g = group(name);
  groups.set(g, (groups.get(g) ?? 0) + bytes);
}
const total = items.reduce((sum, [, b]) => sum + b, 0);
console.log(`twiggy top of ${args.csv ?? opt} (${total} bytes with names), grouped:`);
for (const [g, b] of [...groups].sort((a, b) => b[1] - a[1])) {
  if (b >= 500) console.log(`${String(b).padStart(8)}  ${((100 * b) / total).toFixed(1).padStart(5)}%  ${g}`);
}
const top = Number(args.top);
if (top > 0) {
  console.log(`\nbiggest ${top} items:`);
  for (const [name, b] of items.slice(0, top)) console.log(`${String(b).padStart(8)}  ${name.slice(0, 140)}`);
}
if (shippedLine) console.log(`\n${shippedLine}`);
