// One node:test fixture for tests that talk to the GitHub emulator (tests/emulator):
// registers before/after hooks in the calling scope (file or describe), starts the
// emulator on 127.0.0.1 port 0, and stops it (dropping keep-alive connections) after.
//
//   const emu = useEmulator();                       // default seed, DEMO_TOKEN
//   const emu = useEmulator({ seed: makeSeed({ repos: 25 }), clearLog: true });
//   test("...", async () => {
//     const r = await emu.call("GET", "/repos/octo-org/hello-world/actions/secrets");
//     assert.equal((await emu.control.request("GET", "state")).status, 200);
//   });
//
// The returned object is filled in by the `before` hook, so read its fields inside
// tests and hooks, never at module load.
import { after, before, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { DEMO_TOKEN, startEmulator } from "../emulator/index.mjs";
import { createClient, emulatorControl, sealFor } from "../emulator/testkit.mjs";

/**
 * @typedef {object} EmulatorFixture
 * @property {string} url           "http://127.0.0.1:PORT", no trailing slash
 * @property {string} token         the first accepted token (DEMO_TOKEN by default)
 * @property {string} controlToken  this run's X-Emulator-Control-Token credential
 * @property {import("../emulator/state.mjs").Emulator} emulator  the in-process state
 *   (rotateKey, injectFaults, clearFaults, getSecret, publicKey, log, clearLog, reset, state)
 * @property {Awaited<ReturnType<typeof startEmulator>>} server  what startEmulator() resolved to
 * @property {ReturnType<typeof createClient>} client   JSON requests authenticated with `token`
 * @property {(method: string, path: string, opts?: object) => Promise<{status: number, headers: Headers, body: any, text: string}>} call
 *   shorthand for client.request
 * @property {ReturnType<typeof emulatorControl>} control  the token-locked /_emulator/ control API
 * @property {(collection: string) => Promise<{key_id: string, key: string}>} publicKey
 *   GET `${collection}/public-key`, asserting 200 (collection e.g. "/repos/o/r/actions/secrets")
 * @property {(collection: string, value: string|Uint8Array, extra?: object) => Promise<{encrypted_value: string, key_id: string}>} sealedBody
 *   a PUT body sealed (libsodium-wrappers) for the collection's current public key, merged with `extra`
 * @property {Promise<EmulatorFixture>} ready  (not enumerable) settles when the `before` hook has
 *   started the emulator; fixtures built on this one await it in their own hooks
 */

/**
 * Registers `before` (start) and `after` (close) hooks in the current node:test scope.
 *
 * @param {Parameters<typeof startEmulator>[0] & { clearLog?: boolean, clearFaults?: boolean, reset?: boolean }} [options]
 *   startEmulator options (seed, tokens, controls, controlToken, controlOrigins, quiet), plus
 *   `clearLog: true` to empty the request log before each test, `clearFaults: true` to drop
 *   pending faults before each test, `reset: true` to reset the emulator (seed, keys, log,
 *   faults) before each test.
 * @returns {EmulatorFixture} filled in once the `before` hook has run (await `ready` in other hooks)
 * @throws {TypeError} (from the before hook) on invalid startEmulator options
 */
export function useEmulator({ clearLog = false, clearFaults = false, reset = false, ...options } = {}) {
  /** @type {EmulatorFixture} */
  const fixture = {};
  // Node 20 starts a file's top-level `before` hooks together without waiting for one
  // another, so fixtures built on this one await `ready` instead of relying on hook order.
  let started;
  let failed;
  const ready = new Promise((resolve, reject) => {
    started = resolve;
    failed = reject;
  });
  ready.catch(() => {}); // the hook itself reports the failure
  Object.defineProperty(fixture, "ready", { value: ready, enumerable: false });
  before(async () => {
    try {
      const server = await startEmulator(options);
      const first = options.tokens?.[0];
      const token = typeof first === "string" ? first : (first?.token ?? DEMO_TOKEN);
      const client = createClient(server.url, { token });
      Object.assign(fixture, {
        server,
        url: server.url,
        token,
        controlToken: server.controlToken,
        emulator: server.emulator,
        client,
        call: (method, path, opts) => client.request(method, path, opts),
        control: server.controlToken ? emulatorControl(server) : undefined,
        async publicKey(collection) {
          const r = await client.request("GET", `${collection}/public-key`);
          assert.equal(r.status, 200, r.text);
          return r.body;
        },
        async sealedBody(collection, value, extra = {}) {
          const { key_id, key } = await fixture.publicKey(collection);
          return { encrypted_value: await sealFor(key, value), key_id, ...extra };
        },
      });
      started(fixture);
    } catch (error) {
      failed(error);
      throw error;
    }
  });
  after(() => fixture.server?.close());
  if (reset) beforeEach(() => fixture.emulator.reset());
  else if (clearLog || clearFaults) {
    beforeEach(() => {
      if (clearFaults) fixture.emulator.clearFaults();
      if (clearLog) fixture.emulator.clearLog();
    });
  }
  return fixture;
}

/**
 * Asserts GitHub's error answer shape: JSON `{ message, documentation_url, status }` with
 * `status` the HTTP status as a string (as api.github.com sends since 2022).
 * @param {{status: number, headers: Headers, body: any, text: string}} r  a createClient() answer
 * @param {number} status  expected HTTP status
 * @param {string|RegExp} [messagePattern]  exact message, or a pattern it must match
 * @throws {assert.AssertionError} when any part differs
 */
export function assertError(r, status, messagePattern) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.headers.get("content-type"), "application/json; charset=utf-8");
  assert.equal(typeof r.body.message, "string");
  assert.match(r.body.documentation_url, /^https:\/\/docs\.github\.com\//);
  assert.equal(r.body.status, String(status));
  if (messagePattern instanceof RegExp) assert.match(r.body.message, messagePattern);
  else if (messagePattern !== undefined) assert.equal(r.body.message, messagePattern);
}
