// The package as users get it, for tests/node/package.test.mjs and the runtime tests
// (Deno, workerd, Firefox): `npm pack` of the built package (GHSEAL_PKG), installed from
// the tarball into fresh projects; libsodium key pairs and a libsodium check of every
// sealed value.
//
//   before(async () => { tmp = await packPackage(); });
//   after(removePacked);
//   const dir = await installProject("node-esm", ["package/node"], { type: "module" });
//
// Each test file packs once; the temp folder is removed after the file's tests
// (set GHSEAL_KEEP_TMP=1 to keep it).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import sodiumWrappers from "libsodium-wrappers";
import { assertBuilt, pkgDir, repoRoot } from "./pkg.mjs";

export const run = promisify(execFile);

/** A value with multi-byte UTF-8 (2, 3 and 4 bytes, a ZWJ sequence, a combining mark). */
export const VALUE = "ghseal package test: ✓ é 日本語 😀 👩‍💻 e\u0301";

/** libsodium `crypto_box_SEALBYTES`: ephemeral public key (32) + Poly1305 tag (16). */
export const SEAL_OVERHEAD = 48;

const NPM_ENV = {
  ...process.env,
  npm_config_update_notifier: "false",
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_loglevel: "error",
};

let sodium;
let tmp;
let tarball;

/**
 * Readies libsodium and packs the built package (GHSEAL_PKG) into a fresh temp folder.
 * @returns {Promise<string>} the temp folder (projects are made inside it)
 * @throws when the package is not built or `npm pack` fails
 */
export async function packPackage() {
  assertBuilt();
  await sodiumWrappers.ready;
  sodium = sodiumWrappers;
  assert.equal(SEAL_OVERHEAD, sodium.crypto_box_SEALBYTES);
  tmp = mkdtempSync(join(tmpdir(), "ghseal-runtime-test-"));
  const { stdout } = await run("npm", ["pack", pkgDir, "--pack-destination", tmp, "--json"], { env: NPM_ENV, cwd: tmp, timeout: 60_000 });
  const [info] = JSON.parse(stdout);
  tarball = join(tmp, info.filename);
  assert.ok(existsSync(tarball), `npm pack did not write ${tarball}`);
  return tmp;
}

/** The packed tarball's absolute path (after packPackage). */
export const tarballPath = () => tarball;

/** Removes the temp folder (unless GHSEAL_KEEP_TMP is set). */
export function removePacked() {
  if (tmp && !process.env.GHSEAL_KEEP_TMP) rmSync(tmp, { recursive: true, force: true });
  else if (tmp) console.log(`# kept ${tmp}`);
}

/**
 * A fresh project folder `name` in the temp folder with the packed tarball installed
 * (`npm install <tarball>`, offline-first) and `fixtures` copied in: paths under
 * tests/ (e.g. "runtimes/deno", "package/browser"); a folder's files land in the
 * project root, a file keeps its name. package.json: `type: "module"` unless
 * `packageJson` says otherwise.
 * Returns the project's absolute path.
 */
export async function installProject(name, fixtures = [], packageJson = {}) {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const fixture of fixtures) {
    const from = join(repoRoot, "tests", fixture);
    cpSync(from, statSync(from).isDirectory() ? dir : join(dir, basename(from)), { recursive: true });
  }
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `ghseal-test-${name}`, version: "0.0.0", private: true, type: "module", ...packageJson }, null, 2));
  await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--no-update-notifier", tarball], { cwd: dir, env: NPM_ENV, timeout: 120_000 });
  assert.ok(existsSync(join(dir, "node_modules", "ghseal", "package.json")), `ghseal not installed in ${dir}`);
  return dir;
}

/** A fresh recipient key pair from libsodium: raw keys plus the standard base64 public key. */
export function keyPair() {
  const kp = sodium.crypto_box_keypair();
  const b64 = (b) => sodium.to_base64(b, sodium.base64_variants.ORIGINAL);
  return { pk: kp.publicKey, sk: kp.privateKey, pkB64: b64(kp.publicKey), skB64: b64(kp.privateKey) };
}

/**
 * Opens a standard-base64 sealed box with libsodium's `crypto_box_seal_open` and
 * returns the UTF-8 plaintext; asserts the encoding and the length 48 + bytes(value).
 */
export function openWithLibsodium(sealed, kp, where, value = VALUE) {
  assert.equal(typeof sealed, "string", `${where}: no sealed value`);
  assert.match(sealed, /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, `${where}: not standard padded base64: ${sealed.slice(0, 80)}`);
  const boxed = sodium.from_base64(sealed, sodium.base64_variants.ORIGINAL);
  assert.equal(boxed.length, SEAL_OVERHEAD + Buffer.byteLength(value), `${where}: sealed length`);
  return Buffer.from(sodium.crypto_box_seal_open(boxed, kp.pk, kp.sk)).toString("utf8");
}

/** Seals `value` for a raw public key with libsodium (for the runtime to open). */
export function sealWithLibsodium(value, kp) {
  return sodium.to_base64(sodium.crypto_box_seal(sodium.from_string(value), kp.pk), sodium.base64_variants.ORIGINAL);
}
