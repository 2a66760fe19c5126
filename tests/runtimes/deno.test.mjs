// Deno: the installed package (npm pack -> npm install into a fresh project) under
// `deno run` with the least permissions: read of the project folder and net to the
// emulator's 127.0.0.1 port only. sealSecret/openSecret/openSecretBytes/generateKeyPair,
// `ghseal/seal`, and a GitHubSecrets write that the emulator opens with libsodium.
//
//   GHSEAL_PKG=pkg node --test tests/runtimes/deno.test.mjs
//
// Deno comes from the `deno` PyPI wheel that scripts/setup.sh --runtimes installs
// into target/deno (env GHSEAL_DENO overrides; else `deno` on PATH).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { startEmulator, DEMO_TOKEN } from "../emulator/index.mjs";
import { repoRoot } from "../support/pkg.mjs";
import { VALUE, keyPair, openWithLibsodium, project, run, sealWithLibsodium, setUp, tearDown } from "./support.mjs";

const bundled = join(repoRoot, "target", "deno", "bin", "deno");
const DENO = process.env.GHSEAL_DENO || (existsSync(bundled) ? bundled : "deno");
const OWNER = "octo-org";
const REPO = "hello-world";

let tmp;
let server;
let dir;

before(async () => {
  tmp = await setUp();
  server = await startEmulator();
  dir = await project("deno", ["runtimes/deno", "runtimes/shared/exercise.js"]);
});

after(async () => {
  await server?.close();
  tearDown();
});

/** Runs main.js under Deno with the minimum permissions; returns its JSON line. */
async function runDeno(config, { allowNet = `127.0.0.1:${server.port}` } = {}) {
  const args = ["run", "--no-prompt", "--no-lock", `--allow-read=${dir}`, `--allow-net=${allowNet}`, "main.js", JSON.stringify(config)];
  const env = { PATH: process.env.PATH, HOME: process.env.HOME ?? tmp, DENO_DIR: join(tmp, "deno-dir"), DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };
  const { stdout } = await run(DENO, args, { cwd: dir, env, timeout: 60_000 });
  return JSON.parse(stdout.trim().split("\n").pop());
}

test("Deno runs the installed package: seal, open, keys, ghseal/seal and an emulator write", { timeout: 90_000 }, async () => {
  const { stdout: version } = await run(DENO, ["--version"]);
  console.log(`# ${version.split("\n")[0]}`);

  const kp = keyPair();
  const secretName = "DENO_SECRET";
  const r = await runDeno({
    pk: kp.pkB64,
    sk: kp.skB64,
    value: VALUE,
    sealedForUs: sealWithLibsodium(VALUE, kp),
    emulatorUrl: server.url,
    token: DEMO_TOKEN,
    owner: OWNER,
    repo: REPO,
    secretName,
  });

  // Deno matches the conditions deno, node, import, default: today the "node" entries.
  assert.match(r.resolved.main, /\/node_modules\/ghseal\/(node|deno|index)\.js$/, `ghseal resolved to ${r.resolved.main}`);
  assert.match(r.resolved.seal, /\/node_modules\/ghseal\/seal(\.node|\.deno)?\.js$/, `ghseal/seal resolved to ${r.resolved.seal}`);
  console.log(`# Deno resolved ghseal -> ${r.resolved.main.replace(/.*node_modules\//, "")}, ghseal/seal -> ${r.resolved.seal.replace(/.*node_modules\//, "")}`);

  assert.equal(openWithLibsodium(r.sealed, kp, "Deno sealSecret"), VALUE);
  assert.equal(r.opened, VALUE, "openSecret of a libsodium sealed box");
  assert.deepEqual(r.openedBytes, [...Buffer.from(VALUE)], "openSecretBytes of a libsodium sealed box");

  const generated = { pk: Buffer.from(r.generated.publicKey, "base64"), sk: Buffer.from(r.generated.secretKey, "base64") };
  assert.equal(generated.pk.length, 32);
  assert.equal(generated.sk.length, 32);
  assert.equal(openWithLibsodium(r.generatedSealed, generated, "Deno generateKeyPair"), VALUE, "libsodium opens with the generated secret key");
  assert.equal(r.generatedOpened, VALUE);
  assert.equal(r.wrongKey.name, "DecryptionError");
  assert.equal(r.badKey.name, "ValidationError");
  assert.equal(r.badKey.param, "publicKey");

  for (const name of ["generateKeyPair", "openSecret", "openSecretBytes", "sealSecret"]) {
    assert.ok(r.sealEntry.exports.includes(name), `ghseal/seal lacks ${name}: ${r.sealEntry.exports.join(", ")}`);
  }
  assert.equal(openWithLibsodium(r.sealEntry.sealed, kp, "Deno ghseal/seal"), VALUE);
  assert.equal(r.sealEntry.opened, VALUE);

  assert.equal(r.write.status, 201, "created");
  assert.equal(r.write.url, `${server.url}/repos/${OWNER}/${REPO}/actions/secrets/${secretName}`);
  assert.deepEqual(r.read, { status: 200, name: secretName });
  // gh.plan through the sync wasm (sync-wasm/), loaded on first use.
  assert.deepEqual(r.plan, {
    counts: { create: 1, update: 0, unchanged: 0, delete: 0, drifted: 0, error: 0 },
    writes: 1,
    items: [[`${OWNER}/${REPO}`, "secret", "SYNC_SPLIT", "create"]],
  });
  const stored = server.emulator.getSecret(`/repos/${OWNER}/${REPO}/actions`, secretName);
  assert.equal(stored?.value, VALUE, "the emulator opened the uploaded sealed box with libsodium");

  // Ran with nothing beyond read of the project and net to the emulator.
  assert.deepEqual(r.permissions, { write: "prompt", env: "prompt", run: "prompt", otherHost: "prompt", readOutside: "prompt" });
});

test("Deno without net permission for the emulator: the write fails, nothing is stored", { timeout: 60_000 }, async () => {
  const kp = keyPair();
  const config = { pk: kp.pkB64, sk: kp.skB64, value: VALUE, sealedForUs: sealWithLibsodium(VALUE, kp), emulatorUrl: server.url, token: DEMO_TOKEN, owner: OWNER, repo: REPO, secretName: "DENIED" };
  await assert.rejects(runDeno(config, { allowNet: "127.0.0.1:1" }), (e) => {
    assert.match(e.stderr, /NotCapable|Requires net access|PermissionDenied/i, e.stderr);
    return true;
  });
  assert.equal(server.emulator.getSecret(`/repos/${OWNER}/${REPO}/actions`, "DENIED"), null);
});
