// Targets of the ghseal command: which secrets collections a command works on
// (repositories, environments, an organization, the user), parsed from the
// options with gh's rules, and the library method for each operation on them.
// Which apps have which scopes comes from the package's endpoint table
// (`secretsEndpoints()`), never from a list kept here; the same for variables
// (`what: "variable"`, `ghseal variable`).

import { secretsEndpoints } from "../node.js";
import { CliError, UsageError, describe } from "./errors.js";
import { readText } from "./input.js";

/** The app when none is given (gh's default). */
export const DEFAULT_APP = "actions";

const REPO_RE = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const LOGIN_RE = /^[A-Za-z0-9_.-]+$/;

/**
 * The routes of each kind of entry a command works on: secrets (`.../secrets`,
 * `.../secrets/public-key`, `.../secrets/{secret_name}`) and variables
 * (`.../variables`, `.../variables/{name}`), org private registries; not
 * `organization-*` or `repositories`.
 */
const ROUTES = {
  secret: /\/secrets(?:\/public-key|\/\{secret_name\})?$/,
  variable: /\/variables(?:\/\{name\})?$/,
  registry: /\/private-registries(?:\/public-key|\/\{secret_name\})?$/,
};
/** CLI target kind -> the table's scope; CLI operation -> the table's op (compared lower case, letters only). */
const SCOPE_OF_KIND = { repo: "repo", env: "environment", org: "org", user: "user" };
const OP_OF = { list: "list", get: "get", del: "delete", key: "publickey", create: "create", update: "update" };
const norm = (s) => String(s).toLowerCase().replace(/[^a-z]/g, "");

const tableRows = {};
/** The table's rows for `what` ("secret" | "variable") of every app. */
function rows(what = "secret") {
  tableRows[what] ??= secretsEndpoints().filter(
    (r) => ROUTES[what].test(r.route) && (r.kind === undefined ? what === "secret" : norm(r.kind) === what),
  );
  return tableRows[what];
}

/** Apps with secrets (or `what`: "variable"), in the table's order (actions, dependabot, codespaces, agents, ...). */
export function secretApps(what = "secret") {
  return [...new Set(rows(what).map((r) => r.app))];
}

/** Apps whose secrets (or `what`) exist at a target kind ("repo" | "env" | "org" | "user"). */
export function appsWithScope(kind, what = "secret") {
  const scope = SCOPE_OF_KIND[kind];
  return secretApps(what).filter((app) => rows(what).some((r) => r.app === app && norm(r.scope) === scope));
}

/**
 * The method name for an operation ("list" | "get" | "del" | "key" | "create" | "update")
 * of app's secrets (or `what`) at a target kind, or undefined.
 */
export function methodName(app, kind, op, what = "secret") {
  const scope = SCOPE_OF_KIND[kind];
  return rows(what).find((r) => r.app === app && norm(r.scope) === scope && norm(r.op) === OP_OF[op])?.name;
}

/** "OWNER/REPO" (an https://github.com/OWNER/REPO(.git) URL is accepted too) -> { owner, repo }. */
export function parseRepo(text, where = "--repo") {
  let s = String(text).trim();
  const url = /^https?:\/\/[^/]+\/([^/]+\/[^/]+?)(?:\.git)?\/?$/.exec(s);
  if (url) s = url[1];
  if (!REPO_RE.test(s)) throw new UsageError(`${where}: expected OWNER/REPO, got ${JSON.stringify(String(text))}`);
  const [owner, repo] = s.split("/");
  return { owner, repo };
}

/** Lines of a --repos-from file: one OWNER/REPO each; blank lines and # comments are skipped. */
export function parseReposFile(text, name) {
  const repos = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const s = line.replace(/(^|\s)#.*$/, "").trim();
    if (s) repos.push(parseRepo(s, `${name}:${i + 1}`));
  });
  return repos;
}

/** "a", "a or b", "a, b or c" */
function either(list) {
  return list.length > 1 ? `${list.slice(0, -1).join(", ")} or ${list[list.length - 1]}` : list.join("");
}

/** The plural of a noun: "secrets", "variables", "registries". */
export const many = (what) => (what.endsWith("y") ? `${what.slice(0, -1)}ies` : `${what}s`);

/** The app for the options' scope (gh's defaults and supported combinations). */
function appFor(opts, what) {
  if (opts.user) {
    const apps = appsWithScope("user", what);
    if (!apps.length) throw new UsageError(`GitHub has no user ${many(what)}`);
    if (opts.app !== undefined && !apps.includes(opts.app)) throw new UsageError(`user ${many(what)} are only supported for ${either(apps)}, not --app ${opts.app}`);
    return opts.app ?? apps[0];
  }
  if (opts.env !== undefined) {
    const apps = appsWithScope("env", what);
    if (opts.app !== undefined && !apps.includes(opts.app)) throw new UsageError(`environment ${many(what)} are only supported for ${either(apps)}, not --app ${opts.app}`);
    return opts.app ?? DEFAULT_APP;
  }
  const kind = opts.org !== undefined ? "org" : "repo";
  const apps = appsWithScope(kind, what);
  const app = opts.app ?? (apps.includes(DEFAULT_APP) || !apps.length ? DEFAULT_APP : apps[0]);
  if (!apps.includes(app)) throw new UsageError(`${app} has no ${kind === "org" ? "organization" : "repository"} ${many(what)}`);
  return app;
}

/**
 * The targets of a command from its options (gh's rules), without network access:
 * [{ kind: "repo"|"env"|"org"|"user", what, app, owner?, repo?, env?, org?, label }].
 * `stdin` is the run's stdin reader (for `--repos-from -`); `what` is "secret" (the
 * default) or "variable".
 * @throws {UsageError} for conflicting scopes, a malformed repository, no target
 */
export async function targetsFrom(opts, { stdin, what = "secret" } = {}) {
  const scopes = [opts.org !== undefined, opts.env !== undefined, Boolean(opts.user)].filter(Boolean).length;
  if (scopes > 1) throw new UsageError("specify only one of --org, --env or --user");
  const repoArgs = [...(opts.repo ?? [])].map((r) => parseRepo(r));
  if (opts.reposFrom !== undefined) {
    const text = opts.reposFrom === "-" ? await stdin.read("--repos-from -") : readText(opts.reposFrom, "--repos-from");
    const listed = parseReposFile(text, opts.reposFrom === "-" ? "stdin" : opts.reposFrom);
    if (listed.length === 0) throw new UsageError(`--repos-from ${opts.reposFrom}: no OWNER/REPO lines`);
    repoArgs.push(...listed);
  }
  const seen = new Set();
  const repos = repoArgs.filter((r) => {
    const k = `${r.owner}/${r.repo}`.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });

  const app = appFor(opts, what);
  if (opts.org !== undefined || opts.user) {
    if (repos.length) throw new UsageError(`--repo and --repos-from do not combine with ${opts.org !== undefined ? "--org" : "--user"}`);
    if (opts.org !== undefined) {
      if (!LOGIN_RE.test(opts.org)) throw new UsageError(`--org: expected an organization login, got ${JSON.stringify(opts.org)}`);
      return [{ kind: "org", what, app, org: opts.org, label: `org:${opts.org}` }];
    }
    return [{ kind: "user", what, app, label: "user" }];
  }
  if (repos.length === 0) {
    throw new UsageError(`specify --repo OWNER/REPO (no git remote detection)${opts.env !== undefined ? "; --env needs a repository" : ""}`);
  }
  if (opts.env !== undefined) {
    if (String(opts.env).trim() === "") throw new UsageError("--env: expected an environment name");
    return repos.map(({ owner, repo }) => ({ kind: "env", what, app, owner, repo, env: opts.env, label: `${owner}/${repo}@${opts.env}` }));
  }
  return repos.map(({ owner, repo }) => ({ kind: "repo", what, app, owner, repo, label: `${owner}/${repo}` }));
}

/** What a target is called in messages ("repository octo-org/x", "organization octo-org", ...). */
export function describeTarget(t) {
  switch (t.kind) {
    case "repo":
      return `repository ${t.owner}/${t.repo}`;
    case "env":
      return `environment ${t.env} of ${t.owner}/${t.repo}`;
    case "org":
      return `organization ${t.org}`;
    default:
      return "your user account";
  }
}

/** Parameters of the target's scope, for the library's methods. */
export function scopeParams(t) {
  switch (t.kind) {
    case "repo":
      return { owner: t.owner, repo: t.repo };
    case "env":
      return { owner: t.owner, repo: t.repo, environment_name: t.env };
    case "org":
      return { org: t.org };
    default:
      return {};
  }
}

/** The JS namespace of an app: `private-registries` -> `privateRegistries`. */
export const namespaceOf = (app) => app.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

/**
 * The library method for an operation ("list" | "get" | "del" | "key" | "create" | "update")
 * on a target's secrets (or variables, `t.what`).
 * @throws {UsageError} when the target's app has no such secrets
 */
export function methodFor(gh, t, op) {
  const what = t.what ?? "secret";
  const name = methodName(t.app, t.kind, op, what);
  const method = name === undefined ? undefined : gh[namespaceOf(t.app)]?.[name];
  if (!method) throw new UsageError(`${t.app} has no ${t.kind} ${many(what)}`);
  return method;
}

/**
 * The library method listing the selected repositories of one org (or user) secret
 * or variable of target `t` (`listSelectedReposForOrgSecret`, ...), from the table.
 * @throws {UsageError} when the table has none
 */
export function reposMethodFor(gh, t) {
  const what = t.what ?? "secret";
  const scope = SCOPE_OF_KIND[t.kind];
  const row = secretsEndpoints().find(
    (r) => r.app === t.app && norm(r.scope) === scope && norm(r.op) === "listrepos" && (r.kind === undefined ? what === "secret" : norm(r.kind) === what),
  );
  const method = row && gh[namespaceOf(t.app)]?.[row.name];
  if (!method) throw new UsageError(`${t.app} has no selected repositories for ${t.kind} ${many(what)}`);
  return method;
}

/**
 * Repository names for --repos -> ids: "NAME" resolves under the organization (or,
 * for user secrets, the authenticated user), "OWNER/NAME" as given.
 * @throws {CliError} naming the repository that could not be resolved
 */
export async function resolveRepoIds(gh, names, { org, io } = {}) {
  let login = org;
  const out = [];
  for (const name of names) {
    let owner;
    let repo;
    if (name.includes("/")) ({ owner, repo } = parseRepo(name, "--repos"));
    else {
      if (!LOGIN_RE.test(name)) throw new UsageError(`--repos: expected repository names, got ${JSON.stringify(name)}`);
      if (login === undefined) {
        try {
          login = (await gh.request("GET /user")).data.login;
        } catch (error) {
          throw new CliError(`could not look up the authenticated user to resolve --repos ${name}: ${describe(error)}`, { cause: error });
        }
      }
      owner = login;
      repo = name;
    }
    try {
      const { data } = await gh.request("GET /repos/{owner}/{repo}", { owner, repo });
      io?.debug(`--repos ${name} -> ${owner}/${repo} (id ${data.id})`);
      out.push(data.id);
    } catch (error) {
      throw new CliError(`could not resolve --repos ${name} (${owner}/${repo}): ${describe(error, `repository ${owner}/${repo}`)}`, { cause: error });
    }
  }
  return out;
}
