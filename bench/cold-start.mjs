// One cold start, run by bench/seal.mjs in a fresh `node` process:
//   node bench/cold-start.mjs <library|none> <ghseal pkg dir> <public key base64>
// Prints {"start": ms, "sealed": ms, "cpu": ms}: performance.now() (ms since the
// process started) at the top of this script and after the first seal completed, and
// the CPU time (user + system, every thread: compilers included) spent between the
// two, which a loaded machine disturbs less than wall time.
const start = performance.now();
const cpuStart = process.cpuUsage();
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
const { user, system } = process.cpuUsage(cpuStart);
process.stdout.write(JSON.stringify({ start, sealed, length, cpu: (user + system) / 1000 }) + "\n");
