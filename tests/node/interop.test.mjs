// Interoperability of ghseal's sealed boxes with libsodium, both builds:
// libsodium-wrappers (libsodium compiled to wasm) and sodium-native (the C library).
//
//   GHSEAL_PKG=target/pkg-crypto node --test tests/node/interop.test.mjs
//
// Values are generated from a seeded PRNG; set GHSEAL_SEED to replay a failure
// (the seed is printed as a test diagnostic).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import sodiumNative from "sodium-native";
import { importWithSodium, pkgDir } from "../support/pkg.mjs";

const SEED = Number(process.env.GHSEAL_SEED ?? Math.floor(Math.random() * 2 ** 32)) >>> 0;
const MAX_BYTES = 48 * 1024; // 49152, GitHub's limit for a secret value
const OVERHEAD = 48; // ephemeral public key (32) + Poly1305 tag (16)
const STANDARD_PADDED_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

let ghseal;
let sodium;

before(async () => ({ ghseal, sodium } = await importWithSodium("node.js")));

// ---------------------------------------------------------------- helpers

/** mulberry32: a small seeded PRNG, good enough to pick sizes and fill values. */
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)); // inclusive
  const pick = (list) => list[Math.floor(next() * list.length)];
  return { next, int, pick };
}

const ORIGINAL = () => sodium.base64_variants.ORIGINAL;
const fromB64 = (text) => sodium.from_base64(text, ORIGINAL());
const toB64 = (bytes) => sodium.to_base64(bytes, ORIGINAL());

/** Recipient key pairs from both libsodium builds, as bytes and standard base64. */
function keyPairs() {
  const pairs = [];
  for (let i = 0; i < 4; i++) {
    const kp = sodium.crypto_box_keypair();
    pairs.push({ from: "libsodium-wrappers", pk: kp.publicKey, sk: kp.privateKey });
    const pk = Buffer.alloc(32);
    const sk = Buffer.alloc(32);
    sodiumNative.crypto_box_keypair(pk, sk);
    pairs.push({ from: "sodium-native", pk: new Uint8Array(pk), sk: new Uint8Array(sk) });
  }
  return pairs.map((p) => ({ ...p, pkB64: toB64(p.pk), skB64: toB64(p.sk) }));
}

/** Pieces of text with known UTF-8 widths: ASCII, Latin-1, combining marks, other
 * scripts, CJK (BMP and supplementary), emoji incl. ZWJ sequences, flags, skin tones
 * and variation selectors, controls and invisible characters. */
function textPiece(r) {
  switch (r.int(0, 11)) {
    case 0:
    case 1:
      return String.fromCharCode(r.int(0x20, 0x7e));
    case 2:
      return r.pick(["é", "ñ", "ü", "ß", "Ø", "ç", "¿", "©", "µ", "ÿ"]);
    case 3: // base letter + 1..3 combining marks (U+0300..U+036F), e.g. "é" decomposed
      return String.fromCharCode(r.int(0x61, 0x7a)) +
        Array.from({ length: r.int(1, 3) }, () => String.fromCharCode(r.int(0x300, 0x36f))).join("");
    case 4: // Greek, Cyrillic, Hebrew, Arabic, Devanagari
      return String.fromCharCode(r.pick([[0x391, 0x3c9], [0x410, 0x44f], [0x5d0, 0x5ea], [0x627, 0x64a], [0x905, 0x939]].map(([lo, hi]) => r.int(lo, hi))));
    case 5: // CJK unified ideographs, Hiragana, Hangul (3 bytes each)
      return String.fromCharCode(r.pick([r.int(0x4e00, 0x9fff), r.int(0x3041, 0x3096), r.int(0xac00, 0xd7a3)]));
    case 6: // supplementary CJK (4 bytes, surrogate pair)
      return String.fromCodePoint(r.int(0x20000, 0x2a6df));
    case 7: // single emoji (4 bytes)
      return String.fromCodePoint(r.pick([r.int(0x1f300, 0x1f5ff), r.int(0x1f600, 0x1f64f), r.int(0x1f680, 0x1f6ff), r.int(0x1f900, 0x1f9ff)]));
    case 8:
      return r.pick(["👩‍💻", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇯🇵", "🇺🇦", "👍🏽", "❤️", "✌🏿", "🧑🏻‍🚀", "#️⃣"]);
    case 9:
      return r.pick(["\u0000", "\n", "\r\n", "\t", "\u007f", "\u0085", "\u00a0"]);
    case 10:
      return r.pick(["\ufeff", "\u200b", "\u200d", "\u2028", "\ufffd", "\uffff", "\u{10ffff}"]);
    default:
      return r.pick(["日本語", "中文", "한국어", "Ελληνικά", "русский", "עברית", "العربية", "z̴̢͙a̷̛l̶g̵o"]);
  }
}

/** A random well-formed string of at most `maxBytes` UTF-8 bytes, close to it. */
function randomText(r, maxBytes) {
  const parts = [];
  let bytes = 0;
  let misses = 0;
  while (bytes < maxBytes && misses < 8) {
    const piece = textPiece(r);
    const n = Buffer.byteLength(piece, "utf8");
    if (bytes + n > maxBytes) {
      misses++;
      continue;
    }
    parts.push(piece);
    bytes += n;
  }
  while (bytes < maxBytes) {
    parts.push("x");
    bytes++;
  }
  return parts.join("");
}

function randomBytes(r, n) {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (r.next() * 256) | 0;
  return out;
}

/** The value set: edge sizes for both kinds, then random sizes skewed small (~80%
 * <= 256 B, ~16% <= 4 KiB, ~4% up to 48 KiB, i.e. a few dozen large values). */
function values(seed, count = 1100) {
  const r = prng(seed);
  const edges = [0, 1, 2, 3, 15, 16, 17, 31, 32, 33, 47, 48, 49, 63, 64, 65, 255, 256, 1023, 1024, 4095, 4096, 4097, 16384, 32768, MAX_BYTES - 1, MAX_BYTES];
  const sizes = [...edges, ...edges];
  while (sizes.length < count) {
    const x = r.next();
    sizes.push(x < 0.8 ? r.int(0, 256) : x < 0.96 ? r.int(257, 4096) : r.int(4097, MAX_BYTES));
  }
  return sizes.map((size, i) => {
    // First copy of the edge sizes as bytes, second as text; then random kinds.
    const text = i < edges.length ? false : i < 2 * edges.length ? true : r.next() < 0.5;
    if (!text) return { kind: "bytes", value: randomBytes(r, size), bytes: null };
    const value = randomText(r, size);
    return { kind: "text", value, bytes: null };
  }).map((v) => ({ ...v, bytes: v.kind === "bytes" ? v.value : new Uint8Array(Buffer.from(v.value, "utf8")) }));
}

const equalBytes = (a, b) => a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));

function openWithWrappers(sealedB64, kp) {
  return sodium.crypto_box_seal_open(fromB64(sealedB64), kp.pk, kp.sk);
}

function openWithNative(sealedB64, kp) {
  const boxed = Buffer.from(fromB64(sealedB64));
  const out = Buffer.alloc(boxed.length - OVERHEAD);
  const ok = sodiumNative.crypto_box_seal_open(out, boxed, Buffer.from(kp.pk), Buffer.from(kp.sk));
  assert.equal(ok, true, "sodium-native crypto_box_seal_open failed");
  return out;
}

function sealWithNative(bytes, kp) {
  const out = Buffer.alloc(bytes.length + OVERHEAD);
  sodiumNative.crypto_box_seal(out, Buffer.from(bytes), Buffer.from(kp.pk));
  return out;
}

// ---------------------------------------------------------------- tests

test(`>= 1000 random values (0 B .. 48 KiB, bytes and non-ASCII text) round-trip with libsodium (seed ${SEED}, ${pkgDir})`, { timeout: 120_000 }, (t) => {
  t.diagnostic(`GHSEAL_SEED=${SEED}`);
  const pairs = keyPairs();
  const set = values(SEED);
  assert.ok(set.length >= 1000);
  let large = 0;
  let nonAscii = 0;
  let maxLen = 0;
  for (const [i, { kind, value, bytes }] of set.entries()) {
    const kp = pairs[i % pairs.length];
    const where = `value #${i} (${kind}, ${bytes.length} bytes, key from ${kp.from}, GHSEAL_SEED=${SEED})`;
    if (bytes.length > 4096) large++;
    if (kind === "text" && /[^\x00-\x7f]/.test(value)) nonAscii++;
    maxLen = Math.max(maxLen, bytes.length);

    // ghseal seals -> both libsodium builds open.
    const sealed = ghseal.sealSecret(kp.pkB64, value);
    assert.equal(typeof sealed, "string", where);
    assert.match(sealed, STANDARD_PADDED_BASE64, `${where}: not standard padded base64`);
    assert.equal(sealed.length % 4, 0, where);
    const decoded = fromB64(sealed);
    assert.equal(decoded.length, OVERHEAD + bytes.length, `${where}: sealed length`);
    assert.ok(equalBytes(openWithWrappers(sealed, kp), bytes), `${where}: libsodium-wrappers opened something else`);
    assert.ok(equalBytes(openWithNative(sealed, kp), bytes), `${where}: sodium-native opened something else`);

    // libsodium seals -> ghseal opens (base64 string and Uint8Array forms alternate).
    const byWrappers = sodium.crypto_box_seal(bytes, kp.pk);
    const byNative = sealWithNative(bytes, kp);
    for (const [from, boxed] of [["libsodium-wrappers", byWrappers], ["sodium-native", byNative]]) {
      const input = i % 2 === 0 ? toB64(boxed) : boxed;
      const msg = `${where}: box from ${from} as ${typeof input === "string" ? "base64" : "Uint8Array"}`;
      const opened = ghseal.openSecretBytes(input, kp.skB64);
      assert.ok(opened instanceof Uint8Array, msg);
      assert.ok(equalBytes(opened, bytes), `${msg}: openSecretBytes returned other bytes`);
      if (kind === "text") assert.equal(ghseal.openSecret(input, kp.skB64), value, `${msg}: openSecret`);
    }
    // ghseal opens its own boxes too.
    if (kind === "text") assert.equal(ghseal.openSecret(sealed, kp.skB64), value, where);
    else assert.ok(equalBytes(ghseal.openSecretBytes(sealed, kp.skB64), bytes), where);
  }
  t.diagnostic(`${set.length} values, ${large} larger than 4 KiB, ${nonAscii} non-ASCII strings, largest ${maxLen} bytes`);
  assert.ok(large >= 24, `only ${large} large values`);
  assert.equal(maxLen, MAX_BYTES);
});

test("sealed length is exactly 48 + UTF-8 byte length for strings", () => {
  const [kp] = keyPairs();
  for (const value of ["", "a", "é", "e\u0301", "日本", "😀", "👩‍💻", "\u0000", "ab\u0000cd"]) {
    const n = Buffer.byteLength(value, "utf8");
    const sealed = ghseal.sealSecret(kp.pkB64, value);
    assert.equal(fromB64(sealed).length, OVERHEAD + n, JSON.stringify(value));
    assert.equal(Buffer.from(openWithWrappers(sealed, kp)).toString("utf8"), value);
  }
});

test("two seals of one value differ (fresh ephemeral key each time) and both open", () => {
  const [kp] = keyPairs();
  const r = prng(SEED ^ 0x5eed);
  for (const value of ["", "same value", new Uint8Array(0), randomBytes(r, 1), randomBytes(r, 32), randomText(r, 4096), randomBytes(r, MAX_BYTES)]) {
    const a = ghseal.sealSecret(kp.pkB64, value);
    const b = ghseal.sealSecret(kp.pkB64, value);
    assert.notEqual(a, b);
    const [ea, eb] = [fromB64(a).subarray(0, 32), fromB64(b).subarray(0, 32)];
    assert.ok(!equalBytes(ea, eb), "ephemeral public keys must differ");
    assert.ok(!equalBytes(ea, kp.pk), "ephemeral key must not be the recipient's");
    const expected = typeof value === "string" ? new Uint8Array(Buffer.from(value)) : value;
    assert.ok(equalBytes(openWithWrappers(a, kp), expected));
    assert.ok(equalBytes(openWithNative(b, kp), expected));
  }
  // Many seals of one empty value: all distinct.
  const seen = new Set(Array.from({ length: 200 }, () => ghseal.sealSecret(kp.pkB64, "")));
  assert.equal(seen.size, 200);
});

test("a 32-byte Uint8Array key works like its base64", () => {
  for (const kp of keyPairs().slice(0, 2)) {
    const value = "uint8array key ✓ 鍵";
    const forms = {
      "Uint8Array": new Uint8Array(kp.pk),
      "Buffer": Buffer.from(kp.pk),
      "Uint8Array view at an offset": (() => {
        const backing = new Uint8Array(64).fill(0xaa);
        backing.set(kp.pk, 7);
        return new Uint8Array(backing.buffer, 7, 32);
      })(),
    };
    for (const [name, key] of Object.entries(forms)) {
      const before = Uint8Array.from(key);
      const sealed = ghseal.sealSecret(key, value);
      assert.ok(equalBytes(key, before), `${name}: caller's key bytes must not be modified`);
      assert.equal(Buffer.from(openWithWrappers(sealed, kp)).toString(), value, name);
      assert.equal(Buffer.from(openWithNative(sealed, kp)).toString(), value, name);
      // Same recipient as the base64 form: the base64 secret key opens it, and vice versa.
      assert.equal(ghseal.openSecret(sealed, kp.skB64), value, name);
      assert.equal(ghseal.openSecret(ghseal.sealSecret(kp.pkB64, value), new Uint8Array(kp.sk)), value, `${name} secret key`);
      assert.equal(ghseal.openSecret(sealed, Buffer.from(kp.sk)), value, `${name} Buffer secret key`);
    }
    // A Uint8Array value is not modified either (the binding zeroizes only its copies).
    const bytes = Uint8Array.from({ length: 100 }, (_, i) => i);
    const copy = Uint8Array.from(bytes);
    const sealed = ghseal.sealSecret(kp.pk, bytes);
    assert.ok(equalBytes(bytes, copy), "caller's value bytes must not be modified");
    assert.ok(equalBytes(openWithWrappers(sealed, kp), copy));
  }
});

test("keys without base64 padding work (public and secret), and keys with + and /", () => {
  let tested = 0;
  let withPlusSlash = 0;
  while (tested < 20 || withPlusSlash < 3) {
    const [kp] = keyPairs();
    assert.ok(kp.pkB64.endsWith("="), "32-byte keys have one '=' of padding");
    const pk = kp.pkB64.replace(/=+$/, "");
    const sk = kp.skB64.replace(/=+$/, "");
    assert.equal(pk.length, 43);
    const value = `unpadded ${tested}`;
    const sealed = ghseal.sealSecret(pk, value);
    assert.equal(Buffer.from(openWithWrappers(sealed, kp)).toString(), value);
    assert.equal(Buffer.from(openWithNative(sealed, kp)).toString(), value);
    assert.equal(ghseal.openSecret(sealed, sk), value);
    assert.equal(ghseal.openSecret(toB64(sodium.crypto_box_seal(value, kp.pk)), sk), value);
    if (/[+/]/.test(kp.pkB64)) withPlusSlash++;
    tested++;
  }
});

test("generateKeyPair gives standard base64 X25519 pairs that libsodium accepts", () => {
  const seen = new Set();
  for (let i = 0; i < 50; i++) {
    const pair = ghseal.generateKeyPair();
    assert.deepEqual(Object.keys(pair).sort(), ["publicKey", "secretKey"]);
    assert.match(pair.publicKey, STANDARD_PADDED_BASE64);
    assert.match(pair.secretKey, STANDARD_PADDED_BASE64);
    const pk = fromB64(pair.publicKey);
    const sk = fromB64(pair.secretKey);
    assert.equal(pk.length, 32);
    assert.equal(sk.length, 32);
    assert.ok(equalBytes(sodium.crypto_scalarmult_base(sk), pk), "publicKey must be X25519(secretKey)");
    const kp = { pk, sk };
    const value = `generated ${i} 🔑`;
    assert.equal(Buffer.from(openWithNative(ghseal.sealSecret(pair.publicKey, value), kp)).toString(), value);
    assert.equal(ghseal.openSecret(toB64(sodium.crypto_box_seal(value, pk)), pair.secretKey), value);
    assert.equal(ghseal.openSecret(sealWithNative(Buffer.from(value), kp), pair.secretKey), value);
    seen.add(pair.secretKey);
  }
  assert.equal(seen.size, 50);
});
