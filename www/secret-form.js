// Panel 2's form state: the app and scope selects (from the endpoint table), which
// fields show for a scope, reading the fields of the chosen scope only, and
// clearing what no longer applies (a field hidden for a scope is never read, and
// the repository selection and visibility do not carry over to another scope).
import { $, clearErrors, clearFieldError, fieldError } from "./dom.js";
import { SCOPE_LABELS } from "./scopes.js";

/** Library parameter -> the field whose error paragraph shows the message. */
export const FIELD_OF_PARAM = {
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

/** Fields whose errors clear as soon as the user edits them. */
const EDITABLE = ["token", "owner", "repo", "environment", "org", "visibility", "selected-repos", "name", "value"];

/**
 * @param {{ table: ReturnType<import("./scopes.js").scopeTable>, onTargetChange: () => void }} deps
 *   onTargetChange runs when the app or scope changes (stale alerts and results go).
 */
export function createSecretForm({ table, onTargetChange }) {
  const form = $("secret-form");
  let shown = ""; // "app scope" the fields were last laid out for

  /** Shows the fields of the chosen scope; clears what does not apply to it. */
  function updateFields() {
    const app = $("app").value;
    const scope = $("scope").value;
    const key = `${app} ${scope}`;
    if (shown && shown !== key) {
      // Another scope: the repository selection and visibility never carry over.
      $("selected-repos").value = "";
      if (scope !== "org") $("visibility").value = "private";
      clearErrors(form);
      onTargetChange();
    }
    shown = key;
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
    if (!reposOn) clearFieldError("selected-repos");
    $("repos-hint").textContent =
      scope === "user"
        ? "Optional. Comma-separated names (repo or owner/repo) or ids of repositories whose codespaces get the secret."
        : "Comma-separated names (repo or owner/repo) or ids.";
  }

  /** Refills the scope select with the scopes the chosen app has. */
  function fillScopes() {
    const app = $("app").value;
    const scopes = table.scopesOf(app);
    const select = $("scope");
    const previous = select.value;
    select.replaceChildren(
      ...scopes.map((s) => {
        const o = document.createElement("option");
        o.value = s;
        o.textContent = SCOPE_LABELS[s];
        return o;
      }),
    );
    select.value = scopes.includes(previous) ? previous : scopes[0];
    updateFields();
  }

  /** The chosen scope's parameters; field errors for its empty required fields. */
  function readScope() {
    const app = $("app").value;
    const scope = $("scope").value;
    const params = {};
    let ok = true;
    const need = (field, param, what) => {
      const v = $(field).value.trim();
      if (!v) {
        fieldError(field, `Enter the ${what}.`);
        ok = false;
      }
      params[param] = v;
    };
    if (scope === "repo" || scope === "environment") {
      need("owner", "owner", "repository owner");
      need("repo", "repo", "repository name");
    }
    if (scope === "environment") need("environment", "environment_name", "environment name");
    if (scope === "org") need("org", "org", "organization");
    return { app, scope, params, ok };
  }

  /** Repository names/ids typed for this scope, or [] when the field does not apply. */
  function selectedRepoItems() {
    if ($("repos-field").hidden) return [];
    return $("selected-repos")
      .value.split(/[\s,]+/)
      .map((x) => x.trim())
      .filter(Boolean);
  }

  /** `selected` visibility of an org secret (the only case where visibility is sent). */
  const visibility = () => ($("scope").value === "org" ? $("visibility").value : undefined);

  function wire() {
    $("app").addEventListener("change", fillScopes);
    $("scope").addEventListener("change", updateFields);
    $("visibility").addEventListener("change", updateFields);
    for (const field of EDITABLE) $(field).addEventListener("input", () => clearFieldError(field));
    $("visibility").addEventListener("change", () => clearFieldError("visibility"));
  }

  return { form, fillScopes, updateFields, readScope, selectedRepoItems, visibility, wire };
}
