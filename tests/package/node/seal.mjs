// `ghseal/seal` (sealing-only wasm) from Node ESM; also checks it has no client.
import * as seal from "ghseal/seal";

const [publicKey, value] = process.argv.slice(2);
const pair = seal.generateKeyPair();
const self = seal.openSecret(seal.sealSecret(pair.publicKey, value), pair.secretKey);
console.log(JSON.stringify({ resolved: import.meta.resolve("ghseal/seal"), sealed: seal.sealSecret(publicKey, value), self, exports: Object.keys(seal).sort() }));
