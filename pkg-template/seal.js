// `ghseal/seal`: only the sealed-box functions, from a wasm built without the
// GitHub client (about a third of the size). Inlined, no init call.
import { initSync } from "./seal-wasm/ghseal.js";
import wasmText from "./seal-wasm/ghseal_bg.wasm.inline.js";
import { instantiateInline } from "./inline.js";

instantiateInline(initSync, wasmText);

export { sealSecret, openSecret, openSecretBytes, generateKeyPair } from "./seal-wasm/ghseal.js";
export { SEAL_OVERHEAD, MAX_SECRET_BYTES } from "./limits.js";
export { GhsealError, ValidationError, DecryptionError, EncryptionError, HttpError } from "./errors.js";
