// Small helpers for tests that talk to the emulator: seal values with
// libsodium-wrappers (independent of ghseal) and make JSON requests.

import sodium from "libsodium-wrappers";
import { DEMO_TOKEN } from "./seed.mjs";

/**
 * Seal `value` for a base64 public key (as returned by a public-key endpoint).
 * @param {string} keyBase64  standard base64 of a 32-byte X25519 public key
 * @param {string|Uint8Array} value  strings are encoded as UTF-8
 * @returns {Promise<string>} standard base64 of the sealed box
 */
export async function sealFor(keyBase64, value) {
  await sodium.ready;
  const pk = new Uint8Array(Buffer.from(keyBase64, "base64"));
  const msg = typeof value === "string" ? new Uint8Array(Buffer.from(value, "utf8")) : value;
  return Buffer.from(sodium.crypto_box_seal(msg, pk)).toString("base64");
}

/**
 * A tiny fetch wrapper bound to a base URL.
 * request(method, path, { body, rawBody, token, headers }) resolves to
 * { status, headers (Headers), body (parsed JSON or undefined), text }.
 * `token: null` sends no Authorization header; default is DEMO_TOKEN as "Bearer".
 * @param {string} baseUrl
 * @param {{ token?: string|null }} [defaults]
 */
export function createClient(baseUrl, { token = DEMO_TOKEN } = {}) {
  return {
    async request(method, path, { body, rawBody, token: t = token, headers = {} } = {}) {
      const h = { accept: "application/vnd.github+json", ...headers };
      if (t) h.authorization = `Bearer ${t}`;
      let payload;
      if (rawBody !== undefined) payload = rawBody;
      else if (body !== undefined) payload = JSON.stringify(body);
      if (payload !== undefined) h["content-type"] = "application/json";
      const res = await fetch(baseUrl + path, { method, headers: h, body: payload });
      const text = await res.text();
      let parsed;
      if (text) {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
      }
      return { status: res.status, headers: res.headers, body: parsed, text };
    },
  };
}
