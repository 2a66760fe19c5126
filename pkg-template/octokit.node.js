// `ghseal/octokit` for Node (ESM): Web Crypto for Node 18 first, as node.js does.
import "./node-crypto.js";
export * from "./octokit.js";
export { default } from "./octokit.js";
