// The emulator's new operations over raw HTTP (no ghseal involved): Actions
// and agents variables, agents secrets (own keys, values opened with
// libsodium), organization private registries (own key). Every answer is
// validated against GitHub's OpenAPI description; every one of the 56 new
// operations is exercised at least once with a 2xx.
//
// Run: node --test tests/node/endpoints-emulator.test.mjs

import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { useEmulator } from "../support/emulator.mjs";
import { createClient, sealFor } from "../emulator/testkit.mjs";
import { endpointOperations, matchOperation, secretsOperations, validateRequestBody, validateResponse } from "../support/openapi.mjs";

const HELLO = "/repos/octo-org/hello-world";
const HELLO_ID = 1296269;
const SPOON_ID = 1300192;
let server;
let client;
const covered = new Map();

const emulatorFixture = useEmulator();
before(async () => {
  server = (await emulatorFixture.ready).server;
  client = createClient(server.url);
});

/** Request, assert the status, validate request and answer against the spec, record coverage. */
async function spec(method, path, status, body) {
  const m = matchOperation(method, path);
  assert.ok(m, `no spec operation for ${method} ${path}`);
  if (body !== undefined) {
    const rq = validateRequestBody(method, m.route, body);
    assert.ok(rq.valid, `${m.operation.operationId}: the test's body is not the spec's: ${rq.errors.join("; ")}`);
  }
  const r = await client.request(method, path, { body });
  assert.equal(r.status, status, `${method} ${path}: ${r.text}`);
  if (status < 300 || m.operation.responses[String(status)]?.content) {
    const v = validateResponse(method, m.route, r.status, r.body);
    assert.ok(v.valid, `${m.operation.operationId} ${r.status}: ${v.errors.join("; ")} ${r.text.slice(0, 300)}`);
  } else {
    // a status the spec does not list (409 "already exists" on create) or lists without a
    // body (409 on selected repositories): GitHub's error shape, as api.github.com sends it
    assert.equal(typeof r.body.message, "string", r.text);
    assert.match(r.body.documentation_url, /^https:\/\/docs\.github\.com\/rest\//);
    assert.equal(r.body.status, String(status));
  }
  if (status < 300) covered.set(m.operation.operationId, true);
  return r;
}

const VARIABLE_SCOPES = [
  { label: "actions repo", base: `${HELLO}/actions`, state: `${HELLO}/actions`, org: false },
  { label: "actions environment", base: `${HELLO}/environments/production`, state: `${HELLO}/environments/production`, org: false },
  { label: "actions org", base: "/orgs/octo-org/actions", state: "/orgs/octo-org/actions", org: true },
  { label: "agents repo", base: `${HELLO}/agents`, state: `${HELLO}/agents`, org: false },
  { label: "agents org", base: "/orgs/octo-org/agents", state: "/orgs/octo-org/agents", org: true },
];

describe("variables", () => {
  for (const s of VARIABLE_SCOPES) {
    test(`${s.label}: create 201, again 409, get, list, update 204, delete 204, then 404`, async () => {
      const extra = s.org ? { visibility: "selected", selected_repository_ids: [HELLO_ID] } : {};
      await spec("POST", `${s.base}/variables`, 201, { name: "region", value: "eu-west-1", ...extra });
      const again = await spec("POST", `${s.base}/variables`, 409, { name: "REGION", value: "x", ...(s.org ? { visibility: "all" } : {}) });
      assert.match(again.body.message, /already exists/i);
      const got = await spec("GET", `${s.base}/variables/Region`, 200);
      assert.equal(got.body.name, "REGION");
      assert.equal(got.body.value, "eu-west-1", "plaintext, as stored");
      if (s.org) assert.equal(got.body.visibility, "selected");
      const list = await spec("GET", `${s.base}/variables?per_page=1`, 200);
      assert.equal(list.body.total_count, 1);
      assert.equal(list.body.variables[0].value, "eu-west-1");
      await spec("PATCH", `${s.base}/variables/REGION`, 204, { value: "us-east-1" });
      assert.equal(server.emulator.getVariable(s.state, "region").value, "us-east-1");
      if (s.org) assert.deepEqual(server.emulator.getVariable(s.state, "region").selected_repository_ids, [HELLO_ID], "an update without visibility keeps it");
      await spec("DELETE", `${s.base}/variables/REGION`, 204);
      await spec("GET", `${s.base}/variables/REGION`, 404);
      await spec("PATCH", `${s.base}/variables/REGION`, 404, { value: "x" });
      await spec("DELETE", `${s.base}/variables/REGION`, 404);
    });
  }

  test("organization variables: selected repositories (list/set/add/remove), 409 unless visibility is selected", async () => {
    for (const app of ["actions", "agents"]) {
      const base = `/orgs/octo-org/${app}/variables`;
      await spec("POST", `${base}`, 201, { name: "SHARED", value: "1", visibility: "selected", selected_repository_ids: [HELLO_ID] });
      await spec("PUT", `${base}/SHARED/repositories`, 204, { selected_repository_ids: [HELLO_ID, SPOON_ID] });
      await spec("DELETE", `${base}/SHARED/repositories/${HELLO_ID}`, 204);
      await spec("PUT", `${base}/SHARED/repositories/${HELLO_ID}`, 204);
      const repos = await spec("GET", `${base}/SHARED/repositories`, 200);
      assert.deepEqual(repos.body.repositories.map((r) => r.id), [HELLO_ID, SPOON_ID]);
      // the repository sees it among its organization variables
      const inherited = await spec("GET", `${HELLO}/${app}/organization-variables`, 200);
      assert.deepEqual(inherited.body.variables.map((v) => v.name), ["SHARED"]);
      await spec("PATCH", `${base}/SHARED`, 204, { visibility: "all" });
      await spec("GET", `${base}/SHARED/repositories`, 409);
      await spec("PUT", `${base}/SHARED/repositories`, 409, { selected_repository_ids: [HELLO_ID] });
      await spec("PUT", `${base}/SHARED/repositories/${HELLO_ID}`, 409);
      await spec("DELETE", `${base}/SHARED/repositories/${HELLO_ID}`, 409);
      await spec("DELETE", `${base}/SHARED`, 204);
    }
  });

  test("bad input: 422 for a bad name, a GITHUB_ prefix, a value over 48 KB, a missing visibility; ids without selected", async () => {
    const base = `${HELLO}/actions/variables`;
    for (const name of ["1ABC", "A-B", "GITHUB_X", ""]) {
      const r = await client.request("POST", base, { body: { name, value: "v" } });
      assert.equal(r.status, 422, name);
    }
    const big = await client.request("POST", base, { body: { name: "BIG", value: "x".repeat(48 * 1024 + 1) } });
    assert.equal(big.status, 422);
    assert.equal((await client.request("POST", base, { body: { name: "OK", value: "x".repeat(48 * 1024) } })).status, 201);
    const org = "/orgs/octo-org/actions/variables";
    assert.equal((await client.request("POST", org, { body: { name: "NOVIS", value: "v" } })).status, 422);
    assert.equal((await client.request("POST", org, { body: { name: "X", value: "v", visibility: "public" } })).status, 422);
    assert.equal((await client.request("POST", org, { body: { name: "X", value: "v", visibility: "private", selected_repository_ids: [HELLO_ID] } })).status, 422);
  });
});

describe("agents secrets", () => {
  test("repository and organization: own public keys, values opened with libsodium, org secrets visible to the repository", async () => {
    const repoKey = (await spec("GET", `${HELLO}/agents/secrets/public-key`, 200)).body;
    const actionsKey = (await spec("GET", `${HELLO}/actions/secrets/public-key`, 200)).body;
    assert.notEqual(repoKey.key, actionsKey.key, "agents have their own key pair");
    const sealed = await sealFor(repoKey.key, "agent-token ✓");
    await spec("PUT", `${HELLO}/agents/secrets/AGENT_TOKEN`, 201, { encrypted_value: sealed, key_id: repoKey.key_id });
    assert.equal(server.emulator.getSecret(`${HELLO}/agents`, "AGENT_TOKEN").value, "agent-token ✓");
    await spec("PUT", `${HELLO}/agents/secrets/AGENT_TOKEN`, 204, { encrypted_value: await sealFor(repoKey.key, "v2"), key_id: repoKey.key_id });
    const wrongKey = await client.request("PUT", `${HELLO}/agents/secrets/X`, { body: { encrypted_value: await sealFor(actionsKey.key, "v"), key_id: actionsKey.key_id } });
    assert.equal(wrongKey.status, 422, "a value sealed for the Actions key is refused");
    assert.equal((await spec("GET", `${HELLO}/agents/secrets`, 200)).body.secrets[0].name, "AGENT_TOKEN");
    await spec("GET", `${HELLO}/agents/secrets/AGENT_TOKEN`, 200);

    const orgKey = (await spec("GET", "/orgs/octo-org/agents/secrets/public-key", 200)).body;
    const body = { encrypted_value: await sealFor(orgKey.key, "org-agent"), key_id: orgKey.key_id, visibility: "selected", selected_repository_ids: [SPOON_ID] };
    await spec("PUT", "/orgs/octo-org/agents/secrets/ORG_AGENT", 201, body);
    assert.equal(server.emulator.getSecret("/orgs/octo-org/agents", "ORG_AGENT").value, "org-agent");
    await spec("GET", "/orgs/octo-org/agents/secrets", 200);
    await spec("GET", "/orgs/octo-org/agents/secrets/ORG_AGENT", 200);
    await spec("PUT", "/orgs/octo-org/agents/secrets/ORG_AGENT/repositories", 204, { selected_repository_ids: [SPOON_ID] });
    await spec("PUT", `/orgs/octo-org/agents/secrets/ORG_AGENT/repositories/${HELLO_ID}`, 204);
    await spec("GET", "/orgs/octo-org/agents/secrets/ORG_AGENT/repositories", 200);
    assert.deepEqual((await spec("GET", `${HELLO}/agents/organization-secrets`, 200)).body.secrets.map((s) => s.name), ["ORG_AGENT"]);
    await spec("DELETE", `/orgs/octo-org/agents/secrets/ORG_AGENT/repositories/${HELLO_ID}`, 204);
    await spec("DELETE", "/orgs/octo-org/agents/secrets/ORG_AGENT", 204);
    await spec("DELETE", `${HELLO}/agents/secrets/AGENT_TOKEN`, 204);
  });
});

describe("private registries", () => {
  test("create 201 (named after the type), own public key, value opened with libsodium, get, list, update 204, delete 204", async () => {
    const base = "/orgs/octo-org/private-registries";
    const key = (await spec("GET", `${base}/public-key`, 200)).body;
    const dependabotKey = (await spec("GET", "/orgs/octo-org/dependabot/secrets/public-key", 200)).body;
    assert.notEqual(key.key, dependabotKey.key);
    const body = {
      registry_type: "maven_repository",
      url: "https://maven.pkg.github.com/octo-org/",
      username: "monalisa",
      encrypted_value: await sealFor(key.key, "maven-token"),
      key_id: key.key_id,
      visibility: "selected",
      selected_repository_ids: [HELLO_ID],
    };
    const created = await spec("POST", base, 201, body);
    assert.equal(created.body.name, "MAVEN_REPOSITORY_SECRET");
    assert.deepEqual(created.body.selected_repository_ids, [HELLO_ID]);
    const stored = server.emulator.getSecret(base, "MAVEN_REPOSITORY_SECRET");
    assert.equal(stored.value, "maven-token");
    assert.equal(stored.username, "monalisa");
    const second = await spec("POST", base, 201, { ...body, encrypted_value: await sealFor(key.key, "t2") });
    assert.equal(second.body.name, "MAVEN_REPOSITORY_SECRET_2");
    const list = await spec("GET", `${base}?per_page=1`, 200);
    assert.equal(list.body.total_count, 2);
    assert.match(list.headers.get("link"), /rel="next"/);
    await spec("GET", `${base}/MAVEN_REPOSITORY_SECRET`, 200);
    await spec("PATCH", `${base}/MAVEN_REPOSITORY_SECRET`, 204, { encrypted_value: await sealFor(key.key, "rotated"), key_id: key.key_id });
    assert.equal(server.emulator.getSecret(base, "MAVEN_REPOSITORY_SECRET").value, "rotated");
    assert.deepEqual(server.emulator.getSecret(base, "MAVEN_REPOSITORY_SECRET").selected_repository_ids, [HELLO_ID], "kept");
    await spec("PATCH", `${base}/MAVEN_REPOSITORY_SECRET`, 204, { visibility: "private" });
    await spec("DELETE", `${base}/MAVEN_REPOSITORY_SECRET`, 204);
    await spec("GET", `${base}/MAVEN_REPOSITORY_SECRET`, 404);
    await spec("DELETE", `${base}/MAVEN_REPOSITORY_SECRET_2`, 204);
  });

  test("bad input: missing fields, a token registry without a value, a value sealed for another key, an unknown type", async () => {
    const base = "/orgs/octo-org/private-registries";
    const key = (await client.request("GET", `${base}/public-key`)).body;
    const good = { registry_type: "npm_registry", url: "https://npm.pkg.github.com/", visibility: "all" };
    assert.equal((await client.request("POST", base, { body: { url: good.url, visibility: "all" } })).status, 422);
    assert.equal((await client.request("POST", base, { body: good })).status, 422, "token auth needs encrypted_value");
    const otherKey = (await client.request("GET", "/orgs/octo-org/actions/secrets/public-key")).body;
    const foreign = { ...good, encrypted_value: await sealFor(otherKey.key, "v"), key_id: key.key_id };
    assert.equal((await client.request("POST", base, { body: foreign })).status, 422);
    assert.equal((await client.request("POST", base, { body: { ...good, registry_type: "apt" } })).status, 422);
    const oidc = await spec("POST", base, 201, { ...good, registry_type: "docker_registry", url: "https://r.azurecr.io", auth_type: "oidc_azure", tenant_id: "t", client_id: "c" });
    assert.equal(server.emulator.getSecret(base, oidc.body.name).value, null, "OIDC registries hold no value");
    await spec("DELETE", `${base}/${oidc.body.name}`, 204);
  });
});

test("coverage: every operation new to the table answered 2xx at least once", () => {
  const old = new Set(secretsOperations().map((o) => o.operationId));
  const fresh = endpointOperations().filter((o) => !old.has(o.operationId)).map((o) => o.operationId);
  assert.equal(fresh.length, 56);
  assert.deepEqual(fresh.filter((id) => !covered.has(id)), []);
});
