// `ghseal/seal` from CommonJS.
const { sealSecret, openSecret, generateKeyPair } = require("ghseal/seal");

const [publicKey, value] = process.argv.slice(2);
const pair = generateKeyPair();
const self = openSecret(sealSecret(pair.publicKey, value), pair.secretKey);
console.log(JSON.stringify({ resolved: require.resolve("ghseal/seal"), sealed: sealSecret(publicKey, value), self }));
