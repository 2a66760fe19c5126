// Panel 2's actions: "Seal and upload", "Fetch public key" and "Update selected
// repositories". Each attempt clears the previous result and messages first; checks
// that need no request (token, empty fields, the 48 KiB limit from the package)
// run before any request.
import { $, clearErrors, describeLength, fieldError, focusFirstInvalid, plural, setStatus, utf8Length } from "./dom.js";
import { describeScope, emulatorScope } from "./scopes.js";
import { resetResult, setResult, showKey, verifyWithEmulator } from "./result.js";
import { resolveRepos } from "./repos.js";
import { reportError } from "./messages.js";

/**
 * @param {object} deps
 * @param {object} deps.lib     the ghseal package (sealSecret, MAX_SECRET_BYTES, SEAL_OVERHEAD)
 * @param {object} deps.config  /config.json
 * @param {ReturnType<import("./connection.js").createConnection>} deps.conn
 * @param {ReturnType<import("./scopes.js").scopeTable>} deps.table
 * @param {ReturnType<import("./secret-form.js").createSecretForm>} deps.form
 * @param {{ refresh: (s: object) => Promise<void> }} deps.list  the secrets list (refreshed after changes)
 * @param {(key: { key: string, key_id: string }) => void} deps.onKey  a public key was fetched
 */
export function createSecretPanel({ lib, config, conn, table, form, list, onKey }) {
  /** Starts an attempt: old result, alerts and errors go; returns the scope or null. */
  function begin({ needName }) {
    clearErrors(form.form, ["form-error"]);
    clearErrors($("conn-form"));
    setStatus("secret-status", "");
    resetResult();
    const s = form.readScope();
    let ok = s.ok;
    if (!conn.requireToken()) ok = false;
    if (needName && !$("name").value.trim()) {
      fieldError("name", needName);
      ok = false;
    }
    if (!ok) {
      if (!focusFirstInvalid(form.form)) $("token").focus();
      return null;
    }
    return s;
  }

  async function fetchKey(gh, s) {
    const { data } = await gh[s.app][table.methodOf(s.app, s.scope, "key")](s.params);
    showKey(data);
    onKey(data);
    return data;
  }

  /** False when the value is empty or over the package's MAX_SECRET_BYTES (message at the field). */
  function checkValue(value) {
    if (value === "") {
      fieldError("value", "Enter a value: GitHub secrets can't be empty.");
      return false;
    }
    const bytes = utf8Length(value);
    if (bytes > lib.MAX_SECRET_BYTES) {
      fieldError("value", `Too long: ${bytes} bytes; GitHub secrets are limited to 48 KiB (${lib.MAX_SECRET_BYTES} bytes).`);
      return false;
    }
    return true;
  }

  async function upload() {
    const name = $("name").value.trim();
    const value = $("value").value;
    const s = begin({ needName: "Enter a secret name." });
    const valueOk = checkValue(value);
    if (!s || !valueOk) {
      if (s) $("value").focus();
      setResult("upload-result", "Not uploaded (see the message above).", "bad");
      return;
    }
    const items = form.selectedRepoItems();
    const visibility = form.visibility();
    if (visibility === "selected" && items.length === 0) {
      const go = window.confirm(
        `No repositories are selected: with visibility “selected”, no repository can use ${name.toUpperCase()} until some are added. Upload anyway?`,
      );
      if (!go) {
        setStatus("secret-status", "Not uploaded: enter selected repositories, or choose another visibility.");
        $("selected-repos").focus();
        return;
      }
    }
    const gh = conn.client();
    let names;
    try {
      setStatus("secret-status", "Fetching the public key…", "busy");
      const body = { ...s.params, secret_name: name };
      if (visibility) body.visibility = visibility;
      if (visibility === "selected" || (s.scope === "user" && items.length)) {
        const resolved = await resolveRepos(gh, s, items);
        names = resolved.names;
        body.selected_repository_ids = resolved.ids;
      }
      const key = await fetchKey(gh, s);
      const sealed = lib.sealSecret(key.key, value);
      $("sealed-value").value = sealed;
      setStatus("secret-status", "Uploading the sealed value…", "busy");
      const res = await gh[s.app][table.methodOf(s.app, s.scope, "put")]({ ...body, encrypted_value: sealed, key_id: key.key_id });
      conn.answered();
      const verb = res.status === 201 ? "Created" : "Updated";
      setResult("upload-result", `${verb} ${name.toUpperCase()} (HTTP ${res.status}) in ${describeScope(s)}`, "ok");
      setResult("value-length", `${describeLength(value)}; sealed into ${plural(lib.SEAL_OVERHEAD + utf8Length(value), "byte")}; the plaintext is not kept on the page`);
      $("value").value = "";
      setStatus("secret-status", `${verb} ${name.toUpperCase()}.`, "ok");
      if (conn.target() === "emulator") await verifyWithEmulator(config, emulatorScope(s), name, value);
      else setResult("verify-result", "Not available: GitHub never reveals secret values.");
      await list.refresh(s);
    } catch (err) {
      setStatus("secret-status", "");
      resetResult();
      setResult("upload-result", "Not uploaded (see the message above).", "bad");
      await reportError(err, { conn, gh, s, table, names });
    }
  }

  async function onlyFetchKey() {
    const s = begin({});
    if (!s) return;
    const gh = conn.client();
    try {
      await fetchKey(gh, s);
      conn.answered();
      setStatus("secret-status", `Fetched the public key of ${describeScope(s)}.`, "ok");
    } catch (err) {
      setStatus("secret-status", "");
      await reportError(err, { conn, gh, s, table });
    }
  }

  async function updateRepos() {
    const s = begin({ needName: "Enter the name of the secret to update." });
    if (!s) return;
    const name = $("name").value.trim();
    const items = form.selectedRepoItems();
    if (items.length === 0 && !window.confirm(`Remove every selected repository from ${name.toUpperCase()}?`)) return;
    const gh = conn.client();
    let names;
    try {
      const resolved = await resolveRepos(gh, s, items);
      names = resolved.names;
      await gh[s.app][table.methodOf(s.app, s.scope, "setRepos")]({ ...s.params, secret_name: name, selected_repository_ids: resolved.ids });
      conn.answered();
      setStatus("secret-status", `Set ${plural(resolved.ids.length, "selected repository", "selected repositories")} for ${name.toUpperCase()}.`, "ok");
      await list.refresh(s);
    } catch (err) {
      setStatus("secret-status", "");
      await reportError(err, { conn, gh, s, table, names, secretName: name });
    }
  }

  return { upload, onlyFetchKey, updateRepos };
}
