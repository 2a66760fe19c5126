// The libraries the bench compares, each doing the task GitHub asks for: a
// standard base64 public key (as GET .../secrets/public-key returns it) and a value
// in, the standard base64 `encrypted_value` (a libsodium sealed box) out.
// Everything is loaded with dynamic import() so cold-start timing includes it.
import { pathToFileURL } from "node:url";
import { join, resolve } from "node:path";

/** name -> async (ghsealPkgDir) => seal(publicKeyBase64, valueBytes) => base64 */
export const loaders = {
  // ghseal's Node entry (node.js) from a built package directory.
  async ghseal(pkgDir) {
    const m = await import(pathToFileURL(join(resolve(pkgDir), "node.js")).href);
    return (publicKey, value) => m.sealSecret(publicKey, value);
  },

  // ghseal's sealing-only entry (`ghseal/seal`: no GitHub client in its wasm).
  async "ghseal/seal"(pkgDir) {
    const m = await import(pathToFileURL(join(resolve(pkgDir), "seal.node.js")).href);
    return (publicKey, value) => m.sealSecret(publicKey, value);
  },

  // libsodium compiled to wasm; the ESM build (what `import` resolves).
  async "libsodium-wrappers"() {
    const { default: sodium } = await import("libsodium-wrappers");
    await sodium.ready;
    const ORIGINAL = sodium.base64_variants.ORIGINAL;
    return (publicKey, value) =>
      sodium.to_base64(sodium.crypto_box_seal(value, sodium.from_base64(publicKey, ORIGINAL)), ORIGINAL);
  },

  // tweetnacl + blakejs, as in GitHub's old docs example.
  async tweetsodium() {
    const { default: tweetsodium } = await import("tweetsodium");
    return (publicKey, value) => Buffer.from(tweetsodium.seal(value, Buffer.from(publicKey, "base64"))).toString("base64");
  },

  // Native libsodium (N-API addon): the reference, not usable in browsers.
  async "sodium-native"() {
    const { default: sodium } = await import("sodium-native");
    return (publicKey, value) => {
      const out = Buffer.allocUnsafe(value.length + sodium.crypto_box_SEALBYTES);
      sodium.crypto_box_seal(out, value, Buffer.from(publicKey, "base64"));
      return out.toString("base64");
    };
  },
};
