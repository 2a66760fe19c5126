// The offline sealing panel: seal a value for a pasted public key, nothing leaves
// the page. Same rules as the main form (48 KiB limit from the package); a hex key
// is recognised and asked for in base64; keys the library refuses (not base64, not
// 32 bytes, low-order points) show the library's own message at the key field.
import { $, clearErrors, clearFieldError, describeLength, fieldError, focusFirstInvalid, plural, setStatus, utf8Length } from "./dom.js";

/**
 * @param {{ lib: object, lastKey: () => ({ key: string, key_id: string } | undefined) }} deps
 *   lastKey: the public key the secret form fetched last, if any
 */
export function createOfflinePanel({ lib, lastKey }) {
  function seal() {
    const form = $("offline-form");
    clearErrors(form);
    $("offline-sealed").value = "";
    setStatus("offline-status", "");
    const key = $("offline-key").value.trim();
    const value = $("offline-value").value;
    if (!key) {
      fieldError("offline-key", "Paste a public key: base64 of 32 bytes, as GitHub's …/secrets/public-key returns it.");
    } else if (/^[0-9a-f]{64}$/i.test(key)) {
      fieldError("offline-key", "This looks like hex (64 hex digits = 32 bytes). The key must be base64, as GitHub's …/secrets/public-key returns it (44 characters ending in “=”).");
    }
    if (value === "") {
      fieldError("offline-value", "Enter a value to seal.");
    } else if (utf8Length(value) > lib.MAX_SECRET_BYTES) {
      fieldError("offline-value", `Too long: ${utf8Length(value)} bytes; GitHub secrets are limited to 48 KiB (${lib.MAX_SECRET_BYTES} bytes).`);
    }
    if (focusFirstInvalid(form)) return;
    try {
      $("offline-sealed").value = lib.sealSecret(key, value);
      $("offline-value").value = "";
      const sealedBytes = lib.SEAL_OVERHEAD + utf8Length(value);
      setStatus("offline-status", `Sealed ${describeLength(value)} into ${plural(sealedBytes, "byte")}; the value field was cleared.`, "ok");
    } catch (err) {
      if (err?.name === "ValidationError" && err.param === "publicKey") {
        fieldError("offline-key", `Not a valid public key: ${String(err.message).replace(/^publicKey:\s*/, "")}`);
        $("offline-key").focus();
      } else if (err?.name === "ValidationError" && err.param === "value") {
        fieldError("offline-value", String(err.message));
        $("offline-value").focus();
      } else {
        setStatus("offline-status", String(err?.message ?? err), "bad");
      }
    }
  }

  async function copy() {
    const sealed = $("offline-sealed").value;
    if (!sealed) return setStatus("offline-status", "Nothing to copy yet: seal a value first.", "bad");
    try {
      await navigator.clipboard.writeText(sealed);
      setStatus("offline-status", "Copied the sealed value to the clipboard.", "ok");
    } catch {
      $("offline-sealed").focus();
      $("offline-sealed").select();
      setStatus("offline-status", "The clipboard is not available here: the sealed value is selected, copy it with Ctrl+C.", "bad");
    }
  }

  function useKey() {
    const k = lastKey();
    if (!k) return setStatus("offline-status", "Fetch a public key in the secret form first.", "bad");
    $("offline-key").value = k.key;
    clearErrors($("offline-form"));
    setStatus("offline-status", `Using the fetched key (key_id ${k.key_id}).`, "ok");
  }

  function wire() {
    $("offline-form").addEventListener("submit", (e) => {
      e.preventDefault();
      seal();
    });
    $("offline-copy").addEventListener("click", copy);
    $("offline-use-key").addEventListener("click", useKey);
    for (const id of ["offline-key", "offline-value"]) {
      $(id).addEventListener("input", () => clearFieldError(id));
    }
  }

  return { wire };
}
