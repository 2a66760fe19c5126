// `ghseal seal --key BASE64 [VALUE|-]`: seals a value offline for a public key
// (libsodium sealed box, as GitHub expects) and prints the base64 result. No
// token, no network.

import { sealSecret } from "../node.js";
import { EXIT, UsageError, print, printJson, readValue } from "./shared.js";

function seal(key, value) {
  try {
    return sealSecret(key, value);
  } catch (error) {
    if (error?.name === "ValidationError" && error.param === "publicKey") {
      throw new UsageError(`--key: ${String(error.message).replace(/^publicKey:\s*/, "")} (expected the base64 of a 32-byte public key)`);
    }
    throw error;
  }
}

export async function runSeal(value, opts, { stdin }) {
  const key = String(opts.key).trim();
  seal(key, ""); // check the key before asking for the value
  const plaintext = value === undefined || value === "-" ? await readValue(stdin, "the value") : value;
  const sealed = seal(key, plaintext);
  if (opts.json) {
    const out = { encrypted_value: sealed };
    if (opts.keyId !== undefined) out.key_id = opts.keyId;
    printJson(out);
  } else {
    print(sealed);
  }
  return EXIT.OK;
}
