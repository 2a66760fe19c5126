// Which scopes each app has and which Octokit method does what in a scope, derived
// from the package's endpoint table (`secretsEndpoints()`), never restated here.
// Rows look like { app: "actions", name: "getRepoPublicKey", op: "PublicKey",
// scope: "Repo" | "repo", ... }; scope and op are compared case-insensitively.

/** Display order and labels of the scopes. */
const SCOPE_ORDER = ["user", "repo", "environment", "org"];
export const SCOPE_LABELS = { repo: "Repository", environment: "Environment", org: "Organization", user: "User (you)" };
export const APP_LABELS = { actions: "Actions", dependabot: "Dependabot", codespaces: "Codespaces", agents: "Copilot agents" };

/** Table op (normalized: lower case, no separators) -> the page's role for the method. */
const ROLE_OF_OP = { publickey: "key", put: "put", list: "list", delete: "del", listrepos: "repos", setrepos: "setRepos" };

const norm = (s) => String(s).toLowerCase().replace(/[^a-z]/g, "");

/**
 * Builds the page's view of the endpoint table.
 * @param {Array<{ app: string, name: string, op: string, scope: string, route: string }>} rows  secretsEndpoints()
 * @returns {{ scopesOf: (app: string) => string[], methodOf: (app: string, scope: string, role: string) => string | undefined }}
 *   scopesOf("codespaces") -> ["user", "repo", "org"]; methodOf("actions", "repo", "put") -> "createOrUpdateRepoSecret".
 *   Roles: key, put, list, del, repos (list selected repositories), setRepos.
 */
export function scopeTable(rows) {
  const methods = new Map(); // "app scope role" -> method name
  const scopes = new Map(); // app -> Set(scope)
  for (const row of rows) {
    if (row.kind && row.kind !== "secret") continue; // variables and registries have no form here
    if (!(row.app in APP_LABELS)) continue;
    const scope = norm(row.scope);
    const role = ROLE_OF_OP[norm(row.op)];
    if (!SCOPE_ORDER.includes(scope)) continue; // e.g. rows this page has no form for
    if (!scopes.has(row.app)) scopes.set(row.app, new Set());
    scopes.get(row.app).add(scope);
    // A scope's own list ends in /secrets (listRepoOrganizationSecrets is a "List" row too).
    if (role === "list" && !/\/secrets$/.test(row.route ?? "")) continue;
    const key = `${row.app} ${scope} ${role}`;
    if (role && !methods.has(key)) methods.set(key, row.name);
  }
  return {
    scopesOf: (app) => SCOPE_ORDER.filter((s) => scopes.get(app)?.has(s)),
    methodOf: (app, scope, role) => methods.get(`${app} ${scope} ${role}`),
  };
}

/** "Actions secrets of octo-org/hello-world, environment production" for a form scope. */
export function describeScope({ app, scope, params }) {
  const where = {
    repo: () => `${params.owner}/${params.repo}`,
    environment: () => `${params.owner}/${params.repo}, environment ${params.environment_name}`,
    org: () => `organization ${params.org}`,
    user: () => "your account",
  }[scope]();
  return `${APP_LABELS[app]} secrets of ${where}`;
}

/** The emulator's scope path for its /_emulator/ control API (raw environment name). */
export function emulatorScope({ app, scope, params }) {
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
