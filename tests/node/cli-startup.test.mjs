// `ghseal seal` start-up (#12): the process loads the sealing-only wasm and nothing
// of the GitHub client (the full wasm's glue, node.js, client.js, the endpoint
// table's targets.js), no other command's module (set, list, delete, variable,
// registry, sync) and none of dotenv, cli-progress, ajv or yaml. Checked by running
// the CLI under `node --import` of a preload that records every ES module the
// loader hooks (module.register) see and, at exit, every CommonJS module in
// Module._cache; the sealed output is opened with libsodium so the run is real.
//
//   GHSEAL_PKG=pkg node --test tests/node/cli-startup.test.mjs
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import sodium from "libsodium-wrappers";
import { CLEAN_ENV, CLI } from "../support/cli.mjs";
import { pkgDir, repoRoot } from "../support/pkg.mjs";
import { useTempDir } from "../support/tmp.mjs";

const tmp = useTempDir("ghseal-startup-").path;
before(async () => {
  await sodium.ready;
  writeFileSync(
    join(tmp, "hooks.mjs"),
    `import { appendFileSync } from "node:fs";
let log;
export function initialize(data) { log = data.log; }
export async function load(url, context, next) { appendFileSync(log, url + "\\n"); return next(url, context); }
`,
  );
  writeFileSync(
    join(tmp, "preload.mjs"),
    `import Module, { register } from "node:module";
import { writeFileSync } from "node:fs";
const log = process.env.GHSEAL_LOAD_LOG;
writeFileSync(log, "");
register(new URL("./hooks.mjs", import.meta.url), { data: { log } });
process.on("exit", () => {
  writeFileSync(log + ".cjs", Object.keys(Module._cache).join("\\n"));
  writeFileSync(log + ".builtin", process.moduleLoadList.join("\\n"));
});
`,
  );
});

/** Runs the CLI with `args`; returns its result and every module it loaded (file paths and URLs). */
function runRecorded(args, input = "") {
  const log = join(tmp, `load-${Math.random().toString(36).slice(2)}.log`);
  const r = spawnSync(process.execPath, ["--import", pathToFileURL(join(tmp, "preload.mjs")).href, CLI, ...args], {
    cwd: repoRoot,
    env: { ...CLEAN_ENV, GHSEAL_LOAD_LOG: log },
    input,
    encoding: "utf8",
  });
  assert.ok(existsSync(`${log}.cjs`), `the preload recorded nothing: ${r.stderr}`);
  const loaded = [...readFileSync(log, "utf8").split("\n"), ...readFileSync(`${log}.cjs`, "utf8").split("\n")]
    .filter(Boolean)
    .map((entry) => (entry.startsWith("file:") ? new URL(entry).pathname : entry))
    // Files of the package under test as "pkg:/relative/path"; node_modules as they are.
    .map((path) => (path.startsWith(`${pkgDir}/`) ? `pkg:${path.slice(pkgDir.length)}` : path));
  // Node's own modules loaded (process.moduleLoadList: "NativeModule internal/...").
  const builtins = readFileSync(`${log}.builtin`, "utf8").split("\n").filter(Boolean);
  return { ...r, loaded, builtins };
}

const NOT_FOR_SEAL = [
  [/^pkg:\/wasm\//, "the full wasm's glue"],
  [/^pkg:.*\.inline\.js$/, "an inlined wasm"],
  [/^pkg:\/(node|index|api|client|octokit)\.js$/, "the default entry or the GitHub client"],
  [/^pkg:\/cli\/(set|list|delete|variable|variable-program|registry|sync|targets|config|report|pool|app-auth)\.js$/, "another command's module"],
  [/^pkg:\/sync\//, "the sync engine"],
  [/\/node_modules\/dotenv\//, "dotenv"],
  [/\/node_modules\/cli-progress\//, "cli-progress"],
  [/\/node_modules\/ajv(-formats)?\//, "ajv"],
  [/\/node_modules\/yaml\//, "yaml"],
  // A plain `ghseal seal` line is read by node:util's parseArgs (cli/seal-args.js).
  [/\/node_modules\/commander\//, "commander"],
  [/^pkg:\/cli\/program\.js$/, "the commander program"],
];

test("`ghseal seal --key K VALUE` loads only the sealing-only wasm and the seal command (no commander)", () => {
  const keys = sodium.crypto_box_keypair();
  const publicKey = sodium.to_base64(keys.publicKey, sodium.base64_variants.ORIGINAL);
  const r = runRecorded(["seal", "--key", publicKey, "startup value"]);
  assert.equal(r.status, 0, r.stderr);
  const sealed = sodium.from_base64(r.stdout.trim(), sodium.base64_variants.ORIGINAL);
  assert.equal(sodium.to_string(sodium.crypto_box_seal_open(sealed, keys.publicKey, keys.privateKey)), "startup value");

  // The recording works: what `seal` needs is in it (ES modules and CommonJS).
  // (seal.node.js is one bundled file in the built package, glue included: scripts/build.mjs.)
  for (const needed of [/^pkg:\/cli\/seal\.js$/, /^pkg:\/seal\.node\.js$/, /^pkg:\/cli\/seal-args\.js$/]) {
    assert.ok(r.loaded.some((p) => needed.test(p)), `expected ${needed} among the loaded modules:\n${r.loaded.join("\n")}`);
  }
  for (const [pattern, what] of NOT_FOR_SEAL) {
    const hits = r.loaded.filter((p) => pattern.test(p));
    assert.deepEqual(hits, [], `ghseal seal loaded ${what}`);
  }
  // The sealing-only wasm, not the full one: the entry reads seal-wasm/ (bundled or not).
  const entry = readFileSync(join(pkgDir, "seal.node.js"), "utf8");
  assert.match(entry, /seal-wasm\/ghseal_bg\.wasm/);
  assert.doesNotMatch(entry, /["/]wasm\/ghseal(_bg\.wasm|\.js)/, "seal.node.js names the full wasm");

  // Randomness from /dev/urandom (src/bindings/random.js), not from Node's Web Crypto
  // or node:crypto, which Node loads lazily at a cost of ~5 ms CPU.
  if (typeof process.getBuiltinModule === "function" && process.platform !== "win32") {
    assert.ok(r.builtins.some((m) => m === "NativeModule fs"), `moduleLoadList is recorded:\n${r.builtins.join("\n")}`);
    const crypto = r.builtins.filter((m) => /^NativeModule (crypto|internal\/crypto\/)/.test(m));
    assert.deepEqual(crypto, [], "ghseal seal loaded Node's crypto modules");
  }
});

test("`ghseal --help` still registers every command (and so loads the endpoint table)", () => {
  const r = runRecorded(["--help"]);
  assert.equal(r.status, 0, r.stderr);
  for (const command of ["set", "list|ls", "delete|remove", "seal", "variable", "registry", "sync"]) {
    assert.match(r.stdout, new RegExp(`^  ${command.replace("|", "\\|")} `, "m"), `help lists ${command}`);
  }
  assert.ok(r.loaded.includes("pkg:/cli/targets.js"), "help lists the apps from the endpoint table");
  assert.ok(!r.loaded.includes("pkg:/cli/set.js"), "help loads no command's module (they load in their action)");
});

test("`ghseal seal` lines that are not plain go to commander: help, unknown flags, missing --key", () => {
  const keys = sodium.crypto_box_keypair();
  const publicKey = sodium.to_base64(keys.publicKey, sodium.base64_variants.ORIGINAL);
  const help = runRecorded(["seal", "--help"]);
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /^Usage: ghseal seal \[options\] \[value\]/m);
  assert.ok(help.loaded.some((p) => /\/node_modules\/commander\//.test(p)), "help comes from commander");
  const cases = [
    [["seal", "--key", publicKey, "--bogus", "v"], /^ghseal seal: unknown option '--bogus' \(see 'ghseal seal --help'\)$/m],
    [["seal", "v"], /^ghseal seal: required option '--key <base64>' not specified/m],
    [["seal", "--key", publicKey, "a", "b"], /^ghseal seal: too many arguments/m],
  ];
  for (const [args, stderr] of cases) {
    const r = runRecorded(args);
    assert.equal(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, stderr);
    assert.equal(r.stdout, "");
    assert.ok(r.loaded.some((p) => /\/node_modules\/commander\//.test(p)), `${args.join(" ")} is parsed by commander`);
  }
  // --json and --key-id through the plain path: the sealed value opens.
  const r = runRecorded(["seal", "--json", "--key-id", "k1", `--key=${publicKey}`, "--", "-v"]);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.key_id, "k1");
  const sealed = sodium.from_base64(out.encrypted_value, sodium.base64_variants.ORIGINAL);
  assert.equal(sodium.to_string(sodium.crypto_box_seal_open(sealed, keys.publicKey, keys.privateKey)), "-v");
  assert.ok(!r.loaded.some((p) => /\/node_modules\/commander\//.test(p)), "a plain line loads no commander");
});
