// The sync wasm for Node and Deno (client.node.js passes it to createGitHubSecrets): the sync
// wasm (../sync-wasm/, built with only the `sync` feature) read from disk and
// instantiated synchronously when first imported, i.e. on the first gh.plan /
// gh.apply. The default entry never loads it.
import { readFileSync } from "node:fs";
import { initSync } from "../sync-wasm/ghseal_sync.js";

// In the CommonJS bundle (index.cjs, at the package root) scripts/build.mjs defines
// import.meta.url as undefined; __dirname is then the package root.
const file = import.meta.url
  ? new URL("../sync-wasm/ghseal_sync_bg.wasm", import.meta.url)
  : `${__dirname}/sync-wasm/ghseal_sync_bg.wasm`;
let bytes;
try {
  bytes = readFileSync(file);
} catch (cause) {
  // A bundler that does not copy assets (esbuild, rollup with platform node) leaves
  // the .wasm behind; say where it was looked for.
  throw new Error(`ghseal: gh.plan / gh.apply need the sync wasm, not found at ${file} (${cause.code ?? cause.message}); when bundling for Node, keep ghseal external or copy node_modules/ghseal/sync-wasm/ there`, { cause });
}
initSync({ module: bytes });

export { WriteBudget, syncFingerprint, syncPlan } from "../sync-wasm/ghseal_sync.js";
