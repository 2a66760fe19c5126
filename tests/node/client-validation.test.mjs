// The GitHubSecrets client over HTTP against the local GitHub API emulator: bad
// parameters are refused with a ValidationError naming the parameter before anything
// is sent, 48 KiB values are stored intact, and owner, repository, organization and
// environment names starting with "secrets" reach the right scope.
// Every method and HTTP errors: client.test.mjs.
//
// Run: GHSEAL_PKG=target/pkg-client node --test tests/node/client-validation.test.mjs

import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { DEMO_TOKEN, defaultSeed } from "../emulator/index.mjs";
import { useEmulator } from "../support/emulator.mjs";
import { HELLO_ID, OWNER, REPO, REPO_PARAMS, useClient } from "../support/client.mjs";

const h = useClient();
const { client } = h;
const apiLog = () => h.emulator.log();

// ------------------------------------------------- validation before sending

describe("validation before sending: ValidationError naming the parameter, no request", () => {
  const repoSecret = { ...REPO_PARAMS, secret_name: "OK_NAME" };
  const orgSecret = { org: OWNER, secret_name: "OK_NAME", value: "v" };
  const cases = [
    ["bad secret_name (dash)", "actions", "createOrUpdateRepoSecret", { ...repoSecret, secret_name: "BAD-NAME", value: "v" }, ["secret_name"]],
    ["bad secret_name (leading digit)", "actions", "getRepoSecret", { ...repoSecret, secret_name: "1ABC" }, ["secret_name"]],
    ["bad secret_name (space)", "dependabot", "deleteRepoSecret", { ...repoSecret, secret_name: "A B" }, ["secret_name"]],
    ["bad secret_name (non-ASCII)", "codespaces", "createOrUpdateSecretForAuthenticatedUser", { secret_name: "CLÉ", value: "v" }, ["secret_name"]],
    ["GITHUB_ prefix", "actions", "createOrUpdateRepoSecret", { ...repoSecret, secret_name: "GITHUB_TOKEN", value: "v" }, ["secret_name"]],
    ["github_ prefix, lower case", "actions", "createOrUpdateEnvironmentSecret", { ...repoSecret, environment_name: "staging", secret_name: "github_x", value: "v" }, ["secret_name"]],
    ["value over 48 KiB (49153 bytes)", "actions", "createOrUpdateRepoSecret", { ...repoSecret, value: "x".repeat(49153) }, ["value"]],
    ["value over 48 KiB in UTF-8 bytes (24577 × é = 49154 bytes)", "actions", "createOrUpdateRepoSecret", { ...repoSecret, value: "é".repeat(24577) }, ["value"]],
    ["value not a string", "actions", "createOrUpdateRepoSecret", { ...repoSecret, value: 42 }, ["value"]],
    ["no value at all", "dependabot", "createOrUpdateRepoSecret", repoSecret, ["value"]],
    ["bad visibility", "actions", "createOrUpdateOrgSecret", { ...orgSecret, visibility: "public" }, ["visibility"]],
    ["selected_repository_ids without any visibility", "dependabot", "createOrUpdateOrgSecret", { ...orgSecret, selected_repository_ids: [HELLO_ID] }, ["selected_repository_ids"]],
    ["selected_repository_ids without visibility selected", "actions", "createOrUpdateOrgSecret", { ...orgSecret, visibility: "private", selected_repository_ids: [HELLO_ID] }, ["selected_repository_ids"]],
    ["selected_repository_ids with visibility all", "codespaces", "createOrUpdateOrgSecret", { ...orgSecret, visibility: "all", selected_repository_ids: [HELLO_ID] }, ["selected_repository_ids"]],
    ["both value and encrypted_value", "actions", "createOrUpdateRepoSecret", { ...repoSecret, value: "v", encrypted_value: "AAAA", key_id: "1" }, ["value", "encrypted_value"]],
    ["encrypted_value without key_id", "actions", "createOrUpdateRepoSecret", { ...repoSecret, encrypted_value: randomBytes(60).toString("base64") }, ["key_id"]],
    ["encrypted_value not base64", "actions", "createOrUpdateRepoSecret", { ...repoSecret, encrypted_value: "not base64!", key_id: "1" }, ["encrypted_value"]],
    ["key_id with value", "actions", "createOrUpdateRepoSecret", { ...repoSecret, value: "v", key_id: "1" }, ["key_id"]],
    ["unknown parameter (typo)", "actions", "getRepoSecret", { ...REPO_PARAMS, secretName: "X", secret_name: "X" }, ["secretName"]],
    ["missing owner", "actions", "listRepoSecrets", { repo: REPO }, ["owner"]],
    ["repository ids not integers", "actions", "setSelectedReposForOrgSecret", { org: OWNER, secret_name: "X", selected_repository_ids: [1.5] }, ["selected_repository_ids"]],
  ];

  for (const [label, app, method, params, allowed] of cases) {
    test(label, async () => {
      const gh = client();
      h.emulator.clearLog();
      await assert.rejects(gh[app][method](params), (error) => {
        assert.equal(error.name, "ValidationError", `${error.name}: ${error.message}`);
        assert.ok(allowed.includes(error.param), `param ${error.param} not in [${allowed}] (${error.message})`);
        assert.equal(typeof error.message, "string");
        if (typeof params.value === "string" && params.value.length > 100) assert.ok(!error.message.includes(params.value.slice(0, 100)), "no value in the message");
        return true;
      });
      assert.deepEqual(apiLog(), [], "no request reached the emulator");
    });
  }

  test("exactly 48 KiB (49152 bytes) is accepted and stored intact", async () => {
    const gh = client();
    const value = "é".repeat(24575) + "xx"; // 49150 + 2 bytes
    assert.equal(Buffer.byteLength(value), 49152);
    const res = await gh.actions.createOrUpdateRepoSecret({ ...REPO_PARAMS, secret_name: "MAX_SIZE", value });
    assert.equal(res.status, 201);
    assert.equal(h.emulator.getSecret("/repos/octo-org/hello-world/actions", "MAX_SIZE").value, value);
  });

  test("a method called on something that is not a GitHubSecrets method is refused", async () => {
    const gh = client();
    await assert.rejects(gh.paginate(() => {}, {}), { name: "ValidationError", param: "method" });
    await assert.rejects(gh.paginate(gh.actions.getRepoSecret, { ...REPO_PARAMS, secret_name: "X" }), { name: "ValidationError", param: "method" });
  });
});

// ----------------------------------------- names that contain "secrets"

describe('owner, repository, organization and environment names starting with "secrets"', () => {
  // The client finds a write's public key from the concrete path: everything
  // before the first "/secrets" substring (src/github/request.rs scope_of). A
  // path segment that merely starts with "secrets" (repo "secrets-vault",
  // org "secrets-team", environment "secrets-eu") cuts the path there, so the
  // key is fetched from a URL that does not exist (GET /repos/octo-org/secrets/public-key)
  // and the write fails with 404, and different scopes share one key cache entry.
  const TODO = 'BUG: scope_of() splits the path at the first "/secrets" substring, not at the /secrets segment';
  const seed = defaultSeed();
  seed.orgs.push({ login: "secrets-team", id: 9921 });
  seed.repos.find((r) => r.name === REPO).environments.push("secrets-eu", "secrets-us");
  seed.repos.push({ owner: "octo-org", name: "secrets-vault", id: 1500001, private: true, environments: [] });
  seed.repos.push({ owner: "secrets-team", name: "app", id: 1500002, private: false, environments: [] });
  const other = useEmulator({ seed });
  let gh;
  before(() => {
    gh = new h.ghseal.GitHubSecrets({ auth: DEMO_TOKEN, baseUrl: other.url, throttle: { minWriteInterval: 0 }, retry: { retries: 0 } });
  });

  test("reads and ready-sealed writes work: the routes themselves are fine", async () => {
    const res = await gh.actions.getRepoPublicKey({ owner: OWNER, repo: "secrets-vault" });
    assert.equal(res.status, 200);
    assert.equal((await gh.actions.listOrgSecrets({ org: "secrets-team" })).status, 200);
    assert.equal((await gh.actions.getEnvironmentPublicKey({ owner: OWNER, repo: REPO, environment_name: "secrets-eu" })).status, 200);
    const put = await gh.actions.createOrUpdateRepoSecret({
      owner: OWNER,
      repo: "secrets-vault",
      secret_name: "READY",
      encrypted_value: h.ghseal.sealSecret(res.data.key, "ready"),
      key_id: res.data.key_id,
    });
    assert.equal(put.status, 201);
    assert.equal(other.emulator.getSecret("/repos/octo-org/secrets-vault/actions", "READY").value, "ready");
  });

  test("createOrUpdateRepoSecret with value in repository octo-org/secrets-vault", async () => {
    const res = await gh.actions.createOrUpdateRepoSecret({ owner: OWNER, repo: "secrets-vault", secret_name: "VAULT", value: "v" });
    assert.equal(res.status, 201);
    assert.equal(other.emulator.getSecret("/repos/octo-org/secrets-vault/actions", "VAULT").value, "v");
  });

  test("createOrUpdateOrgSecret with value in organization secrets-team", async () => {
    const res = await gh.dependabot.createOrUpdateOrgSecret({ org: "secrets-team", secret_name: "TEAM", value: "t", visibility: "all" });
    assert.equal(res.status, 201);
    assert.equal(other.emulator.getSecret("/orgs/secrets-team/dependabot", "TEAM").value, "t");
  });

  test("createOrUpdateEnvironmentSecret with value in environments secrets-eu and secrets-us (separate keys)", async () => {
    for (const env of ["secrets-eu", "secrets-us"]) {
      const res = await gh.actions.createOrUpdateEnvironmentSecret({ owner: OWNER, repo: REPO, environment_name: env, secret_name: "REGION", value: env });
      assert.equal(res.status, 201, env);
      assert.equal(other.emulator.getSecret(`/repos/octo-org/hello-world/environments/${env}`, "REGION").value, env);
    }
  });

  test("setSecrets in repository secrets-team/app", async () => {
    const results = await gh.setSecrets({ owner: "secrets-team", repo: "app" }, { BULK: "b" });
    assert.deepEqual(results.map((r) => [r.secret_name, r.status, r.error?.message]), [["BULK", "created", undefined]]);
  });
});
