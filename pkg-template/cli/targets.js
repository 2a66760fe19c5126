// Targets of the ghseal command: which secrets collections a command works on
// (repositories, environments, an organization, the user), parsed from the
// options with gh's rules, and the library method for each operation on them.
// Which apps have which scopes comes from the package's endpoint table
// (`secretsEndpoints()`), never from a list kept here.

import { secretsEndpoints } from "../node.js";
import { CliError, UsageError, describe } from "./errors.js";
import { readText } from "./input.js";

/** The app when none is given (gh's default). */
export const DEFAULT_APP = "actions";

const REPO_RE = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const LOGIN_RE = /^[A-Za-z0-9_.-]+$/;

/** A secrets route: `.../secrets`, `.../secrets/public-key` or `.../secrets/{secret_name}`. */
const SECRETS_ROUTE = /\/secrets(?:\/public-key|\/\{secret_name\})?$/;
/** CLI target kind -> the table's scope; CLI operation -> the table's op (compared lower case, letters only). */
const SCOPE_OF_KIND = { repo: "repo", env: "environment", org: "org", user: "user" };
const OP_OF = { list: "list", get: "get", del: "delete", key: "publickey" };
const norm = (s) => String(s).toLowerCase().replace(/[^a-z]/g, "");

let secretRows;
/** The table's rows for secrets (not variables or registries) of every app. */
function rows() {
  secretRows ??= secretsEndpoints().filter((r) => SECRETS_ROUTE.test(r.route) && (r.kind === undefined || norm(r.kind) === "secret"));
  return secretRows;
}

/** Apps with secrets, in the table's order (actions, dependabot, codespaces, ...). */
export function secretApps() {
  return [...new Set(rows().map((r) => r.app))];
}

/** Apps whose secrets exist at a target kind ("repo" | "env" | "org" | "user"). */
export function appsWithScope(kind) {
  const scope = SCOPE_OF_KIND[kind];
  return secretApps().filter((app) => rows().some((r) => r.app === app && norm(r.scope) === scope));
}

/** The method name for an operation ("list" | "get" | "del" | "key") of app at a target kind, or undefined. */
export function methodName(app, kind, op) {
  const scope = SCOPE_OF_KIND[kind];
  return rows().find((r) => r.app === app && norm(r.scope) === scope && norm(r.op) === OP_OF[op])?.name;
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

/** The app for the options' scope (gh's defaults and supported combinations). */
function appFor(opts) {
  if (opts.user) {
    const apps = appsWithScope("user");
    if (opts.app !== undefined && !apps.includes(opts.app)) throw new UsageError(`user secrets are only supported for ${either(apps)}, not --app ${opts.app}`);
    return opts.app ?? apps[0];
  }
  if (opts.env !== undefined) {
    const apps = appsWithScope("env");
    if (opts.app !== undefined && !apps.includes(opts.app)) throw new UsageError(`environment secrets are only supported for ${either(apps)}, not --app ${opts.app}`);
    return opts.app ?? DEFAULT_APP;
  }
  const kind = opts.org !== undefined ? "org" : "repo";
  const apps = appsWithScope(kind);
  const app = opts.app ?? DEFAULT_APP;
  if (!apps.includes(app)) throw new UsageError(`${app} has no ${kind === "org" ? "organization" : "repository"} secrets`);
  return app;
}

/**
 * The targets of a command from its options (gh's rules), without network access:
 * [{ kind: "repo"|"env"|"org"|"user", app, owner?, repo?, env?, org?, label }].
 * `stdin` is the run's stdin reader (for `--repos-from -`).
 * @throws {UsageError} for conflicting scopes, a malformed repository, no target
 */
export async function targetsFrom(opts, { stdin } = {}) {
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

  const app = appFor(opts);
  if (opts.org !== undefined || opts.user) {
    if (repos.length) throw new UsageError(`--repo and --repos-from do not combine with ${opts.org !== undefined ? "--org" : "--user"}`);
    if (opts.org !== undefined) {
      if (!LOGIN_RE.test(opts.org)) throw new UsageError(`--org: expected an organization login, got ${JSON.stringify(opts.org)}`);
      return [{ kind: "org", app, org: opts.org, label: `org:${opts.org}` }];
    }
    return [{ kind: "user", app, label: "user" }];
  }
  if (repos.length === 0) {
    throw new UsageError(`specify --repo OWNER/REPO (no git remote detection)${opts.env !== undefined ? "; --env needs a repository" : ""}`);
  }
  if (opts.env !== undefined) {
    if (String(opts.env).trim() === "") throw new UsageError("--env: expected an environment name");
    return repos.map(({ owner, repo }) => ({ kind: "env", app, owner, repo, env: opts.env, label: `${owner}/${repo}@${opts.env}` }));
  }
  return repos.map(({ owner, repo }) => ({ kind: "repo", app, owner, repo, label: `${owner}/${repo}` }));
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

/**
 * The library method for an operation ("list" | "get" | "del" | "key") on a target.
 * @throws {UsageError} when the target's app has no such secrets
 */
export function methodFor(gh, t, op) {
  const name = methodName(t.app, t.kind, op);
  const method = name === undefined ? undefined : gh[t.app]?.[name];
  if (!method) throw new UsageError(`${t.app} has no ${t.kind} secrets`);
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
