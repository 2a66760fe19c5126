// GitHubSecrets of the Node entries (node.js, index.cjs): as client.js, the GitHub
// client's wasm read from client-wasm/ghseal_client_bg.wasm (client-wasm.node.js) on
// an instance's first call.
import { createGitHubSecrets } from "./client-class.js";

export const GitHubSecrets = createGitHubSecrets(async () => (await import("./client-wasm.node.js")).load(), () => import("./sync/wasm.node.js"));
