// Node ESM consumer: `import ... from "ghseal"` must resolve to the Node entry
// (node.js) and seal without any init call. Prints one JSON line.
import { sealSecret, openSecret, generateKeyPair } from "ghseal";

const [publicKey, value] = process.argv.slice(2);
const pair = generateKeyPair();
const self = openSecret(sealSecret(pair.publicKey, value), pair.secretKey);
console.log(JSON.stringify({ resolved: import.meta.resolve("ghseal"), sealed: sealSecret(publicKey, value), self }));
