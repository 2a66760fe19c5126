// The wasm builds' allocator (lol_alloc's free list, src/lib.rs) keeps memory
// bounded: after a warm-up (the basepoint table is built after the first seals, see
// src/seal.rs) long runs of seals, opens and errors of mixed sizes do not grow the
// WebAssembly.Memory. A leak of even 16 bytes a call would grow it by pages here.
// Run: GHSEAL_PKG=pkg node --test tests/node/wasm-memory.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import sodium from "libsodium-wrappers";
import { pkgDir, pkgUrl } from "../support/pkg.mjs";

await sodium.ready;

for (const dir of ["seal-wasm", "wasm"]) {
  test(`${dir}: memory stays bounded over 8,000 seals (0-8 KiB), opens and errors`, async () => {
    // A private instance of this wasm, so that its memory is the one measured.
    const glue = await import(`${pkgUrl(join(dir, "ghseal.js"))}?memory-test`);
    const { memory } = glue.initSync({ module: readFileSync(join(pkgDir, dir, "ghseal_bg.wasm")) });
    const pair = glue.generateKeyPair();
    const value = new Uint8Array(8192).fill(7);
    const round = (i) => {
      const size = (i * 2654435761) % 8193; // sizes spread over 0..8192 bytes
      const sealed = glue.sealSecret(pair.publicKey, value.subarray(0, size));
      if (i % 16 === 0) assert.equal(glue.openSecretBytes(sealed, pair.secretKey).length, size);
      if (i % 64 === 0) assert.throws(() => glue.sealSecret("not base64!", "v"), { name: "ValidationError" });
    };
    for (let i = 0; i < 1000; i++) round(i);
    const warm = memory.buffer.byteLength;
    for (let i = 1000; i < 9000; i++) round(i);
    assert.equal(memory.buffer.byteLength, warm, `memory grew from ${warm} to ${memory.buffer.byteLength} bytes`);
    const last = glue.sealSecret(pair.publicKey, "still sealing");
    const opened = sodium.crypto_box_seal_open(sodium.from_base64(last, sodium.base64_variants.ORIGINAL), sodium.from_base64(pair.publicKey, sodium.base64_variants.ORIGINAL), sodium.from_base64(pair.secretKey, sodium.base64_variants.ORIGINAL));
    assert.equal(sodium.to_string(opened), "still sealing");
  });
}
