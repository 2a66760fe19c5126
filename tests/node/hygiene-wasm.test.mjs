// Secret hygiene inside wasm: linear memory does not retain the plaintext after
// `sealSecret` (or a client write) returns - the instance's memory buffer is searched
// for markers - and after every caught error in any public function the instance
// still works: thousands of bad calls alternate with good ones.
//
//   GHSEAL_PKG=target/pkg-soak node --test tests/node/hygiene*.test.mjs

import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import sodium from "libsodium-wrappers";
import { importPkg, pkgDir, pkgUrl } from "../support/pkg.mjs";
import { HELLO, HELLO_SCOPE, caught, useHygiene } from "../support/hygiene.mjs";

const h = useHygiene();

/**
 * The exports of the client wasm instance that the Node entry's GitHubSecrets uses
 * (client-wasm.node.js instantiates the same glue module; initSync returns the
 * instance it already has, or makes the one the loader will then reuse).
 */
async function clientExports() {
  const glue = await import(pkgUrl("client-wasm/ghseal_client.js"));
  return glue.initSync({ module: readFileSync(join(pkgDir, "client-wasm", "ghseal_client_bg.wasm")) });
}

// ------------------------------------------------------------- wasm memory

describe("wasm linear memory", () => {
  let memories;
  let exportsOf;

  // The sealing functions searched: ghseal/slim's, whose instance (and memory) its
  // initSync returns. (The Node entry bundles its own copy of the same glue and wasm.)
  let seal;

  before(async () => {
    const slim = await importPkg("slim.js");
    exportsOf = slim.initSync({ module: readFileSync(join(pkgDir, "wasm", "ghseal_bg.wasm")) });
    seal = slim;
    // GitHubSecrets' calls run in the client wasm (loaded on first use by
    // client-wasm.node.js through this same glue module): its memory is searched too.
    const client = await clientExports();
    memories = [exportsOf.memory, client.memory];
    for (const memory of memories) assert.ok(memory instanceof WebAssembly.Memory);
  });

  /**
   * How many traces of `needle` (UTF-8) linear memory holds: occurrences of each
   * 24-byte window of it (windows every 12 bytes, plus the last one). Windows, not
   * the whole needle: the allocator writes its free-list links over the first bytes
   * of a freed block, which would hide a left-over copy from a whole-string search.
   */
  function occurrences(needle) {
    const bytes = Buffer.from(needle);
    const starts = new Set([bytes.length - 24]);
    for (let at = 0; at + 24 <= bytes.length; at += 12) starts.add(at);
    let n = 0;
    for (const memory of memories) {
      const heap = Buffer.from(memory.buffer);
      for (const at of starts) {
        const window = bytes.subarray(at, at + 24);
        for (let i = heap.indexOf(window); i !== -1; i = heap.indexOf(window, i + 1)) n += 1;
      }
    }
    return n;
  }

  test("the search sees the instance whose functions it calls (control: sealSecret's output is left in freed memory)", () => {
    const { publicKey } = seal.generateKeyPair();
    const sealed = seal.sealSecret(publicKey, randomBytes(40).toString("hex"));
    assert.ok(occurrences(sealed) >= 1, "the base64 output of the last sealSecret call should still be in linear memory");
  });

  test("sealSecret leaves no copy of the plaintext (string, non-ASCII string, Uint8Array)", () => {
    const { publicKey } = seal.generateKeyPair();
    const ascii = randomBytes(32).toString("hex");
    const text = `${randomBytes(32).toString("hex")}-ünïcødé 日本語 🔐`;
    const raw = randomBytes(32).toString("hex");
    for (let i = 0; i < 200; i++) {
      seal.sealSecret(publicKey, ascii);
      seal.sealSecret(publicKey, text);
      seal.sealSecret(Buffer.from(publicKey, "base64"), new TextEncoder().encode(raw));
    }
    assert.equal(occurrences(ascii), 0, "ASCII string value");
    assert.equal(occurrences(text), 0, "non-ASCII string value");
    assert.equal(occurrences(text.slice(0, 64)), 0, "non-ASCII string value (ASCII head)");
    assert.equal(occurrences(raw), 0, "Uint8Array value");
  });

  test("client writes leave no copy of the plaintext (createOrUpdate*, setSecrets, retries, rotation, failures)", async () => {
    const gh = h.client({ retry: { retries: 3, baseDelay: 1 } });
    const values = [];
    // Each value: 64 random hex digits (searched for) and non-ASCII text.
    const v = () => {
      const x = randomBytes(32).toString("hex");
      values.push(x);
      return `${x}-ünï日本🔐`;
    };
    const a = v();
    await gh.actions.createOrUpdateRepoSecret({ ...HELLO, secret_name: "MEM_A", value: a });
    await gh.actions.createOrUpdateEnvironmentSecret({ ...HELLO, environment_name: "prod/eu", secret_name: "MEM_ENV", value: v() });
    await gh.actions.createOrUpdateOrgSecret({ org: "octo-org", secret_name: "MEM_ORG", value: v(), visibility: "all" });
    await gh.codespaces.createOrUpdateSecretForAuthenticatedUser({ secret_name: "MEM_USER", value: v() });
    h.emulator.injectFaults([{ kind: "server-error", count: 1, method: "PUT" }]);
    await gh.dependabot.createOrUpdateRepoSecret({ ...HELLO, secret_name: "MEM_RETRIED", value: v() });
    h.emulator.rotateKey(HELLO_SCOPE);
    const rotated = v();
    await gh.actions.createOrUpdateRepoSecret({ ...HELLO, secret_name: "MEM_ROTATED", value: rotated });
    const bulk = {};
    for (let i = 0; i < 20; i++) bulk[`MEM_BULK_${i}`] = v();
    bulk["bad-name"] = v();
    const results = await gh.setSecrets({ owner: "octo-org", repo: "repo-01" }, bulk);
    assert.equal(results.filter((r) => r.status === "created").length, 20);
    await gh.setSecrets({ owner: "octo-org", repo: "no-such-repo" }, { A: v(), B: v() });
    await gh.actions.createOrUpdateRepoSecret({ ...HELLO, secret_name: "bad name", value: v() }).catch(() => {});
    await gh.actions.createOrUpdateRepoSecret({ owner: "octo-org", repo: "no-such-repo", secret_name: "A", value: v() }).catch(() => {});
    await h.client({ baseUrl: h.closedPortUrl }).actions.createOrUpdateRepoSecret({ ...HELLO, secret_name: "A", value: v() }).catch(() => {});
    // The writes happened (the markers really passed through the instance).
    assert.equal(h.emulator.getSecret(HELLO_SCOPE, "MEM_A").value, a);
    assert.equal(h.emulator.getSecret(HELLO_SCOPE, "MEM_ROTATED").value, rotated);
    const left = values.filter((x) => occurrences(x) > 0);
    assert.deepEqual(left, [], `${left.length} of ${values.length} values still in linear memory`);
  });

  test(
    "openSecret / openSecretBytes leave no copy of the plaintext",
    () => {
      const { publicKey, secretKey } = seal.generateKeyPair();
      const viaString = randomBytes(32).toString("hex");
      const viaBytes = randomBytes(32).toString("hex");
      assert.equal(seal.openSecret(seal.sealSecret(publicKey, viaString), secretKey), viaString);
      assert.equal(Buffer.from(seal.openSecretBytes(seal.sealSecret(publicKey, viaBytes), secretKey)).toString(), viaBytes);
      assert.equal(occurrences(viaString), 0, "openSecret's plaintext is still in linear memory");
      assert.equal(occurrences(viaBytes), 0, "openSecretBytes's plaintext is still in linear memory");
    },
  );

  test(
    "generateKeyPair leaves no copy of the secret key",
    () => {
      const { secretKey } = seal.generateKeyPair();
      assert.equal(occurrences(secretKey), 0, "the base64 secret key is still in linear memory");
    },
  );
});

// ------------------------------------------------------- errors in a loop

describe("the instance keeps working after caught errors", () => {
  test("3000 bad calls across every public function alternate with good ones", { timeout: 120_000 }, async (t) => {
    const slim = await importPkg("slim.js");
    const wasm = slim.initSync({ module: readFileSync(join(pkgDir, "wasm", "ghseal_bg.wasm")) });
    const client = await clientExports();
    const pointerOf = (w) => (typeof w.__wbindgen_add_to_stack_pointer === "function" ? w.__wbindgen_add_to_stack_pointer(0) : undefined);
    const stackPointer = () => pointerOf(wasm);
    const clientSp0 = pointerOf(client);
    const { publicKey, secretKey } = h.ghseal.generateKeyPair();
    const other = sodium.crypto_box_keypair();
    const sealedForOther = h.ghseal.sealSecret(other.publicKey, "for someone else");
    const gh = h.client();
    const bad = [
      () => h.ghseal.sealSecret("not base64!", "v"),
      () => h.ghseal.sealSecret(publicKey, { not: "a value" }),
      () => h.ghseal.sealSecret(new Uint8Array(12), "v"),
      () => h.ghseal.sealSecret(undefined, undefined),
      () => h.ghseal.openSecret("!!", secretKey),
      () => h.ghseal.openSecret(sealedForOther, secretKey),
      () => h.ghseal.openSecret(h.ghseal.sealSecret(publicKey, new Uint8Array([0xff, 0xfe])), secretKey),
      () => h.ghseal.openSecretBytes(new Uint8Array(10), secretKey),
      () => h.ghseal.openSecretBytes(sealedForOther, 42),
      () => new h.ghseal.GitHubSecrets({ baseUrl: "ftp://x" }),
      () => new h.ghseal.GitHubSecrets({ timeout: -5 }),
      () => new h.ghseal.GitHubSecrets({ fetch: 42 }),
      () => new h.ghseal.GitHubSecrets({ throttle: { minWriteInterval: "x" } }),
      () => gh.actions.createOrUpdateRepoSecret({ owner: "octo-org" }),
      () => gh.actions.getRepoSecret({ ...HELLO, secret_name: "bad name" }),
      () => gh.actions.listRepoSecrets({ ...HELLO, per_page: 1000 }),
      () => gh.dependabot.createOrUpdateOrgSecret({ org: "octo-org", secret_name: "A", value: "v", visibility: "nope" }),
      () => gh.codespaces.getSecretForAuthenticatedUser({ secret_name: 7 }),
      () => gh.actions.getRepoPublicKey({ ...HELLO, toJSON() { throw new Error("not serialisable"); } }),
      () => gh.actions.getRepoPublicKey("not an object"),
      () => gh.request("BOGUS /x"),
      () => gh.request("GET no-slash"),
      () => gh.request("GET /repos/{owner}/{repo}", { owner: "octo-org" }),
      () => gh.paginate(gh.actions.getRepoSecret, { ...HELLO, secret_name: "A" }),
      () => gh.paginate({}),
      async () => {
        for await (const _ of gh.paginate.iterator(gh.actions.listRepoSecrets, { owner: "octo-org" })) assert.fail("no page");
      },
      () => gh.setSecrets({}, { A: "v" }),
      () => gh.setSecrets(HELLO, [1, 2]),
      () => gh.setSecrets({ app: "nope", org: "x" }, {}),
      () => gh.setSecrets({ app: "dependabot", ...HELLO, environment_name: "production" }, { A: "v" }),
      () => gh.setSecrets(HELLO, { A: 1 }),
      () => gh.setSecrets("octo-org/hello-world", { A: "v" }),
      () => gh.actions.getRepoPublicKey({ owner: "octo-org", repo: "no-such-repo" }), // 404 from the emulator
    ];
    const names = new Map();
    const sp0 = stackPointer();
    const bytes0 = wasm.memory.buffer.byteLength;
    let good = 0;
    const goodClientCall = async (i) => {
      const name = `LOOP_${i}`;
      const value = `loop ${i} ✓`;
      await gh.actions.createOrUpdateRepoSecret({ owner: "octo-org", repo: "repo-02", secret_name: name, value });
      assert.equal(h.emulator.getSecret("/repos/octo-org/repo-02/actions", name).value, value, `client call after ${i} bad calls`);
    };
    for (let i = 0; i < 3000; i++) {
      const call = bad[i % bad.length];
      let error;
      try {
        await call();
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof Error, `bad call #${i % bad.length} did not fail`);
      assert.ok(["ValidationError", "DecryptionError", "HttpError"].includes(error.name), `bad call #${i % bad.length}: ${error.name}: ${error.message}`);
      names.set(i % bad.length, `${error.name}/${error.code}`);
      // A good seal that libsodium opens, and a key pair that works.
      const value = `good ${i} ✓`;
      const sealed = h.ghseal.sealSecret(publicKey, value);
      const opened = sodium.crypto_box_seal_open(Buffer.from(sealed, "base64"), Buffer.from(publicKey, "base64"), Buffer.from(secretKey, "base64"));
      assert.equal(Buffer.from(opened).toString(), value, `good seal after bad call ${i}`);
      if (i % 100 === 0) {
        const kp = h.ghseal.generateKeyPair();
        assert.equal(h.ghseal.openSecret(h.ghseal.sealSecret(kp.publicKey, value), kp.secretKey), value);
      }
      if (i % 500 === 499) await goodClientCall(i);
      good += 1;
    }
    await goodClientCall("end");
    assert.equal(good, 3000);
    assert.equal(names.size, bad.length, "every bad call failed");
    if (sp0 !== undefined) assert.equal(stackPointer(), sp0, "the wasm shadow stack pointer drifted");
    if (clientSp0 !== undefined) assert.equal(pointerOf(client), clientSp0, "the client wasm's shadow stack pointer drifted");
    const grown = wasm.memory.buffer.byteLength - bytes0;
    t.diagnostic(`${bad.length} kinds of bad call; stack pointer ${sp0} -> ${stackPointer()}; linear memory grew by ${grown} bytes`);
    assert.ok(grown <= 512 * 1024, `linear memory grew by ${grown} bytes over the loop`);
  });

  test(
    "errors thrown by the caller's own objects inside a call leave the instance working",
    {
      timeout: 60_000,
    },
    async () => {
      // In a worker: a poisoned instance must not break the rest of this file.
      const source = `
        const { parentPort, workerData } = require("node:worker_threads");
        (async () => {
          const lib = await import(workerData.node);
          const slim = await import(workerData.slim);
          const wasm = slim.initSync({ module: require("node:fs").readFileSync(workerData.wasm) });
          const sp = () => wasm.__wbindgen_add_to_stack_pointer?.(0);
          const { publicKey, secretKey } = lib.generateKeyPair();
          const gh = new lib.GitHubSecrets({ baseUrl: "http://127.0.0.1:9" });
          const bad = [
            () => gh.setSecrets({ owner: "o", repo: "r" }, { get A() { throw new Error("getter"); } }),
            () => lib.sealSecret(publicKey, new Proxy(new Uint8Array(8), {})),
            () => lib.openSecret(new Proxy(new Uint8Array(80), {}), secretKey),
          ];
          const sp0 = sp();
          let drift;
          for (let i = 0; i < 3000; i++) {
            try { await bad[i % bad.length](); } catch {}
            if (i === 2) drift = sp0 - sp();
            try {
              const s = lib.sealSecret(publicKey, "good " + i);
              if (lib.openSecret(s, secretKey) !== "good " + i) throw new Error("round trip failed");
            } catch (e) {
              return parentPort.postMessage({ brokenAfter: i + 1, message: String(e), drift });
            }
          }
          parentPort.postMessage({ brokenAfter: null, drift: sp0 - sp() });
        })().catch((e) => parentPort.postMessage({ error: String(e && e.stack || e) }));
      `;
      const worker = new Worker(source, {
        eval: true,
        workerData: { node: pkgUrl("node.js"), slim: pkgUrl("slim.js"), wasm: join(pkgDir, "wasm", "ghseal_bg.wasm") },
      });
      const result = await new Promise((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
      });
      await worker.terminate();
      assert.equal(result.error, undefined, result.error);
      assert.deepEqual(
        { stackDriftAfter3: result.drift, brokenAfter: result.brokenAfter },
        { stackDriftAfter3: 0, brokenAfter: null },
        `the shadow stack pointer drifted by ${result.drift} bytes after 3 caught errors; the instance broke after ${result.brokenAfter} caught errors: ${result.message}`,
      );
    },
  );
});
