// ghseal demo page. Loads the package from /pkg/ (the default entry: wasm inlined,
// no init call) and the emulator's address from /config.json. The token lives in
// the #token field and in local variables only: never stored, never logged.

const $ = (id) => document.getElementById(id);

/** Which scopes each app has, in display order. */
const SCOPES = {
  actions: ["repo", "environment", "org"],
  dependabot: ["repo", "org"],
  codespaces: ["user", "repo", "org"],
};
const SCOPE_LABELS = { repo: "Repository", environment: "Environment", org: "Organization", user: "User (you)" };
const APP_LABELS = { actions: "Actions", dependabot: "Dependabot", codespaces: "Codespaces" };

/** Method names of each scope (same names in every app that has the scope). */
const METHODS = {
  repo: { key: "getRepoPublicKey", put: "createOrUpdateRepoSecret", list: "listRepoSecrets", del: "deleteRepoSecret" },
  environment: {
    key: "getEnvironmentPublicKey",
    put: "createOrUpdateEnvironmentSecret",
    list: "listEnvironmentSecrets",
    del: "deleteEnvironmentSecret",
  },
  org: {
    key: "getOrgPublicKey",
    put: "createOrUpdateOrgSecret",
    list: "listOrgSecrets",
    del: "deleteOrgSecret",
    repos: "listSelectedReposForOrgSecret",
    setRepos: "setSelectedReposForOrgSecret",
  },
  user: {
    key: "getPublicKeyForAuthenticatedUser",
    put: "createOrUpdateSecretForAuthenticatedUser",
    list: "listSecretsForAuthenticatedUser",
    del: "deleteSecretForAuthenticatedUser",
    repos: "listRepositoriesForSecretForAuthenticatedUser",
    setRepos: "setRepositoriesForSecretForAuthenticatedUser",
  },
};

/** Library parameter -> the field whose error paragraph shows the message. */
const FIELD_OF_PARAM = {
  secret_name: "name",
  value: "value",
  encrypted_value: "value",
  owner: "owner",
  repo: "repo",
  environment_name: "environment",
  org: "org",
  visibility: "visibility",
  selected_repository_ids: "selected-repos",
  auth: "token",
};
const ERROR_ID = { "selected-repos": "repos-error" };
const errorIdOf = (field) => ERROR_ID[field] ?? `${field}-error`;

/** GitHub's limit on a secret's plaintext. */
const MAX_SECRET_BYTES = 48 * 1024;

let lib;
let config;
let lastKey; // { key, key_id } of the last fetched public key (public data)

// ------------------------------------------------------------------ helpers

function setStatus(id, text, kind = "") {
  const el = $(id);
  el.textContent = text;
  el.dataset.kind = kind;
}

function fieldError(field, message) {
  const input = $(field);
  const out = $(errorIdOf(field));
  out.textContent = message;
  input.setAttribute("aria-invalid", "true");
}

function clearErrors(form) {
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  for (const el of form.querySelectorAll(".error")) el.replaceChildren();
  if (form.id === "secret-form") {
    // A 401 marks the token field; the next request starts clean.
    $("token").removeAttribute("aria-invalid");
    $("token-error").replaceChildren();
  }
}

function target() {
  return $("target-github").checked ? "github" : "emulator";
}

function baseUrl() {
  return target() === "github" ? config.githubUrl : config.emulatorUrl;
}

/** A client for the current target and token (created per action; nothing cached). */
function client() {
  const options = { auth: $("token").value.trim() || undefined, baseUrl: baseUrl() };
  if (target() === "emulator") options.throttle = { minWriteInterval: 0 };
  return new lib.GitHubSecrets(options);
}

/** The form's scope parameters; field errors for empty required fields. */
function readScope() {
  const app = $("app").value;
  const scope = $("scope").value;
  const p = {};
  const missing = [];
  const need = (field, param, what) => {
    const v = $(field).value.trim();
    if (!v) missing.push([field, `Enter the ${what}.`]);
    p[param] = v;
  };
  if (scope === "repo" || scope === "environment") {
    need("owner", "owner", "repository owner");
    need("repo", "repo", "repository name");
  }
  if (scope === "environment") need("environment", "environment_name", "environment name");
  if (scope === "org") need("org", "org", "organization");
  for (const [field, message] of missing) fieldError(field, message);
  return { app, scope, params: p, ok: missing.length === 0 };
}

function describeScope({ app, scope, params }) {
  const where = {
    repo: () => `${params.owner}/${params.repo}`,
    environment: () => `${params.owner}/${params.repo}, environment ${params.environment_name}`,
    org: () => `organization ${params.org}`,
    user: () => "your account",
  }[scope]();
  return `${APP_LABELS[app]} secrets of ${where}`;
}

/** The emulator's scope path (for its /_emulator/ control API). */
function emulatorScope({ app, scope, params }) {
  const seg = encodeURIComponent;
  switch (scope) {
    case "repo":
      return `/repos/${seg(params.owner)}/${seg(params.repo)}/${app}`;
    case "environment":
      return `/repos/${seg(params.owner)}/${seg(params.repo)}/environments/${params.environment_name}`;
    case "org":
      return `/orgs/${seg(params.org)}/${app}`;
    default:
      return "/user/codespaces";
  }
}

/** Shows an error from the library: next to its field, or in `alertId` (HTTP and others). */
function showError(err, alertId, { fallbackField } = {}) {
  if (err?.name === "ValidationError") {
    const field = FIELD_OF_PARAM[err.param] ?? fallbackField;
    if (field && $(field)) {
      // The field is labelled already: drop the library's "param: " prefix.
      const prefix = `${err.param}: `;
      fieldError(field, err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message);
      $(field).focus();
      return;
    }
  }
  const box = $(alertId);
  box.replaceChildren();
  const p = document.createElement("p");
  if (err?.name === "HttpError" && err.status > 0) {
    const data = err.response?.data ?? {};
    const strong = document.createElement("strong");
    strong.textContent = `GitHub answered ${err.status}: `;
    p.append(strong, String(data.message ?? err.message));
    const details = (Array.isArray(data.errors) ? data.errors : [])
      .map((e) => (typeof e === "string" ? e : e?.message))
      .filter((m) => m && !String(data.message ?? "").includes(m));
    if (details.length) p.append(` (${details.join("; ")})`);
    if (typeof data.documentation_url === "string" && data.documentation_url.startsWith("https://docs.github.com/")) {
      const a = document.createElement("a");
      a.href = data.documentation_url;
      a.textContent = "documentation";
      a.rel = "noreferrer noopener";
      a.target = "_blank";
      p.append(" – ", a);
    }
    if (err.status === 401) fieldError("token", "GitHub refused this token (401).");
  } else if (err?.name === "HttpError") {
    p.textContent = `Could not reach ${baseUrl()}: ${err.message}`;
  } else {
    p.textContent = String(err?.message ?? err);
  }
  box.append(p);
}

async function busy(buttons, fn) {
  for (const b of buttons) b.disabled = true;
  document.body.setAttribute("aria-busy", "true");
  try {
    return await fn();
  } finally {
    for (const b of buttons) b.disabled = false;
    document.body.removeAttribute("aria-busy");
  }
}

const utf8Length = (s) => new TextEncoder().encode(s).length;

// -------------------------------------------------------------- form state

function fillScopes() {
  const app = $("app").value;
  const select = $("scope");
  const previous = select.value;
  select.replaceChildren(
    ...SCOPES[app].map((s) => {
      const o = document.createElement("option");
      o.value = s;
      o.textContent = SCOPE_LABELS[s];
      return o;
    }),
  );
  select.value = SCOPES[app].includes(previous) ? previous : SCOPES[app][0];
  updateFields();
}

function updateFields() {
  const scope = $("scope").value;
  const show = (id, on) => {
    $(id).hidden = !on;
  };
  show("repo-fields", scope === "repo" || scope === "environment");
  show("environment-field", scope === "environment");
  show("org-field", scope === "org");
  show("user-note", scope === "user");
  show("access-fields", scope === "org" || scope === "user");
  show("visibility-field", scope === "org");
  const reposOn = scope === "user" || (scope === "org" && $("visibility").value === "selected");
  show("repos-field", reposOn);
  show("update-repos", reposOn);
  $("repos-hint").textContent =
    scope === "user"
      ? "Optional. Comma-separated names (repo or owner/repo) or ids of repositories whose codespaces get the secret."
      : "Comma-separated names (repo or owner/repo) or ids.";
}

function switchTarget() {
  const gh = target() === "github";
  // Never carry one API's token over to the other.
  $("token").value = gh ? "" : config.demoToken;
  clearErrors($("conn-form"));
  // The listed secrets (and their delete buttons) belong to the other API.
  $("secrets-body").replaceChildren();
  $("list-caption").textContent = "Press “List secrets” to see the secrets of the chosen scope.";
  setStatus("list-status", "");
  resetResult();
  setStatus(
    "conn-status",
    gh
      ? "Requests go to https://api.github.com with your token. Secret values can't be read back from GitHub."
      : `Requests go to the local emulator at ${config.emulatorUrl}.`,
  );
  if (gh) $("token").focus();
}

// ---------------------------------------------------------------- actions

async function checkToken() {
  clearErrors($("conn-form"));
  if (!$("token").value.trim()) {
    fieldError("token", "Enter a token.");
    $("token").focus();
    return;
  }
  setStatus("conn-status", "Checking…");
  try {
    const { data } = await client().request("GET /user");
    setStatus("conn-status", `Signed in as ${data.login} on ${target() === "github" ? "GitHub" : "the emulator"}.`, "ok");
  } catch (err) {
    setStatus("conn-status", "");
    if (err?.name === "HttpError" && err.status > 0) {
      fieldError("token", `GitHub answered ${err.status}: ${err.response?.data?.message ?? err.message}`);
    } else {
      fieldError("token", `Could not reach ${baseUrl()}: ${err?.message ?? err}`);
    }
    $("token").focus();
  }
}

function showKey(data) {
  lastKey = { key: data.key, key_id: data.key_id };
  $("public-key").textContent = data.key;
  $("key-id").textContent = data.key_id;
}

function resetResult() {
  $("public-key").textContent = "–";
  $("key-id").textContent = "–";
  $("sealed-value").value = "";
  $("upload-result").textContent = "–";
  $("value-length").textContent = "–";
  $("verify-result").textContent = "–";
  $("verify-result").dataset.kind = "";
}

async function fetchKey(gh, s) {
  const { data } = await gh[s.app][METHODS[s.scope].key](s.params);
  showKey(data);
  return data;
}

/** Resolves "name, owner/name, 123" to repository ids (GET /repos/{owner}/{repo} for names). */
async function resolveRepos(gh, s) {
  const items = $("selected-repos")
    .value.split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean);
  let defaultOwner = s.params.org;
  const ids = [];
  for (const item of items) {
    if (/^\d+$/.test(item)) {
      ids.push(Number(item));
      continue;
    }
    let [owner, repo] = item.includes("/") ? item.split("/", 2) : [undefined, item];
    if (!owner) {
      if (!defaultOwner) defaultOwner = (await gh.request("GET /user")).data.login;
      owner = defaultOwner;
    }
    try {
      const { data } = await gh.request("GET /repos/{owner}/{repo}", { owner, repo });
      ids.push(data.id);
    } catch (err) {
      if (err?.name === "HttpError" && err.status === 404) {
        const e = new Error(`Repository ${owner}/${repo} not found (or not visible to this token).`);
        e.name = "ValidationError";
        e.param = "selected_repository_ids";
        throw e;
      }
      throw err;
    }
  }
  return ids;
}

async function upload() {
  const form = $("secret-form");
  clearErrors(form);
  setStatus("secret-status", "");
  const s = readScope();
  const name = $("name").value.trim();
  const value = $("value").value;
  let ok = s.ok;
  if (!name) {
    fieldError("name", "Enter a secret name.");
    ok = false;
  }
  if (value === "") {
    fieldError("value", "Enter a value: GitHub secrets can't be empty.");
    ok = false;
  } else if (utf8Length(value) > MAX_SECRET_BYTES) {
    fieldError("value", `Too long: ${utf8Length(value)} bytes; GitHub secrets are limited to 48 KiB (${MAX_SECRET_BYTES} bytes).`);
    ok = false;
  }
  if (!ok) {
    form.querySelector("[aria-invalid]")?.focus();
    return;
  }
  resetResult();
  const gh = client();
  const methods = METHODS[s.scope];
  try {
    setStatus("secret-status", "Fetching the public key…");
    const body = { ...s.params, secret_name: name };
    if (s.scope === "org") {
      body.visibility = $("visibility").value;
      if (body.visibility === "selected") body.selected_repository_ids = await resolveRepos(gh, s);
    } else if (s.scope === "user" && $("selected-repos").value.trim()) {
      body.selected_repository_ids = await resolveRepos(gh, s);
    }
    const key = await fetchKey(gh, s);
    const sealed = lib.sealSecret(key.key, value);
    $("sealed-value").value = sealed;
    setStatus("secret-status", "Uploading the sealed value…");
    const res = await gh[s.app][methods.put]({ ...body, encrypted_value: sealed, key_id: key.key_id });
    const created = res.status === 201;
    $("upload-result").textContent = `${created ? "Created" : "Updated"} ${name.toUpperCase()} (HTTP ${res.status}) in ${describeScope(s)}`;
    $("upload-result").dataset.kind = "ok";
    $("value-length").textContent = `${[...value].length} characters (${utf8Length(value)} bytes UTF-8); the plaintext is not kept on the page`;
    $("value").value = "";
    setStatus("secret-status", `${created ? "Created" : "Updated"} ${name.toUpperCase()}.`, "ok");
    await verify(s, name, value);
  } catch (err) {
    setStatus("secret-status", "");
    resetResult();
    $("upload-result").textContent = "Not uploaded (see the message above).";
    $("upload-result").dataset.kind = "bad";
    showError(err, "form-error");
  }
}

/** Against the emulator: ask it for the value it decrypted and compare (the plaintext is not shown). */
async function verify(s, name, value) {
  const out = $("verify-result");
  if (target() !== "emulator") {
    out.textContent = "Not available: GitHub never reveals secret values.";
    out.dataset.kind = "";
    return;
  }
  try {
    const url = `${config.emulatorUrl}/_emulator/secret?scope=${encodeURIComponent(emulatorScope(s))}&name=${encodeURIComponent(name)}`;
    const res = await fetch(url);
    if (!res.ok) throw new Error(`the emulator answered ${res.status}`);
    const secret = await res.json();
    const match = secret.value === value;
    out.textContent = match
      ? `The emulator decrypted the sealed value with its private key (key_id ${secret.key_id}) and it matches what you typed.`
      : "The emulator decrypted the sealed value but it does NOT match what you typed.";
    out.dataset.kind = match ? "ok" : "bad";
  } catch (err) {
    out.textContent = `Could not check with the emulator: ${err.message}`;
    out.dataset.kind = "bad";
  }
}

async function onlyFetchKey() {
  const form = $("secret-form");
  clearErrors(form);
  const s = readScope();
  if (!s.ok) return form.querySelector("[aria-invalid]")?.focus();
  resetResult();
  try {
    await fetchKey(client(), s);
    setStatus("secret-status", `Fetched the public key of ${describeScope(s)}.`, "ok");
  } catch (err) {
    setStatus("secret-status", "");
    showError(err, "form-error");
  }
}

async function updateRepos() {
  const form = $("secret-form");
  clearErrors(form);
  const s = readScope();
  const name = $("name").value.trim();
  if (!name) fieldError("name", "Enter the name of the secret to update.");
  if (!s.ok || !name) return form.querySelector("[aria-invalid]")?.focus();
  const gh = client();
  try {
    const ids = await resolveRepos(gh, s);
    await gh[s.app][METHODS[s.scope].setRepos]({ ...s.params, secret_name: name, selected_repository_ids: ids });
    setStatus("secret-status", `Set ${ids.length} selected ${ids.length === 1 ? "repository" : "repositories"} for ${name.toUpperCase()}.`, "ok");
    await listSecrets(s);
  } catch (err) {
    setStatus("secret-status", "");
    showError(err, "form-error");
  }
}

/** Lists the form's scope, or `listed` (the scope of the table, after a delete). */
async function listSecrets(listed) {
  const form = $("secret-form");
  clearErrors(form);
  const s = listed ?? readScope();
  if (!s.ok) return form.querySelector("[aria-invalid]")?.focus();
  const gh = client();
  const methods = METHODS[s.scope];
  setStatus("list-status", "Loading…");
  try {
    const secrets = await gh.paginate(gh[s.app][methods.list], { ...s.params });
    const rows = [];
    for (const secret of secrets) {
      let repos = "–";
      if (methods.repos && secret.visibility === "selected") {
        const m = gh[s.app][methods.repos];
        const list = s.scope === "org"
          ? await gh.paginate(m, { ...s.params, secret_name: secret.name })
          : (await m({ secret_name: secret.name })).data.repositories;
        repos = list.length ? list.map((r) => r.full_name).join(", ") : "none";
      }
      rows.push(secretRow(s, secret, repos));
    }
    $("secrets-body").replaceChildren(...rows);
    $("list-caption").textContent = describeScope(s);
    setStatus("list-status", `${secrets.length} ${secrets.length === 1 ? "secret" : "secrets"} in ${describeScope(s)}.`, "ok");
  } catch (err) {
    setStatus("list-status", "");
    showError(err, "form-error");
  }
}

function secretRow(s, secret, repos) {
  const tr = document.createElement("tr");
  const cell = (text) => {
    const td = document.createElement("td");
    td.textContent = text;
    return td;
  };
  const th = document.createElement("th");
  th.scope = "row";
  th.textContent = secret.name;
  const del = document.createElement("button");
  del.type = "button";
  del.className = "danger";
  del.textContent = "Delete";
  del.setAttribute("aria-label", `Delete ${secret.name}`);
  del.dataset.secret = secret.name;
  del.addEventListener("click", () => busy([del], () => deleteSecret(s, secret.name)));
  const actions = document.createElement("td");
  actions.append(del);
  tr.dataset.secret = secret.name;
  tr.append(th, cell(secret.updated_at?.replace("T", " ").replace("Z", " UTC") ?? ""), cell(secret.visibility ?? "–"), cell(repos), actions);
  return tr;
}

async function deleteSecret(s, name) {
  if (!window.confirm(`Delete ${name} from ${describeScope(s)}?`)) return;
  try {
    await client()[s.app][METHODS[s.scope].del]({ ...s.params, secret_name: name });
    setStatus("list-status", `Deleted ${name}.`, "ok");
    await listSecrets(s);
    setStatus("list-status", `Deleted ${name}. ${$("list-status").textContent}`, "ok");
    $("list").focus();
  } catch (err) {
    setStatus("list-status", "");
    showError(err, "form-error");
  }
}

function offlineSeal() {
  const form = $("offline-form");
  clearErrors(form);
  $("offline-sealed").value = "";
  setStatus("offline-status", "");
  const key = $("offline-key").value.trim();
  const value = $("offline-value").value;
  let ok = true;
  if (!key) {
    fieldError("offline-key", "Paste a public key: base64 of 32 bytes, as GitHub's …/secrets/public-key returns it.");
    ok = false;
  }
  if (value === "") {
    fieldError("offline-value", "Enter a value to seal.");
    ok = false;
  }
  if (!ok) return form.querySelector("[aria-invalid]")?.focus();
  try {
    $("offline-sealed").value = lib.sealSecret(key, value);
    $("offline-value").value = "";
    setStatus("offline-status", `Sealed ${[...value].length} characters (${utf8Length(value)} bytes) into ${48 + utf8Length(value)} bytes; the value field was cleared.`, "ok");
  } catch (err) {
    if (err?.name === "ValidationError" && err.param === "publicKey") {
      fieldError("offline-key", `Not a valid public key: ${err.message.replace(/^publicKey:\s*/, "")}`);
      $("offline-key").focus();
    } else if (err?.name === "ValidationError" && err.param === "value") {
      fieldError("offline-value", err.message);
      $("offline-value").focus();
    } else {
      setStatus("offline-status", String(err?.message ?? err), "bad");
    }
  }
}

async function offlineCopy() {
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

// ------------------------------------------------------------------- start

function wire() {
  $("conn-form").addEventListener("submit", (e) => {
    e.preventDefault();
    busy([$("check-token")], checkToken);
  });
  for (const r of document.querySelectorAll('input[name="target"]')) r.addEventListener("change", switchTarget);
  $("app").addEventListener("change", fillScopes);
  $("scope").addEventListener("change", updateFields);
  $("visibility").addEventListener("change", updateFields);
  const secretButtons = ["upload", "fetch-key", "list", "update-repos"].map($);
  $("secret-form").addEventListener("submit", (e) => {
    e.preventDefault();
    busy(secretButtons, upload);
  });
  $("fetch-key").addEventListener("click", () => busy(secretButtons, onlyFetchKey));
  $("list").addEventListener("click", () => busy(secretButtons, () => listSecrets()));
  $("update-repos").addEventListener("click", () => busy(secretButtons, updateRepos));
  $("offline-form").addEventListener("submit", (e) => {
    e.preventDefault();
    offlineSeal();
  });
  $("offline-copy").addEventListener("click", offlineCopy);
  $("offline-use-key").addEventListener("click", () => {
    if (!lastKey) return setStatus("offline-status", "Fetch a public key in the secret form first.", "bad");
    $("offline-key").value = lastKey.key;
    setStatus("offline-status", `Using the fetched key (key_id ${lastKey.key_id}).`, "ok");
  });
}

async function main() {
  const controls = document.querySelectorAll("button, input, select, textarea");
  for (const c of controls) c.disabled = true;
  try {
    const res = await fetch("/config.json", { cache: "no-store" });
    if (!res.ok) throw new Error(`/config.json answered ${res.status}`);
    config = await res.json();
    lib = await import("/pkg/index.js");
  } catch (err) {
    setStatus("app-status", `The demo could not start: ${err.message}. Is scripts/serve-demo.mjs running with a built package?`, "bad");
    return;
  }
  for (const c of controls) c.disabled = false;
  $("emulator-url").textContent = config.emulatorUrl;
  const d = config.defaults ?? {};
  $("token").value = config.demoToken;
  $("owner").value = d.owner ?? "";
  $("repo").value = d.repo ?? "";
  $("environment").value = d.environment ?? "";
  $("org").value = d.org ?? "";
  $("name").value = d.secretName ?? "";
  wire();
  fillScopes();
  setStatus("conn-status", `Requests go to the local emulator at ${config.emulatorUrl}.`);
  setStatus("app-status", "Ready.", "ok");
  document.body.dataset.ready = "true";
}

main();
