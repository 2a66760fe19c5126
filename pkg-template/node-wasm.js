// The Node entries' wasm loading: the .wasm file next to the package's glue, read
// synchronously. Reading and compiling the file is faster at start-up than
// decoding the inlined copy (a string of one character per byte) that index.js and
// seal.js carry for browsers and bundlers, which Node does not need.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The bytes of a .wasm file of this package.
 * @param {URL | string} file a file: URL (`new URL("./wasm/ghseal_bg.wasm", import.meta.url)`)
 *   or, in the CommonJS bundles, a path
 * @returns {Uint8Array} the module's bytes (a Buffer)
 * @throws {Error} naming the file and the way out when it is missing, e.g. after a
 *   bundler copied the Node entry without the .wasm (bundle the `browser` or
 *   `import` condition instead, which inline the wasm, or copy the file)
 */
export function readWasm(file) {
  try {
    return readFileSync(file);
  } catch (error) {
    if (error?.code !== "ENOENT") throw error;
    const path = file instanceof URL ? fileURLToPath(file) : file;
    throw new Error(
      `ghseal: ${path} is missing. A bundle of ghseal's Node entry needs that .wasm next to it; ` +
        "or bundle the \"browser\"/\"import\" condition, which inlines the wasm",
      { cause: error },
    );
  }
}
