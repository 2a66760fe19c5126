// tests/support/openapi.mjs (shared OpenAPI helpers) and the emulator's
// route table against GitHub's OpenAPI description.
// Run: node --test tests/node/emulator*.test.mjs

import { test } from "node:test";
import assert from "node:assert/strict";
import { ROUTES, repoObject } from "../emulator/routes.mjs";
import { endpointOperations, findOperation, matchOperation, secretsOperations, validateRequestBody, validateResponse } from "../support/openapi.mjs";

test("secretsOperations(): the 57 Actions/Dependabot/Codespaces secrets operations with params and bodies", () => {
  const ops = secretsOperations();
  assert.equal(ops.length, 57);
  assert.equal(new Set(ops.map((o) => o.operationId)).size, ops.length);
  const count = (re) => ops.filter((o) => re.test(o.operationId)).length;
  assert.deepEqual([count(/^actions\//), count(/^dependabot\//), count(/^codespaces\//)], [20, 14, 23]);

  const env = ops.find((o) => o.operationId === "actions/create-or-update-environment-secret");
  assert.equal(env.method, "PUT");
  assert.equal(env.route, "/repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}");
  assert.deepEqual([...env.requiredParams].sort(), ["environment_name", "owner", "repo", "secret_name"]);
  assert.deepEqual(env.queryParams, []);
  assert.deepEqual(env.bodySchema.required, ["encrypted_value", "key_id"]);

  const list = ops.find((o) => o.operationId === "actions/list-org-secrets");
  assert.deepEqual([...list.queryParams].sort(), ["page", "per_page"]);
  assert.deepEqual(list.requiredParams, ["org"]);
  assert.equal(list.bodySchema, null);
  assert.match(list.docsUrl, /^https:\/\/docs\.github\.com\//);
});

test("endpointOperations(): 113 secrets, variables and private-registries operations of the five apps", () => {
  const ops = endpointOperations();
  assert.equal(ops.length, 113);
  const count = (re) => ops.filter((o) => re.test(o.operationId)).length;
  assert.deepEqual([/^actions\//, /^dependabot\//, /^codespaces\//, /^agents\//, /^private-registries\//].map(count), [40, 14, 23, 30, 6]);
  const secrets = new Set(secretsOperations().map((o) => o.operationId));
  assert.ok(ops.filter((o) => secrets.has(o.operationId)).length === 57, "the 57 secrets operations are among them");
});

test("the emulator's route table is exactly the spec's secrets, variables and registries operations plus repos/get and users/get-authenticated", () => {
  const mine = ROUTES.map((r) => `${r.method} ${r.template} ${r.operationId}`).sort();
  const spec = [
    ...endpointOperations().map((o) => `${o.method} ${o.route} ${o.operationId}`),
    "GET /repos/{owner}/{repo} repos/get",
    "GET /user users/get-authenticated",
  ].sort();
  assert.deepEqual(mine, spec);
  for (const r of ROUTES) {
    assert.equal(findOperation(r.method, r.template)?.operationId, r.operationId, `${r.method} ${r.template}`);
  }
});

test("findOperation: exact template lookup, any method case", () => {
  assert.equal(findOperation("put", "/repos/{owner}/{repo}/actions/secrets/{secret_name}").operationId, "actions/create-or-update-repo-secret");
  assert.equal(findOperation("GET", "/user").operationId, "users/get-authenticated");
  assert.equal(findOperation("PATCH", "/repos/{owner}/{repo}/actions/secrets/{secret_name}"), undefined);
  assert.equal(findOperation("GET", "/repos/octo-org/hello-world"), undefined, "concrete paths are not templates");
});

test("matchOperation: decodes segments, prefers literal segments, ignores query and origin", () => {
  const env = matchOperation("GET", "/repos/octo-org/hello-world/environments/prod%2Feu/secrets/MY_SECRET?x=1");
  assert.equal(env.route, "/repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}");
  assert.deepEqual(env.params, { owner: "octo-org", repo: "hello-world", environment_name: "prod/eu", secret_name: "MY_SECRET" });
  assert.equal(env.operation.operationId, "actions/get-environment-secret");

  assert.equal(matchOperation("GET", "/orgs/o/dependabot/secrets/public-key").operation.operationId, "dependabot/get-org-public-key");
  assert.equal(matchOperation("PUT", "/orgs/o/dependabot/secrets/public-key").operation.operationId, "dependabot/create-or-update-org-secret");
  assert.equal(matchOperation("GET", "http://127.0.0.1:8787/user/codespaces/secrets").operation.operationId, "codespaces/list-secrets-for-authenticated-user");
  assert.equal(matchOperation("GET", "/repos/o/r/environments/prod/eu/secrets"), undefined, "an unencoded slash makes another path");
  assert.equal(matchOperation("GET", "/repos/o/r/%E0%A4%A/secrets"), undefined, "malformed percent-encoding");
  assert.equal(matchOperation("GET", "/nothing/here"), undefined);
});

test("validateResponse: accepts conforming bodies, reports drift", () => {
  const route = "/repos/{owner}/{repo}/actions/secrets";
  const good = { total_count: 1, secrets: [{ name: "A", created_at: "2026-11-22T03:04:05Z", updated_at: "2026-11-22T03:04:05Z" }] };
  assert.deepEqual(validateResponse("GET", route, 200, good), { valid: true, errors: [] });

  const noDate = validateResponse("GET", route, 200, { total_count: 1, secrets: [{ name: "A", created_at: "yesterday", updated_at: "2026-11-22T03:04:05Z" }] });
  assert.equal(noDate.valid, false);
  assert.match(noDate.errors.join("\n"), /\/secrets\/0\/created_at must match format "date-time"/);

  const missing = validateResponse("GET", "/orgs/{org}/actions/secrets/{secret_name}", 200, { name: "A", created_at: "2026-11-22T03:04:05Z", updated_at: "2026-11-22T03:04:05Z" });
  assert.equal(missing.valid, false, "org secrets need visibility");
  assert.match(missing.errors[0], /visibility/);

  const badEnum = validateResponse("GET", "/orgs/{org}/actions/secrets/{secret_name}", 200, { name: "A", created_at: "2026-11-22T03:04:05Z", updated_at: "2026-11-22T03:04:05Z", visibility: "public" });
  assert.equal(badEnum.valid, false);

  // empty-object has additionalProperties: false
  assert.equal(validateResponse("PUT", "/repos/{owner}/{repo}/actions/secrets/{secret_name}", 201, {}).valid, true);
  assert.equal(validateResponse("PUT", "/repos/{owner}/{repo}/actions/secrets/{secret_name}", 201, { ok: true }).valid, false);
  // 204: no body
  assert.equal(validateResponse("DELETE", "/repos/{owner}/{repo}/actions/secrets/{secret_name}", 204, undefined).valid, true);
  assert.equal(validateResponse("DELETE", "/repos/{owner}/{repo}/actions/secrets/{secret_name}", 204, { x: 1 }).valid, false);
  // undocumented status, unknown operation
  assert.match(validateResponse("DELETE", "/repos/{owner}/{repo}/actions/secrets/{secret_name}", 418, {}).errors[0], /not documented/);
  assert.equal(validateResponse("GET", "/no/such/route", 200, {}).valid, false);
  // a concrete path is matched to its template
  assert.equal(validateResponse("GET", "/repos/a/b/actions/secrets", 200, good).valid, true);
});

test("validateResponse: OpenAPI `nullable` is honoured", () => {
  const route = "/user/codespaces/secrets/{secret_name}/repositories";
  const err = { message: "Requires authentication", documentation_url: "https://docs.github.com/rest" };
  assert.equal(validateResponse("GET", route, 401, err).valid, true);
  // public-key: key_id and key are required strings, not nullable
  assert.equal(validateResponse("GET", "/user/codespaces/secrets/public-key", 200, { key_id: null, key: "x" }).valid, false);
  // minimal-repository: mirror_url and owner.gravatar_id are nullable; a number is not
  const repo = repoObject("http://127.0.0.1:1", {
    id: 7, name: "r", full_name: "o/r", private: false, owner: { login: "o", id: 1, type: "User" },
  });
  const list = (patch) => ({ total_count: 1, repositories: [patch({ ...repo, owner: { ...repo.owner } })] });
  assert.equal(validateResponse("GET", route, 200, list((r) => r)).valid, true);
  assert.equal(validateResponse("GET", route, 200, list((r) => ((r.mirror_url = null), (r.owner.gravatar_id = null), r))).valid, true);
  assert.equal(validateResponse("GET", route, 200, list((r) => ((r.owner.gravatar_id = 5), r))).valid, false);
  assert.equal(validateResponse("GET", route, 200, list((r) => ((r.name = null), r))).valid, false, "name is not nullable");
  assert.equal(validateResponse("GET", route, 200, { total_count: "0", repositories: [] }).valid, false);
});

test("validateRequestBody: requires what the spec requires", () => {
  const orgPut = "/orgs/{org}/actions/secrets/{secret_name}";
  assert.equal(validateRequestBody("PUT", orgPut, { encrypted_value: "QUJDRA==", key_id: "1", visibility: "all" }).valid, true);
  const noVis = validateRequestBody("PUT", orgPut, { encrypted_value: "QUJDRA==", key_id: "1" });
  assert.equal(noVis.valid, false);
  assert.match(noVis.errors[0], /visibility/);
  assert.equal(validateRequestBody("PUT", orgPut, { encrypted_value: "not base64!", key_id: "1", visibility: "all" }).valid, false);
  assert.equal(validateRequestBody("PUT", orgPut, undefined).valid, false, "body required");
  assert.equal(validateRequestBody("GET", "/user", undefined).valid, true);
  assert.equal(validateRequestBody("GET", "/user", { a: 1 }).valid, false);
  assert.equal(validateRequestBody("PUT", "/repos/{owner}/{repo}/actions/secrets/{secret_name}", { encrypted_value: "QUJDRA==" }).valid, false, "key_id required");
});
