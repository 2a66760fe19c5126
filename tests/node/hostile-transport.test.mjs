// Hostile and broken servers (issue #15), what the transport will not read or follow:
// response bodies are read with a limit - a gzip bomb and an oversized list page, with a
// memory bound (item 3); cross-origin and same-origin 3xx redirects are refused, naming
// Location (item 4). Played against the BUILT package (127.0.0.1, port 0 only).
//
// Run: GHSEAL_PKG=pkg node --test tests/node/hostile-transport.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { gunzipSync, gzipSync } from "node:zlib";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import sodium from "libsodium-wrappers";
import { OWNER, REPO, TOKEN, rejection, useHostile } from "../support/hostile.mjs";
import { sendJson, serve } from "../support/local-server.mjs";

const hostile = useHostile();
const client = hostile.client;

/**
 * A gzip body of `mib` MiB of zeros: `mib / 4` copies of one gzip member of 4 MiB of
 * zeros (RFC 1952 allows several members; decoders concatenate them), ~1 KB each.
 */
function gzipOfZeros(mib) {
  const member = gzipSync(Buffer.alloc(4 << 20), { level: 9 });
  return Buffer.concat(new Array(mib / 4).fill(member));
}

/** Forces a full GC (flag set at run time, as the test runner passes none). */
function gc() {
  setFlagsFromString("--expose-gc");
  runInNewContext("gc")();
}

describe("item 3: response bodies are read with a limit", () => {
  test("a gzip bomb public key (400 MiB decoded) is an HttpError; memory stays bounded and returns", async () => {
    const bomb = gzipOfZeros(400);
    assert.ok(bomb.length < 1_000_000, `bomb is ${bomb.length} bytes`);
    assert.equal(gunzipSync(bomb.subarray(0, bomb.length / 100)).length, 4 << 20, "each member is 4 MiB of zeros");
    const server = await serve(async (req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": bomb.length });
      res.end(bomb);
    });
    try {
      gc();
      const before = process.memoryUsage();
      let peak = before.rss;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      const error = await rejection(client(server.url).actions.getRepoPublicKey({ owner: OWNER, repo: REPO }));
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      assert.equal(error.name, "HttpError");
      assert.match(error.message, /larger than 65536 bytes/);
      assert.ok(!error.message.includes(TOKEN));
      const growthMb = (peak - before.rss) / 2 ** 20;
      assert.ok(growthMb < 150, `RSS grew by ${growthMb.toFixed(0)} MiB while reading a gzip bomb`);
      gc();
      const heapAfterMb = (process.memoryUsage().heapUsed - before.heapUsed) / 2 ** 20;
      assert.ok(heapAfterMb < 20, `heap held ${heapAfterMb.toFixed(0)} MiB after the error`);
    } finally {
      await server.close();
    }
  });

  test("a list page larger than maxResponseBytes is an HttpError; a smaller one is read", async () => {
    const secrets = Array.from({ length: 3000 }, (_, i) => ({ name: `S${i}_${"X".repeat(300)}`, created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z" }));
    const page = JSON.stringify({ total_count: secrets.length, secrets });
    assert.ok(page.length > 1 << 20 && page.length < 2 << 20);
    const server = await serve(async (req, res) => {
      // Chunked (no content-length): the limit is enforced while streaming.
      res.writeHead(200, { "content-type": "application/json" });
      for (let i = 0; i < page.length; i += 65536) res.write(page.slice(i, i + 65536));
      res.end();
    });
    try {
      const error = await rejection(client(server.url, { maxResponseBytes: 1 << 20 }).actions.listRepoSecrets({ owner: OWNER, repo: REPO }));
      assert.equal(error.name, "HttpError");
      assert.match(error.message, /larger than 1048576 bytes/);
      const ok = await client(server.url).actions.listRepoSecrets({ owner: OWNER, repo: REPO });
      assert.equal(ok.data.secrets.length, 3000, "the default limit (16 MiB) reads a 1.2 MB page");
      assert.throws(() => client(server.url, { maxResponseBytes: "big" }), { name: "ValidationError", param: "maxResponseBytes" });
    } finally {
      await server.close();
    }
  });
});

// ------------------------------------------------------------------ item 4

describe("item 4: redirects are never followed", () => {
  test("cross-origin: a redirected public-key request does not fetch the other server's key", async () => {
    const other = await serve(async (req, res) => sendJson(res, 200, { key_id: "evil", key: Buffer.alloc(32, 9).toString("base64") }));
    const server = await serve(async (req, res) => {
      res.writeHead(302, { location: `${other.url}/repos/${OWNER}/${REPO}/actions/secrets/public-key` });
      res.end();
    });
    try {
      const gh = client(server.url);
      const error = await rejection(gh.actions.createOrUpdateRepoSecret({ owner: OWNER, repo: REPO, secret_name: "TOP", value: "TOP-SECRET" }));
      assert.equal(error.name, "HttpError");
      assert.ok(error.message.includes(`${other.url}/repos/`), error.message);
      assert.match(error.message, /302/);
      assert.equal(other.requests.length, 0, "the other origin was never contacted");
      assert.deepEqual(server.requests.map((r) => r.method), ["GET"], "no write was sent");
    } finally {
      await Promise.all([server.close(), other.close()]);
    }
  });

  test("same-origin: a 307/308 on a write does not resend the sealed body to another path", async () => {
    const key = sodium.crypto_box_keypair();
    for (const status of [307, 308]) {
      const server = await serve(async (req, res) => {
        if (req.url.endsWith("/secrets/public-key")) return sendJson(res, 200, { key_id: "k1", key: sodium.to_base64(key.publicKey, sodium.base64_variants.ORIGINAL) });
        if (req.url.startsWith("/elsewhere")) return sendJson(res, 201, {});
        res.writeHead(status, { location: "/elsewhere/collect" });
        res.end();
      });
      try {
        const error = await rejection(client(server.url).actions.createOrUpdateRepoSecret({ owner: OWNER, repo: REPO, secret_name: "TOP", value: "TOP-SECRET" }));
        assert.equal(error.name, "HttpError");
        assert.match(error.message, new RegExp(`${status}.*/elsewhere/collect`));
        assert.deepEqual(server.requests.filter((r) => r.url.startsWith("/elsewhere")), [], "the write was not re-sent");
        assert.deepEqual(server.requests.map((r) => r.method), ["GET", "PUT"]);
      } finally {
        await server.close();
      }
    }
  });
});
