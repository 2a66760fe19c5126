// The size constants the package exports (pkg-template/limits.js) agree with what
// the wasm does: sealSecret output is SEAL_OVERHEAD bytes longer than the value,
// and the client refuses a value of MAX_SECRET_BYTES + 1 bytes before any request
// while MAX_SECRET_BYTES bytes are uploaded (and decrypted by the emulator).
//   GHSEAL_PKG=pkg node --test tests/node/limits.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { importPkg } from "../support/pkg.mjs";
import { startEmulator } from "../emulator/index.mjs";

test("SEAL_OVERHEAD and MAX_SECRET_BYTES: exported by ghseal and ghseal/seal, equal to the wasm's behaviour", async () => {
  const ghseal = await importPkg("node.js");
  const seal = await importPkg("seal.node.js");
  assert.equal(ghseal.SEAL_OVERHEAD, 48);
  assert.equal(ghseal.MAX_SECRET_BYTES, 48 * 1024);
  assert.equal(seal.SEAL_OVERHEAD, ghseal.SEAL_OVERHEAD);
  assert.equal(seal.MAX_SECRET_BYTES, ghseal.MAX_SECRET_BYTES);
  const { publicKey } = ghseal.generateKeyPair();
  for (const value of ["", "abc", "ünï 🔑"]) {
    const sealed = Buffer.from(ghseal.sealSecret(publicKey, value), "base64");
    assert.equal(sealed.length, Buffer.byteLength(value) + ghseal.SEAL_OVERHEAD);
  }

  const server = await startEmulator();
  try {
    const gh = new ghseal.GitHubSecrets({ auth: "ghp_ghsealDemoToken", baseUrl: server.url, throttle: { minWriteInterval: 0 } });
    const params = { owner: "octo-org", repo: "hello-world", secret_name: "AT_THE_LIMIT" };
    server.emulator.clearLog();
    await assert.rejects(gh.actions.createOrUpdateRepoSecret({ ...params, value: "x".repeat(ghseal.MAX_SECRET_BYTES + 1) }), (err) => {
      assert.equal(err.name, "ValidationError");
      assert.equal(err.param, "value");
      return true;
    });
    assert.deepEqual(server.emulator.log(), [], "refused before any request");
    const ok = await gh.actions.createOrUpdateRepoSecret({ ...params, value: "x".repeat(ghseal.MAX_SECRET_BYTES) });
    assert.equal(ok.status, 201);
    assert.equal(server.emulator.getSecret("/repos/octo-org/hello-world/actions", "AT_THE_LIMIT").value.length, ghseal.MAX_SECRET_BYTES);
  } finally {
    await server.close();
  }
});
