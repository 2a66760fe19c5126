// What the wasm-size work changed that a caller can see (issue #12 item 1): messages
// that used to go through f64 Display or `{:?}` (each linking kilobytes of core::fmt
// and Unicode tables into the wasm) say the same things without them.
// Run: GHSEAL_PKG=pkg node --test tests/node/wasm-size.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import sodium from "libsodium-wrappers";
import { importPkg, pkgDir } from "../support/pkg.mjs";

await sodium.ready;

for (const entry of ["node.js", "seal.node.js"]) {
  test(`${entry}: a fractional maxBytes is reported as the whole bytes it allows`, async () => {
    const ghseal = await importPkg(entry);
    const key = sodium.crypto_box_keypair();
    // 11 bytes > 10.5 exactly when 11 > 10: the limit in whole bytes is 10.
    assert.throws(() => ghseal.sealSecret(key.publicKey, "x".repeat(11), { maxBytes: 10.5 }), {
      name: "ValidationError",
      param: "value",
      message: /^value: 11 bytes is over the limit of 10 bytes \(GitHub stores at most 49152 bytes, 48 KiB\)/,
    });
    const sealed = ghseal.sealSecret(key.publicKey, "x".repeat(10), { maxBytes: 10.5 });
    const opened = sodium.crypto_box_seal_open(sodium.from_base64(sealed, sodium.base64_variants.ORIGINAL), key.publicKey, key.privateKey);
    assert.equal(sodium.to_string(opened), "x".repeat(10));
  });
}

test("the shipped wasm holds no f64 formatting and no Unicode lowercase table", () => {
  // Byte runs from data segments of the wasm before the change (twiggy: the segment
  // kept alive by `<f64 as Display>::fmt`, and core::unicode's LOWERCASE_TABLE of
  // (char, char) u32 pairs reached from `str::to_lowercase`).
  const flt2dec = Buffer.from([0x10, 0xa5, 0xd4, 0xe8, 0xe8, 0xff, 0x0c, 0, 0, 0, 0, 0, 0, 0, 0x62, 0xac, 0xc5, 0xeb, 0x78, 0xad, 0x03, 0]);
  const lowercase = Buffer.from([0xc0, 0, 0, 0, 0xe0, 0, 0, 0, 0xc1, 0, 0, 0, 0xe1, 0, 0, 0, 0xc2, 0, 0, 0, 0xe2, 0, 0, 0]);
  for (const [dir, file] of [["wasm", "ghseal_bg.wasm"], ["seal-wasm", "ghseal_bg.wasm"], ["client-wasm", "ghseal_client_bg.wasm"]]) {
    const wasm = readFileSync(join(pkgDir, dir, file));
    assert.equal(wasm.indexOf(flt2dec), -1, `${dir}: f64 formatting is linked (a format!("{}", f64)?)`);
    assert.equal(wasm.indexOf(lowercase), -1, `${dir}: Unicode lowercase table is linked (str::to_lowercase on ASCII data?)`);
  }
});
