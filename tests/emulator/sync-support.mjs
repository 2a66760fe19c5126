// What `ghseal sync` needs from the emulator beyond secrets:
// - GET /orgs/{org}/repos (minimal-repository objects with `archived` and `fork`
//   from the seed; `type` all|public|private|forks|sources|member; paginated);
// - PUT /repos/{owner}/{repo}/environments/{environment_name} (create or update an
//   environment: 200 with the environment object);
// - an optional content-creation budget, like GitHub's secondary limit on
//   content-generating requests (default 80 per minute and 500 per hour per
//   token): every PUT/POST/PATCH/DELETE beyond it is answered 403 "secondary rate
//   limit" with `retry-after`, and is not counted. Off unless configured; window
//   lengths are configurable so tests need not wait real minutes.
//
// Wiring (kept to a few lines in the shared files): server.mjs tries
// `matchSyncRoute` before routes.mjs's `matchRoute` and calls `contentBudgetAnswer(ctx)`
// before dispatching; control.mjs asks `syncControl(...)` about unknown control routes.

import { compileRoutes, HttpError, matchRoute, notFound, paginate, repoObject } from "./routes.mjs";
import { isoNow } from "./state.mjs";

/** GitHub's documented content-creation limits. */
export const CONTENT_BUDGET_DEFAULTS = Object.freeze({ perMinute: 80, perHour: 500, minuteMs: 60_000, hourMs: 3_600_000 });
const WRITE_METHODS = new Set(["PUT", "POST", "PATCH", "DELETE"]);
const BUDGET_KEY = "sync:content-budget"; // lives in emu.rateBuckets, so reset() clears it
const ORG_REPOS_DOCS = "https://docs.github.com/rest/repos/repos#list-organization-repositories";
const ENV_DOCS = "https://docs.github.com/rest/deployments/environments#create-or-update-an-environment";

/**
 * The sync controls of an emulator: `setContentBudget(limits | null)`,
 * `contentBudget()`, `setRepoFlags(fullName, { archived, fork })`.
 * @param {import("./state.mjs").Emulator} emu
 */
export function syncControls(emu) {
  return {
    /**
     * Switch the content-creation budget on (`{ perMinute?, perHour?, minuteMs?, hourMs? }`,
     * defaults GitHub's 80/min, 500/h) or off (`null`). Starts with empty windows.
     */
    setContentBudget(limits) {
      if (limits === null || limits === false) {
        emu.rateBuckets.delete(BUDGET_KEY);
        return null;
      }
      const config = { ...CONTENT_BUDGET_DEFAULTS, ...(limits ?? {}) };
      for (const [k, v] of Object.entries(config)) {
        if (!Number.isInteger(v) || v < 1) throw new HttpError(400, { message: `content budget: ${k} must be a positive integer` });
      }
      emu.rateBuckets.set(BUDGET_KEY, { config, starts: new Map(), refused: 0 });
      return config;
    },
    /** `{ config, used: { [login]: writes in the last hour }, refused }` or null when off. */
    contentBudget() {
      const b = emu.rateBuckets.get(BUDGET_KEY);
      if (!b) return null;
      const used = Object.fromEntries([...b.starts].map(([who, list]) => [who, list.length]));
      return { config: b.config, used, refused: b.refused };
    },
    /** Mark a repository archived and/or a fork (as the seed's `archived` / `fork`). */
    setRepoFlags(fullName, flags) {
      const repo = emu.repos.get(String(fullName).toLowerCase());
      if (!repo) throw new HttpError(404, { message: `no repository ${fullName}` });
      if (flags.archived !== undefined) repo.archived = Boolean(flags.archived);
      if (flags.fork !== undefined) repo.fork = Boolean(flags.fork);
      return { full_name: repo.full_name, archived: flagOf(emu, repo, "archived"), fork: flagOf(emu, repo, "fork") };
    },
  };
}

/** A repository's flag: set by setRepoFlags, else the seed's. */
function flagOf(emu, repo, flag) {
  if (repo[flag] !== undefined) return repo[flag];
  return Boolean(emu.seed.repos.find((r) => r.id === repo.id)?.[flag]);
}

/**
 * The 403 answer for a write beyond the content budget, or null (budget off, not a
 * write, or within it). Counts the write when it is let through.
 */
export function contentBudgetAnswer(ctx) {
  const b = ctx.emu.rateBuckets.get(BUDGET_KEY);
  if (!b || !WRITE_METHODS.has(ctx.method) || !ctx.user) return null;
  const now = Date.now();
  const who = ctx.user.login;
  const starts = (b.starts.get(who) ?? []).filter((t) => t > now - b.config.hourMs);
  b.starts.set(who, starts);
  const inMinute = starts.filter((t) => t > now - b.config.minuteMs);
  let waitMs = 0;
  if (inMinute.length >= b.config.perMinute) waitMs = inMinute[inMinute.length - b.config.perMinute] + b.config.minuteMs - now;
  if (starts.length >= b.config.perHour) waitMs = Math.max(waitMs, starts[starts.length - b.config.perHour] + b.config.hourMs - now);
  if (waitMs <= 0) {
    starts.push(now);
    return null;
  }
  b.refused += 1;
  return {
    status: 403,
    body: {
      message: `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${ctx.requestId}.`,
      documentation_url: "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
      status: "403",
    },
    headers: { "retry-after": String(Math.max(1, Math.ceil(waitMs / 1000))) },
  };
}

function listOrgRepos(ctx, p) {
  const org = ctx.emu.orgs.get(String(p.org).toLowerCase());
  if (!org) throw notFound(ctx);
  const type = ctx.url.searchParams.get("type") ?? "all";
  const keep = {
    all: () => true,
    member: () => true,
    public: (r) => !r.private,
    private: (r) => r.private,
    forks: (r) => flagOf(ctx.emu, r, "fork"),
    sources: (r) => !flagOf(ctx.emu, r, "fork"),
  }[type];
  if (!keep) {
    throw new HttpError(422, { message: "Validation Failed", errors: [{ resource: "Repository", field: "type", code: "invalid" }], documentation_url: ORG_REPOS_DOCS, status: "422" });
  }
  const repos = [...ctx.emu.reposById.values()]
    .filter((r) => r.owner.id === org.id && keep(r))
    .sort((a, b) => a.id - b.id)
    .map((r) => ({ ...repoObject(ctx.baseUrl, r), archived: flagOf(ctx.emu, r, "archived"), fork: flagOf(ctx.emu, r, "fork"), disabled: false }));
  const { slice, headers } = paginate(ctx, repos);
  return { status: 200, body: slice, headers };
}

function environmentObject(ctx, repo, name, at) {
  const api = `${ctx.baseUrl}/repos/${repo.full_name}/environments/${encodeURIComponent(name)}`;
  return {
    id: repo.id * 1000 + [...repo.environments.keys()].indexOf(name.toLowerCase()) + 1,
    node_id: Buffer.from(`014:Environment${repo.id}:${name}`).toString("base64"),
    name,
    url: api,
    html_url: `https://github.com/${repo.full_name}/deployments/activity_log?environments_filter=${encodeURIComponent(name)}`,
    created_at: at,
    updated_at: at,
    protection_rules: [],
    deployment_branch_policy: null,
  };
}

function putEnvironment(ctx, p) {
  const repo = ctx.emu.findRepo(p.owner, p.repo);
  if (!repo) throw notFound(ctx);
  const body = ctx.json();
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new HttpError(422, { message: "Invalid request.\n\nFor 'links/0/schema', is not an object.", documentation_url: ENV_DOCS, status: "422" });
  }
  const name = p.environment_name;
  if (name.length > 255 || /[\u0000-\u001f]/.test(name)) {
    throw new HttpError(422, { message: "Validation Failed", errors: [{ resource: "Environment", field: "name", code: "invalid" }], documentation_url: ENV_DOCS, status: "422" });
  }
  const key = name.toLowerCase();
  if (!repo.environments.has(key)) repo.environments.set(key, name);
  repo.environmentTimes ??= new Map();
  const at = repo.environmentTimes.get(key) ?? isoNow();
  repo.environmentTimes.set(key, at);
  return { status: 200, body: environmentObject(ctx, repo, repo.environments.get(key), at) };
}

/** Rows in routes.mjs's TABLE shape: [method, template, operationId, docs, handler]. */
export const SYNC_ROUTES = [
  ["GET", "/orgs/{org}/repos", "repos/list-for-org", ORG_REPOS_DOCS, listOrgRepos],
  ["PUT", "/repos/{owner}/{repo}/environments/{environment_name}", "repos/create-or-update-environment", ENV_DOCS, putEnvironment],
];

const SYNC_ROUTE_TABLE = compileRoutes(SYNC_ROUTES);

/**
 * Match a request against SYNC_ROUTES only (routes.mjs's table stays the secrets
 * API): `{ route, params }` or null. Segments are percent-decoded after splitting.
 */
export function matchSyncRoute(method, rawPath) {
  const match = matchRoute(method, rawPath, SYNC_ROUTE_TABLE);
  return match?.route ? match : null;
}

/**
 * Control routes (control.mjs calls this for names it does not know):
 * `POST /_emulator/content-budget` `{ perMinute?, perHour?, minuteMs?, hourMs? }` (or
 * `null` to switch off), `GET /_emulator/content-budget`, `POST /_emulator/repo-flags`
 * `{ repo: "owner/name", archived?, fork? }`. Returns null for other routes.
 * @param {import("./state.mjs").Emulator} emu
 * @param {string} method @param {string} name path after /_emulator/ @param {() => any} body parsed JSON body
 */
export function syncControl(emu, method, name, body) {
  const controls = syncControls(emu);
  switch (`${method} ${name}`) {
    case "POST content-budget":
      return { status: 200, body: { config: controls.setContentBudget(body()) } };
    case "GET content-budget":
      return { status: 200, body: controls.contentBudget() };
    case "POST repo-flags": {
      const b = body() ?? {};
      return { status: 200, body: controls.setRepoFlags(b.repo, b) };
    }
    default:
      return null;
  }
}
