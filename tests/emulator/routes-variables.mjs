// Variables routes of the emulator: Actions (repository, environment,
// organization) and Copilot agents (repository, organization). Plaintext by
// design. GitHub's answers: 201 {} on create, 409 when the name exists, 204 on
// update and delete, 404 when missing, 409 on selected-repository operations
// of an organization variable whose visibility is not `selected`.

import { isoNow } from "./state.mjs";
import {
  byName,
  conflict,
  entryOf,
  envScope,
  invalid,
  listResponse,
  MAX_VALUE_BYTES,
  NAME_RE,
  needRepo,
  orgScope,
  parseRepoIds,
  repoScope,
  requireFields,
  requireObjectBody,
  requireStrings,
  requireVisibility,
  SELECTED_ONLY_MESSAGE,
  selectedRepoIds,
  selectionHandlers,
  selectionRoutes,
  visibleTo,
} from "./http.mjs";

export const VARIABLE_NAME_MESSAGE =
  "Variable names can only contain alphanumeric characters ([a-z], [A-Z], [0-9]) or underscores (_). Spaces are not allowed. Must start with a letter ([a-z], [A-Z]) or underscores (_).";

const sorted = (scope) => [...scope.variables.values()].sort(byName);
const variableOf = (ctx, scope, raw) => entryOf(ctx, scope, "variables", raw);

function view(ctx, scope, v) {
  const out = { name: v.name, value: v.value, created_at: v.created_at, updated_at: v.updated_at };
  if (scope.kind === "org") {
    out.visibility = v.visibility;
    if (v.visibility === "selected") {
      out.selected_repositories_url = `${ctx.baseUrl}/orgs/${scope.org.login}/${scope.app}/variables/${v.name}/repositories`;
    }
  }
  return out;
}

/** The upper-case name, or 422 for a name GitHub refuses. */
function checkName(ctx, raw) {
  if (typeof raw !== "string" || !NAME_RE.test(raw)) throw invalid(ctx, VARIABLE_NAME_MESSAGE);
  if (/^GITHUB_/i.test(raw)) throw invalid(ctx, "Variable names must not start with GITHUB_.");
  return raw.toUpperCase();
}

function checkValue(ctx, value) {
  if (Buffer.byteLength(value, "utf8") > MAX_VALUE_BYTES) {
    throw invalid(ctx, `Variable value is too large; variables are limited to 48 KB (${MAX_VALUE_BYTES} bytes).`);
  }
}

/** Visibility and selected repositories of an organization write (`body.visibility` given). */
function applyVisibility(ctx, scope, v, body) {
  requireVisibility(ctx, body.visibility);
  const selected = selectedRepoIds(ctx, scope, body.selected_repository_ids, body.visibility);
  const keep = v.visibility === "selected" ? v.selected : undefined;
  v.visibility = body.visibility;
  v.selected = body.visibility === "selected" ? new Set(selected ?? keep ?? []) : undefined;
}

const list = (scopeOf) => (ctx, p) => {
  const scope = scopeOf(ctx, p);
  return listResponse(ctx, sorted(scope).map((v) => view(ctx, scope, v)), "variables");
};

const get = (scopeOf) => (ctx, p) => {
  const scope = scopeOf(ctx, p);
  return { status: 200, body: view(ctx, scope, variableOf(ctx, scope, p.name)) };
};

const create = (scopeOf) => (ctx, p) => {
  const scope = scopeOf(ctx, p);
  const body = requireObjectBody(ctx);
  const isOrg = scope.kind === "org";
  requireStrings(ctx, body, ["name", "value", "visibility"]);
  requireFields(ctx, body, isOrg ? ["name", "value", "visibility"] : ["name", "value"]);
  const name = checkName(ctx, body.name);
  checkValue(ctx, body.value);
  if (scope.variables.has(name)) throw conflict(ctx, `Already exists - Variable ${name} already exists.`);
  const now = isoNow();
  const v = { name, value: body.value, created_at: now, updated_at: now };
  if (isOrg) applyVisibility(ctx, scope, v, body);
  scope.variables.set(name, v);
  return { status: 201, body: {} };
};

const update = (scopeOf) => (ctx, p) => {
  const scope = scopeOf(ctx, p);
  const v = variableOf(ctx, scope, p.name);
  const body = requireObjectBody(ctx);
  requireStrings(ctx, body, ["name", "value", "visibility"]);
  const rename = body.name === undefined ? v.name : checkName(ctx, body.name);
  if (rename !== v.name && scope.variables.has(rename)) throw conflict(ctx, `Already exists - Variable ${rename} already exists.`);
  if (body.value !== undefined) checkValue(ctx, body.value);
  if (scope.kind === "org" && body.visibility !== undefined) applyVisibility(ctx, scope, v, body);
  else if (scope.kind === "org" && body.selected_repository_ids !== undefined && v.visibility !== "selected") {
    throw invalid(ctx, SELECTED_ONLY_MESSAGE);
  } else if (scope.kind === "org" && body.selected_repository_ids !== undefined) {
    v.selected = new Set(parseRepoIds(ctx, scope, body.selected_repository_ids));
  }
  if (body.value !== undefined) v.value = body.value;
  v.updated_at = isoNow();
  if (rename !== v.name) {
    scope.variables.delete(v.name);
    v.name = rename;
    scope.variables.set(rename, v);
  }
  return { status: 204 };
};

const remove = (scopeOf) => (ctx, p) => {
  const scope = scopeOf(ctx, p);
  scope.variables.delete(variableOf(ctx, scope, p.name).name);
  return { status: 204 };
};

/** GET /repos/{owner}/{repo}/<app>/organization-variables: the org's variables this repository sees. */
const listRepoOrg = (app) => (ctx, p) => {
  const repo = needRepo(ctx, p);
  if (repo.owner.type !== "Organization") return listResponse(ctx, [], "variables");
  const scope = ctx.emu.scope({ kind: "org", app, org: repo.owner });
  return listResponse(ctx, visibleTo(repo, sorted(scope)).map((v) => view(ctx, { kind: "repo" }, v)), "variables");
};

// ---------------------------------------------------------------- the table

const SELECTED = selectionHandlers("variables", "name");

/** Five operations on a variables collection; `level` is repository, environment or organization. */
function collection(app, prefix, scopeOf, level, docs) {
  const short = { repository: "repo", environment: "environment", organization: "org" }[level];
  const a = /^[aeiou]/.test(level) ? "an" : "a";
  return [
    ["GET", `${prefix}/variables`, `${app}/list-${short}-variables`, `${docs}#list-${level}-variables`, list(scopeOf)],
    ["POST", `${prefix}/variables`, `${app}/create-${short}-variable`, `${docs}#create-${a}-${level}-variable`, create(scopeOf)],
    ["GET", `${prefix}/variables/{name}`, `${app}/get-${short}-variable`, `${docs}#get-${a}-${level}-variable`, get(scopeOf)],
    ["PATCH", `${prefix}/variables/{name}`, `${app}/update-${short}-variable`, `${docs}#update-${a}-${level}-variable`, update(scopeOf)],
    ["DELETE", `${prefix}/variables/{name}`, `${app}/delete-${short}-variable`, `${docs}#delete-${a}-${level}-variable`, remove(scopeOf)],
  ];
}

const selectionOps = (app) => [
  [`${app}/list-selected-repos-for-org-variable`, "list-selected-repositories-for-an-organization-variable"],
  [`${app}/set-selected-repos-for-org-variable`, "set-selected-repositories-for-an-organization-variable"],
  [`${app}/add-selected-repo-to-org-variable`, "add-selected-repository-to-an-organization-variable"],
  [`${app}/remove-selected-repo-from-org-variable`, "remove-selected-repository-from-an-organization-variable"],
];

function repoAndOrg(app) {
  const docs = `https://docs.github.com/rest/${app}/variables`;
  return [
    ...collection(app, `/repos/{owner}/{repo}/${app}`, repoScope(app), "repository", docs),
    ["GET", `/repos/{owner}/{repo}/${app}/organization-variables`, `${app}/list-repo-organization-variables`, `${docs}#list-repository-organization-variables`, listRepoOrg(app)],
    ...collection(app, `/orgs/{org}/${app}`, orgScope(app), "organization", docs),
    ...selectionRoutes(`/orgs/{org}/${app}/variables/{name}`, orgScope(app), SELECTED, selectionOps(app), docs),
  ];
}

/** [method, template, operationId, docs, handler] of every variables operation. */
export const VARIABLES_ROUTES = [
  ...repoAndOrg("actions"),
  ...collection("actions", "/repos/{owner}/{repo}/environments/{environment_name}", envScope, "environment", "https://docs.github.com/rest/actions/variables"),
  ...repoAndOrg("agents"),
];
