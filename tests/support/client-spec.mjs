// Shared set-up of the client-against-the-spec tests (tests/node/client-openapi*.test.mjs):
// a recording fetch stub answering like GitHub, complete parameters per endpoint row, the
// spec's parameters of a row, and one `useSpecClient()` fixture. No emulator: every request
// is recorded and matched back to GitHub's OpenAPI description (@octokit/openapi).
import { before } from "node:test";
import assert from "node:assert/strict";
import { importPkg } from "./pkg.mjs";
import { findOperation, loadSpec, matchOperation } from "./openapi.mjs";

export const TOKEN = "ghp_openapiCheckToken0123456789";
export const BASE = "https://api.example.test";
export const APPS = ["actions", "dependabot", "codespaces"];
export const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

/** Representative path parameter values (environment with a slash on purpose). */
export const PATH_VALUES = {
  owner: "octo-org",
  repo: "hello-world",
  environment_name: "prod/eu",
  org: "octo-org",
  secret_name: "MY_SECRET",
  repository_id: 1296269,
};
export const SECRET_VALUE = "s3cr3t value ünïcode ✓";

/** Filled in by useSpecClient()'s hook: the package, its 57 secrets rows, a key pair. */
const state = {};

/**
 * Registers a `before` hook: imports the package (GHSEAL_PKG), keeps the 57 secrets rows of
 * Actions, Dependabot and Codespaces (the rows added with variables, agents and private
 * registries: tests/node/endpoints-client.test.mjs), makes a key pair (cannedAnswer serves
 * its public key) and loads the spec.
 * @returns {{ ghseal: any, rows: object[], keyPair: { publicKey: string, secretKey: string } }}
 */
export function useSpecClient() {
  before(async () => {
    state.ghseal = await importPkg();
    state.rows = state.ghseal.secretsEndpoints().filter((r) => APPS.includes(r.app) && r.kind === "secret");
    state.keyPair = state.ghseal.generateKeyPair();
    loadSpec();
  });
  return state;
}

export const camel = (kebab) => kebab.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
export const kebab = (name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
export const rowId = (row) => `${row.app}.${row.name}`;
export const routeParams = (route) => [...route.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);

export function specParams(row) {
  const item = loadSpec().paths[row.route] ?? {};
  const op = findOperation(row.method, row.route) ?? {};
  return [...(item.parameters ?? []), ...(op.parameters ?? [])];
}
export const specQuery = (row) => specParams(row).filter((p) => p.in === "query").map((p) => p.name);
export const specRequiredPath = (row) => specParams(row).filter((p) => p.in === "path" && p.required).map((p) => p.name);
export const specBodySchema = (row) => findOperation(row.method, row.route)?.requestBody?.content?.["application/json"]?.schema;

/** A fetch stub that records every call and answers like GitHub would for that operation. */
export function recordingFetch(answer = cannedAnswer) {
  const calls = [];
  const fetch = async (url, init = {}) => {
    const call = { url: String(url), method: init.method, headers: { ...(init.headers ?? {}) }, body: init.body };
    calls.push(call);
    const { status = 200, body, headers = {} } = answer(call);
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: body === undefined ? headers : { "content-type": "application/json; charset=utf-8", ...headers },
    });
  };
  return { fetch, calls };
}

/** Canned success answers keyed on the operation the request matches in the spec. */
export function cannedAnswer(call) {
  const path = new URL(call.url).pathname;
  const match = matchOperation(call.method, path);
  if (!match) return { status: 404, body: { message: "Not Found" } };
  const id = match.operation.operationId;
  const now = "2026-01-02T03:04:05Z";
  if (call.method === "GET" && path.endsWith("/public-key")) {
    return { body: { key_id: "568250167242549743", key: state.keyPair.publicKey } };
  }
  if (call.method === "GET" && /\/repositories$/.test(path)) return { body: { total_count: 0, repositories: [] } };
  if (call.method === "GET" && /secrets$/.test(path)) return { body: { total_count: 0, secrets: [] } };
  if (call.method === "GET") {
    const visibility = /-org-|authenticated-user/.test(id)
      ? { visibility: "selected", selected_repositories_url: `${BASE}${path}/repositories` }
      : {};
    return { body: { name: match.params.secret_name, created_at: now, updated_at: now, ...visibility } };
  }
  if (call.method === "PUT" && /create-or-update/.test(id)) return { status: 201, body: {} };
  return { status: 204 };
}

export function client(fetch, extra = {}) {
  return new state.ghseal.GitHubSecrets({
    auth: TOKEN,
    baseUrl: BASE,
    fetch,
    throttle: { minWriteInterval: 0 },
    retry: { retries: 0, baseDelay: 1 },
    ...extra,
  });
}

/** Complete, valid parameters for one row (pagination parameters only where the spec has them). */
export function paramsFor(row) {
  const params = {};
  for (const name of routeParams(row.route)) params[name] = PATH_VALUES[name];
  const query = specQuery(row);
  if (query.includes("per_page")) params.per_page = 2;
  if (query.includes("page")) params.page = 3;
  if (row.op === "put") {
    params.value = SECRET_VALUE;
    if (row.scope === "org") {
      params.visibility = "selected";
      params.selected_repository_ids = [1296269, 1300192];
    }
    if (row.scope === "user") params.selected_repository_ids = [1296269];
  }
  if (row.op === "set-repos") params.selected_repository_ids = [1296269, 1300192];
  return params;
}

export async function rejectsValidation(promise, param, label) {
  await assert.rejects(promise, (error) => {
    assert.equal(error.name, "ValidationError", `${label}: ${error.name} ${error.message}`);
    assert.equal(error.param, param, `${label}: param ${error.param} (${error.message})`);
    return true;
  }, label);
}
