// Secrets routes of the emulator: Actions (repository, environment,
// organization), Dependabot (repository, organization), Codespaces
// (repository, organization, user) and Copilot agents (repository,
// organization), each scope with its own key pair; values are opened with
// libsodium and kept for tests to read back (Emulator#getSecret).

import { isoNow } from "./state.mjs";
import {
  byName,
  entryOf,
  envScope,
  invalid,
  listResponse,
  needRepo,
  NAME_RE,
  openValue,
  orgScope,
  repoScope,
  requireCurrentKey,
  requireFields,
  requireObjectBody,
  requireStrings,
  requireVisibility,
  selectedRepoIds,
  selectionHandlers,
  selectionRoutes,
  userScope,
  visibleTo,
} from "./http.mjs";

export const SECRET_NAME_MESSAGE =
  "Secret names can only contain alphanumeric characters ([a-z], [A-Z], [0-9]) or underscores (_). Spaces are not allowed. Must start with a letter ([a-z], [A-Z]) or underscores (_).";

function sortedSecrets(scope) {
  return [...scope.secrets.values()].sort(byName);
}

function secretView(ctx, scope, s) {
  const v = { name: s.name, created_at: s.created_at, updated_at: s.updated_at };
  if (scope.kind === "org") {
    v.visibility = s.visibility;
    if (s.visibility === "selected") {
      v.selected_repositories_url = `${ctx.baseUrl}/orgs/${scope.org.login}/${scope.app}/secrets/${s.name}/repositories`;
    }
  } else if (scope.kind === "user") {
    v.visibility = "selected";
    v.selected_repositories_url = `${ctx.baseUrl}/user/codespaces/secrets/${s.name}/repositories`;
  }
  return v;
}

const secretOf = (ctx, scope, rawName) => entryOf(ctx, scope, "secrets", rawName);

// ------------------------------------------------------------------ handlers

const listSecrets = (scopeOf) => (ctx, p) => {
  const scope = scopeOf(ctx, p);
  return listResponse(ctx, sortedSecrets(scope).map((s) => secretView(ctx, scope, s)), "secrets");
};

const getPublicKey = (scopeOf) => (ctx, p) => {
  const { key } = scopeOf(ctx, p);
  return { status: 200, body: { key_id: key.key_id, key: key.key } };
};

const getSecret = (scopeOf) => (ctx, p) => {
  const scope = scopeOf(ctx, p);
  return { status: 200, body: secretView(ctx, scope, secretOf(ctx, scope, p.secret_name)) };
};

const deleteSecret = (scopeOf) => (ctx, p) => {
  const scope = scopeOf(ctx, p);
  const s = secretOf(ctx, scope, p.secret_name);
  scope.secrets.delete(s.name);
  return { status: 204 };
};

const putSecret = (scopeOf) => (ctx, p) => {
  const scope = scopeOf(ctx, p);
  const body = requireObjectBody(ctx);
  const raw = p.secret_name;
  if (!NAME_RE.test(raw)) throw invalid(ctx, SECRET_NAME_MESSAGE);
  if (/^GITHUB_/i.test(raw)) throw invalid(ctx, "Secret names must not start with GITHUB_.");
  const name = raw.toUpperCase();
  const existing = scope.secrets.get(name);
  const isOrg = scope.kind === "org";
  const isUser = scope.kind === "user";

  requireStrings(ctx, body, ["encrypted_value", "key_id", "visibility"]);
  // Organization and user secrets may be updated without a new value
  // (visibility / selected repositories only); everything else needs one.
  const setsValue = body.encrypted_value !== undefined || !existing || !(isOrg || isUser);
  requireFields(ctx, body, [...(setsValue ? ["encrypted_value"] : []), ...(setsValue || isUser ? ["key_id"] : []), ...(isOrg ? ["visibility"] : [])]);
  if (isOrg) requireVisibility(ctx, body.visibility);
  const selected = isOrg || isUser ? selectedRepoIds(ctx, scope, body.selected_repository_ids, isOrg ? body.visibility : "selected") : undefined;
  requireCurrentKey(ctx, scope, body.key_id);
  const value = setsValue ? openValue(ctx, scope, body.encrypted_value) : undefined;

  const now = isoNow();
  const previousVisibility = existing?.visibility;
  const s = existing ?? { name, created_at: now };
  s.updated_at = now;
  if (setsValue) {
    s.value = Uint8Array.from(value);
    s.key_id = scope.key.key_id;
  }
  if (isOrg) {
    s.visibility = body.visibility;
    s.selected = body.visibility === "selected" ? new Set(selected ?? (previousVisibility === "selected" ? existing.selected : [])) : undefined;
  } else if (isUser) {
    s.visibility = "selected";
    s.selected = new Set(selected ?? existing?.selected ?? []);
  }
  if (existing) return { status: 204 };
  scope.secrets.set(name, s);
  return { status: 201, body: {} };
};

/** GET /repos/{owner}/{repo}/<app>/organization-secrets: the org's secrets this repository sees. */
const listRepoOrgSecrets = (app) => (ctx, p) => {
  const repo = needRepo(ctx, p);
  if (repo.owner.type !== "Organization") return listResponse(ctx, [], "secrets");
  const scope = ctx.emu.scope({ kind: "org", app, org: repo.owner });
  const visible = visibleTo(repo, sortedSecrets(scope));
  return listResponse(ctx, visible.map((s) => ({ name: s.name, created_at: s.created_at, updated_at: s.updated_at })), "secrets");
};

// ---------------------------------------------------------------- the table

const SELECTED = selectionHandlers("secrets", "secret_name");
const docsOf = (app) =>
  ({
    actions: "https://docs.github.com/rest/actions/secrets",
    dependabot: "https://docs.github.com/rest/dependabot/secrets",
    agents: "https://docs.github.com/rest/agents/secrets",
  })[app];
const CR = "https://docs.github.com/rest/codespaces/repository-secrets";
const CO = "https://docs.github.com/rest/codespaces/organization-secrets";
const CU = "https://docs.github.com/rest/codespaces/secrets";

/** Five basic operations on a secrets collection: list, public-key, get, put, delete. */
function collection(prefix, scopeOf, ops, docs) {
  const [list, key, get, put, del] = ops;
  return [
    ["GET", `${prefix}/secrets`, list[0], `${docs}#${list[1]}`, listSecrets(scopeOf)],
    ["GET", `${prefix}/secrets/public-key`, key[0], `${docs}#${key[1]}`, getPublicKey(scopeOf)],
    ["GET", `${prefix}/secrets/{secret_name}`, get[0], `${docs}#${get[1]}`, getSecret(scopeOf)],
    ["PUT", `${prefix}/secrets/{secret_name}`, put[0], `${docs}#${put[1]}`, putSecret(scopeOf)],
    ["DELETE", `${prefix}/secrets/{secret_name}`, del[0], `${docs}#${del[1]}`, deleteSecret(scopeOf)],
  ];
}
const selection = (prefix, scopeOf, ops, docs) => selectionRoutes(`${prefix}/secrets/{secret_name}`, scopeOf, SELECTED, ops, docs);
const repoOps = (app) => [
  [`${app}/list-repo-secrets`, "list-repository-secrets"],
  [`${app}/get-repo-public-key`, "get-a-repository-public-key"],
  [`${app}/get-repo-secret`, "get-a-repository-secret"],
  [`${app}/create-or-update-repo-secret`, "create-or-update-a-repository-secret"],
  [`${app}/delete-repo-secret`, "delete-a-repository-secret"],
];
const orgOps = (app) => [
  [`${app}/list-org-secrets`, "list-organization-secrets"],
  [`${app}/get-org-public-key`, "get-an-organization-public-key"],
  [`${app}/get-org-secret`, "get-an-organization-secret"],
  [`${app}/create-or-update-org-secret`, "create-or-update-an-organization-secret"],
  [`${app}/delete-org-secret`, "delete-an-organization-secret"],
];
const orgSelectionOps = (app) => [
  [`${app}/list-selected-repos-for-org-secret`, "list-selected-repositories-for-an-organization-secret"],
  [`${app}/set-selected-repos-for-org-secret`, "set-selected-repositories-for-an-organization-secret"],
  [`${app}/add-selected-repo-to-org-secret`, "add-selected-repository-to-an-organization-secret"],
  [`${app}/remove-selected-repo-from-org-secret`, "remove-selected-repository-from-an-organization-secret"],
];
/** Repository, repository-organization and organization secrets of Actions or agents. */
const repoAndOrg = (app) => [
  ...collection(`/repos/{owner}/{repo}/${app}`, repoScope(app), repoOps(app), docsOf(app)),
  ["GET", `/repos/{owner}/{repo}/${app}/organization-secrets`, `${app}/list-repo-organization-secrets`, `${docsOf(app)}#list-repository-organization-secrets`, listRepoOrgSecrets(app)],
  ...collection(`/orgs/{org}/${app}`, orgScope(app), orgOps(app), docsOf(app)),
  ...selection(`/orgs/{org}/${app}`, orgScope(app), orgSelectionOps(app), docsOf(app)),
];

/** [method, template, operationId, docs, handler] of every secrets operation. */
export const SECRETS_ROUTES = [
  // Actions: repository, repository's organization secrets, organization, environment
  ...repoAndOrg("actions"),
  ...collection(
    "/repos/{owner}/{repo}/environments/{environment_name}",
    envScope,
    [
      ["actions/list-environment-secrets", "list-environment-secrets"],
      ["actions/get-environment-public-key", "get-an-environment-public-key"],
      ["actions/get-environment-secret", "get-an-environment-secret"],
      ["actions/create-or-update-environment-secret", "create-or-update-an-environment-secret"],
      ["actions/delete-environment-secret", "delete-an-environment-secret"],
    ],
    docsOf("actions"),
  ),
  // Dependabot: repository, organization
  ...collection("/repos/{owner}/{repo}/dependabot", repoScope("dependabot"), repoOps("dependabot"), docsOf("dependabot")),
  ...collection("/orgs/{org}/dependabot", orgScope("dependabot"), orgOps("dependabot"), docsOf("dependabot")),
  ...selection("/orgs/{org}/dependabot", orgScope("dependabot"), orgSelectionOps("dependabot"), docsOf("dependabot")),
  // Codespaces: repository, organization, authenticated user
  ...collection("/repos/{owner}/{repo}/codespaces", repoScope("codespaces"), repoOps("codespaces"), CR),
  ...collection("/orgs/{org}/codespaces", orgScope("codespaces"), orgOps("codespaces"), CO),
  ...selection("/orgs/{org}/codespaces", orgScope("codespaces"), orgSelectionOps("codespaces"), CO),
  ...collection(
    "/user/codespaces",
    userScope,
    [
      ["codespaces/list-secrets-for-authenticated-user", "list-secrets-for-the-authenticated-user"],
      ["codespaces/get-public-key-for-authenticated-user", "get-public-key-for-the-authenticated-user"],
      ["codespaces/get-secret-for-authenticated-user", "get-a-secret-for-the-authenticated-user"],
      ["codespaces/create-or-update-secret-for-authenticated-user", "create-or-update-a-secret-for-the-authenticated-user"],
      ["codespaces/delete-secret-for-authenticated-user", "delete-a-secret-for-the-authenticated-user"],
    ],
    CU,
  ),
  ...selection(
    "/user/codespaces",
    userScope,
    [
      ["codespaces/list-repositories-for-secret-for-authenticated-user", "list-selected-repositories-for-a-user-secret"],
      ["codespaces/set-repositories-for-secret-for-authenticated-user", "set-selected-repositories-for-a-user-secret"],
      ["codespaces/add-repository-for-secret-for-authenticated-user", "add-a-selected-repository-to-a-user-secret"],
      ["codespaces/remove-repository-for-secret-for-authenticated-user", "remove-a-selected-repository-from-a-user-secret"],
    ],
    CU,
  ),
  // Copilot coding agent: repository, repository's organization secrets, organization
  ...repoAndOrg("agents"),
];
