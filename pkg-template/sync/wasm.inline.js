// "#sync-wasm" for browsers and bundlers (package.json "imports", condition
// "default"): the sync wasm inlined as a string (one character per byte, see
// scripts/build.mjs) and instantiated synchronously. client.js reaches this module
// only through a dynamic import() of sync/engine.js, so bundlers put it, with the
// engine, in a chunk of its own that loads on the first gh.plan / gh.apply.
import { initSync } from "../sync-wasm/ghseal_sync.js";
import wasmText from "../sync-wasm/ghseal_sync_bg.wasm.inline.js";
import { instantiateInline } from "../inline.js";

instantiateInline(initSync, wasmText);

export { WriteBudget, syncFingerprint, syncPlan } from "../sync-wasm/ghseal_sync.js";
