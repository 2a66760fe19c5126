// The sync wasm for Cloudflare Workers (client.workerd.js passes it to createGitHubSecrets):
// Workers forbid compiling wasm from bytes at run time, so the sync wasm is imported
// as a module, like workerd.js does for the main wasm.
import { initSync } from "../sync-wasm/ghseal_sync.js";
import wasmModule from "../sync-wasm/ghseal_sync_bg.wasm";

initSync({ module: wasmModule });

export { WriteBudget, syncFingerprint, syncPlan } from "../sync-wasm/ghseal_sync.js";
