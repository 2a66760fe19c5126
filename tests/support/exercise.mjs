// The Node side of tests/runtimes/shared/exercise.js, which each runtime test (Deno,
// workerd) runs inside its runtime against the installed package: the config it takes
// and the checks on what it returns. Every sealed value is opened with libsodium; the
// emulator write is read back decrypted.
import assert from "node:assert/strict";
import { DEMO_TOKEN } from "../emulator/index.mjs";
import { VALUE, keyPair, openWithLibsodium, sealWithLibsodium } from "./tarball.mjs";

export const OWNER = "octo-org";
export const REPO = "hello-world";

/**
 * A fresh libsodium key pair and the config exercise.js takes: the keys (base64), VALUE,
 * a libsodium sealed box of VALUE for the runtime to open, and the emulator write of
 * `secretName` to octo-org/hello-world.
 * @returns {{ kp: ReturnType<typeof keyPair>, config: object }}
 */
export function exerciseConfig(emulatorUrl, secretName) {
  const kp = keyPair();
  const config = { pk: kp.pkB64, sk: kp.skB64, value: VALUE, sealedForUs: sealWithLibsodium(VALUE, kp), emulatorUrl, token: DEMO_TOKEN, owner: OWNER, repo: REPO, secretName };
  return { kp, config };
}

/**
 * Asserts exercise.js's result `r` for `runtime` (a label): sealSecret's box opens with
 * libsodium to VALUE; openSecret and openSecretBytes open libsodium's box; a generated key
 * pair (32 + 32 bytes) works both ways; a wrong key is a DecryptionError and a bad public
 * key a ValidationError (param publicKey); ghseal/seal's results when it ran; and the
 * GitHubSecrets write was created (201), read back, and stored as VALUE in `emulator`.
 */
export function assertExercised(r, kp, { runtime, emulator, secretName }) {
  assert.equal(openWithLibsodium(r.sealed, kp, `${runtime} sealSecret`), VALUE);
  assert.equal(r.opened, VALUE, "openSecret of a libsodium sealed box");
  assert.deepEqual(r.openedBytes, [...Buffer.from(VALUE)], "openSecretBytes of a libsodium sealed box");

  const generated = { pk: Buffer.from(r.generated.publicKey, "base64"), sk: Buffer.from(r.generated.secretKey, "base64") };
  assert.equal(generated.pk.length, 32);
  assert.equal(generated.sk.length, 32);
  assert.equal(openWithLibsodium(r.generatedSealed, generated, `${runtime} generateKeyPair`), VALUE, "libsodium opens with the generated secret key");
  assert.equal(r.generatedOpened, VALUE);
  assert.equal(r.wrongKey.name, "DecryptionError");
  assert.equal(r.badKey.name, "ValidationError");
  assert.equal(r.badKey.param, "publicKey");

  if (r.sealEntry) {
    for (const name of ["generateKeyPair", "openSecret", "openSecretBytes", "sealSecret"]) {
      assert.ok(r.sealEntry.exports.includes(name), `ghseal/seal lacks ${name}: ${r.sealEntry.exports.join(", ")}`);
    }
    assert.equal(openWithLibsodium(r.sealEntry.sealed, kp, `${runtime} ghseal/seal`), VALUE);
    assert.equal(r.sealEntry.opened, VALUE);
  }

  assert.equal(r.write.status, 201, "created");
  assert.deepEqual(r.read, { status: 200, name: secretName });
  const stored = emulator.getSecret(`/repos/${OWNER}/${REPO}/actions`, secretName);
  assert.equal(stored?.value, VALUE, `the emulator opened the sealed box uploaded from ${runtime} with libsodium`);
  // gh.plan through the sync wasm (sync-wasm/), loaded on first use.
  assert.deepEqual(r.plan, {
    counts: { create: 1, update: 0, unchanged: 0, delete: 0, drifted: 0, error: 0 },
    writes: 1,
    items: [[`${OWNER}/${REPO}`, "secret", "SYNC_SPLIT", "create"]],
  });
}
