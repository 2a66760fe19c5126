// The sync wasm for browsers and bundlers (the loader client.js and slim.js give
// createGitHubSecrets): inlined as a string (one character per byte, see
// scripts/build.mjs) and instantiated synchronously. It is reached only through a
// dynamic import() on the first gh.plan / gh.apply, so bundlers put it, with the
// engine, in a chunk of its own.
import { initSync } from "../sync-wasm/ghseal_sync.js";
import wasmText from "../sync-wasm/ghseal_sync_bg.wasm.inline.js";
import { instantiateInline } from "../inline.js";

instantiateInline(initSync, wasmText);

export { WriteBudget, syncFingerprint, syncPlan } from "../sync-wasm/ghseal_sync.js";
