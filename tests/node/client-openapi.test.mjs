// Every method of the client checked against GitHub's official OpenAPI
// description (@octokit/openapi, api.github.com): each of the 57 rows of
// secretsEndpoints() maps to an existing operation with the same Octokit
// name and namespace, the rows cover every secrets operation of Actions,
// Dependabot and Codespaces, required parameters are required, bodies match
// the request schema, URLs and query parameters are the spec's. No route is
// trusted because it was typed by hand: every request is recorded by a fetch
// stub and matched back to the spec.
//
// Run: GHSEAL_PKG=target/pkg-client node --test tests/node/client-openapi.test.mjs

import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { importPkg, pkgDir } from "../support/pkg.mjs";
import {
  findOperation,
  loadSpec,
  matchOperation,
  secretsOperations,
  validateRequestBody,
  validateResponse,
} from "../support/openapi.mjs";

const TOKEN = "ghp_openapiCheckToken0123456789";
const BASE = "https://api.example.test";
const APPS = ["actions", "dependabot", "codespaces"];
const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

/** Representative path parameter values (environment with a slash on purpose). */
const PATH_VALUES = {
  owner: "octo-org",
  repo: "hello-world",
  environment_name: "prod/eu",
  org: "octo-org",
  secret_name: "MY_SECRET",
  repository_id: 1296269,
};
const SECRET_VALUE = "s3cr3t value ünïcode ✓";

let ghseal;
let rows;
let keyPair;

before(async () => {
  ghseal = await importPkg();
  // The 57 secrets rows of Actions, Dependabot and Codespaces; the rows added with
  // variables, agents and private registries: tests/node/endpoints-client.test.mjs.
  rows = ghseal.secretsEndpoints().filter((r) => APPS.includes(r.app) && r.kind === "secret");
  keyPair = ghseal.generateKeyPair();
  loadSpec();
});

// ---------------------------------------------------------------- helpers

const camel = (kebab) => kebab.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
const kebab = (name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const rowId = (row) => `${row.app}.${row.name}`;
const routeParams = (route) => [...route.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);

function specParams(row) {
  const item = loadSpec().paths[row.route] ?? {};
  const op = findOperation(row.method, row.route) ?? {};
  return [...(item.parameters ?? []), ...(op.parameters ?? [])];
}
const specQuery = (row) => specParams(row).filter((p) => p.in === "query").map((p) => p.name);
const specRequiredPath = (row) => specParams(row).filter((p) => p.in === "path" && p.required).map((p) => p.name);
const specBodySchema = (row) => findOperation(row.method, row.route)?.requestBody?.content?.["application/json"]?.schema;

/** A fetch stub that records every call and answers like GitHub would for that operation. */
function recordingFetch(answer = cannedAnswer) {
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
function cannedAnswer(call) {
  const path = new URL(call.url).pathname;
  const match = matchOperation(call.method, path);
  if (!match) return { status: 404, body: { message: "Not Found" } };
  const id = match.operation.operationId;
  const now = "2026-01-02T03:04:05Z";
  if (call.method === "GET" && path.endsWith("/public-key")) {
    return { body: { key_id: "568250167242549743", key: keyPair.publicKey } };
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

function client(fetch, extra = {}) {
  return new ghseal.GitHubSecrets({
    auth: TOKEN,
    baseUrl: BASE,
    fetch,
    throttle: { minWriteInterval: 0 },
    retry: { retries: 0, baseDelay: 1 },
    ...extra,
  });
}

/** Complete, valid parameters for one row (pagination parameters only where the spec has them). */
function paramsFor(row) {
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

async function rejectsValidation(promise, param, label) {
  await assert.rejects(promise, (error) => {
    assert.equal(error.name, "ValidationError", `${label}: ${error.name} ${error.message}`);
    assert.equal(error.param, param, `${label}: param ${error.param} (${error.message})`);
    return true;
  }, label);
}

// ------------------------------------------------------------------ the table

describe("the endpoint table against the spec", () => {
  test("57 rows, unique (namespace, method name) and unique (verb, route)", () => {
    assert.equal(rows.length, 57);
    assert.equal(new Set(rows.map(rowId)).size, 57);
    assert.equal(new Set(rows.map((r) => `${r.method} ${r.route}`)).size, 57);
    for (const row of rows) {
      assert.deepEqual(Object.keys(row).sort(), ["app", "kind", "method", "name", "op", "paginated", "route", "scope"]);
      assert.ok(APPS.includes(row.app), rowId(row));
      assert.ok(["GET", "PUT", "DELETE"].includes(row.method), rowId(row));
    }
    const count = (app) => rows.filter((r) => r.app === app).length;
    assert.deepEqual(APPS.map(count), [20, 14, 23]);
  });

  test("each row's (verb, route) is an operation of the spec", () => {
    const missing = rows.filter((row) => !findOperation(row.method, row.route)).map((r) => `${rowId(r)}: ${r.method} ${r.route}`);
    assert.deepEqual(missing, []);
  });

  test("each row's Octokit name and namespace are the operation's (operationId, x-github.category, tags)", () => {
    for (const row of rows) {
      const op = findOperation(row.method, row.route);
      const [namespace, slug] = op.operationId.split("/");
      assert.equal(namespace, row.app, `${rowId(row)}: operationId ${op.operationId}`);
      assert.equal(camel(slug), row.name, `${rowId(row)}: operationId ${op.operationId}`);
      assert.equal(op.operationId, `${row.app}/${kebab(row.name)}`);
      assert.equal(op["x-github"]?.category, row.app, `${rowId(row)}: x-github.category`);
      assert.match(op["x-github"]?.subcategory ?? "", /secrets$/, `${rowId(row)}: x-github.subcategory`);
      assert.ok(op.tags?.includes(row.app), `${rowId(row)}: tags ${op.tags}`);
    }
  });

  test("the rows cover every secrets operation of actions/dependabot/codespaces: none missing, none extra", () => {
    // An independent scan of the whole description, by x-github category/subcategory.
    const spec = new Set();
    for (const [route, item] of Object.entries(loadSpec().paths)) {
      for (const method of HTTP_METHODS) {
        const op = item[method];
        const xg = op?.["x-github"];
        if (op && APPS.includes(xg?.category) && /secrets$/.test(xg?.subcategory ?? "")) spec.add(`${method.toUpperCase()} ${route}`);
      }
    }
    const ours = new Set(rows.map((r) => `${r.method} ${r.route}`));
    assert.deepEqual([...spec].filter((k) => !ours.has(k)), [], "secrets operations without a method");
    assert.deepEqual([...ours].filter((k) => !spec.has(k)), [], "methods that are not secrets operations");
    // ... and the shared helper's list agrees.
    const helper = new Set(secretsOperations().map((o) => `${o.method} ${o.route}`));
    assert.deepEqual([...helper].sort(), [...ours].sort());
  });

  test("route path parameters are exactly the operation's path parameters, all required", () => {
    for (const row of rows) {
      const path = specParams(row).filter((p) => p.in === "path");
      assert.deepEqual(routeParams(row.route).sort(), path.map((p) => p.name).sort(), rowId(row));
      assert.ok(path.every((p) => p.required), rowId(row));
    }
  });

  test("`paginated` is true exactly for operations answering a list (secrets or repositories)", () => {
    for (const row of rows) {
      const schema = findOperation(row.method, row.route).responses?.["200"]?.content?.["application/json"]?.schema;
      const props = schema?.properties ?? {};
      const lists = ["secrets", "repositories"].some((k) => props[k]?.type === "array");
      assert.equal(row.paginated, lists, rowId(row));
    }
  });

  test("op and scope agree with the route", () => {
    const opOf = (row) => {
      const r = row.route;
      if (r.endsWith("/public-key")) return "public-key";
      if (r.endsWith("/organization-secrets")) return "list-organization";
      if (r.endsWith("/repositories/{repository_id}")) return row.method === "PUT" ? "add-repo" : "remove-repo";
      if (r.endsWith("/repositories")) return row.method === "PUT" ? "set-repos" : "list-repos";
      if (r.endsWith("/{secret_name}")) return { GET: "get", PUT: "put", DELETE: "delete" }[row.method];
      return "list";
    };
    const scopeOf = (r) =>
      r.startsWith("/user/") ? "user" : r.startsWith("/orgs/") ? "org" : r.includes("/environments/") ? "environment" : "repo";
    for (const row of rows) {
      assert.equal(row.op, opOf(row), rowId(row));
      // listRepoOrganizationSecrets lists org secrets visible to a repository: a Repo-scoped route
      assert.equal(row.scope, scopeOf(row.route), rowId(row));
    }
  });

  test("secretsEndpoints() returns copies: mutating them changes nothing", () => {
    const a = ghseal.secretsEndpoints();
    a[0].route = "/evil";
    a.pop();
    const b = ghseal.secretsEndpoints();
    assert.equal(b.length, 113);
    assert.notEqual(b[0].route, "/evil");
  });
});

// ------------------------------------------------------------- requests sent

describe("requests, recorded by a fetch stub and matched back to the spec", () => {
  test("every method sends its verb to its route with parameters substituted, and the spec's headers", async () => {
    for (const row of rows) {
      const { fetch, calls } = recordingFetch();
      const gh = client(fetch);
      const params = paramsFor(row);
      const res = await gh[row.app][row.name](params);
      const label = rowId(row);
      const mine = calls.filter((c) => c.method === row.method && matchOperation(c.method, new URL(c.url).pathname)?.route === row.route);
      assert.equal(mine.length, 1, `${label}: one ${row.method} ${row.route} in ${calls.map((c) => `${c.method} ${c.url}`)}`);
      const call = mine[0];
      const url = new URL(call.url);
      assert.equal(url.origin, BASE, label);
      const match = matchOperation(call.method, url.pathname);
      assert.equal(match.route, row.route, label);
      assert.equal(match.operation.operationId, `${row.app}/${kebab(row.name)}`);
      for (const name of routeParams(row.route)) assert.equal(match.params[name], String(params[name]), `${label}: ${name}`);
      if (row.route.includes("{environment_name}")) assert.ok(url.pathname.includes("/environments/prod%2Feu/"), url.pathname);
      // query: only parameters the operation declares, with the values given
      const declared = specQuery(row);
      for (const key of url.searchParams.keys()) assert.ok(declared.includes(key), `${label}: query ${key} not in [${declared}]`);
      if (declared.includes("per_page")) {
        assert.equal(url.searchParams.get("per_page"), "2", label);
        assert.equal(url.searchParams.get("page"), "3", label);
      } else {
        assert.equal(url.search, "", label);
      }
      // headers, on every request the call made (including a public-key lookup)
      for (const c of calls) {
        assert.equal(c.headers.accept, "application/vnd.github+json", label);
        assert.equal(c.headers["x-github-api-version"], "2022-11-28", label);
        assert.equal(c.headers.authorization, `Bearer ${TOKEN}`, label);
        assert.match(c.headers["user-agent"] ?? "", /^ghseal\/\d+\.\d+\.\d+/, label);
        if (c.body !== undefined) assert.match(c.headers["content-type"] ?? "", /^application\/json/, label);
      }
      // writes other than PUT with a body send none
      if (!["put", "set-repos"].includes(row.op)) assert.equal(call.body, undefined, `${label}: no body`);
      // only a value-sealing PUT needs a second request (the public key)
      assert.equal(calls.length, row.op === "put" ? 2 : 1, label);
      // response: Octokit's shape, and the canned answer is one the spec documents
      assert.deepEqual(Object.keys(res).sort(), ["data", "headers", "status", "url"], label);
      assert.equal(res.url, call.url, label);
      const check = validateResponse(row.method, row.route, res.status, res.data);
      assert.ok(check.valid, `${label}: ${check.errors.join("; ")}`);
    }
  });

  test("the default user-agent is ghseal/<package version>", async () => {
    const version = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")).version;
    const { fetch, calls } = recordingFetch();
    await client(fetch).actions.getRepoPublicKey({ owner: "o", repo: "r" });
    assert.equal(calls[0].headers["user-agent"], `ghseal/${version}`);
  });

  test("a custom userAgent is sent; without auth no authorization header is sent", async () => {
    const { fetch, calls } = recordingFetch();
    await new ghseal.GitHubSecrets({ baseUrl: BASE, fetch, userAgent: "my-app/1.2.3" }).actions.listRepoSecrets({ owner: "o", repo: "r" });
    assert.equal(calls.length, 1);
    assert.equal(calls[0].headers["user-agent"], "my-app/1.2.3");
    assert.equal("authorization" in calls[0].headers, false);
  });

  test("query parameters the spec does not declare for an operation are refused before sending", async () => {
    for (const row of rows) {
      const declared = specQuery(row);
      for (const name of ["per_page", "page"]) {
        if (declared.includes(name)) continue;
        const { fetch, calls } = recordingFetch();
        const params = { ...paramsFor(row), [name]: 1 };
        await rejectsValidation(client(fetch)[row.app][row.name](params), name, `${rowId(row)} ${name}`);
        assert.equal(calls.length, 0, `${rowId(row)}: nothing sent`);
      }
    }
  });

  test("per_page outside 1..100 and page < 1 are refused before sending", async () => {
    const row = rows.find((r) => r.app === "actions" && r.name === "listRepoSecrets");
    for (const [name, value] of [["per_page", 101], ["per_page", 0], ["page", 0], ["per_page", "many"]]) {
      const { fetch, calls } = recordingFetch();
      await rejectsValidation(client(fetch).actions.listRepoSecrets({ owner: "o", repo: "r", [name]: value }), name, `${name}=${value}`);
      assert.equal(calls.length, 0);
    }
    assert.ok(row.paginated);
  });
});

// -------------------------------------------------------- required parameters

describe("required parameters are required", () => {
  test("omitting (or nulling, or emptying) each required path parameter: ValidationError naming it, no request", async () => {
    let checked = 0;
    for (const row of rows) {
      const required = specRequiredPath(row);
      assert.deepEqual(required.sort(), routeParams(row.route).sort(), rowId(row));
      for (const name of required) {
        for (const [how, mutate] of [
          ["omitted", (p) => delete p[name]],
          ["null", (p) => (p[name] = null)],
          ["empty", (p) => (p[name] = "")],
        ]) {
          const { fetch, calls } = recordingFetch();
          const params = paramsFor(row);
          mutate(params);
          await rejectsValidation(client(fetch)[row.app][row.name](params), name, `${rowId(row)} ${name} ${how}`);
          assert.equal(calls.length, 0, `${rowId(row)} ${name} ${how}: nothing sent`);
          checked++;
        }
      }
    }
    // 57 rows; user-scope public-key and list take no path parameter
    assert.ok(checked > 3 * 100, `checked ${checked}`);
  });

  test("required body properties are required (the client's value stands in for encrypted_value + key_id)", async () => {
    let checked = 0;
    for (const row of rows.filter((r) => r.method === "PUT")) {
      const schema = specBodySchema(row);
      for (const name of schema?.required ?? []) {
        // GitHub requires visibility; the client fills it in from the existing secret
        // (cli/cli#8110, tests/node/visibility.test.mjs).
        if (name === "visibility") continue;
        const params = paramsFor(row);
        let expected = name;
        if (name in params) delete params[name];
        else if (["encrypted_value", "key_id"].includes(name)) {
          delete params.value; // neither value nor encrypted_value + key_id
          expected = "value";
        } else assert.fail(`${rowId(row)}: required ${name} has no stand-in`);
        const { fetch, calls } = recordingFetch();
        await rejectsValidation(client(fetch)[row.app][row.name](params), expected, `${rowId(row)} without ${name}`);
        assert.equal(calls.length, 0);
        checked++;
      }
      if (row.op === "put") {
        // encrypted_value without its key_id
        const params = paramsFor(row);
        delete params.value;
        params.encrypted_value = ghseal.sealSecret(keyPair.publicKey, "x");
        const { fetch, calls } = recordingFetch();
        await rejectsValidation(client(fetch)[row.app][row.name](params), "key_id", `${rowId(row)} encrypted_value without key_id`);
        assert.equal(calls.length, 0);
        checked++;
      }
    }
    assert.ok(checked >= 17, `checked ${checked}`);
  });
});

describe("path parameter values cannot change the route", () => {
  // fetch parses URLs with the WHATWG URL parser, which treats "%2E%2E" and
  // "%2E" (any case) as dot segments and removes them: the client's encoding of
  // "." / ".." (src/github/request.rs encode_segment) does not stop a value from
  // climbing out of the route. What matters is the URL fetch actually requests.
  const TODO_DOTS =
    'BUG: "." and ".." path parameters are sent as %2E / %2E%2E, which fetch normalises away (environment_name ".." turns GET /repos/o/r/environments/%2E%2E/secrets/X into GET /repos/o/r/secrets/X; repository_id ".." turns DELETE .../secrets/S/repositories/%2E%2E into DELETE .../secrets/S/); they should be refused';

  test("'.' and '..' as any path parameter: refused, or the requested URL still matches the route", async () => {
    const escaped = [];
    for (const row of rows) {
      for (const name of routeParams(row.route)) {
        for (const dots of [".", ".."]) {
          const { fetch, calls } = recordingFetch();
          const params = { ...paramsFor(row), [name]: dots };
          try {
            await client(fetch)[row.app][row.name](params);
          } catch (error) {
            if (error.name === "ValidationError" && error.param === name && calls.length === 0) continue;
          }
          for (const call of calls) {
            const requested = new URL(call.url).pathname; // what fetch sends after normalisation
            const match = matchOperation(call.method, requested);
            const expected = call.method === row.method ? row.route : row.route.replace(/\{secret_name\}(\/.*)?$/, "public-key");
            if (match?.route !== expected || match.params[name] !== dots) escaped.push(`${rowId(row)} ${name}=${dots}: ${call.method} ${requested}`);
          }
        }
      }
    }
    assert.deepEqual(escaped, []);
  });

  test("an integer path parameter (repository_id) only accepts integers, as the spec types it", async () => {
    for (const row of rows.filter((r) => r.route.includes("{repository_id}"))) {
      const schema = specParams(row).find((p) => p.name === "repository_id").schema;
      assert.equal(schema.type, "integer");
      for (const bad of ["abc", "12abc"]) {
        const { fetch, calls } = recordingFetch();
        await rejectsValidation(client(fetch)[row.app][row.name]({ ...paramsFor(row), repository_id: bad }), "repository_id", `${rowId(row)} ${bad}`);
        assert.equal(calls.length, 0);
      }
    }
  });
});

// --------------------------------------------------------------------- bodies

describe("request bodies match the spec's request schema", () => {
  test("every PUT: the recorded JSON body validates, has only the schema's properties, and value is sealed for the served key", async () => {
    const puts = rows.filter((r) => r.method === "PUT");
    assert.equal(puts.length, 16); // 6 createOrUpdate* + 5 set + 5 add (actions 5, dependabot 4, codespaces 7)
    for (const row of puts) {
      const { fetch, calls } = recordingFetch();
      const params = paramsFor(row);
      const res = await client(fetch)[row.app][row.name](params);
      const label = rowId(row);
      const put = calls.find((c) => c.method === "PUT");
      assert.ok(put, label);
      const body = put.body === undefined ? undefined : JSON.parse(put.body);
      const check = validateRequestBody(row.method, row.route, body);
      assert.ok(check.valid, `${label}: ${check.errors.join("; ")} in ${put.body}`);
      const schema = specBodySchema(row);
      if (!schema) {
        assert.equal(body, undefined, `${label}: no body`);
        assert.equal(res.status, 204);
        continue;
      }
      const known = Object.keys(schema.properties ?? {});
      for (const key of Object.keys(body)) assert.ok(known.includes(key), `${label}: body property ${key} not in [${known}]`);
      if (row.op === "put") {
        assert.equal(res.status, 201, label);
        assert.equal("value" in body, false, `${label}: the plaintext is never sent`);
        assert.ok(!put.body.includes(SECRET_VALUE), label);
        assert.equal(body.key_id, "568250167242549743", label);
        assert.equal(ghseal.openSecret(body.encrypted_value, keyPair.secretKey), SECRET_VALUE, label);
        // the key came from this scope's public-key operation
        const keyCall = calls.find((c) => c.method === "GET");
        const keyRoute = matchOperation("GET", new URL(keyCall.url).pathname).route;
        assert.equal(keyRoute, row.route.replace(/\{secret_name\}$/, "public-key"), label);
        if (row.scope === "org") assert.equal(body.visibility, "selected", label);
      }
      if (params.selected_repository_ids) {
        // Dependabot org secrets send ids as strings (as the GitHub CLI does); everything else integers
        const asStrings = row.app === "dependabot" && row.op === "put";
        const expected = params.selected_repository_ids.map((id) => (asStrings ? String(id) : id));
        assert.deepEqual(body.selected_repository_ids, expected, label);
      }
    }
  });

  test("encrypted_value + key_id are passed through unchanged, and no public key is fetched", async () => {
    for (const row of rows.filter((r) => r.op === "put")) {
      const { fetch, calls } = recordingFetch();
      const params = paramsFor(row);
      delete params.value;
      params.encrypted_value = ghseal.sealSecret(keyPair.publicKey, "precomputed");
      params.key_id = "012345678901234567";
      await client(fetch)[row.app][row.name](params);
      assert.equal(calls.length, 1, rowId(row));
      const body = JSON.parse(calls[0].body);
      assert.equal(body.encrypted_value, params.encrypted_value);
      assert.equal(body.key_id, "012345678901234567");
      const check = validateRequestBody(row.method, row.route, body);
      assert.ok(check.valid, `${rowId(row)}: ${check.errors.join("; ")}`);
    }
  });

  test("organization secrets with visibility all / private send a valid body without repository ids", async () => {
    for (const row of rows.filter((r) => r.op === "put" && r.scope === "org")) {
      for (const visibility of ["all", "private"]) {
        const { fetch, calls } = recordingFetch();
        const params = { ...paramsFor(row), visibility };
        delete params.selected_repository_ids;
        await client(fetch)[row.app][row.name](params);
        const body = JSON.parse(calls.find((c) => c.method === "PUT").body);
        assert.equal(body.visibility, visibility);
        assert.equal("selected_repository_ids" in body, false);
        const check = validateRequestBody(row.method, row.route, body);
        assert.ok(check.valid, `${rowId(row)} ${visibility}: ${check.errors.join("; ")}`);
      }
    }
  });

  test("a body the spec refuses is refused by the client too (bad visibility, repository ids not an array of ids)", async () => {
    const row = rows.find((r) => r.app === "actions" && r.name === "createOrUpdateOrgSecret");
    // sanity: the spec itself refuses these
    assert.equal(validateRequestBody("PUT", row.route, { visibility: "public" }).valid, false);
    assert.equal(validateRequestBody("PUT", row.route, { visibility: "selected", selected_repository_ids: "1296269" }).valid, false);
    for (const [patch, param] of [
      [{ visibility: "public" }, "visibility"],
      [{ selected_repository_ids: ["abc"] }, "selected_repository_ids"],
      [{ selected_repository_ids: "1296269" }, "selected_repository_ids"],
    ]) {
      const { fetch, calls } = recordingFetch();
      await rejectsValidation(client(fetch).actions.createOrUpdateOrgSecret({ ...paramsFor(row), ...patch }), param, JSON.stringify(patch));
      assert.equal(calls.length, 0);
    }
  });
});
