// The wasm-opt step scripts/build.mjs and scripts/wasm-breakdown.mjs share: npm
// `binaryen`'s wasm-opt (never Debian's binaryen 108, whose output fails at load),
// with exactly the wasm features rustc's wasm32 output uses (wasm-opt must neither
// drop nor add any).
import { join } from "node:path";

const FEATURES = ["bulk-memory", "nontrapping-float-to-int", "sign-ext", "mutable-globals", "reference-types", "multivalue"];

/** argv for `node <wasm-opt> -O3 [extra] <features> input -o output`, run with process.execPath. */
export function wasmOptArgv(root, input, output, extra = []) {
  return [join(root, "node_modules", "binaryen", "bin", "wasm-opt"), "-O3", ...extra, ...FEATURES.map((f) => `--enable-${f}`), input, "-o", output];
}
