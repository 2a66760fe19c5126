// Hostile and broken servers (issue #15), values that would be sealed or sent wrongly
// (item 8): lone surrogates, detached buffers, GitHub's 48 KiB limit, setSecrets with a
// Map, and names or path values longer than GitHub accepts - refused before sending.
// Played against the BUILT package (local node:http servers on 127.0.0.1, port 0 only).
//
// Run: GHSEAL_PKG=pkg node --test tests/node/hostile-values.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import sodium from "libsodium-wrappers";
import { OWNER, REPO, useHostile } from "../support/hostile.mjs";
import { sendJson, serve } from "../support/local-server.mjs";

const hostile = useHostile();
const client = hostile.client;

describe("item 8: values that would be sealed wrongly are refused", () => {
  test("a lone surrogate in a string value is a ValidationError, not a silent U+FFFD", () => {
    const key = sodium.crypto_box_keypair();
    for (const bad of ["\uD800", "abc\uDC00", "x\uDBFFy"]) {
      assert.throws(() => hostile.ghseal.sealSecret(key.publicKey, bad), (error) => {
        assert.equal(error.name, "ValidationError");
        assert.equal(error.param, "value");
        assert.match(error.message, /lone UTF-16 surrogate/);
        return true;
      });
    }
    // A proper pair (U+1F600) is sealed as its 4 UTF-8 bytes.
    const sealed = hostile.ghseal.sealSecret(key.publicKey, "\uD83D\uDE00");
    assert.equal(sodium.to_string(sodium.crypto_box_seal_open(sodium.from_base64(sealed, sodium.base64_variants.ORIGINAL), key.publicKey, key.privateKey)), "😀");
  });

  test("a Uint8Array over a detached buffer is a ValidationError, not an empty value", () => {
    const key = sodium.crypto_box_keypair();
    const value = new Uint8Array([1, 2, 3]);
    structuredClone(value.buffer, { transfer: [value.buffer] });
    assert.equal(value.length, 0, "the view now reads as empty");
    assert.throws(() => hostile.ghseal.sealSecret(key.publicKey, value), { name: "ValidationError", param: "value", message: /detached/ });
    const detachedKey = Uint8Array.from(key.publicKey);
    structuredClone(detachedKey.buffer, { transfer: [detachedKey.buffer] });
    assert.throws(() => hostile.ghseal.sealSecret(detachedKey, "v"), { name: "ValidationError", param: "publicKey", message: /detached/ });
  });

  test("sealSecret enforces GitHub's 48 KiB limit; { maxBytes } raises or lowers it", () => {
    const key = sodium.crypto_box_keypair();
    const open = (b64) => sodium.crypto_box_seal_open(sodium.from_base64(b64, sodium.base64_variants.ORIGINAL), key.publicKey, key.privateKey);
    assert.equal(open(hostile.ghseal.sealSecret(key.publicKey, "x".repeat(49152))).length, 49152);
    assert.throws(() => hostile.ghseal.sealSecret(key.publicKey, "x".repeat(49153)), { name: "ValidationError", param: "value", message: /49153 bytes is over the limit of 49152 bytes.*maxBytes: Infinity/ });
    assert.throws(() => hostile.ghseal.sealSecret(key.publicKey, new Uint8Array(49153)), { name: "ValidationError", param: "value" });
    const big = new Uint8Array(200_000).fill(5);
    assert.equal(open(hostile.ghseal.sealSecret(key.publicKey, big, { maxBytes: Infinity })).length, 200_000);
    assert.throws(() => hostile.ghseal.sealSecret(key.publicKey, "12345", { maxBytes: 4 }), { name: "ValidationError", param: "value" });
    for (const options of [{ maxBytes: -1 }, { maxBytes: "1" }, 5]) {
      assert.throws(() => hostile.ghseal.sealSecret(key.publicKey, "v", options), { name: "ValidationError", code: "invalid_type" });
    }
  });
});

describe("item 8: client values and oversized names", () => {
  const put = { owner: OWNER, repo: REPO, secret_name: "TOP", value: "TOP-SECRET" };

  test("setSecrets takes a Map; lone surrogates in client values are refused", async () => {
    const pair = sodium.crypto_box_keypair();
    const server = await serve(async (req, res) => {
      if (req.method === "GET") return sendJson(res, 200, { key_id: "k1", key: Buffer.from(pair.publicKey).toString("base64") });
      res.writeHead(201);
      res.end();
    });
    try {
      const gh = client(server.url);
      const results = await gh.setSecrets({ owner: OWNER, repo: REPO }, new Map([["ONE", "1"], ["TWO", "2"]]));
      assert.deepEqual(results.map((r) => [r.secret_name, r.status]), [["ONE", "created"], ["TWO", "created"]]);
      const opened = server.requests.filter((r) => r.method === "PUT").map((r) => sodium.to_string(sodium.crypto_box_seal_open(sodium.from_base64(JSON.parse(r.body).encrypted_value, sodium.base64_variants.ORIGINAL), pair.publicKey, pair.privateKey)));
      assert.deepEqual(opened.sort(), ["1", "2"]);
      const before = server.requests.length;
      await assert.rejects(gh.setSecrets({ owner: OWNER, repo: REPO }, new Map([["ONE", 1]])), { name: "ValidationError" });
      await assert.rejects(gh.setSecrets({ owner: OWNER, repo: REPO }, { BAD: "x\uD800" }), { name: "ValidationError", message: /lone UTF-16 surrogate/ });
      await assert.rejects(gh.actions.createOrUpdateRepoSecret({ ...put, value: "\uDC00" }), { name: "ValidationError", param: "value", message: /lone UTF-16 surrogate/ });
      assert.equal(server.requests.length, before, "nothing sent");
    } finally {
      await server.close();
    }
  });

  test("secret names and path values longer than GitHub accepts are refused before sending", async () => {
    const server = await serve(async (req, res) => sendJson(res, 500, {}));
    try {
      const gh = client(server.url);
      await assert.rejects(gh.actions.getRepoSecret({ owner: OWNER, repo: REPO, secret_name: "A".repeat(256) }), { name: "ValidationError", param: "secret_name", message: /at most 255/ });
      await assert.rejects(gh.actions.getRepoSecret({ owner: "o".repeat(256), repo: REPO, secret_name: "A" }), { name: "ValidationError", param: "owner", message: /at most 255/ });
      await assert.rejects(gh.request("GET /repos/{owner}", { owner: "o".repeat(1025) }), { name: "ValidationError", param: "owner" });
      assert.equal(server.requests.length, 0);
      await assert.rejects(gh.actions.getRepoSecret({ owner: OWNER, repo: REPO, secret_name: "A".repeat(255) }), { name: "HttpError", status: 500 });
    } finally {
      await server.close();
    }
  });
});
