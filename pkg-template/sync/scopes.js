// Manifest targets -> concrete scopes (one repository, environment or
// organization, one app), and the GitHub routes each scope uses to list, write
// and delete its secrets and variables. Discovery lists `GET /orgs/{org}/repos`
// (archived repositories skipped, forks only when asked).

const PER_PAGE = 100;

/** The target string of a scope: `o/r`, `o/r:env:NAME`, `org:ORG`, plus `:APP` unless actions. */
export function targetName(scope) {
  const base = scope.org ? `org:${scope.org}` : `${scope.owner}/${scope.repo}${scope.environment !== undefined ? `:env:${scope.environment}` : ""}`;
  return scope.app === "actions" ? base : `${base}:${scope.app}`;
}

/** Route params of a scope: `{ owner, repo }`, `{ owner, repo, environment_name }` or `{ org }`. */
export function scopeParams(scope) {
  if (scope.org) return { org: scope.org };
  const p = { owner: scope.owner, repo: scope.repo };
  if (scope.environment !== undefined) p.environment_name = scope.environment;
  return p;
}

/**
 * The GitHubSecrets method for a scope's secrets or variables (`kind`) and an
 * operation of the endpoint table (`list`, `put`, `create`, `update`, `delete`).
 */
export function methodOf(gh, scope, kind, op) {
  const level = scope.org ? "org" : scope.environment !== undefined ? "environment" : "repo";
  const method = Object.values(gh[scope.app] ?? {}).find(({ endpoint: e }) => e.scope === level && e.kind === kind && e.op === op);
  if (!method) throw new Error(`${scope.app} has no ${level} ${kind} ${op} endpoint`);
  return method;
}

/** Every page of a list route: items of `field` (per_page 100, stops on a short page). */
export async function listAll(gh, route, params, field) {
  const items = [];
  for (let page = 1; ; page++) {
    const res = await gh.request(route, { ...params, per_page: PER_PAGE, page });
    const batch = Array.isArray(res.data) ? res.data : res.data?.[field];
    if (!Array.isArray(batch)) throw new TypeError(`${route}: the answer has no ${field} array`);
    items.push(...batch);
    if (batch.length < PER_PAGE) return items;
  }
}

/** Short reason of a failed request, never a value: `404 Not Found`, `network error`. */
export function reasonOf(error) {
  if (error?.status) return `${error.status} ${String(error.response?.data?.message ?? error.message ?? "").split("\n")[0]}`.trim();
  return String(error?.message ?? error).split("\n")[0];
}

/**
 * Repositories a target names: its explicit list, or the org's repositories whose
 * name matches (archived skipped; forks only with `forks: true`).
 * @returns {Promise<{ repos: Array<{owner,repo}>, error?: string }>}
 */
async function repositoriesOf(gh, t) {
  if (t.repositories) return { repos: t.repositories.map((full) => ({ owner: full.split("/")[0], repo: full.split("/")[1] })) };
  const { org, pattern, forks } = t.discover;
  try {
    const all = await listAll(gh, "GET /orgs/{org}/repos", { org, type: "all" }, "repositories");
    const repos = all
      .filter((r) => !r.archived && (forks || !r.fork) && pattern.test(String(r.name)))
      .map((r) => ({ owner: r.owner?.login ?? org, repo: String(r.name) }));
    return { repos };
  } catch (error) {
    return { repos: [], error: `listing ${org}'s repositories: ${reasonOf(error)}` };
  }
}

/**
 * Expand manifest targets into scopes `{ target, app, owner?, repo?, environment?,
 * org?, manifestTarget }`, or `{ target, error }` for a target that failed.
 * A name listed by two targets for the same scope is an error of the later one.
 */
export async function expandTargets(gh, manifest) {
  const scopes = [];
  for (const t of manifest.targets) {
    const base = { app: t.app, manifestTarget: t };
    if (t.organization) {
      scopes.push({ ...base, org: t.organization });
      continue;
    }
    const { repos, error } = await repositoriesOf(gh, t);
    if (error) {
      scopes.push({ ...base, target: `${t.discover.org}/${t.discover.match}`, error });
      continue;
    }
    for (const r of repos) {
      if (t.environments) for (const environment of t.environments) scopes.push({ ...base, ...r, environment });
      else scopes.push({ ...base, ...r });
    }
  }
  for (const s of scopes) s.target ??= targetName(s);
  return scopes;
}
