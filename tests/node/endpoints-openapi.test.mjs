// Request shapes of the methods added with the generated table (variables,
// agents secrets, private registries) against GitHub's OpenAPI description:
// every request is recorded by a fetch stub and matched back to the spec -
// verb and route, path parameters, only declared query parameters, a JSON body
// that validates against the operation's request schema with only its
// properties, a sealed value opened with the test's secret key and sealed for
// the key of the row's public-key route, a variable's value sent as given.
//
// Run: GHSEAL_PKG=pkg node --test tests/node/endpoints-openapi.test.mjs

import { before, test } from "node:test";
import assert from "node:assert/strict";
import { importPkg } from "../support/pkg.mjs";
import { findOperation, loadSpec, matchOperation, validateRequestBody, validateResponse } from "../support/openapi.mjs";

const BASE = "https://api.example.test";
const OLD_APPS = ["actions", "dependabot", "codespaces"];
const PATH_VALUES = { owner: "octo-org", repo: "hello-world", environment_name: "prod/eu", org: "octo-org", secret_name: "NPM_REGISTRY_SECRET", name: "DEPLOY_REGION", repository_id: 1296269 };
const SECRET = "s3cr3t ✓";
const PLAIN = "eu-west-1 ✓";
const KEY_ID = "568250167242549743";

let ghseal;
let rows;
let keyPair;

before(async () => {
  ghseal = await importPkg();
  rows = ghseal.secretsEndpoints().filter((r) => !(OLD_APPS.includes(r.app) && r.kind === "secret"));
  keyPair = ghseal.generateKeyPair();
  loadSpec();
});

const ns = (app) => app.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
const routeParams = (route) => [...route.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
const op = (row) => findOperation(row.method, row.route);
const bodySchema = (row) => op(row).requestBody?.content?.["application/json"]?.schema;
const sealed = (row) => Boolean(bodySchema(row)?.properties?.encrypted_value);
const opKey = (row) => row.op.replace(/-/g, "").toLowerCase(); // "SetRepos" and "set-repos" alike

/** A canned answer the spec documents for the operation matched by the call. */
function answer(call) {
  const path = new URL(call.url).pathname;
  const match = matchOperation(call.method, path);
  if (!match) return { status: 404, body: { message: "Not Found" } };
  const now = "2026-01-02T03:04:05Z";
  const id = match.operation.operationId;
  if (path.endsWith("/public-key")) return { body: { key_id: KEY_ID, key: keyPair.publicKey } };
  if (call.method === "GET" && path.endsWith("/repositories")) return { body: { total_count: 0, repositories: [] } };
  const registry = { name: "NPM_REGISTRY_SECRET", registry_type: "npm_registry", visibility: "all", created_at: now, updated_at: now };
  if (call.method === "GET" && /private-registries$/.test(path)) return { body: { total_count: 1, configurations: [registry] } };
  if (call.method === "GET" && /private-registries\/[^/]+$/.test(path)) return { body: registry };
  if (call.method === "POST" && /private-registries$/.test(path)) return { status: 201, body: registry };
  if (call.method === "GET" && /(secrets|variables)$/.test(path)) return { body: { total_count: 0, [path.endsWith("variables") ? "variables" : "secrets"]: [] } };
  if (call.method === "GET") {
    const base = { name: match.params.name ?? match.params.secret_name, created_at: now, updated_at: now };
    const org = /-org-/.test(id) ? { visibility: "all" } : {};
    return { body: path.includes("/variables/") ? { ...base, value: PLAIN, ...org } : { ...base, ...org } };
  }
  if (call.method === "POST") return { status: 201, body: {} };
  if (call.method === "PUT" && /create-or-update/.test(id)) return { status: 201, body: {} };
  return { status: 204 };
}

function recorder() {
  const calls = [];
  const fetch = async (url, init = {}) => {
    const call = { url: String(url), method: init.method, body: init.body };
    calls.push(call);
    const { status = 200, body } = answer(call);
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: body === undefined ? {} : { "content-type": "application/json; charset=utf-8" },
    });
  };
  return { fetch, calls, gh: new ghseal.GitHubSecrets({ auth: "t", baseUrl: BASE, fetch, throttle: { minWriteInterval: 0 }, retry: { retries: 0 } }) };
}

/** Complete, valid parameters for a row: path values, pagination, and a full body per its schema. */
function paramsFor(row) {
  const params = {};
  for (const name of routeParams(row.route)) params[name] = PATH_VALUES[name];
  const schema = bodySchema(row);
  const props = schema?.properties ?? {};
  const query = [...(loadSpec().paths[row.route].parameters ?? []), ...(op(row).parameters ?? [])].filter((p) => p.in === "query").map((p) => p.name);
  if (query.includes("per_page")) Object.assign(params, { per_page: 2, page: 3 });
  if (props.name && !params.name) params.name = "DEPLOY_REGION";
  if (props.value) params.value = PLAIN;
  if (props.encrypted_value) params.value = SECRET;
  if (props.visibility) Object.assign(params, { visibility: "selected", selected_repository_ids: [1296269, 1300192] });
  else if (props.selected_repository_ids) params.selected_repository_ids = [1296269, 1300192];
  if (props.registry_type) Object.assign(params, { registry_type: "npm_registry", url: "https://npm.pkg.github.com/octo-org", username: "mona", replaces_base: true });
  return params;
}

test("56 new rows: variables 35, agents secrets 15, private registries 6", () => {
  assert.equal(rows.length, 56);
  const count = (pred) => rows.filter(pred).length;
  assert.deepEqual([count((r) => r.kind === "variable"), count((r) => r.app === "agents" && r.kind === "secret"), count((r) => r.kind === "registry")], [35, 15, 6]);
});

test("every new method: its verb and route, declared query only, a body the spec accepts, sealed or plain as the spec says", async () => {
  for (const row of rows) {
    const label = `${row.app}.${row.name}`;
    const { gh, calls } = recorder();
    const params = paramsFor(row);
    const res = await gh[ns(row.app)][row.name](params);
    const mine = calls.filter((c) => c.method === row.method && matchOperation(c.method, new URL(c.url).pathname)?.route === row.route);
    assert.equal(mine.length, 1, `${label}: ${calls.map((c) => `${c.method} ${c.url}`)}`);
    const call = mine[0];
    const url = new URL(call.url);
    const match = matchOperation(call.method, url.pathname);
    for (const name of routeParams(row.route)) assert.equal(match.params[name], String(params[name]), `${label}: ${name}`);
    if (params.per_page) assert.deepEqual([...url.searchParams].sort(), [["page", "3"], ["per_page", "2"]], label);
    else assert.equal(url.search, "", label);
    const body = call.body === undefined ? undefined : JSON.parse(call.body);
    const check = validateRequestBody(row.method, row.route, body);
    assert.ok(check.valid, `${label}: ${check.errors.join("; ")} in ${call.body}`);
    const known = Object.keys(bodySchema(row)?.properties ?? {});
    for (const key of Object.keys(body ?? {})) assert.ok(known.includes(key), `${label}: ${key} not in the schema`);
    if (sealed(row)) {
      assert.equal(calls.length, 2, `${label}: one public-key fetch, then the write`);
      const keyRoute = matchOperation("GET", new URL(calls[0].url).pathname).route;
      assert.equal(keyRoute, row.kind === "registry" ? "/orgs/{org}/private-registries/public-key" : row.route.replace(/\{secret_name\}$/, "public-key"), label);
      assert.ok(!call.body.includes(SECRET) && !("value" in body), `${label}: the plaintext is never sent`);
      assert.equal(body.key_id, KEY_ID, label);
      assert.equal(ghseal.openSecret(body.encrypted_value, keyPair.secretKey), SECRET, label);
    } else {
      assert.equal(calls.length, 1, label);
      assert.ok(!("encrypted_value" in (body ?? {})), label);
    }
    if (row.kind === "variable" && "value" in params) assert.equal(body.value, PLAIN, `${label}: a variable's value is sent as given`);
    if (params.selected_repository_ids && body) assert.deepEqual(body.selected_repository_ids, [1296269, 1300192], `${label}: integer ids`);
    const v = validateResponse(row.method, row.route, res.status, res.data);
    assert.ok(v.valid, `${label}: ${v.errors.join("; ")}`);
  }
});

test("PATCH of a variable sends the path's name in the URL, never in the body; POST sends it in the body", async () => {
  const { gh, calls } = recorder();
  await gh.actions.updateEnvironmentVariable({ owner: "o", repo: "r", environment_name: "prod/eu", name: "REGION", value: "x" });
  assert.equal(calls[0].method, "PATCH");
  assert.equal(new URL(calls[0].url).pathname, "/repos/o/r/environments/prod%2Feu/variables/REGION");
  assert.deepEqual(JSON.parse(calls[0].body), { value: "x" });
  await gh.agents.createRepoVariable({ owner: "o", repo: "r", name: "REGION", value: "x" });
  assert.equal(calls[1].method, "POST");
  assert.deepEqual(JSON.parse(calls[1].body), { name: "REGION", value: "x" });
});

test("every required body property is required (value stands in for encrypted_value + key_id), nothing sent", async () => {
  let checked = 0;
  for (const row of rows.filter((r) => bodySchema(r))) {
    for (const name of bodySchema(row).required ?? []) {
      // an org secret written without visibility keeps its own (tests/visibility.rs)
      if (name === "visibility" && opKey(row) === "put") continue;
      const params = paramsFor(row);
      let expected = name;
      if (["encrypted_value", "key_id"].includes(name)) {
        delete params.value;
        expected = "value";
      } else delete params[name];
      const { gh, calls } = recorder();
      await assert.rejects(gh[ns(row.app)][row.name](params), (e) => e.name === "ValidationError" && e.param === expected, `${row.app}.${row.name} without ${name}`);
      assert.equal(calls.length, 0);
      checked++;
    }
  }
  assert.ok(checked >= 20, `checked ${checked}`);
  assert.ok(rows.some((r) => opKey(r) === "setrepos"));
});
