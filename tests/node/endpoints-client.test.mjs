// The package's methods added with the generated table - Actions and agents
// variables, agents secrets, organization private registries - against the
// local emulator: every one of the 56 answers 2xx, sealed values (agents
// secrets, registries) are opened by libsodium in the emulator with the right
// scope's key, variables arrive as the plaintext given, a rotated registries key
// is handled (422 -> fetch the new key, seal again), and bad input is refused
// before anything is sent. Request shapes against OpenAPI:
// endpoints-openapi.test.mjs.
//
// Run: GHSEAL_PKG=pkg node --test tests/node/endpoints-client.test.mjs

import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { DEMO_TOKEN } from "../emulator/index.mjs";
import { useEmulator } from "../support/emulator.mjs";
import { importPkg } from "../support/pkg.mjs";
import { validateResponse } from "../support/openapi.mjs";

const ORG = "octo-org";
const REPO = { owner: "octo-org", repo: "hello-world" };
const HELLO = "/repos/octo-org/hello-world";
const HELLO_ID = 1296269;
const SPOON_ID = 1300192;
const OLD_APPS = ["actions", "dependabot", "codespaces"];

let ghseal;
let fresh; // the rows added with variables, agents and private registries
let server;
let emu;
let gh;
const called = new Set();

const emulatorFixture = useEmulator();
before(async () => {
  ghseal = await importPkg();
  fresh = ghseal.secretsEndpoints().filter((r) => !(OLD_APPS.includes(r.app) && r.kind === "secret"));
  server = (await emulatorFixture.ready).server;
  emu = server.emulator;
  gh = new ghseal.GitHubSecrets({ auth: DEMO_TOKEN, baseUrl: server.url, throttle: { minWriteInterval: 0 }, retry: { retries: 1, baseDelay: 5 } });
});

const ns = (app) => app.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

/** Calls gh[namespace][method](params), checks the status and that the spec documents the answer. */
async function call(app, name, params, status) {
  const res = await gh[ns(app)][name](params);
  const row = gh[ns(app)][name].endpoint;
  assert.equal(res.status, status, `${app}.${name}`);
  const check = validateResponse(row.method, row.route, res.status, res.data);
  assert.ok(check.valid, `${app}.${name}: ${check.errors.join("; ")}`);
  called.add(`${app}.${name}`);
  return res;
}

async function refused(promise, param, label) {
  await assert.rejects(promise, (e) => {
    assert.equal(e.name, "ValidationError", `${label}: ${e.message}`);
    assert.equal(e.param, param, `${label}: ${e.message}`);
    return true;
  });
}

test("namespaces: gh.agents and gh.privateRegistries exist with Octokit's names; 113 rows", () => {
  assert.equal(ghseal.secretsEndpoints().length, 113);
  assert.equal(fresh.length, 56);
  for (const row of fresh) assert.equal(typeof gh[ns(row.app)][row.name], "function", `${row.app}.${row.name}`);
  assert.equal(typeof gh.privateRegistries.createOrgPrivateRegistry, "function");
  assert.equal(gh["private-registries"], undefined, "the JS namespace is camelCase");
  assert.deepEqual(Object.keys(gh.privateRegistries).sort(), [
    "createOrgPrivateRegistry", "deleteOrgPrivateRegistry", "getOrgPrivateRegistry", "getOrgPublicKey", "listOrgPrivateRegistries", "updateOrgPrivateRegistry",
  ]);
  assert.equal(gh.actions.updateEnvironmentVariable.endpoint.method, "PATCH");
  assert.equal(gh.agents.createOrUpdateRepoSecret.endpoint.kind, "secret");
});

describe("variables (plaintext)", () => {
  const scopes = [
    { app: "actions", level: "Repo", params: REPO, state: `${HELLO}/actions` },
    { app: "actions", level: "Environment", params: { ...REPO, environment_name: "prod/eu" }, state: `${HELLO}/environments/prod/eu` },
    { app: "actions", level: "Org", params: { org: ORG }, state: `/orgs/${ORG}/actions` },
    { app: "agents", level: "Repo", params: REPO, state: `${HELLO}/agents` },
    { app: "agents", level: "Org", params: { org: ORG }, state: `/orgs/${ORG}/agents` },
  ];
  for (const s of scopes) {
    test(`${s.app} ${s.level}: create 201, get, list, update 204 (value as given), delete 204`, async () => {
      const org = s.level === "Org";
      const extra = org ? { visibility: "selected", selected_repository_ids: [HELLO_ID] } : {};
      const value = "plain ✓ value";
      await call(s.app, `create${s.level}Variable`, { ...s.params, name: "DEPLOY_REGION", value, ...extra }, 201);
      assert.equal(emu.getVariable(s.state, "DEPLOY_REGION").value, value, "stored exactly as given: not sealed");
      const got = await call(s.app, `get${s.level}Variable`, { ...s.params, name: "DEPLOY_REGION" }, 200);
      assert.equal(got.data.value, value);
      const list = await call(s.app, `list${s.level}Variables`, { ...s.params, per_page: 10 }, 200);
      assert.deepEqual(list.data.variables.map((v) => v.name), ["DEPLOY_REGION"]);
      const all = await gh.paginate(gh[s.app][`list${s.level}Variables`], s.params);
      assert.equal(all[0].value, value, "paginate yields the variables");
      await assert.rejects(gh[s.app][`create${s.level}Variable`]({ ...s.params, name: "DEPLOY_REGION", value, ...extra }), (e) => e.status === 409);
      await call(s.app, `update${s.level}Variable`, { ...s.params, name: "DEPLOY_REGION", value: "v2" }, 204);
      assert.equal(emu.getVariable(s.state, "DEPLOY_REGION").value, "v2");
      if (org) {
        assert.deepEqual(emu.getVariable(s.state, "DEPLOY_REGION").selected_repository_ids, [HELLO_ID]);
        await call(s.app, "setSelectedReposForOrgVariable", { ...s.params, name: "DEPLOY_REGION", selected_repository_ids: [SPOON_ID] }, 204);
        await call(s.app, "addSelectedRepoToOrgVariable", { ...s.params, name: "DEPLOY_REGION", repository_id: HELLO_ID }, 204);
        await call(s.app, "removeSelectedRepoFromOrgVariable", { ...s.params, name: "DEPLOY_REGION", repository_id: SPOON_ID }, 204);
        const repos = await call(s.app, "listSelectedReposForOrgVariable", { ...s.params, name: "DEPLOY_REGION" }, 200);
        assert.deepEqual(repos.data.repositories.map((r) => r.id), [HELLO_ID]);
        const seen = await call(s.app, "listRepoOrganizationVariables", REPO, 200);
        assert.deepEqual(seen.data.variables.map((v) => v.name), ["DEPLOY_REGION"]);
        await call(s.app, `update${s.level}Variable`, { ...s.params, name: "DEPLOY_REGION", visibility: "private" }, 204);
        await assert.rejects(gh[s.app].listSelectedReposForOrgVariable({ ...s.params, name: "DEPLOY_REGION" }), (e) => e.status === 409);
      }
      await call(s.app, `delete${s.level}Variable`, { ...s.params, name: "DEPLOY_REGION" }, 204);
      assert.equal(emu.getVariable(s.state, "DEPLOY_REGION"), null);
    });
  }
});

describe("agents secrets (sealed with the agents keys)", () => {
  test("repository: public key, create 201, update 204, get, list, delete; opened by the emulator with the agents key", async () => {
    const key = await call("agents", "getRepoPublicKey", REPO, 200);
    assert.equal(key.data.key, emu.publicKey(`${HELLO}/agents`).key);
    assert.notEqual(key.data.key, emu.publicKey(`${HELLO}/actions`).key);
    await call("agents", "createOrUpdateRepoSecret", { ...REPO, secret_name: "COPILOT_TOKEN", value: "agent ✓" }, 201);
    assert.equal(emu.getSecret(`${HELLO}/agents`, "COPILOT_TOKEN").value, "agent ✓");
    assert.equal(emu.getSecret(`${HELLO}/actions`, "COPILOT_TOKEN"), null);
    await call("agents", "createOrUpdateRepoSecret", { ...REPO, secret_name: "COPILOT_TOKEN", value: "v2" }, 204);
    assert.equal(emu.getSecret(`${HELLO}/agents`, "COPILOT_TOKEN").value, "v2");
    await call("agents", "getRepoSecret", { ...REPO, secret_name: "COPILOT_TOKEN" }, 200);
    assert.equal((await call("agents", "listRepoSecrets", REPO, 200)).data.total_count, 1);
    await call("agents", "deleteRepoSecret", { ...REPO, secret_name: "COPILOT_TOKEN" }, 204);
  });

  test("organization: visibility, selected repositories, visible to the repository", async () => {
    const org = { org: ORG };
    await call("agents", "getOrgPublicKey", org, 200);
    await call("agents", "createOrUpdateOrgSecret", { ...org, secret_name: "ORG_AGENT", value: "org ✓", visibility: "selected", selected_repository_ids: [HELLO_ID] }, 201);
    assert.equal(emu.getSecret(`/orgs/${ORG}/agents`, "ORG_AGENT").value, "org ✓");
    await call("agents", "getOrgSecret", { ...org, secret_name: "ORG_AGENT" }, 200);
    await call("agents", "listOrgSecrets", org, 200);
    await call("agents", "setSelectedReposForOrgSecret", { ...org, secret_name: "ORG_AGENT", selected_repository_ids: [SPOON_ID] }, 204);
    await call("agents", "addSelectedRepoToOrgSecret", { ...org, secret_name: "ORG_AGENT", repository_id: HELLO_ID }, 204);
    await call("agents", "removeSelectedRepoFromOrgSecret", { ...org, secret_name: "ORG_AGENT", repository_id: SPOON_ID }, 204);
    const repos = await call("agents", "listSelectedReposForOrgSecret", { ...org, secret_name: "ORG_AGENT" }, 200);
    assert.deepEqual(repos.data.repositories.map((r) => r.id), [HELLO_ID]);
    const seen = await call("agents", "listRepoOrganizationSecrets", REPO, 200);
    assert.deepEqual(seen.data.secrets.map((s) => s.name), ["ORG_AGENT"]);
    await call("agents", "deleteOrgSecret", { ...org, secret_name: "ORG_AGENT" }, 204);
  });
});

test("setSecrets writes agents secrets in bulk, sealed with the agents key", async () => {
  const results = await gh.setSecrets({ app: "agents", ...REPO }, { BULK_A: "a ✓", BULK_B: "b" });
  assert.deepEqual(results.map((r) => [r.secret_name, r.status]), [["BULK_A", "created"], ["BULK_B", "created"]]);
  assert.equal(emu.getSecret(`${HELLO}/agents`, "BULK_A").value, "a ✓");
  assert.equal(emu.getSecret(`${HELLO}/actions`, "BULK_A"), null);
  for (const name of ["BULK_A", "BULK_B"]) await gh.agents.deleteRepoSecret({ ...REPO, secret_name: name });
});

describe("private registries (sealed with the registries key)", () => {
  test("create 201 (value sealed for the registries key), list, get, update 204 after a key rotation, delete 204", async () => {
    const scope = `/orgs/${ORG}/private-registries`;
    const key = await call("private-registries", "getOrgPublicKey", { org: ORG }, 200);
    assert.equal(key.data.key_id, emu.publicKey(scope).key_id);
    const created = await call("private-registries", "createOrgPrivateRegistry", {
      org: ORG, registry_type: "npm_registry", url: "https://npm.pkg.github.com/octo-org", username: "mona",
      value: "npm ✓ token", visibility: "selected", selected_repository_ids: [HELLO_ID],
    }, 201);
    const name = created.data.name;
    assert.equal(name, "NPM_REGISTRY_SECRET");
    assert.equal(emu.getSecret(scope, name).value, "npm ✓ token");
    assert.deepEqual(emu.getSecret(scope, name).selected_repository_ids, [HELLO_ID]);
    const list = await call("private-registries", "listOrgPrivateRegistries", { org: ORG }, 200);
    assert.deepEqual(list.data.configurations.map((c) => c.name), [name]);
    assert.deepEqual((await gh.paginate(gh.privateRegistries.listOrgPrivateRegistries, { org: ORG })).map((c) => c.name), [name]);
    await call("private-registries", "getOrgPrivateRegistry", { org: ORG, secret_name: name }, 200);
    await call("private-registries", "updateOrgPrivateRegistry", { org: ORG, secret_name: name, value: "cached key" }, 204);
    assert.equal(emu.getSecret(scope, name).value, "cached key");
    // the cached key goes stale: GitHub answers 422, the client fetches the new key and seals again
    const retries = [];
    const watched = new ghseal.GitHubSecrets({ auth: DEMO_TOKEN, baseUrl: server.url, throttle: { minWriteInterval: 0 }, onRetry: (e) => retries.push(e.reason) });
    await watched.privateRegistries.updateOrgPrivateRegistry({ org: ORG, secret_name: name, value: "warm" }); // caches the key
    emu.rotateKey(scope);
    const res = await watched.privateRegistries.updateOrgPrivateRegistry({ org: ORG, secret_name: name, value: "rotated ✓" });
    assert.equal(res.status, 204);
    assert.deepEqual(retries, ["key-rotated"]);
    assert.equal(emu.getSecret(scope, name).value, "rotated ✓");
    assert.equal(emu.getSecret(scope, name).key_id, emu.publicKey(scope).key_id);
    await call("private-registries", "updateOrgPrivateRegistry", { org: ORG, secret_name: name, value: "again" }, 204);
    assert.equal(emu.getSecret(scope, name).value, "again");
    await call("private-registries", "deleteOrgPrivateRegistry", { org: ORG, secret_name: name }, 204);
    assert.equal(emu.getSecret(scope, name), null);
  });
});

describe("bad input is refused before anything is sent", () => {
  test("variable name rules, 48 KB, visibility, ids without selected, missing path parameter, unknown parameter", async () => {
    emu.clearLog();
    const cases = [
      [gh.actions.createRepoVariable({ ...REPO, name: "1ABC", value: "v" }), "name"],
      [gh.agents.createRepoVariable({ ...REPO, name: "GITHUB_SHA", value: "v" }), "name"],
      [gh.actions.updateRepoVariable({ ...REPO, name: "A-B", value: "v" }), "name"],
      [gh.actions.createRepoVariable({ ...REPO, name: "BIG", value: "x".repeat(48 * 1024 + 1) }), "value"],
      [gh.actions.createOrgVariable({ org: ORG, name: "V", value: "v", visibility: "public" }), "visibility"],
      [gh.agents.createOrgVariable({ org: ORG, name: "V", value: "v" }), "visibility"],
      [gh.actions.createOrgVariable({ org: ORG, name: "V", value: "v", visibility: "all", selected_repository_ids: [HELLO_ID] }), "selected_repository_ids"],
      [gh.actions.createEnvironmentVariable({ ...REPO, name: "V", value: "v" }), "environment_name"],
      [gh.actions.createRepoVariable({ ...REPO, name: "V", value: "v", visibility: "all" }), "visibility"],
      [gh.privateRegistries.createOrgPrivateRegistry({ org: ORG, url: "https://x", visibility: "all", value: "v" }), "registry_type"],
      [gh.privateRegistries.createOrgPrivateRegistry({ org: ORG, registry_type: "npm_registry", url: "https://x", visibility: "private", value: "v", selected_repository_ids: [1] }), "selected_repository_ids"],
      [gh.privateRegistries.updateOrgPrivateRegistry({ org: ORG, secret_name: "X", value: "v", encrypted_value: "AAAA" }), "value"],
      [gh.agents.createOrUpdateRepoSecret({ ...REPO, secret_name: "S", value: "x".repeat(48 * 1024 + 1) }), "value"],
      [gh.agents.listRepoVariables({ ...REPO, perPage: 5 }), "perPage"],
    ];
    for (const [i, [promise, param]] of cases.entries()) await refused(promise, param, `case ${i}`);
    assert.deepEqual(emu.log(), [], "no request reached the emulator");
  });
});

test("coverage: each of the 56 new methods answered 2xx", () => {
  assert.deepEqual(fresh.map((r) => `${r.app}.${r.name}`).filter((k) => !called.has(k)), []);
});
