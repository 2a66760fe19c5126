// Node CommonJS consumer: `require("ghseal")` must resolve to index.cjs.
const { sealSecret, openSecret, generateKeyPair } = require("ghseal");

const [publicKey, value] = process.argv.slice(2);
const pair = generateKeyPair();
const self = openSecret(sealSecret(pair.publicKey, value), pair.secretKey);
console.log(JSON.stringify({ resolved: require.resolve("ghseal"), sealed: sealSecret(publicKey, value), self }));
