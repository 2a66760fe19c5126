// Route table of the GitHub secrets emulator: the 57 secrets operations of
// Actions (repository, environment, organization), Dependabot (repository,
// organization) and Codespaces (repository, organization, user) from
// GitHub's OpenAPI description, plus GET /repos/{owner}/{repo} and GET /user.
//
// Handlers receive (ctx, params) and return { status, body?, headers? } or
// throw an HttpError. ctx (built by server.mjs) carries: emu (the Emulator),
// baseUrl, url (URL), route, user (authenticated account) and json() (parses
// the request body lazily: 400 "Problems parsing JSON").

import { isoNow } from "./state.mjs";

export const DOCS_ROOT = "https://docs.github.com/rest";
export const MAX_SECRET_BYTES = 48 * 1024;
export const SECRET_NAME_MESSAGE =
  "Secret names can only contain alphanumeric characters ([a-z], [A-Z], [0-9]) or underscores (_). Spaces are not allowed. Must start with a letter ([a-z], [A-Z]) or underscores (_).";
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;
const VISIBILITIES = ["all", "private", "selected"];
const REPO_TIMES = { created_at: "2011-01-26T19:01:12Z", updated_at: "2024-01-26T19:14:43Z", pushed_at: "2024-01-26T19:06:43Z" };

/** An HTTP error answer: status, JSON body, extra headers. */
export class HttpError extends Error {
  constructor(status, body, headers = {}) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

const docsOf = (ctx) => ctx.route?.docs ?? DOCS_ROOT;
export const notFound = (ctx) => new HttpError(404, { message: "Not Found", documentation_url: docsOf(ctx), status: "404" });
const invalid = (ctx, message, errors) =>
  new HttpError(422, { message, documentation_url: docsOf(ctx), status: "422", ...(errors ? { errors } : {}) });
const conflict = (ctx, message) => new HttpError(409, { message, documentation_url: docsOf(ctx), status: "409" });

// ------------------------------------------------------------ object builders

/** GitHub's legacy global node id, e.g. "MDEwOlJlcG9zaXRvcnkxMjk2MjY5" for Repository 1296269. */
function nodeId(type, id) {
  return Buffer.from(`0${type.length}:${type}${id}`).toString("base64");
}

/** simple-user object of an account. */
export function accountObject(baseUrl, acct) {
  const u = `${baseUrl}/users/${acct.login}`;
  return {
    login: acct.login,
    id: acct.id,
    node_id: nodeId(acct.type, acct.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${acct.id}?v=4`,
    gravatar_id: "",
    url: u,
    html_url: `https://github.com/${acct.login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: acct.type,
    user_view_type: "public",
    site_admin: false,
  };
}

/** minimal-repository (full=false) or full-repository (full=true) object. */
export function repoObject(baseUrl, repo, full = false) {
  const api = `${baseUrl}/repos/${repo.full_name}`;
  const html = `https://github.com/${repo.full_name}`;
  const o = {
    id: repo.id,
    node_id: nodeId("Repository", repo.id),
    name: repo.name,
    full_name: repo.full_name,
    private: repo.private,
    owner: accountObject(baseUrl, repo.owner),
    html_url: html,
    description: `${repo.name} (GitHub secrets emulator)`,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://github.com/${repo.full_name}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@github.com:${repo.full_name}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${html}.git`,
    mirror_url: null,
    hooks_url: `${api}/hooks`,
    svn_url: html,
    homepage: null,
    language: null,
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 0,
    default_branch: "main",
    open_issues_count: 0,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: repo.private ? "private" : "public",
    ...REPO_TIMES,
    permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
    allow_forking: true,
    web_commit_signoff_required: false,
    forks: 0,
    open_issues: 0,
    watchers: 0,
  };
  if (full) {
    Object.assign(o, {
      license: null,
      network_count: 0,
      subscribers_count: 0,
      allow_rebase_merge: true,
      allow_squash_merge: true,
      allow_auto_merge: false,
      delete_branch_on_merge: false,
      allow_merge_commit: true,
      temp_clone_token: null,
    });
    if (repo.owner.type === "Organization") o.organization = accountObject(baseUrl, repo.owner);
  }
  return o;
}

/** private-user object for GET /user. */
function privateUserObject(emu, user) {
  const owned = [...emu.reposById.values()].filter((r) => r.owner.id === user.id);
  return {
    ...accountObject(emu.baseUrl, user),
    user_view_type: "private",
    name: user.name ?? null,
    company: null,
    blog: "",
    location: null,
    email: null,
    notification_email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: owned.filter((r) => !r.private).length,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: "2011-01-25T18:44:36Z",
    updated_at: "2024-01-25T18:44:36Z",
    private_gists: 0,
    total_private_repos: owned.filter((r) => r.private).length,
    owned_private_repos: owned.filter((r) => r.private).length,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
    plan: { collaborators: 0, name: "pro", space: 976562499, private_repos: 9999 },
  };
}

// ------------------------------------------------------------------- helpers

/**
 * Slice `items` per ?per_page (default 30, max 100) and ?page (default 1) and
 * build GitHub's Link header (rel prev, next, last, first; absolute URLs).
 */
export function paginate(ctx, items) {
  const sp = ctx.url.searchParams;
  let perPage = Number.parseInt(sp.get("per_page") ?? "", 10);
  if (!Number.isFinite(perPage) || perPage < 1) perPage = 30;
  perPage = Math.min(perPage, 100);
  let page = Number.parseInt(sp.get("page") ?? "", 10);
  if (!Number.isFinite(page) || page < 1) page = 1;
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const headers = {};
  if (items.length > 0) {
    const link = (n) => {
      const q = new URLSearchParams(ctx.url.search);
      q.set("page", String(n));
      return `${ctx.baseUrl}${ctx.rawPath}?${q.toString()}`;
    };
    const rels = [];
    if (page > 1) rels.push(`<${link(Math.min(page - 1, last))}>; rel="prev"`);
    if (page < last) rels.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
    if (page > 1) rels.push(`<${link(1)}>; rel="first"`);
    if (rels.length) headers.link = rels.join(", ");
  }
  return { slice, headers };
}

function listResponse(ctx, items, key, paginated = true) {
  if (!paginated) return { status: 200, body: { total_count: items.length, [key]: items } };
  const { slice, headers } = paginate(ctx, items);
  return { status: 200, body: { total_count: items.length, [key]: slice }, headers };
}

function requireObjectBody(ctx) {
  const body = ctx.json();
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw invalid(ctx, `Invalid request.\n\n${JSON.stringify(body)} is not an object.`);
  }
  return body;
}

/** Parse selected_repository_ids (integers or digit strings) and check they are selectable. */
function parseRepoIds(ctx, scope, value) {
  if (!Array.isArray(value)) {
    throw invalid(ctx, `Invalid request.\n\nFor 'properties/selected_repository_ids', ${JSON.stringify(value)} is not an array.`);
  }
  const ids = value.map((v) => {
    if (Number.isInteger(v) && v > 0) return v;
    if (typeof v === "string" && /^\d+$/.test(v)) return Number(v);
    throw invalid(ctx, `Invalid request.\n\nFor 'items', ${JSON.stringify(v)} is not an integer.`);
  });
  const allowed = ctx.emu.selectableRepoIds(scope);
  const unknown = ids.filter((id) => !allowed.has(id));
  if (unknown.length) {
    const where = scope.kind === "org" ? `repositories of ${scope.org.login}` : "repositories you can access";
    throw invalid(ctx, `Invalid request.\n\nselected_repository_ids contains ids that are not ${where}: ${unknown.join(", ")}.`, [
      { resource: "Secret", field: "selected_repository_ids", code: "invalid", message: `unknown repository ids: ${unknown.join(", ")}` },
    ]);
  }
  return [...new Set(ids)];
}

function sortedSecrets(scope) {
  return [...scope.secrets.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
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

function secretOf(ctx, scope, rawName) {
  const s = scope.secrets.get(String(rawName).toUpperCase());
  if (!s) throw notFound(ctx);
  return s;
}

// ------------------------------------------------------------ scope resolvers

function needRepo(ctx, p) {
  const repo = ctx.emu.findRepo(p.owner, p.repo);
  if (!repo) throw notFound(ctx);
  return repo;
}
const repoScope = (app) => (ctx, p) => ctx.emu.scope({ kind: "repo", app, repo: needRepo(ctx, p) });
const envScope = (ctx, p) => {
  const repo = needRepo(ctx, p);
  const env = ctx.emu.findEnvironment(repo, p.environment_name);
  if (!env) throw notFound(ctx);
  return ctx.emu.scope({ kind: "environment", repo, env });
};
const orgScope = (app) => (ctx, p) => {
  const org = ctx.emu.findOrg(p.org);
  if (!org) throw notFound(ctx);
  return ctx.emu.scope({ kind: "org", app, org });
};
const userScope = (ctx) => ctx.emu.scope({ kind: "user", user: ctx.user });

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

  for (const f of ["encrypted_value", "key_id", "visibility"]) {
    if (body[f] !== undefined && typeof body[f] !== "string") {
      throw invalid(ctx, `Invalid request.\n\nFor 'properties/${f}', ${JSON.stringify(body[f])} is not a string.`);
    }
  }
  // Organization and user secrets may be updated without a new value
  // (visibility / selected repositories only); everything else needs one.
  const setsValue = body.encrypted_value !== undefined || !existing || !(isOrg || isUser);
  const missing = [];
  if (setsValue && body.encrypted_value === undefined) missing.push("encrypted_value");
  if ((setsValue || isUser) && body.key_id === undefined) missing.push("key_id");
  if (isOrg && body.visibility === undefined) missing.push("visibility");
  if (missing.length) {
    const list = missing.map((m) => `"${m}"`).join(", ");
    throw invalid(ctx, `Invalid request.\n\n${list} ${missing.length === 1 ? "wasn't" : "weren't"} supplied.`);
  }
  if (isOrg && !VISIBILITIES.includes(body.visibility)) {
    throw invalid(ctx, `Invalid request.\n\nFor 'properties/visibility', ${JSON.stringify(body.visibility)} is not a member of ["all", "private", "selected"].`);
  }
  let selected;
  if ((isOrg || isUser) && body.selected_repository_ids !== undefined) {
    selected = parseRepoIds(ctx, scope, body.selected_repository_ids);
    if (isOrg && body.visibility !== "selected" && selected.length > 0) {
      throw invalid(ctx, 'Invalid request.\n\nselected_repository_ids can only be provided when visibility is "selected".');
    }
  }
  if (body.key_id !== undefined && body.key_id !== scope.key.key_id) {
    throw invalid(
      ctx,
      `Invalid request.\n\nkey_id ${JSON.stringify(body.key_id)} is not the current public key of this scope (it may have been rotated); fetch the public key again and re-encrypt.`,
    );
  }
  let value;
  if (setsValue) {
    if (!BASE64_RE.test(body.encrypted_value)) {
      throw invalid(ctx, "Invalid request.\n\nencrypted_value is not valid base64 (standard alphabet with padding).");
    }
    value = ctx.emu.openSealed(scope, Buffer.from(body.encrypted_value, "base64"));
    if (!value) {
      throw invalid(
        ctx,
        `encrypted_value could not be decrypted with the current public key (key_id ${scope.key.key_id}); it must be a libsodium sealed box (crypto_box_seal) made with that key.`,
      );
    }
    if (value.length > MAX_SECRET_BYTES) {
      throw invalid(ctx, `Secret value is too large (${value.length} bytes); secrets are limited to 48 KB (${MAX_SECRET_BYTES} bytes).`);
    }
  }

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

const listSelected = (scopeOf) => (ctx, p) => {
  const scope = scopeOf(ctx, p);
  const s = secretOf(ctx, scope, p.secret_name);
  const ids = s.selected && (scope.kind === "user" || s.visibility === "selected") ? [...s.selected] : [];
  const repos = ids
    .map((id) => ctx.emu.repoById(id))
    .filter(Boolean)
    .sort((a, b) => a.id - b.id)
    .map((r) => repoObject(ctx.baseUrl, r));
  return listResponse(ctx, repos, "repositories", scope.kind !== "user");
};

function requireSelectedVisibility(ctx, scope, s) {
  if (scope.kind === "org" && s.visibility !== "selected") {
    throw conflict(ctx, `The visibility of secret ${s.name} is "${s.visibility}"; selected repositories can only be managed when it is "selected".`);
  }
}

const setSelected = (scopeOf) => (ctx, p) => {
  const scope = scopeOf(ctx, p);
  const s = secretOf(ctx, scope, p.secret_name);
  const body = requireObjectBody(ctx);
  if (body.selected_repository_ids === undefined) throw invalid(ctx, 'Invalid request.\n\n"selected_repository_ids" wasn\'t supplied.');
  const ids = parseRepoIds(ctx, scope, body.selected_repository_ids);
  requireSelectedVisibility(ctx, scope, s);
  s.selected = new Set(ids);
  return { status: 204 };
};

const changeSelected = (scopeOf, add) => (ctx, p) => {
  const scope = scopeOf(ctx, p);
  const s = secretOf(ctx, scope, p.secret_name);
  requireSelectedVisibility(ctx, scope, s);
  const id = /^\d+$/.test(p.repository_id) ? Number(p.repository_id) : NaN;
  if (!ctx.emu.selectableRepoIds(scope).has(id)) {
    if (scope.kind === "user") throw notFound(ctx);
    throw invalid(ctx, `Invalid request.\n\nRepository ${p.repository_id} is not a repository of ${scope.org.login}.`);
  }
  if (add) s.selected.add(id);
  else s.selected.delete(id);
  return { status: 204 };
};

const listRepoOrgSecrets = (ctx, p) => {
  const repo = needRepo(ctx, p);
  if (repo.owner.type !== "Organization") return listResponse(ctx, [], "secrets");
  const scope = ctx.emu.scope({ kind: "org", app: "actions", org: repo.owner });
  const visible = sortedSecrets(scope).filter(
    (s) => s.visibility === "all" || (s.visibility === "private" && repo.private) || (s.visibility === "selected" && s.selected?.has(repo.id)),
  );
  return listResponse(ctx, visible.map((s) => ({ name: s.name, created_at: s.created_at, updated_at: s.updated_at })), "secrets");
};

// ---------------------------------------------------------------- the table

const A = "https://docs.github.com/rest/actions/secrets";
const D = "https://docs.github.com/rest/dependabot/secrets";
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
/** Four selected-repository operations of an organization or user secret. */
function selection(prefix, scopeOf, ops, docs) {
  const [list, set, add, remove] = ops;
  return [
    ["GET", `${prefix}/secrets/{secret_name}/repositories`, list[0], `${docs}#${list[1]}`, listSelected(scopeOf)],
    ["PUT", `${prefix}/secrets/{secret_name}/repositories`, set[0], `${docs}#${set[1]}`, setSelected(scopeOf)],
    ["PUT", `${prefix}/secrets/{secret_name}/repositories/{repository_id}`, add[0], `${docs}#${add[1]}`, changeSelected(scopeOf, true)],
    ["DELETE", `${prefix}/secrets/{secret_name}/repositories/{repository_id}`, remove[0], `${docs}#${remove[1]}`, changeSelected(scopeOf, false)],
  ];
}
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

const TABLE = [
  // Actions: repository, repository's organization secrets, environment, organization
  ...collection("/repos/{owner}/{repo}/actions", repoScope("actions"), repoOps("actions"), A),
  ["GET", "/repos/{owner}/{repo}/actions/organization-secrets", "actions/list-repo-organization-secrets", `${A}#list-repository-organization-secrets`, listRepoOrgSecrets],
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
    A,
  ),
  ...collection("/orgs/{org}/actions", orgScope("actions"), orgOps("actions"), A),
  ...selection("/orgs/{org}/actions", orgScope("actions"), orgSelectionOps("actions"), A),
  // Dependabot: repository, organization
  ...collection("/repos/{owner}/{repo}/dependabot", repoScope("dependabot"), repoOps("dependabot"), D),
  ...collection("/orgs/{org}/dependabot", orgScope("dependabot"), orgOps("dependabot"), D),
  ...selection("/orgs/{org}/dependabot", orgScope("dependabot"), orgSelectionOps("dependabot"), D),
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
  // Lookups the ghseal CLI needs
  ["GET", "/repos/{owner}/{repo}", "repos/get", "https://docs.github.com/rest/repos/repos#get-a-repository", (ctx, p) => ({
    status: 200,
    body: repoObject(ctx.baseUrl, needRepo(ctx, p), true),
  })],
  ["GET", "/user", "users/get-authenticated", "https://docs.github.com/rest/users/users#get-the-authenticated-user", (ctx) => ({
    status: 200,
    body: privateUserObject(ctx.emu, ctx.user),
  })],
];

/**
 * The route table: { method, template, operationId, docs, handler, segments }.
 * `segments` is the template split on "/", parameters as { param: name }.
 */
export const ROUTES = TABLE.map(([method, template, operationId, docs, handler]) => ({
  method,
  template,
  operationId,
  docs,
  handler,
  segments: template
    .split("/")
    .slice(1)
    .map((s) => (s.startsWith("{") ? { param: s.slice(1, -1) } : s)),
}));

/** Split a raw URL path into decoded segments, or null when a segment is not valid percent-encoding. */
function decodeSegments(rawPath) {
  try {
    return rawPath.split("/").slice(1).map(decodeURIComponent);
  } catch {
    return null;
  }
}

/**
 * Find the route for a request. Segments are split on "/" before decoding, so
 * an environment named "prod/eu" must arrive as "prod%2Feu". Literal segments
 * win over parameters (".../secrets/public-key" is not a secret named "public-key").
 * @returns {{ route: object, params: Record<string,string> } | { pathMatched: true } | null}
 *   pathMatched when the path exists but not for this method
 */
export function matchRoute(method, rawPath) {
  const segs = decodeSegments(rawPath);
  if (!segs) return null;
  let best = null;
  let bestLiterals = -1;
  let pathMatched = false;
  for (const route of ROUTES) {
    if (route.segments.length !== segs.length) continue;
    const params = {};
    let literals = 0;
    let ok = true;
    for (let i = 0; i < segs.length && ok; i++) {
      const t = route.segments[i];
      if (typeof t === "string") {
        ok = t === segs[i];
        literals++;
      } else {
        ok = segs[i].length > 0;
        params[t.param] = segs[i];
      }
    }
    if (!ok) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    if (literals > bestLiterals) {
      best = { route, params };
      bestLiterals = literals;
    }
  }
  return best ?? (pathMatched ? { pathMatched: true } : null);
}
