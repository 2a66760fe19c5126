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
import { useEmulator } from "../support/emulator.mjs";
import { OWNER, REPO, assertExercised, exerciseConfig } from "../support/exercise.mjs";
import { repoRoot } from "../support/pkg.mjs";
import { installProject, packPackage, removePacked, run } from "../support/tarball.mjs";

const bundled = join(repoRoot, "target", "deno", "bin", "deno");
const DENO = process.env.GHSEAL_DENO || (existsSync(bundled) ? bundled : "deno");

let tmp;
let server;
let dir;

const emulatorFixture = useEmulator();
before(async () => {
  tmp = await packPackage();
  server = (await emulatorFixture.ready).server;
  dir = await installProject("deno", ["runtimes/deno", "runtimes/shared/exercise.js"]);
});

after(removePacked);

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

  const secretName = "DENO_SECRET";
  const { kp, config } = exerciseConfig(server.url, secretName);
  const r = await runDeno(config);

  // Deno matches the conditions deno, node, import, default: today the "node" entries.
  assert.match(r.resolved.main, /\/node_modules\/ghseal\/(node|deno|index)\.js$/, `ghseal resolved to ${r.resolved.main}`);
  assert.match(r.resolved.seal, /\/node_modules\/ghseal\/seal(\.node|\.deno)?\.js$/, `ghseal/seal resolved to ${r.resolved.seal}`);
  console.log(`# Deno resolved ghseal -> ${r.resolved.main.replace(/.*node_modules\//, "")}, ghseal/seal -> ${r.resolved.seal.replace(/.*node_modules\//, "")}`);

  assert.ok(r.sealEntry, "main.js ran ghseal/seal too");
  assertExercised(r, kp, { runtime: "Deno", emulator: server.emulator, secretName });
  assert.equal(r.write.url, `${server.url}/repos/${OWNER}/${REPO}/actions/secrets/${secretName}`);

  // Ran with nothing beyond read of the project and net to the emulator.
  assert.deepEqual(r.permissions, { write: "prompt", env: "prompt", run: "prompt", otherHost: "prompt", readOutside: "prompt" });
});

test("Deno without net permission for the emulator: the write fails, nothing is stored", { timeout: 60_000 }, async () => {
  const { config } = exerciseConfig(server.url, "DENIED");
  await assert.rejects(runDeno(config, { allowNet: "127.0.0.1:1" }), (e) => {
    assert.match(e.stderr, /NotCapable|Requires net access|PermissionDenied/i, e.stderr);
    return true;
  });
  assert.equal(server.emulator.getSecret(`/repos/${OWNER}/${REPO}/actions`, "DENIED"), null);
});
