// Hostile and broken servers (issue #15): each test is the repro of one item, played
// against the BUILT package by local node:http servers (127.0.0.1, port 0 only).
//   1  low-order public keys: sealSecret, the client, `ghseal seal --key`
//   3  response bodies: a gzip bomb and an oversized list page, with a memory bound
//   4  redirects: cross-origin and same-origin 3xx are refused, naming Location
//
// Run: GHSEAL_PKG=pkg node --test tests/node/hostile.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { once } from "node:events";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { inspect } from "node:util";
import sodium from "libsodium-wrappers";
import { importPkg, pkgDir, repoRoot } from "../support/pkg.mjs";

const TOKEN = "ghp_hostileTestToken0123456789abcdefABCD";
const OWNER = "octo-org";
const REPO = "hello-world";

let ghseal;
before(async () => {
  ghseal = await importPkg();
  await sodium.ready;
});

/**
 * A local server answering with `handler(req, body)` (a Promise-returning function
 * that writes `res`). Records every request as { method, url, headers, body }.
 */
async function serve(handler) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString("utf8");
    requests.push({ method: req.method, url: req.url, headers: req.headers, body });
    try {
      await handler(req, res, body);
    } catch {
      res.destroy();
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    requests,
    close: () => {
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

const sendJson = (res, status, data, headers = {}) => {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(data));
};

const client = (baseUrl, options = {}) =>
  new ghseal.GitHubSecrets({
    auth: TOKEN,
    baseUrl,
    throttle: { minWriteInterval: 0 },
    retry: { retries: 0, baseDelay: 1 },
    ...options,
  });

/** Awaits `promise`, expecting it to reject; returns the error. */
async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail("expected a rejection");
}

// ------------------------------------------------------------------ item 1

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
        assert.throws(() => ghseal.sealSecret(form, "TOP-SECRET"), (error) => {
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
    const sealed = ghseal.sealSecret(pair.publicKey, "TOP-SECRET");
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

// ------------------------------------------------------------------ item 3

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

// ------------------------------------------------------------------ item 8

describe("item 8: values that would be sealed wrongly are refused", () => {
  test("a lone surrogate in a string value is a ValidationError, not a silent U+FFFD", () => {
    const key = sodium.crypto_box_keypair();
    for (const bad of ["\uD800", "abc\uDC00", "x\uDBFFy"]) {
      assert.throws(() => ghseal.sealSecret(key.publicKey, bad), (error) => {
        assert.equal(error.name, "ValidationError");
        assert.equal(error.param, "value");
        assert.match(error.message, /lone UTF-16 surrogate/);
        return true;
      });
    }
    // A proper pair (U+1F600) is sealed as its 4 UTF-8 bytes.
    const sealed = ghseal.sealSecret(key.publicKey, "\uD83D\uDE00");
    assert.equal(sodium.to_string(sodium.crypto_box_seal_open(sodium.from_base64(sealed, sodium.base64_variants.ORIGINAL), key.publicKey, key.privateKey)), "😀");
  });

  test("a Uint8Array over a detached buffer is a ValidationError, not an empty value", () => {
    const key = sodium.crypto_box_keypair();
    const value = new Uint8Array([1, 2, 3]);
    structuredClone(value.buffer, { transfer: [value.buffer] });
    assert.equal(value.length, 0, "the view now reads as empty");
    assert.throws(() => ghseal.sealSecret(key.publicKey, value), { name: "ValidationError", param: "value", message: /detached/ });
    const detachedKey = Uint8Array.from(key.publicKey);
    structuredClone(detachedKey.buffer, { transfer: [detachedKey.buffer] });
    assert.throws(() => ghseal.sealSecret(detachedKey, "v"), { name: "ValidationError", param: "publicKey", message: /detached/ });
  });

  test("sealSecret enforces GitHub's 48 KiB limit; { maxBytes } raises or lowers it", () => {
    const key = sodium.crypto_box_keypair();
    const open = (b64) => sodium.crypto_box_seal_open(sodium.from_base64(b64, sodium.base64_variants.ORIGINAL), key.publicKey, key.privateKey);
    assert.equal(open(ghseal.sealSecret(key.publicKey, "x".repeat(49152))).length, 49152);
    assert.throws(() => ghseal.sealSecret(key.publicKey, "x".repeat(49153)), { name: "ValidationError", param: "value", message: /49153 bytes is over the limit of 49152 bytes.*maxBytes: Infinity/ });
    assert.throws(() => ghseal.sealSecret(key.publicKey, new Uint8Array(49153)), { name: "ValidationError", param: "value" });
    const big = new Uint8Array(200_000).fill(5);
    assert.equal(open(ghseal.sealSecret(key.publicKey, big, { maxBytes: Infinity })).length, 200_000);
    assert.throws(() => ghseal.sealSecret(key.publicKey, "12345", { maxBytes: 4 }), { name: "ValidationError", param: "value" });
    for (const options of [{ maxBytes: -1 }, { maxBytes: "1" }, 5]) {
      assert.throws(() => ghseal.sealSecret(key.publicKey, "v", options), { name: "ValidationError", code: "invalid_type" });
    }
  });
});

// ------------------------------------------------------------------ item 2

/** A list server: `answer(url, n)` -> { secrets, next } for the n-th request (1-based). */
async function listServer(answer) {
  let n = 0;
  const server = await serve(async (req, res) => {
    n += 1;
    const { secrets = [], next } = answer(req.url, n, server);
    const headers = next ? { link: `<${next}>; rel="next"` } : {};
    sendJson(res, 200, { total_count: secrets.length, secrets }, headers);
  });
  return server;
}

const secretItem = (name) => ({ name, created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z" });
const LIST_PATH = `/repos/${OWNER}/${REPO}/actions/secrets`;

describe("item 2: pagination stops on a cycle and at a page cap", () => {
  test("page 1 -> page 2 -> page 1 is an error that says so (paginate and paginate.iterator)", async () => {
    const server = await listServer((url, n, s) =>
      url.includes("page=2") ? { secrets: [secretItem("B")], next: `${s.url}${LIST_PATH}?per_page=100` } : { secrets: [secretItem("A")], next: `${s.url}${LIST_PATH}?per_page=100&page=2` },
    );
    try {
      const gh = client(server.url);
      const error = await rejection(gh.paginate(gh.actions.listRepoSecrets, { owner: OWNER, repo: REPO }));
      assert.equal(error.name, "HttpError");
      assert.equal(error.code, "pagination");
      assert.match(error.message, /pagination cycle/);
      assert.equal(server.requests.length, 2);
      const seen = [];
      const iterError = await rejection((async () => {
        for await (const page of gh.paginate.iterator(gh.actions.listRepoSecrets, { owner: OWNER, repo: REPO, per_page: 100 })) seen.push(page.data.map((s) => s.name));
      })());
      assert.equal(iterError.code, "pagination");
      assert.deepEqual(seen, [["A"], ["B"]], "both pages were yielded before the error");
      assert.equal(server.requests.length, 4);
    } finally {
      await server.close();
    }
  });

  test("always-empty pages whose next changes forever hit maxPages (and the default cap of 1000)", async () => {
    const server = await listServer((url, n, s) => ({ secrets: [], next: `${s.url}${LIST_PATH}?per_page=100&cursor=${n}x` }));
    try {
      const gh = client(server.url, { maxPages: 25 });
      const error = await rejection(gh.paginate(gh.actions.listRepoSecrets, { owner: OWNER, repo: REPO }));
      assert.equal(error.code, "pagination");
      assert.match(error.message, /stopped after 25 pages \(maxPages\)/);
      assert.equal(server.requests.length, 25);
      const byDefault = await rejection(client(server.url).paginate(client(server.url).actions.listRepoSecrets, { owner: OWNER, repo: REPO }));
      assert.match(byDefault.message, /stopped after 1000 pages/);
      assert.equal(server.requests.length, 25 + 1000);
      assert.throws(() => client(server.url, { maxPages: "many" }), { name: "ValidationError", param: "maxPages" });
    } finally {
      await server.close();
    }
  });
});

// ------------------------------------------------------------------ item 4 (Link)

describe("item 4: a Link next cannot climb out of the base path", () => {
  test("`..` and `%2e%2e` in a next URL are refused before any request", async () => {
    for (const escape of ["/api/v3/../../other/secrets?page=2", "/api/v3/%2e%2e/%2E%2E/other/secrets?page=2", "/api/v3/.%2e/other?page=2"]) {
      const server = await listServer((url, n, s) => (url.startsWith("/api/v3/") ? { secrets: [secretItem("A")], next: `${s.url}${escape}` } : { secrets: [secretItem("LEAKED")] }));
      try {
        const gh = client(`${server.url}/api/v3`);
        const error = await rejection(gh.paginate(gh.actions.listRepoSecrets, { owner: OWNER, repo: REPO }));
        assert.equal(error.name, "ValidationError", escape);
        assert.equal(error.param, "url");
        assert.deepEqual(server.requests.map((r) => r.url.split("?")[0]), [`/api/v3${LIST_PATH}`], `${escape}: no request left /api/v3`);
      } finally {
        await server.close();
      }
    }
  });

  test("a next with dot segments that stays under the base path is followed, normalised", async () => {
    const server = await listServer((url, n, s) => (n === 1 ? { secrets: [secretItem("A")], next: `${s.url}/api/v3/x/..${LIST_PATH}?per_page=100&page=2` } : { secrets: [secretItem("B")] }));
    try {
      const gh = client(`${server.url}/api/v3`);
      const items = await gh.paginate(gh.actions.listRepoSecrets, { owner: OWNER, repo: REPO });
      assert.deepEqual(items.map((s) => s.name), ["A", "B"]);
      assert.equal(server.requests[1].url, `/api/v3${LIST_PATH}?per_page=100&page=2`);
    } finally {
      await server.close();
    }
  });
});

// ------------------------------------------------------------------ item 5

/** Every place an error or a response could show the token. */
function assertNoToken(label, value, token = TOKEN) {
  const b64 = Buffer.from(token).toString("base64");
  const views = value instanceof Error
    ? { message: value.message, stack: value.stack, json: JSON.stringify(value), inspect: inspect(value, { depth: 20 }), data: JSON.stringify(value.response?.data ?? null), headers: JSON.stringify(value.response?.headers ?? {}) }
    : { inspect: inspect(value, { depth: 20 }), json: JSON.stringify(value) };
  for (const [where, text] of Object.entries(views)) {
    assert.ok(!String(text).includes(token), `${label}: the token is in ${where}: ${text}`);
    assert.ok(!String(text).includes(b64.replace(/=+$/, "")), `${label}: the base64 token is in ${where}`);
  }
}

describe("item 5: a token echoed by the server never surfaces", () => {
  test("echoed in a body and headers of errors and of successful responses", async () => {
    const server = await serve(async (req, res, body) => {
      const auth = req.headers.authorization ?? "";
      const echo = { "x-echo": auth, "x-echo-b64": Buffer.from(auth).toString("base64"), "x-token": auth.replace(/^Bearer /, "") };
      if (req.url.startsWith("/ok")) return sendJson(res, 200, { you_sent: auth, again: auth.replace(/^Bearer /, ""), b64: Buffer.from(auth.replace(/^Bearer /, "")).toString("base64") }, echo);
      sendJson(res, 401, { message: `Bad credentials: ${auth}`, documentation_url: `https://x/?t=${auth.replace(/^Bearer /, "")}` }, echo);
    });
    try {
      const gh = client(server.url);
      const error = await rejection(gh.actions.getRepoPublicKey({ owner: OWNER, repo: REPO }));
      assert.equal(error.status, 401);
      assert.match(error.message, /Bad credentials: Bearer \[REDACTED\]/);
      assertNoToken("401", error);
      const ok = await gh.request("GET /ok");
      assert.equal(ok.data.you_sent, "Bearer [REDACTED]");
      assertNoToken("200", ok);
      assert.ok(server.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`), "the token itself was sent");
    } finally {
      await server.close();
    }
  });

  test("baseUrl with credentials, a query string or a fragment is refused at construction", () => {
    for (const [baseUrl, why] of [
      [`https://x-access-token:${TOKEN}@api.github.com`, /credentials/],
      [`https://${TOKEN}@ghe.example.com/api/v3`, /credentials/],
      ["https://api.github.com/?per_page=1", /query/],
      ["https://ghe.example.com/api/v3#frag", /fragment/],
    ]) {
      assert.throws(() => client(baseUrl), (error) => {
        assert.equal(error.name, "ValidationError");
        assert.equal(error.param, "baseUrl");
        assert.match(error.message, why);
        assertNoToken(baseUrl, error);
        return true;
      });
    }
  });
});

// ------------------------------------------------------------------ item 7

describe("item 7: Retry-After is parsed as RFC 9110 says", () => {
  /** One 403 secondary-rate-limit answer with `retryAfter`, then 200; resolves the onRetry events or the error. */
  async function once403(retryAfter, retry = {}) {
    let n = 0;
    const server = await serve(async (req, res) => {
      n += 1;
      if (n === 1) return sendJson(res, 403, { message: "You have exceeded a secondary rate limit." }, { "retry-after": retryAfter });
      sendJson(res, 200, { total_count: 0, secrets: [] });
    });
    const events = [];
    try {
      const gh = client(server.url, { retry: { retries: 2, secondaryRateLimitWait: 7, maxWait: 5000, ...retry }, onRetry: (e) => events.push(e) });
      const result = await gh.actions.listRepoSecrets({ owner: OWNER, repo: REPO }).then((r) => r, (e) => e);
      return { events, result, requests: server.requests.length };
    } finally {
      await server.close();
    }
  }

  test("delta-seconds and HTTP-dates are honoured", async () => {
    assert.deepEqual((await once403("1")).events.map((e) => [e.reason, e.waitMs]), [["secondary-rate-limit", 1000]]);
    const past = await once403(new Date(Date.now() - 60_000).toUTCString());
    assert.deepEqual(past.events.map((e) => e.waitMs), [0], "a date in the past: retry at once");
    const soon = await once403(new Date(Date.now() + 2000).toUTCString());
    assert.equal(soon.events.length, 1);
    assert.ok(soon.events[0].waitMs > 0 && soon.events[0].waitMs <= 2000, `waited ${soon.events[0].waitMs} ms for a date 2 s ahead`);
    assert.equal(soon.result.status, 200);
  });

  test("negative, fractional and garbage values count as absent (the fallback wait); huge ones exceed maxWait", async () => {
    for (const value of ["-5", "1.5", "soon", "", "5s"]) {
      const { events, result } = await once403(value);
      assert.deepEqual(events.map((e) => e.waitMs), [7], `retry-after: ${JSON.stringify(value)}`);
      assert.equal(result.status, 200);
    }
    for (const value of ["99999999999999999999999", "86400", new Date(Date.now() + 86_400_000).toUTCString()]) {
      const { events, result, requests } = await once403(value);
      assert.equal(events.length, 0, `retry-after: ${value} is beyond maxWait`);
      assert.equal(result.status, 403);
      assert.equal(requests, 1);
    }
  });
});

describe("item 8: broken public-key answers and oversized names", () => {
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
