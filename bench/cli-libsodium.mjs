// The reference of bench/cli.mjs: what `ghseal seal --key K VALUE` does (seal VALUE
// for the base64 public key K, print the base64 sealed box), as a plain node script
// with libsodium-wrappers.
//   node bench/cli-libsodium.mjs K VALUE
import sodium from "libsodium-wrappers";

const [key, value] = process.argv.slice(2);
await sodium.ready;
const ORIGINAL = sodium.base64_variants.ORIGINAL;
process.stdout.write(`${sodium.to_base64(sodium.crypto_box_seal(value, sodium.from_base64(key, ORIGINAL)), ORIGINAL)}\n`);
