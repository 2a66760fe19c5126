// One cold start, run by bench/seal.mjs in a fresh `node` process:
//   node bench/cold-start.mjs <library|none> <ghseal pkg dir> <public key base64>
// Prints {"start": ms, "sealed": ms}: performance.now() (ms since the process
// started) at the top of this script and after the first seal completed.
const start = performance.now();
const [name, pkgDir, publicKey] = process.argv.slice(2);
let sealed = start;
let length = 0;
if (name !== "none") {
  const { loaders } = await import("./libs.mjs");
  const seal = await loaders[name](pkgDir);
  length = seal(publicKey, new Uint8Array(32).fill(0x2a)).length;
  sealed = performance.now();
  if (length !== 108) throw new Error(`${name}: sealed 32 bytes into ${length} base64 chars, expected 108`);
}
process.stdout.write(JSON.stringify({ start, sealed, length }) + "\n");
