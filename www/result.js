// Panel 3, Result: the public key and key_id used, the sealed value, the upload's
// outcome, the value's length (never the value) and the emulator's check that the
// sealed box decrypts to what was typed. Every new attempt starts from a reset.
import { $ } from "./dom.js";

const RESULT_IDS = ["public-key", "key-id", "upload-result", "value-length", "verify-result"];

/** Back to the neutral placeholders (no colour, no previous outcome). */
export function resetResult() {
  for (const id of RESULT_IDS) {
    $(id).textContent = "–";
    $(id).dataset.kind = "";
  }
  $("sealed-value").value = "";
}

/** Shows the public key a request used (public data). */
export function showKey({ key, key_id }) {
  $("public-key").textContent = key;
  $("key-id").textContent = key_id;
}

/** Sets one result line and its kind ("", "ok", "bad"). */
export function setResult(id, text, kind = "") {
  $(id).textContent = text;
  $(id).dataset.kind = kind;
}

/**
 * Against the emulator: asks its control API (with this run's control token, in a
 * header) for the value it decrypted and compares; the plaintext is never shown.
 * @param {{ emulatorUrl: string, controlToken: string }} config
 * @param {string} scopePath  emulatorScope(s)
 * @param {string} name       secret name as typed
 * @param {string} value      the plaintext typed (compared, not displayed)
 */
export async function verifyWithEmulator(config, scopePath, name, value) {
  try {
    const url = `${config.emulatorUrl}/_emulator/secret?scope=${encodeURIComponent(scopePath)}&name=${encodeURIComponent(name)}`;
    const res = await fetch(url, { headers: { "x-emulator-control-token": config.controlToken }, cache: "no-store" });
    if (!res.ok) throw new Error(`the emulator answered ${res.status}`);
    const secret = await res.json();
    const match = secret.value === value;
    setResult(
      "verify-result",
      match
        ? `The emulator decrypted the sealed value with its private key (key_id ${secret.key_id}) and it matches what you typed.`
        : "The emulator decrypted the sealed value but it does NOT match what you typed.",
      match ? "ok" : "bad",
    );
  } catch (err) {
    setResult("verify-result", `Could not check with the emulator: ${err.message}`, "bad");
  }
}
