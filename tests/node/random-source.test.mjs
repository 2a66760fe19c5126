// The wasm's random source in Node (src/bindings/random.js): the /dev/urandom
// descriptor it keeps may be closed by other code in the process, and its number then
// handed to the next file opened. Every byte must still come from a CSPRNG: a sealed
// box's ephemeral secret key is these bytes. Linux only (finds the descriptor through
// /proc/self/fd).
//
//   node --test tests/node/random-source.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { closeSync, existsSync, openSync, readdirSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "../support/pkg.mjs";
import { useTempDir } from "../support/tmp.mjs";

const tmp = useTempDir("ghseal-random-");
const linux = existsSync("/proc/self/fd") && typeof process.getBuiltinModule === "function";
const source = pathToFileURL(join(repoRoot, "src", "bindings", "random.js"));
let fresh = 0;

/** A fresh copy of random.js (its own descriptor) with its descriptor number. */
async function loadWithDescriptor() {
  const before = new Set(urandomFds());
  const { fillRandom } = await import(`${source}?copy=${fresh++}`);
  fillRandom(new Uint8Array(32)); // opens /dev/urandom
  const opened = urandomFds().filter((fd) => !before.has(fd));
  assert.equal(opened.length, 1, "random.js keeps one /dev/urandom descriptor");
  return { fillRandom, fd: opened[0] };
}

function urandomFds() {
  return readdirSync("/proc/self/fd").map(Number).filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === "/dev/urandom";
    } catch {
      return false;
    }
  });
}

const filled = (fillRandom, length) => {
  const bytes = new Uint8Array(length);
  fillRandom(bytes);
  return bytes;
};
const allZero = (bytes) => bytes.every((b) => b === 0);

test("a descriptor closed and reused for another file is never read as randomness", { skip: !linux }, async () => {
  const { fillRandom, fd } = await loadWithDescriptor();
  closeSync(fd); // someone else's bug
  const zeros = openSync(tmp.file("zeros", new Uint8Array(1 << 16)), "r");
  try {
    assert.equal(zeros, fd, "the lowest free number is reused");
    for (let i = 0; i < 4; i++) {
      assert.ok(!allZero(filled(fillRandom, 32)), `fill ${i} read the reused descriptor's file`);
    }
  } finally {
    closeSync(zeros);
  }
});

test("a descriptor closed under it: the bytes still come, from Web Crypto", { skip: !linux }, async () => {
  const { fillRandom, fd } = await loadWithDescriptor();
  closeSync(fd);
  const a = filled(fillRandom, 32);
  const b = filled(fillRandom, 70000); // more than one getRandomValues call
  assert.ok(!allZero(a) && !allZero(b.subarray(65536)));
});
