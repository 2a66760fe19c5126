// Every method of the client checked against GitHub's official OpenAPI
// description (@octokit/openapi, api.github.com): each of the 57 rows of
// secretsEndpoints() maps to an existing operation with the same Octokit
// name and namespace, the rows cover every secrets operation of Actions,
// Dependabot and Codespaces, required parameters are required, bodies match
// the request schema, URLs and query parameters are the spec's. No route is
// trusted because it was typed by hand: every request is recorded by a fetch
// stub and matched back to the spec.
//
// This file: the endpoint table and the requests sent; required parameters, path
// parameter values and request bodies: client-openapi-params.test.mjs; the shared
// fetch stub and parameters: tests/support/client-spec.mjs.
//
// Run: GHSEAL_PKG=target/pkg-client node --test tests/node/client-openapi*.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pkgDir } from "../support/pkg.mjs";
import { findOperation, loadSpec, matchOperation, secretsOperations, validateResponse } from "../support/openapi.mjs";
import { APPS, BASE, camel, client, HTTP_METHODS, kebab, paramsFor, recordingFetch, rejectsValidation, routeParams, rowId, specParams, specQuery, TOKEN, useSpecClient } from "../support/client-spec.mjs";

const h = useSpecClient();

// ------------------------------------------------------------------ the table

describe("the endpoint table against the spec", () => {
  test("57 h.rows, unique (namespace, method name) and unique (verb, route)", () => {
    assert.equal(h.rows.length, 57);
    assert.equal(new Set(h.rows.map(rowId)).size, 57);
    assert.equal(new Set(h.rows.map((r) => `${r.method} ${r.route}`)).size, 57);
    for (const row of h.rows) {
      assert.deepEqual(Object.keys(row).sort(), ["app", "kind", "method", "name", "op", "paginated", "route", "scope"]);
      assert.ok(APPS.includes(row.app), rowId(row));
      assert.ok(["GET", "PUT", "DELETE"].includes(row.method), rowId(row));
    }
    const count = (app) => h.rows.filter((r) => r.app === app).length;
    assert.deepEqual(APPS.map(count), [20, 14, 23]);
  });

  test("each row's (verb, route) is an operation of the spec", () => {
    const missing = h.rows.filter((row) => !findOperation(row.method, row.route)).map((r) => `${rowId(r)}: ${r.method} ${r.route}`);
    assert.deepEqual(missing, []);
  });

  test("each row's Octokit name and namespace are the operation's (operationId, x-github.category, tags)", () => {
    for (const row of h.rows) {
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

  test("the h.rows cover every secrets operation of actions/dependabot/codespaces: none missing, none extra", () => {
    // An independent scan of the whole description, by x-github category/subcategory.
    const spec = new Set();
    for (const [route, item] of Object.entries(loadSpec().paths)) {
      for (const method of HTTP_METHODS) {
        const op = item[method];
        const xg = op?.["x-github"];
        if (op && APPS.includes(xg?.category) && /secrets$/.test(xg?.subcategory ?? "")) spec.add(`${method.toUpperCase()} ${route}`);
      }
    }
    const ours = new Set(h.rows.map((r) => `${r.method} ${r.route}`));
    assert.deepEqual([...spec].filter((k) => !ours.has(k)), [], "secrets operations without a method");
    assert.deepEqual([...ours].filter((k) => !spec.has(k)), [], "methods that are not secrets operations");
    // ... and the shared helper's list agrees.
    const helper = new Set(secretsOperations().map((o) => `${o.method} ${o.route}`));
    assert.deepEqual([...helper].sort(), [...ours].sort());
  });

  test("route path parameters are exactly the operation's path parameters, all required", () => {
    for (const row of h.rows) {
      const path = specParams(row).filter((p) => p.in === "path");
      assert.deepEqual(routeParams(row.route).sort(), path.map((p) => p.name).sort(), rowId(row));
      assert.ok(path.every((p) => p.required), rowId(row));
    }
  });

  test("`paginated` is true exactly for operations answering a list (secrets or repositories)", () => {
    for (const row of h.rows) {
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
    for (const row of h.rows) {
      assert.equal(row.op, opOf(row), rowId(row));
      // listRepoOrganizationSecrets lists org secrets visible to a repository: a Repo-scoped route
      assert.equal(row.scope, scopeOf(row.route), rowId(row));
    }
  });

  test("secretsEndpoints() returns copies: mutating them changes nothing", () => {
    const a = h.ghseal.secretsEndpoints();
    a[0].route = "/evil";
    a.pop();
    const b = h.ghseal.secretsEndpoints();
    assert.equal(b.length, 113);
    assert.notEqual(b[0].route, "/evil");
  });
});

// ------------------------------------------------------------- requests sent

describe("requests, recorded by a fetch stub and matched back to the spec", () => {
  test("every method sends its verb to its route with parameters substituted, and the spec's headers", async () => {
    for (const row of h.rows) {
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
    await new h.ghseal.GitHubSecrets({ baseUrl: BASE, fetch, userAgent: "my-app/1.2.3" }).actions.listRepoSecrets({ owner: "o", repo: "r" });
    assert.equal(calls.length, 1);
    assert.equal(calls[0].headers["user-agent"], "my-app/1.2.3");
    assert.equal("authorization" in calls[0].headers, false);
  });

  test("query parameters the spec does not declare for an operation are refused before sending", async () => {
    for (const row of h.rows) {
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
    const row = h.rows.find((r) => r.app === "actions" && r.name === "listRepoSecrets");
    for (const [name, value] of [["per_page", 101], ["per_page", 0], ["page", 0], ["per_page", "many"]]) {
      const { fetch, calls } = recordingFetch();
      await rejectsValidation(client(fetch).actions.listRepoSecrets({ owner: "o", repo: "r", [name]: value }), name, `${name}=${value}`);
      assert.equal(calls.length, 0);
    }
    assert.ok(row.paginated);
  });
});
