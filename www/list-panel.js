// Panel 4, Secrets: lists a scope's secrets (paginated, with the selected
// repositories of `selected` ones) and deletes one after a confirmation. The list
// is refreshed after every upload, repository change and delete.
import { $, busy, clearErrors, focusFirstInvalid, plural, setStatus } from "./dom.js";
import { describeScope } from "./scopes.js";
import { reportError } from "./messages.js";

const CAPTION = "Press “List secrets” to see the secrets of the chosen scope.";

/**
 * @param {object} deps
 * @param {ReturnType<import("./connection.js").createConnection>} deps.conn
 * @param {ReturnType<import("./scopes.js").scopeTable>} deps.table
 * @param {ReturnType<import("./secret-form.js").createSecretForm>} deps.form
 */
export function createListPanel({ conn, table, form }) {
  /** Lists `listed` (a scope already read), or the form's scope. */
  async function refresh(listed) {
    if (!listed) {
      clearErrors(form.form, ["form-error"]);
      if (!conn.requireToken()) return $("token").focus();
    }
    const s = listed ?? form.readScope();
    if (!s.ok) return focusFirstInvalid(form.form);
    const gh = conn.client();
    const method = (role) => gh[s.app][table.methodOf(s.app, s.scope, role)];
    setStatus("list-status", "Loading…", "busy");
    try {
      const secrets = await gh.paginate(method("list"), { ...s.params });
      const rows = [];
      for (const secret of secrets) {
        let repos = "–";
        if (table.methodOf(s.app, s.scope, "repos") && secret.visibility === "selected") {
          const list =
            s.scope === "org"
              ? await gh.paginate(method("repos"), { ...s.params, secret_name: secret.name })
              : (await method("repos")({ secret_name: secret.name })).data.repositories;
          repos = list.length ? list.map((r) => r.full_name).join(", ") : "none";
        }
        rows.push(secretRow(s, secret, repos));
      }
      conn.answered();
      $("secrets-body").replaceChildren(...rows);
      $("list-caption").textContent = describeScope(s);
      setStatus("list-status", `${plural(secrets.length, "secret")} in ${describeScope(s)}.`, "ok");
    } catch (err) {
      setStatus("list-status", "");
      await reportError(err, { conn, gh, s, table });
    }
  }

  function secretRow(s, secret, repos) {
    const tr = document.createElement("tr");
    tr.setAttribute("role", "row");
    const cell = (label, text) => {
      const td = document.createElement("td");
      td.setAttribute("role", "cell");
      td.dataset.label = label;
      td.textContent = text;
      return td;
    };
    const th = document.createElement("th");
    th.scope = "row";
    th.setAttribute("role", "rowheader");
    th.textContent = secret.name;
    const del = document.createElement("button");
    del.type = "button";
    del.className = "danger";
    del.textContent = "Delete";
    del.setAttribute("aria-label", `Delete ${secret.name}`);
    del.dataset.secret = secret.name;
    del.addEventListener("click", () => busy([del], () => deleteSecret(s, secret.name)));
    const actions = document.createElement("td");
    actions.className = "row-actions";
    actions.setAttribute("role", "cell");
    actions.append(del);
    tr.dataset.secret = secret.name;
    const updated = typeof secret.updated_at === "string" ? secret.updated_at.replace("T", " ").replace("Z", " UTC") : "";
    tr.append(th, cell("Updated", updated), cell("Visibility", secret.visibility ?? "–"), cell("Selected repositories", repos), actions);
    return tr;
  }

  async function deleteSecret(s, name) {
    if (!window.confirm(`Delete ${name} from ${describeScope(s)}?`)) return;
    clearErrors(form.form, ["form-error"]);
    const gh = conn.client();
    try {
      await gh[s.app][table.methodOf(s.app, s.scope, "del")]({ ...s.params, secret_name: name });
      conn.answered();
      await refresh(s);
      setStatus("list-status", `Deleted ${name}. ${$("list-status").textContent}`, "ok");
      $("list").focus();
    } catch (err) {
      setStatus("list-status", "");
      await reportError(err, { conn, gh, s, table, secretName: name });
    }
  }

  /** Empties the list (its rows and Delete buttons belong to the other API after a switch). */
  function clear() {
    $("secrets-body").replaceChildren();
    $("list-caption").textContent = CAPTION;
    setStatus("list-status", "");
  }

  return { refresh, clear };
}
