// Route table of the GitHub secrets emulator: every secrets, variables and
// private-registries operation of Actions (repository, environment,
// organization), Dependabot (repository, organization), Codespaces
// (repository, organization, user), Copilot agents (repository, organization)
// and organization private registries, from GitHub's OpenAPI description, plus
// GET /repos/{owner}/{repo} and GET /user. The handlers live in
// routes-secrets.mjs, routes-variables.mjs and routes-registries.mjs (shared
// pieces in http.mjs, JSON objects in objects.mjs).
//
// Handlers receive (ctx, params) and return { status, body?, headers? } or
// throw an HttpError. ctx (built by server.mjs) carries: emu (the Emulator),
// baseUrl, url (URL), route, user (authenticated account) and json() (parses
// the request body lazily: 400 "Problems parsing JSON").

import { needRepo } from "./http.mjs";
import { privateUserObject, repoObject } from "./objects.mjs";
import { REGISTRIES_ROUTES } from "./routes-registries.mjs";
import { SECRETS_ROUTES } from "./routes-secrets.mjs";
import { VARIABLES_ROUTES } from "./routes-variables.mjs";

// Re-exported for server.mjs, control.mjs, app-auth.mjs, sync-support.mjs and tests.
export { DOCS_ROOT, HttpError, notFound, paginate } from "./http.mjs";
export { accountObject, repoObject } from "./objects.mjs";

const TABLE = [
  ...SECRETS_ROUTES,
  ...VARIABLES_ROUTES,
  ...REGISTRIES_ROUTES,
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
export const ROUTES = compileRoutes(TABLE);

/**
 * Route objects of [method, template, operationId, docs, handler] rows (as in ROUTES).
 * @param {Array<[string, string, string, string, Function]>} table
 */
export function compileRoutes(table) {
  return table.map(([method, template, operationId, docs, handler]) => ({
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
}

/** Split a raw URL path into decoded segments, or null when a segment is not valid percent-encoding. */
function decodeSegments(rawPath) {
  try {
    return rawPath.split("/").slice(1).map(decodeURIComponent);
  } catch {
    return null;
  }
}

/**
 * Find the route for a request in `routes` (default ROUTES). Segments are split on "/" before decoding, so
 * an environment named "prod/eu" must arrive as "prod%2Feu". Literal segments
 * win over parameters (".../secrets/public-key" is not a secret named "public-key").
 * @returns {{ route: object, params: Record<string,string> } | { pathMatched: true } | null}
 *   pathMatched when the path exists but not for this method
 */
export function matchRoute(method, rawPath, routes = ROUTES) {
  const segs = decodeSegments(rawPath);
  if (!segs) return null;
  let best = null;
  let bestLiterals = -1;
  let pathMatched = false;
  for (const route of routes) {
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
