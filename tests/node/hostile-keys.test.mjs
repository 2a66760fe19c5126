// Hostile and broken servers (issue #15), public keys: low-order X25519 keys are refused
// by sealSecret, the client and `ghseal seal --key` (item 1); a public-key answer that is
// not { key, key_id } is refused naming what arrived, and no write is sent (item 8).
// Played against the BUILT package by local node:http servers (127.0.0.1, port 0 only).
//
// Run: GHSEAL_PKG=pkg node --test tests/node/hostile-keys.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import sodium from "libsodium-wrappers";
import { pkgDir, repoRoot } from "../support/pkg.mjs";
import { OWNER, REPO, rejection, useHostile } from "../support/hostile.mjs";
import { sendJson, serve } from "../support/local-server.mjs";

const hostile = useHostile();
const client = hostile.client;

/** libsodium's has_small_order list (x25519_ref10.c), then each with bit 255 set. */
function smallOrderKeys() {
  const hex = (h) => Uint8Array.from(Buffer.from(h, "hex"));
  const pPlus = (low) => Uint8Array.from([low, ...new Array(30).fill(0xff), 0x7f]);
  const list = [
    new Uint8Array(32), // 0
    Uint8Array.from([1, ...new Array(31).fill(0)]), // 1
    hex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"), // order 8
    hex("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"), // order 8
    pPlus(0xec), // p - 1
    pPlus(0xed), // p
    pPlus(0xee), // p + 1
  ];
  return [...list, ...list.map((k) => Uint8Array.from(k, (b, i) => (i === 31 ? b | 0x80 : b)))];
}

describe("item 1: low-order public keys are refused", () => {
  test("sealSecret refuses every small-order encoding, as bytes and as base64; libsodium agrees", () => {
    const keys = smallOrderKeys();
    assert.equal(keys.length, 14);
    for (const key of keys) {
      // What libsodium does with the key: crypto_box_seal throws.
      assert.throws(() => sodium.crypto_box_seal(sodium.from_string("TOP-SECRET"), key), undefined, Buffer.from(key).toString("hex"));
      for (const form of [key, Buffer.from(key).toString("base64")]) {
        assert.throws(() => hostile.ghseal.sealSecret(form, "TOP-SECRET"), (error) => {
          assert.equal(error.name, "ValidationError");
          assert.equal(error.code, "weak_public_key");
          assert.equal(error.param, "publicKey");
          assert.match(error.message, /^publicKey: a low-order X25519 point \(the sealed box would open without a secret key\)$/);
          return true;
        });
      }
    }
    // An honest key still seals, and libsodium opens the result.
    const pair = sodium.crypto_box_keypair();
    const sealed = hostile.ghseal.sealSecret(pair.publicKey, "TOP-SECRET");
    const opened = sodium.crypto_box_seal_open(sodium.from_base64(sealed, sodium.base64_variants.ORIGINAL), pair.publicKey, pair.privateKey);
    assert.equal(sodium.to_string(opened), "TOP-SECRET");
  });

  test("the client refuses a public-key response carrying a low-order key, and sends no write", async () => {
    const server = await serve(async (req, res) => {
      if (req.method === "GET" && req.url.endsWith("/secrets/public-key")) {
        return sendJson(res, 200, { key_id: "568250167242549743", key: Buffer.alloc(32).toString("base64") });
      }
      sendJson(res, 201, {});
    });
    try {
      const gh = client(server.url);
      const error = await rejection(gh.actions.createOrUpdateRepoSecret({ owner: OWNER, repo: REPO, secret_name: "TOP", value: "TOP-SECRET" }));
      assert.equal(error.name, "ValidationError");
      assert.equal(error.param, "publicKey");
      assert.equal(error.code, "weak_public_key");
      const results = await gh.setSecrets({ owner: OWNER, repo: REPO }, { A: "one", B: "two" });
      assert.deepEqual(results.map((r) => [r.status, r.error?.code]), [["failed", "weak_public_key"], ["failed", "weak_public_key"]]);
      assert.deepEqual(server.requests.filter((r) => r.method !== "GET"), [], "no write reached the server");
    } finally {
      await server.close();
    }
  });

  test("`ghseal seal --key` refuses a low-order key with a usage error", () => {
    const cli = join(pkgDir, "cli", "ghseal.js");
    for (const key of [smallOrderKeys()[0], smallOrderKeys()[2]]) {
      const b64 = Buffer.from(key).toString("base64");
      const run = spawnSync(process.execPath, [cli, "seal", "--key", b64, "TOP-SECRET"], { cwd: repoRoot, encoding: "utf8" });
      assert.notEqual(run.status, 0, run.stdout);
      assert.equal(run.stdout, "", "nothing sealed");
      assert.match(run.stderr, /low-order X25519 point/);
    }
  });
});

describe("item 8: broken public-key answers", () => {
  const put = { owner: OWNER, repo: REPO, secret_name: "TOP", value: "TOP-SECRET" };

  test("a public-key answer that is not { key, key_id } says what arrived; no write is sent", async () => {
    const good = Buffer.from(sodium.crypto_box_keypair().publicKey).toString("base64");
    const cases = [
      [{ type: "text/html; charset=utf-8", body: "<!DOCTYPE html><html><body>Sign in to your proxy</body></html>" }, "response", /expected a JSON object with key and key_id from the public-key endpoint, got HTML \(text\/html\)$/],
      [{ type: "application/json", body: "" }, "response", /got an empty body \(application\/json, status 200\)$/],
      [{ type: "application/json", body: "{\"key_id\": \"1\", \"key\":" }, "response", /got text that is not JSON \(application\/json\)/],
      [{ type: "application/json", body: "[1,2,3]" }, "response", /got a JSON array \(3 items\)$/],
      [{ type: "application/json", body: "\"hello\"" }, "response", /got a JSON string/],
      [{ type: "application/json", body: JSON.stringify({ key: good }) }, "key_id", /no key_id/],
      [{ type: "application/json", body: JSON.stringify({ key_id: "", key: good }) }, "key_id", /non-empty string/],
      [{ type: "application/json", body: JSON.stringify({ key_id: "9".repeat(257), key: good }) }, "key_id", /at most 256 characters/],
      [{ type: "application/json", body: JSON.stringify({ key_id: 1.5, key: good }) }, "key_id", /integer/],
      [{ type: "application/json", body: JSON.stringify({ key_id: "1", key: "AAAA" }) }, "key", /expected 32 bytes/],
    ];
    for (const [answer, param, message] of cases) {
      const server = await serve(async (req, res) => {
        res.writeHead(200, { "content-type": answer.type });
        res.end(answer.body);
      });
      try {
        const error = await rejection(client(server.url).actions.createOrUpdateRepoSecret(put));
        assert.equal(error.name, "ValidationError", answer.body);
        assert.equal(error.param, param, answer.body);
        assert.match(error.message, message);
        assert.deepEqual(server.requests.map((r) => r.method), ["GET"], "no write");
      } finally {
        await server.close();
      }
    }
  });
});
