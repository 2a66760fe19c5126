// Turns an error from the library into a message where it belongs: a
// ValidationError at its field; no answer at all at the connection; 401 at the
// token; a 404 naming what was not found (probed with GET /repos/{owner}/{repo} or
// the scope's public key) at that field; a 422 about repositories at the
// repositories field, naming them; anything else in the form's alert. Messages
// say who answered ("GitHub" or "The emulator"). Responses are untrusted: only
// their text is shown (textContent), links only to https://docs.github.com/.
import { $, fieldError, showAlert } from "./dom.js";
import { describeScope } from "./scopes.js";
import { FIELD_OF_PARAM } from "./secret-form.js";
import { repoLabel } from "./repos.js";

const strong = (text) => {
  const el = document.createElement("strong");
  el.textContent = text;
  return el;
};
const visible = (field) => $(field) && !$(field).closest("[hidden]");

/** What a 404 means for this scope: `{ field, message }`, or null when it can't be told. */
async function explainNotFound({ gh, s, table, secretName }) {
  const probe = async (fn) => {
    try {
      await fn();
      return "found";
    } catch (err) {
      return err?.name === "HttpError" && err.status === 404 ? "missing" : "unknown";
    }
  };
  if (secretName) {
    const key = table.methodOf(s.app, s.scope, "key");
    if ((await probe(() => gh[s.app][key](s.params))) === "found") {
      return { field: "name", message: `Secret ${secretName.toUpperCase()} was not found in ${describeScope(s)}.` };
    }
  }
  const { owner, repo, environment_name: env, org } = s.params;
  if (s.scope === "repo" || s.scope === "environment") {
    const repoState = await probe(() => gh.request("GET /repos/{owner}/{repo}", { owner, repo }));
    if (repoState === "missing") return { field: "repo", message: `Repository ${owner}/${repo} was not found (or this token can't see it).` };
    if (repoState === "found" && s.scope === "environment") return { field: "environment", message: `Environment ${env} was not found in ${owner}/${repo}.` };
    return null;
  }
  if (s.scope === "org") return { field: "org", message: `Organization ${org} was not found (or this token can't manage its secrets).` };
  return null;
}

/** A 422 that refused selected repositories, as one sentence naming them; else null. */
function refusedRepos(data, names) {
  const errors = Array.isArray(data.errors) ? data.errors : [];
  const text = String(data.message ?? "");
  if (!/selected_repository_ids/.test(text) && !errors.some((e) => e?.field === "selected_repository_ids")) return null;
  const m = /not ((?:repositories|repos)[^:]*):\s*([\d,\s]+)/.exec(text) ?? /(unknown repository ids):\s*([\d,\s]+)/.exec(errors.map((e) => e?.message).join(" "));
  if (!m) return text.replace(/^Invalid request\.\s*/, "");
  const ids = m[2].split(/[,\s]+/).filter(Boolean).map(Number);
  const list = ids.map((id) => repoLabel(id, names)).join(", ");
  return /^unknown/.test(m[1]) ? `Unknown repositories: ${list}.` : `Not ${m[1]}: ${list}.`;
}

/**
 * Shows `err` where it belongs.
 * @param {unknown} err  what the library threw
 * @param {object} where
 * @param {ReturnType<import("./connection.js").createConnection>} where.conn
 * @param {string} [where.alertId="form-error"]  alert box for messages without a field
 * @param {object} [where.gh]      the client used (for 404 probes)
 * @param {object} [where.s]       the form scope of the request
 * @param {object} [where.table]   scopeTable() (for 404 probes)
 * @param {string} [where.secretName]  set for requests on an existing secret
 * @param {Map<number,string>} [where.names]  repository id -> name, from resolveRepos
 */
export async function reportError(err, { conn, alertId = "form-error", gh, s, table, secretName, names }) {
  if (err?.name === "ValidationError") {
    const field = FIELD_OF_PARAM[err.param];
    if (field && visible(field)) {
      // The field is labelled already: drop the library's "param: " prefix.
      const prefix = `${err.param}: `;
      fieldError(field, err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message);
      $(field).focus();
      return;
    }
    showAlert(alertId, String(err.message));
    return;
  }
  if (err?.name !== "HttpError") {
    showAlert(alertId, String(err?.message ?? err));
    return;
  }
  if (!(err.status > 0)) {
    conn.unreachable(err);
    showAlert(alertId, `Nothing was sent: could not reach ${conn.baseUrl()} (see 1. Connection).`);
    return;
  }
  conn.answered();
  const who = conn.answeredBy();
  const data = err.response?.data && typeof err.response.data === "object" ? err.response.data : {};
  const message = String(data.message ?? err.message);
  if (err.status === 401) {
    fieldError("token", `${who} refused this token (401 ${message}).`);
    showAlert(alertId, strong(`${who} answered 401: `), `${message}. Check the token in 1. Connection.`);
    return;
  }
  if (err.status === 404 && gh && s && table) {
    const found = await explainNotFound({ gh, s, table, secretName });
    if (found && visible(found.field)) {
      fieldError(found.field, found.message);
      showAlert(alertId, strong(`${who} answered 404: `), found.message);
      $(found.field).focus();
      return;
    }
  }
  if (err.status === 422 && visible("selected-repos")) {
    const repos = refusedRepos(data, names);
    if (repos) {
      fieldError("selected-repos", `${who} refused the selection. ${repos}`);
      $("selected-repos").focus();
      return;
    }
  }
  const parts = [strong(`${who} answered ${err.status}: `), message];
  const details = (Array.isArray(data.errors) ? data.errors : [])
    .map((e) => (typeof e === "string" ? e : e?.message))
    .filter((m) => typeof m === "string" && m && !message.includes(m));
  if (details.length) parts.push(` (${details.join("; ")})`);
  if (typeof data.documentation_url === "string" && data.documentation_url.startsWith("https://docs.github.com/")) {
    const a = document.createElement("a");
    a.href = data.documentation_url;
    a.textContent = "documentation";
    a.rel = "noreferrer noopener";
    a.target = "_blank";
    parts.push(" – ", a);
  }
  showAlert(alertId, ...parts);
}
