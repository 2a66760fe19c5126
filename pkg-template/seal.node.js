// `ghseal/seal` for Node (ESM): Web Crypto for Node 18 first, as node.js does.
import "./node-crypto.js";
export * from "./seal.js";
