// The wasm-opt step scripts/build.mjs and scripts/wasm-breakdown.mjs share: npm
// `binaryen`'s wasm-opt (never Debian's binaryen 108, whose output fails at load),
// with exactly the wasm features rustc's wasm32 output uses (wasm-opt must neither
// drop nor add any).
import { join } from "node:path";

const FEATURES = ["bulk-memory", "nontrapping-float-to-int", "sign-ext", "mutable-globals", "reference-types", "multivalue"];

// -O3 run until nothing changes. Measured on the sealing-only wasm (same input,
// node:zlib gzip -9): -O3 77,485 B / 34,860; -O3 --converge 77,403 / 34,616;
// -Oz --converge 76,925 / 34,536. Seal throughput, paired A/B against -O3 in one
// process: -O3 --converge 0.97-1.01x, -Oz --converge 0.94-1.03x (noisy, loaded
// machine) - -Oz's last 80 B gzip are not worth the risk to the throughput target.
const LEVEL = ["-O3", "--converge"];

/** argv for `node <wasm-opt> -O3 --converge [extra] <features> input -o output`, run with process.execPath. */
export function wasmOptArgv(root, input, output, extra = []) {
  return [join(root, "node_modules", "binaryen", "bin", "wasm-opt"), ...LEVEL, ...extra, ...FEATURES.map((f) => `--enable-${f}`), input, "-o", output];
}
