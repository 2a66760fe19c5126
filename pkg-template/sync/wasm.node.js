// "#sync-wasm" for Node and Deno (package.json "imports", condition "node"): the sync
// wasm (../sync-wasm/, built with only the `sync` feature) read from disk and
// instantiated synchronously when sync/engine.js is first imported, i.e. on the
// first gh.plan / gh.apply. The default entry never loads it.
import { readFileSync } from "node:fs";
import { initSync } from "../sync-wasm/ghseal_sync.js";

// In the CommonJS bundle (index.cjs, at the package root) scripts/build.mjs defines
// import.meta.url as undefined; __dirname is then the package root.
const file = import.meta.url
  ? new URL("../sync-wasm/ghseal_sync_bg.wasm", import.meta.url)
  : `${__dirname}/sync-wasm/ghseal_sync_bg.wasm`;
initSync({ module: readFileSync(file) });

export { WriteBudget, syncFingerprint, syncPlan } from "../sync-wasm/ghseal_sync.js";
