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

/** A filler reading /dev/urandom in Node (not Deno, Bun or Windows), or undefined. */
function nodeUrandom() {
  const proc = globalThis.process;
  if (typeof proc?.versions?.node !== "string" || proc.versions.bun || "Deno" in globalThis) return undefined;
  if (proc.platform === "win32" || typeof proc.getBuiltinModule !== "function") return undefined;
  const fs = proc.getBuiltinModule("node:fs");
  let fd;
  try {
    fd = fs.openSync("/dev/urandom", "r");
  } catch {
    return undefined; // no /dev (a chroot), or Node's permission model: Web Crypto then
  }
  return (bytes) => {
    try {
      for (let done = 0; done < bytes.length; ) {
        const n = fs.readSync(fd, bytes, done, bytes.length - done, null);
        if (n <= 0) throw new Error("ghseal: /dev/urandom returned no bytes");
        done += n;
      }
    } catch {
      webCrypto(bytes); // a read refused (descriptor closed by someone else): Web Crypto for these bytes
    }
  };
}
