// GitHubSecrets of the default entries (index.js, node.js, workerd.js, index.cjs):
// the class from client-class.js whose GitHub client wasm (pkg/client-wasm/, the
// `client` feature alone) loads on the first call through "#client-wasm"
// (package.json "imports": Node reads the file, workerd imports the module,
// browsers and bundlers take the inlined copy behind this dynamic import(), so
// bundlers put it in a chunk of its own). Importing ghseal loads only the small
// front wasm (sealing + the options check). A failed load is retried on the next call.
import { createGitHubSecrets, onceRetried } from "./client-class.js";

export const GitHubSecrets = createGitHubSecrets(onceRetried(async () => (await import("#client-wasm")).load()));
export { secretsEndpoints } from "./client-class.js";
