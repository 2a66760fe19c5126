// Small helpers for tests that talk to the emulator: seal values with
// libsodium-wrappers (independent of ghseal), make JSON requests, and call the
// token-locked /_emulator/ control API in one line.

import sodium from "libsodium-wrappers";
import { DEMO_TOKEN } from "./seed.mjs";
import { CONTROL_TOKEN_HEADER } from "./control.mjs";

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

/**
 * The control API of a running emulator, with its control token sent on every call.
 * Accepts what startEmulator() returns ({ url, controlToken }) or what the demo's
 * startDemo() returns ({ emulatorUrl, controlToken }).
 *
 *   const control = emulatorControl(server);
 *   await control.request("POST", "rotate-key", { body: { scope } });  // { status, headers, body, text }
 *   await control.secret("/repos/octo-org/hello-world/actions", "NAME"); // decrypted view, or null on 404
 *   await fetch(`${server.url}/_emulator/log`, { headers: control.headers });
 *
 * @param {{ url?: string, emulatorUrl?: string, controlToken: string }} server
 */
export function emulatorControl(server) {
  const baseUrl = server.emulatorUrl ?? server.url;
  if (!baseUrl || !server.controlToken) throw new TypeError("emulatorControl: expected { url | emulatorUrl, controlToken }");
  const headers = Object.freeze({ [CONTROL_TOKEN_HEADER]: server.controlToken });
  const request = async (method, name, { body, rawBody, query } = {}) => {
    const h = { ...headers };
    const payload = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
    if (payload !== undefined) h["content-type"] = "application/json";
    const qs = query ? `?${new URLSearchParams(query)}` : "";
    const res = await fetch(`${baseUrl}/_emulator/${name}${qs}`, { method, headers: h, body: payload });
    const text = await res.text();
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };
  return {
    headers,
    request,
    /** GET /_emulator/secret: the decrypted secret, or null when the emulator answers 404. */
    async secret(scope, name) {
      const r = await request("GET", "secret", { query: { scope, name } });
      if (r.status === 404) return null;
      if (r.status !== 200) throw new Error(`emulator control API answered ${r.status}: ${r.text}`);
      return r.body;
    },
    /** GET /_emulator/public-key: `{ key_id, key }` of a scope. */
    async publicKey(scope) {
      const r = await request("GET", "public-key", { query: { scope } });
      if (r.status !== 200) throw new Error(`emulator control API answered ${r.status}: ${r.text}`);
      return r.body;
    },
  };
}
