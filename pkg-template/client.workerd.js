// GitHubSecrets of the Cloudflare Workers entry (workerd.js): as client.js, the
// GitHub client's wasm imported as a module (client-wasm.workerd.js; Workers forbid
// compiling wasm from bytes) and instantiated on an instance's first call.
import { createGitHubSecrets } from "./client-class.js";

export const GitHubSecrets = createGitHubSecrets(async () => (await import("./client-wasm.workerd.js")).load(), () => import("./sync/wasm.workerd.js"));
