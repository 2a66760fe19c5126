// The wasm's random source (src/bindings/random.rs: getrandom's custom hook). Every
// byte is from the host's CSPRNG:
//  - Node on Linux/macOS: the kernel's CSPRNG through /dev/urandom (what libsodium's
//    randombytes_sysrandom reads when getrandom(2) is missing), one file descriptor
//    opened on first use and kept, as libsodium keeps it. Node's Web Crypto and
//    node:crypto are both loaded lazily and cost about 5 ms CPU (15x the read) at
//    the first seal; node:fs is part of Node's start-up snapshot.
//  - everywhere else (browsers, Deno, Bun, workerd, Windows, Node without
//    process.getBuiltinModule, or /dev/urandom not readable): Web Crypto's
//    crypto.getRandomValues (Node 18 gets it from node-crypto.js).

let fill;

/**
 * Fills `bytes` with cryptographically secure random bytes.
 * @param {Uint8Array} bytes the view to fill (any length)
 * @throws {Error} when the host has no CSPRNG (no Web Crypto and no /dev/urandom)
 */
export function fillRandom(bytes) {
  if (fill === undefined) fill = nodeUrandom() || webCrypto;
  fill(bytes);
}

function webCrypto(bytes) {
  // getRandomValues fills at most 65536 bytes per call.
  for (let i = 0; i < bytes.length; i += 65536) {
    globalThis.crypto.getRandomValues(bytes.subarray(i, i + 65536));
  }
}

/**
 * A filler reading /dev/urandom in Node (not Deno, Bun or Windows), or undefined.
 * Before each read, fstat checks that the descriptor is still that character device
 * (same device and inode): other code may close it and the number go to the next
 * file opened, whose bytes must never be taken for random ones. On any failure
 * (descriptor gone or reused, read refused) Web Crypto fills these bytes and every
 * later call; the descriptor is left alone (it may be someone else's now).
 */
function nodeUrandom() {
  const proc = globalThis.process;
  if (typeof proc?.versions?.node !== "string" || proc.versions.bun || "Deno" in globalThis) return undefined;
  if (proc.platform === "win32" || typeof proc.getBuiltinModule !== "function") return undefined;
  const fs = proc.getBuiltinModule("node:fs");
  const identity = (stats) => (stats.isCharacterDevice() ? `${stats.dev}:${stats.ino}:${stats.rdev}` : "");
  let fd, id;
  try {
    fd = fs.openSync("/dev/urandom", "r");
    id = identity(fs.fstatSync(fd));
  } catch {
    return undefined; // no /dev (a chroot), or Node's permission model: Web Crypto then
  }
  if (id === "") {
    fs.closeSync(fd); // not the kernel's device (a regular file in a chroot)
    return undefined;
  }
  return (bytes) => {
    try {
      if (identity(fs.fstatSync(fd)) !== id) throw new Error("ghseal: the /dev/urandom descriptor was closed");
      for (let done = 0; done < bytes.length; ) {
        const n = fs.readSync(fd, bytes, done, bytes.length - done, null);
        if (n <= 0) throw new Error("ghseal: /dev/urandom returned no bytes");
        done += n;
      }
    } catch {
      fill = webCrypto;
      webCrypto(bytes);
    }
  };
}
