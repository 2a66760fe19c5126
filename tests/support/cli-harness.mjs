// Shared set-up of the `ghseal` command tests against the emulator
// (tests/node/cli.test.mjs, cli-commands.test.mjs): one `useCliHarness()` fixture that
// starts the emulator (25 extra repositories), runs the CLI as a child process and
// checks every run for the token and the test's secret values on stdout and stderr.
import { before } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import sodium from "libsodium-wrappers";
import { DEMO_TOKEN, makeSeed } from "../emulator/index.mjs";
import { CLI, runCli } from "./cli.mjs";
import { useEmulator } from "./emulator.mjs";
import { pkgDir } from "./pkg.mjs";
import { useTempDir } from "./tmp.mjs";

/**
 * Registers before/after hooks (emulator, libsodium, a temp directory) and returns helpers:
 * - `ghseal(args, { input, env, token = DEMO_TOKEN, server = true })` runs the CLI (with
 *   --base-url and --throttle-ms 0 unless `server: false`; `token: null` sets no token
 *   variable) and resolves { code, stdout, stderr }, asserting that neither stream shows
 *   the token, a `secretValue()` or (without --debug / DEBUG) a stack trace;
 * - `secretValue(label)` a value asserted never to be printed; `file(name, text)` writes a
 *   file in the temp directory and returns its path;
 * - `secret(scope, name)` the emulator's decrypted view; `writes()` the logged PUT, DELETE,
 *   POST and PATCH requests; `json(r)` parses stdout; `ok(r)` asserts exit 0;
 * - `open(sealedB64, publicKey, privateKey)` opens a sealed box with libsodium (UTF-8);
 * - `runs()` how many CLI runs were checked; `emulator`, `url` once the hooks ran.
 */
export function useCliHarness() {
  const emu = useEmulator({ seed: makeSeed({ repos: 25 }) });
  const neverPrinted = new Set();
  let runs = 0;
  const tmp = useTempDir("ghseal-cli-");
  before(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} missing: build the package (node scripts/build.mjs --out ${pkgDir})`);
    await sodium.ready;
  });

  async function ghseal(args, { input = "", env = {}, token = DEMO_TOKEN, server: useServer = true } = {}) {
    const argv = useServer ? [...args, "--base-url", emu.url, "--throttle-ms", "0"] : args;
    const { code, stdout, stderr } = await runCli(argv, { input, env: token === null ? env : { ...env, GH_TOKEN: token } });
    runs += 1;
    const where = `ghseal ${args.join(" ")}`;
    for (const [name, text] of [["stdout", stdout], ["stderr", stderr]]) {
      assert.ok(!text.includes(DEMO_TOKEN), `${where}: the token appeared on ${name}`);
      for (const v of neverPrinted) assert.ok(!text.includes(v), `${where}: a secret value appeared on ${name}`);
    }
    assert.ok(!/\n\s+at .*\(.*:\d+:\d+\)/.test(stderr) || env.DEBUG || args.includes("--debug"), `${where}: stack trace on stderr:\n${stderr}`);
    return { code, stdout, stderr };
  }

  return {
    get emulator() {
      return emu.emulator;
    },
    get url() {
      return emu.url;
    },
    runs: () => runs,
    ghseal,
    secretValue(label) {
      const v = `${label}-${Math.random().toString(36).slice(2, 10)}-value`;
      neverPrinted.add(v);
      return v;
    },
    file: tmp.file,
    secret: (scope, name) => emu.emulator.getSecret(scope, name),
    writes: () => emu.emulator.log().filter((e) => e.method === "PUT" || e.method === "DELETE" || e.method === "POST" || e.method === "PATCH"),
    json(r) {
      try {
        return JSON.parse(r.stdout);
      } catch {
        assert.fail(`stdout is not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
      }
    },
    ok: (r) => assert.equal(r.code, 0, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`),
    open(sealedB64, publicKey, privateKey) {
      const plain = sodium.crypto_box_seal_open(new Uint8Array(Buffer.from(sealedB64.trim(), "base64")), publicKey, privateKey);
      return Buffer.from(plain).toString("utf8");
    },
  };
}
