// `ghseal/octokit`: an Octokit plugin that seals secrets on the fly.
//
//   import { Octokit } from "@octokit/rest";
//   import { sealSecrets } from "ghseal/octokit";
//   const octokit = new (Octokit.plugin(sealSecrets))({ auth });
//   await octokit.rest.actions.createOrUpdateRepoSecret({ owner, repo, secret_name, value });
//
// A `request` hook (octokit.hook.wrap, as Octokit's own plugins do) recognises the
// secret writes of ghseal's endpoint table (method + route template), fetches the
// scope's public key through the same Octokit instance (its auth, baseUrl,
// throttling and retries apply), caches it per scope, seals `value` with libsodium's
// crypto_box_seal and sends `encrypted_value` + `key_id`. A 422 after GitHub rotated
// the key refetches it and retries once. Calls with a ready `encrypted_value` pass
// through unchanged. Octokit itself is an optional peer dependency, never bundled.
// "#seal" (package.json "imports"): the sealing-only entry of the runtime - Node reads
// seal-wasm/ghseal_bg.wasm, workerd imports it, browsers and bundlers take the inlined copy.
import { MAX_SECRET_BYTES, ValidationError, sealSecret } from "#seal";
import SEALED_ROUTES from "./octokit-routes.js";

export { MAX_SECRET_BYTES };

const rows = SEALED_ROUTES.map(([write, key]) => {
  const [method, url] = write.split(" ");
  return { method, url, segments: url.split("/"), key };
});

const validationError = (param, code, message) => new ValidationError(`${param}: ${message}`, { code, param });

/**
 * The sealing row for a request, and its path parameters: matches the route
 * template (`options.url` as Octokit keeps it, `{param}` placeholders) or a literal
 * path of the same shape (values URL-decoded).
 */
function match(options) {
  const method = String(options.method ?? "").toUpperCase();
  const segments = String(options.url ?? "").split("?")[0].split("/");
  for (const row of rows) {
    if (row.method !== method || row.segments.length !== segments.length) continue;
    const params = {};
    const ok = row.segments.every((seg, i) => {
      if (seg === segments[i]) return true;
      if (!seg.startsWith("{") || !segments[i] || segments[i].startsWith("{")) return false;
      try {
        params[seg.slice(1, -1)] = decodeURIComponent(segments[i]);
      } catch {
        return false;
      }
      return true;
    });
    if (ok) return { row, params };
  }
  return undefined;
}

/** Checks `value` and the parameters next to it before anything is sent. */
function checkValue(options) {
  const { value } = options;
  if (options.encrypted_value !== undefined) {
    throw validationError("value", "invalid_param", "give either value (sealed for you) or encrypted_value + key_id, not both");
  }
  if (options.key_id !== undefined) {
    throw validationError("key_id", "invalid_param", "only with encrypted_value; with value the plugin uses the scope's current public key");
  }
  let bytes;
  if (typeof value === "string") bytes = new TextEncoder().encode(value).length;
  else if (value instanceof Uint8Array) bytes = value.length;
  else throw validationError("value", "invalid_type", `expected a string or a Uint8Array, got ${value === null ? "null" : typeof value}`);
  if (bytes > MAX_SECRET_BYTES) {
    throw validationError("value", "invalid_length", `${bytes} bytes is over GitHub's limit of ${MAX_SECRET_BYTES} bytes (48 KiB)`);
  }
}

/**
 * The Octokit plugin (`Octokit.plugin(sealSecrets)`): with it, every secret write
 * of ghseal's endpoint table (`createOrUpdateRepoSecret`, `...EnvironmentSecret`,
 * `...OrgSecret`, Dependabot's and Codespaces' including the user's) accepts
 * `value` (a string, sent as UTF-8, or bytes; at most 48 KiB) instead of
 * `encrypted_value` + `key_id`.
 * Errors, thrown before any request: `ValidationError` with `param` "value" when
 * both `value` and `encrypted_value` are given, `value` is neither a string nor a
 * Uint8Array, or it is over 48 KiB; `param` "key_id" when `key_id` comes with
 * `value`. A public-key response without a string `key_id` or whose `key` is not
 * base64 of 32 bytes rejects with `ValidationError` (nothing is written). HTTP
 * failures are Octokit's own `RequestError`s.
 * @param {{ hook: { wrap: Function }, request: Function }} octokit
 * @returns {{}} nothing is added to the instance
 */
export function sealSecrets(octokit) {
  /** Public key per scope: "baseUrl /repos/o/r/actions/secrets/public-key" -> Promise<{ key_id, key }>. */
  const keys = new Map();

  /**
   * The scope's public key: the cached one, or (when `stale` is the cached promise,
   * after a 422) a fresh one that concurrent writers of the scope then share.
   */
  const publicKey = (scope, stale) => {
    const cached = keys.get(scope.id);
    if (cached && cached !== stale) return cached;
    const pending = octokit.request(`GET ${scope.route}`, scope.params).then(({ data }) => {
      if (typeof data?.key_id !== "string" || data.key_id === "" || typeof data.key !== "string") {
        throw validationError("key_id", "invalid_type", "the public-key response has no key_id and key");
      }
      return { key_id: data.key_id, key: data.key };
    });
    keys.set(scope.id, pending);
    pending.catch(() => keys.get(scope.id) === pending && keys.delete(scope.id));
    return pending;
  };

  octokit.hook.wrap("request", async (request, options) => {
    const found = options.value === undefined ? undefined : match(options);
    if (!found) return request(options);
    checkValue(options);
    const { value } = options;
    const route = found.row.key;
    const params = options.baseUrl ? { baseUrl: options.baseUrl } : {};
    for (const [, name] of route.matchAll(/\{([^}]+)\}/g)) params[name] = options[name] ?? found.params[name];
    const path = route.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(String(params[name])));
    const scope = { route, params, id: `${options.baseUrl ?? ""} ${path.toLowerCase()}` };
    // Hooks inside this one are bound to this `options` object (before-after-hook),
    // so the sealed value goes into it in place, as Octokit's own plugins do.
    const send = (key) => {
      delete options.value;
      options.encrypted_value = sealSecret(key.key, value);
      options.key_id = key.key_id;
      return request(options);
    };
    const used = publicKey(scope);
    const key = await used;
    try {
      return await send(key);
    } catch (error) {
      if (error?.status !== 422) throw error;
      const newer = await publicKey(scope, used);
      if (newer.key_id === key.key_id) throw error;
      return send(newer);
    }
  });
  return {};
}

export default sealSecrets;
