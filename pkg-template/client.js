// GitHubSecrets of the browser/bundler entry (index.js): the class from
// client-class.js whose GitHub client wasm (pkg/client-wasm/, the `client` feature
// alone) loads on an instance's first call, from the inlined copy behind this
// dynamic import() (bundlers put it in a chunk of its own; a browser without a
// bundler fetches client-wasm.inline.js then). Importing ghseal loads only the small
// front wasm (sealing + the options check). A failed load is retried on the next call.
// A relative import, not a package.json "imports" alias, so that a browser without
// a bundler or import map resolves it too.
import { createGitHubSecrets } from "./client-class.js";

export const GitHubSecrets = createGitHubSecrets(async () => (await import("./client-wasm.inline.js")).load(), () => import("./sync/wasm.inline.js"));
