// Every bad input gets a precise, typed error, and the wasm instance keeps working
// afterwards (a panic inside WebAssembly would poison it).
//
//   GHSEAL_PKG=target/pkg-crypto node --test tests/node/errors.test.mjs
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { importWithSodium } from "../support/pkg.mjs";

let ghseal;
let sodium;

before(async () => ({ ghseal, sodium } = await importWithSodium("node.js")));

const ORIGINAL = () => sodium.base64_variants.ORIGINAL;
const toB64 = (bytes) => sodium.to_base64(bytes, ORIGINAL());
const fromB64 = (text) => sodium.from_base64(text, ORIGINAL());

const VALIDATION_CODES = ["invalid_base64", "invalid_length", "invalid_type", "invalid_param"];
const SECRET_VALUE = "s3cr3t-value-that-must-never-appear-in-errors";

/** A fresh libsodium key pair as bytes and standard base64. */
function keyPair() {
  const kp = sodium.crypto_box_keypair();
  return { pk: kp.publicKey, sk: kp.privateKey, pkB64: toB64(kp.publicKey), skB64: toB64(kp.privateKey) };
}

/** A key pair whose standard base64 contains '+' or '/', so its URL-safe spelling differs. */
function keyPairWithPlusOrSlash() {
  for (;;) {
    const kp = keyPair();
    if (/[+/]/.test(kp.pkB64) && /[+/]/.test(kp.skB64)) return kp;
  }
}

const urlSafe = (b64) => b64.replace(/\+/g, "-").replace(/\//g, "_");

/**
 * A good call after every error: seal a fresh value for a fresh libsodium key pair,
 * open it with libsodium, and open a libsodium box with ghseal.
 */
let goodCalls = 0;
function assertStillWorks(context = "") {
  const kp = keyPair();
  const value = `good call ${++goodCalls} ✓ ${context}`.slice(0, 200);
  const sealed = ghseal.sealSecret(kp.pkB64, value);
  const opened = sodium.crypto_box_seal_open(fromB64(sealed), kp.pk, kp.sk);
  assert.equal(Buffer.from(opened).toString("utf8"), value, `good call after ${context} did not round-trip`);
  assert.equal(ghseal.openSecret(toB64(sodium.crypto_box_seal(value, kp.pk)), kp.skB64), value, `openSecret after ${context}`);
}

/**
 * Runs `fn`, asserts it throws an Error with the given name/code/param and a message
 * that starts with the parameter's name and contains each of `mentions`; then
 * asserts that a good call succeeds.
 */
function expectError(label, fn, { name, code, param, mentions = [] }) {
  let thrown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown !== undefined, `${label}: did not throw`);
  assert.ok(thrown instanceof Error, `${label}: threw a non-Error ${String(thrown)}`);
  assert.equal(thrown.name, name, `${label}: name (message: ${thrown.message})`);
  if (Array.isArray(code)) assert.ok(code.includes(thrown.code), `${label}: code ${thrown.code} not one of ${code}`);
  else assert.equal(thrown.code, code, `${label}: code (message: ${thrown.message})`);
  assert.equal(thrown.param, param, `${label}: param`);
  assert.equal(typeof thrown.message, "string");
  assert.ok(thrown.message.startsWith(`${param}:`), `${label}: message should start with "${param}:", got ${JSON.stringify(thrown.message)}`);
  for (const m of mentions) {
    const ok = m instanceof RegExp ? m.test(thrown.message) : thrown.message.includes(m);
    assert.ok(ok, `${label}: message ${JSON.stringify(thrown.message)} should mention ${m}`);
  }
  assert.ok(!thrown.message.includes(SECRET_VALUE), `${label}: message leaks the value`);
  assert.equal(typeof thrown.stack, "string", `${label}: no stack`);
  assertStillWorks(label);
  return thrown;
}

// What each kind of parameter is expected to be, as its error message states it.
const KEY_EXPECTED = [/expected/, /base64/, /string/, /32-byte/, /Uint8Array/];
const VALUE_EXPECTED = [/expected/, /string/, /Uint8Array/];
const SEALED_EXPECTED = [/expected/, /base64/, /string/, /Uint8Array/];
const BASE64_EXPECTED = [/invalid base64/, /standard base64/];

const WRONG_TYPES = {
  number: 42,
  "NaN": NaN,
  null: null,
  undefined: undefined,
  object: { publicKey: "x" },
  "empty object": {},
  array: [1, 2, 3],
  "array of 32 numbers": Array.from({ length: 32 }, (_, i) => i),
  boolean: true,
  bigint: 10n,
  symbol: Symbol("k"),
  function: () => "key",
};

/** The three functions, each parameter, and a valid value for every other parameter. */
function calls(kp) {
  const sealed = toB64(sodium.crypto_box_seal(SECRET_VALUE, kp.pk));
  return [
    { fn: "sealSecret", param: "publicKey", call: (x) => ghseal.sealSecret(x, SECRET_VALUE), expected: KEY_EXPECTED, kind: "key" },
    { fn: "sealSecret", param: "value", call: (x) => ghseal.sealSecret(kp.pkB64, x), expected: VALUE_EXPECTED, kind: "value" },
    { fn: "openSecret", param: "sealed", call: (x) => ghseal.openSecret(x, kp.skB64), expected: SEALED_EXPECTED, kind: "sealed" },
    { fn: "openSecret", param: "secretKey", call: (x) => ghseal.openSecret(sealed, x), expected: KEY_EXPECTED, kind: "key" },
    { fn: "openSecretBytes", param: "sealed", call: (x) => ghseal.openSecretBytes(x, kp.skB64), expected: SEALED_EXPECTED, kind: "sealed" },
    { fn: "openSecretBytes", param: "secretKey", call: (x) => ghseal.openSecretBytes(sealed, x), expected: KEY_EXPECTED, kind: "key" },
  ];
}

test("wrong types for every parameter of every function -> ValidationError invalid_type", () => {
  const kp = keyPair();
  for (const c of calls(kp)) {
    for (const [typeName, bad] of Object.entries(WRONG_TYPES)) {
      expectError(`${c.fn}(${c.param} = ${typeName})`, () => c.call(bad), {
        name: "ValidationError",
        code: "invalid_type",
        param: c.param,
        mentions: c.expected,
      });
    }
  }
  // Missing arguments entirely.
  expectError("sealSecret()", () => ghseal.sealSecret(), { name: "ValidationError", code: "invalid_type", param: "publicKey", mentions: KEY_EXPECTED });
  expectError("sealSecret(pk)", () => ghseal.sealSecret(kp.pkB64), { name: "ValidationError", code: "invalid_type", param: "value", mentions: VALUE_EXPECTED });
  const sealed = ghseal.sealSecret(kp.pkB64, "x");
  expectError("openSecret(sealed)", () => ghseal.openSecret(sealed), { name: "ValidationError", code: "invalid_type", param: "secretKey", mentions: KEY_EXPECTED });
  expectError("openSecretBytes(sealed)", () => ghseal.openSecretBytes(sealed), { name: "ValidationError", code: "invalid_type", param: "secretKey", mentions: KEY_EXPECTED });
});

test("invalid base64 keys and boxes (incl. the URL-safe alphabet) -> ValidationError invalid_base64", () => {
  const kp = keyPairWithPlusOrSlash();
  const sealedB64 = toB64(sodium.crypto_box_seal(SECRET_VALUE, kp.pk));
  const sealedWithPlusSlash = (() => {
    for (;;) {
      const s = toB64(sodium.crypto_box_seal(SECRET_VALUE, kp.pk));
      if (/[+/]/.test(s)) return s;
    }
  })();
  const badKeys = {
    "URL-safe alphabet (- and _)": null, // filled per parameter below
    "URL-safe alphabet, unpadded": null,
    "libsodium.js default variant (URLSAFE_NO_PADDING)": null,
    "not base64 at all": "not base64!",
    "'*' inside": "AAAA*AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
    "space inside": "AAAAAAAAAAAAAAAAAAAAA AAAAAAAAAAAAAAAAAAAAA=",
    "non-ASCII": "ééééééééééééééééééééééééééééééééééééééééééé=",
    "padding in the middle": "AAAA=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "too much padding": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
    "only padding": "====",
    "one character": "A",
  };
  for (const c of calls(kp)) {
    const good = c.param === "publicKey" ? kp.pkB64 : c.param === "secretKey" ? kp.skB64 : c.param === "sealed" ? sealedWithPlusSlash : null;
    if (good === null) continue; // value: any string is valid
    const cases = {
      ...badKeys,
      "URL-safe alphabet (- and _)": urlSafe(good),
      "URL-safe alphabet, unpadded": urlSafe(good).replace(/=+$/, ""),
      "libsodium.js default variant (URLSAFE_NO_PADDING)": sodium.to_base64(fromB64(good)),
    };
    assert.notEqual(urlSafe(good), good, "the URL-safe spelling must differ for this test to mean anything");
    for (const [label, bad] of Object.entries(cases)) {
      expectError(`${c.fn}(${c.param} = ${label})`, () => c.call(bad), {
        name: "ValidationError",
        code: "invalid_base64",
        param: c.param,
        mentions: BASE64_EXPECTED,
      });
    }
  }
  // The same bytes in standard base64 are fine.
  assert.equal(ghseal.openSecret(sealedB64, kp.skB64), SECRET_VALUE);
});

test("keys of 31 and 33 bytes (and 0, 64) as base64 and Uint8Array -> ValidationError invalid_length", () => {
  const kp = keyPair();
  for (const c of calls(kp).filter((c) => c.kind === "key")) {
    for (const n of [31, 33, 0, 1, 64]) {
      const bytes = sodium.randombytes_buf(n);
      const forms = { base64: toB64(bytes), "unpadded base64": toB64(bytes).replace(/=+$/, ""), Uint8Array: bytes, Buffer: Buffer.from(bytes) };
      for (const [form, bad] of Object.entries(forms)) {
        const err = expectError(`${c.fn}(${c.param} = ${n} bytes as ${form})`, () => c.call(bad), {
          name: "ValidationError",
          code: "invalid_length",
          param: c.param,
          mentions: ["expected 32 bytes", `got ${n}`],
        });
        if (n === 31 || n === 33) assert.equal(err.message, `${c.param}: expected 32 bytes, got ${n}`);
      }
    }
    // A key in hex is valid base64 by accident: 64 hex digits decode to 48 bytes.
    expectError(`${c.fn}(${c.param} = 32-byte key in hex)`, () => c.call(Buffer.from(kp.pk).toString("hex")), {
      name: "ValidationError",
      code: "invalid_length",
      param: c.param,
      mentions: ["expected 32 bytes, got 48"],
    });
  }
});

test("sealed boxes that do not open -> DecryptionError open_failed (tampered, truncated, short, wrong key)", () => {
  const kp = keyPair();
  const other = keyPair();
  const value = "a value to tamper with";
  const sealed = fromB64(ghseal.sealSecret(kp.pkB64, value));
  const n = sealed.length;
  const flip = (i) => {
    const c = Uint8Array.from(sealed);
    c[i] ^= 0x01;
    return c;
  };
  const emptySealed = fromB64(ghseal.sealSecret(kp.pkB64, ""));
  const cases = {
    "bit flipped in the ephemeral public key": flip(0),
    "bit flipped at byte 31": flip(31),
    "bit flipped in the tag": flip(32),
    "bit flipped in the ciphertext": flip(48),
    "bit flipped in the last byte": flip(n - 1),
    "truncated by one byte": sealed.subarray(0, n - 1),
    "truncated to 48 bytes": sealed.subarray(0, 48),
    "one byte appended": Uint8Array.from([...sealed, 0]),
    "47 bytes": sealed.subarray(0, 47),
    "32 bytes": sealed.subarray(0, 32),
    "1 byte": sealed.subarray(0, 1),
    "0 bytes": new Uint8Array(0),
    "48 zero bytes": new Uint8Array(48),
    "sealed empty value, tag altered": (() => {
      const c = Uint8Array.from(emptySealed);
      c[47] ^= 0x80;
      return c;
    })(),
    "ephemeral key swapped with another box's": (() => {
      const c = Uint8Array.from(sealed);
      c.set(fromB64(ghseal.sealSecret(kp.pkB64, value)).subarray(0, 32), 0);
      return c;
    })(),
  };
  for (const fn of ["openSecret", "openSecretBytes"]) {
    for (const [label, boxed] of Object.entries(cases)) {
      for (const [form, input] of [["base64", toB64(boxed)], ["Uint8Array", Uint8Array.from(boxed)]]) {
        expectError(`${fn}(${label}, as ${form})`, () => ghseal[fn](input, kp.skB64), {
          name: "DecryptionError",
          code: "open_failed",
          param: "sealed",
          mentions: [/could not be opened/, /wrong key|truncated|altered/],
        });
      }
    }
    // Empty base64 string: 0 bytes, cannot open.
    expectError(`${fn}("")`, () => ghseal[fn]("", kp.skB64), { name: "DecryptionError", code: "open_failed", param: "sealed" });
    // Wrong secret key, both forms; and libsodium agrees it does not open.
    for (const [form, key] of [["base64", other.skB64], ["Uint8Array", other.sk]]) {
      expectError(`${fn}(wrong secret key as ${form})`, () => ghseal[fn](toB64(sealed), key), {
        name: "DecryptionError",
        code: "open_failed",
        param: "sealed",
        mentions: [/wrong key/],
      });
    }
    assert.throws(() => sodium.crypto_box_seal_open(sealed, other.pk, other.sk));
    // A secret key that is the *public* key (a common mix-up) does not open either.
    expectError(`${fn}(public key given as secret key)`, () => ghseal[fn](toB64(sealed), kp.pkB64), { name: "DecryptionError", code: "open_failed", param: "sealed" });
  }
  // The untouched box still opens.
  assert.equal(ghseal.openSecret(toB64(sealed), kp.skB64), value);
});

test("openSecret on a non-UTF-8 plaintext -> ValidationError pointing to openSecretBytes", () => {
  const kp = keyPair();
  const invalid = {
    "0xff": [0xff],
    "0xfe 0xff": [0xfe, 0xff],
    "lone continuation byte": [0x80],
    "truncated 2-byte sequence": [0x61, 0xc3],
    "truncated 4-byte emoji": [0xf0, 0x9f, 0x98],
    "overlong '/'": [0xc0, 0xaf],
    "UTF-8-encoded surrogate (CESU-8)": [0xed, 0xa0, 0x80],
    "code point above U+10FFFF": [0xf4, 0x90, 0x80, 0x80],
    "valid text then 0xff": [...Buffer.from("ok é 😀"), 0xff],
  };
  for (const [label, list] of Object.entries(invalid)) {
    const bytes = Uint8Array.from(list);
    for (const [from, sealed] of [["ghseal", ghseal.sealSecret(kp.pkB64, bytes)], ["libsodium", toB64(sodium.crypto_box_seal(bytes, kp.pk))]]) {
      expectError(`openSecret(${label}, sealed by ${from})`, () => ghseal.openSecret(sealed, kp.skB64), {
        name: "ValidationError",
        code: VALIDATION_CODES,
        param: "sealed",
        mentions: [/UTF-8/, "openSecretBytes"],
      });
      // The bytes are there for openSecretBytes.
      assert.deepEqual(ghseal.openSecretBytes(sealed, kp.skB64), bytes, label);
    }
  }
  // Valid UTF-8 edge cases do open as text.
  for (const text of ["", "\u0000", "\u{10ffff}", "\ufeffBOM", "😀", "e\u0301"]) {
    assert.equal(ghseal.openSecret(ghseal.sealSecret(kp.pkB64, Buffer.from(text)), kp.skB64), text);
  }
});

test("errors never contain the value or key material", () => {
  const kp = keyPair();
  const checks = [
    () => ghseal.sealSecret(kp.pkB64.slice(0, 40), SECRET_VALUE),
    () => ghseal.sealSecret(urlSafe(keyPairWithPlusOrSlash().pkB64), SECRET_VALUE),
    () => ghseal.openSecret(toB64(Buffer.from(SECRET_VALUE)), kp.skB64),
    () => ghseal.openSecret(ghseal.sealSecret(kp.pkB64, SECRET_VALUE), keyPair().skB64),
    () => ghseal.openSecret(ghseal.sealSecret(kp.pkB64, Buffer.from([0xff, ...Buffer.from(SECRET_VALUE)])), kp.skB64),
  ];
  for (const [i, fn] of checks.entries()) {
    let err;
    try {
      fn();
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof Error, `check #${i} did not throw`);
    for (const secret of [SECRET_VALUE, kp.skB64, kp.skB64.slice(0, 20)]) {
      assert.ok(!String(err.message).includes(secret), `check #${i}: message leaks ${secret}`);
      assert.ok(!String(err.stack).includes(secret), `check #${i}: stack leaks ${secret}`);
    }
  }
});

test("2000 alternating bad/good calls leave the instance working", { timeout: 60_000 }, () => {
  const kp = keyPair();
  const sealed = toB64(sodium.crypto_box_seal("x", kp.pk));
  const nonUtf8 = ghseal.sealSecret(kp.pkB64, Uint8Array.of(0xff));
  const bad = [
    ["invalid_type", () => ghseal.sealSecret(42, "v")],
    ["invalid_type", () => ghseal.sealSecret(kp.pkB64, null)],
    ["invalid_base64", () => ghseal.sealSecret(urlSafe(keyPairWithPlusOrSlash().pkB64), "v")],
    ["invalid_length", () => ghseal.sealSecret(new Uint8Array(31), "v")],
    ["invalid_length", () => ghseal.sealSecret(toB64(new Uint8Array(33)), "v")],
    ["open_failed", () => ghseal.openSecret(sealed.slice(0, 40), kp.skB64)],
    ["open_failed", () => ghseal.openSecretBytes(sealed, keyPair().skB64)],
    ["invalid_type", () => ghseal.openSecret(undefined, kp.skB64)],
    ["invalid_base64", () => ghseal.openSecretBytes("%%%%", kp.skB64)],
    ["invalid_length", () => ghseal.openSecret(sealed, new Uint8Array(0))],
    [VALIDATION_CODES, () => ghseal.openSecret(nonUtf8, kp.skB64)],
  ];
  const large = new Uint8Array(48 * 1024).fill(7);
  for (let i = 0; i < 2000; i++) {
    if (i % 2 === 0) {
      const [code, fn] = bad[(i / 2) % bad.length];
      let threw = false;
      try {
        fn();
      } catch (e) {
        threw = true;
        assert.ok(Array.isArray(code) ? code.includes(e.code) : e.code === code, `call ${i}: code ${e.code}, expected ${code}`);
      }
      assert.ok(threw, `call ${i} did not throw`);
    } else {
      const value = i % 101 === 1 ? large : `good ${i}`;
      const out = ghseal.sealSecret(kp.pkB64, value);
      const opened = sodium.crypto_box_seal_open(fromB64(out), kp.pk, kp.sk);
      const expected = typeof value === "string" ? Buffer.from(value) : value;
      assert.ok(Buffer.from(opened).equals(Buffer.from(expected)), `call ${i}: good call did not round-trip`);
    }
  }
  // Still fully functional: every function, large values, key generation.
  assertStillWorks("2000 alternating calls");
  const pair = ghseal.generateKeyPair();
  assert.equal(ghseal.openSecret(ghseal.sealSecret(pair.publicKey, "after"), pair.secretKey), "after");
  const big = sodium.randombytes_buf(48 * 1024);
  assert.deepEqual(ghseal.openSecretBytes(ghseal.sealSecret(kp.pk, big), kp.sk), big);
});
