// The GitHubSecrets client over HTTP against the local GitHub API emulator:
// every one of the 57 methods succeeds (create 201 then update 204, the
// emulator decrypting exactly the value passed), responses are Octokit-shaped,
// and the error answers 401, 404, 409 and 422 surface as HttpError while bad
// parameters are refused before anything is sent.
// Retries, rate limits, timeouts and throttling: client-retry.test.mjs;
// pagination, request(), custom fetch: client-paginate.test.mjs; setSecrets:
// client-bulk.test.mjs; the spec cross-check: client-openapi.test.mjs; validation
// before sending and names starting with "secrets": client-validation.test.mjs.
//
// Run: GHSEAL_PKG=target/pkg-client node --test tests/node/client.test.mjs

import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { validateResponse } from "../support/openapi.mjs";
import { DOCS_ID, HELLO_ID, OWNER, REPO_PARAMS, SPOON_ID, useClient } from "../support/client.mjs";

const h = useClient();
const { client } = h;

const rowFor = (app, scope, op) => h.rows.find((r) => r.app === app && r.scope === scope && r.op === op);
const apiLog = () => h.emulator.log();

/** Octokit's response shape, lower-case header names, URL under the emulator, documented by the spec. */
function checkResponse(row, res, status) {
  const label = `${row.app}.${row.name}`;
  assert.deepEqual(Object.keys(res).sort(), ["data", "headers", "status", "url"], label);
  assert.equal(res.status, status, label);
  assert.equal(typeof res.url, "string");
  assert.ok(res.url.startsWith(`${h.url}/`), `${label}: ${res.url}`);
  assert.equal(typeof res.headers, "object");
  for (const name of Object.keys(res.headers)) assert.equal(name, name.toLowerCase(), `${label}: header ${name}`);
  assert.match(res.headers["x-github-request-id"] ?? "", /\S/, label);
  assert.equal(res.headers["x-github-api-version-selected"], "2022-11-28");
  const check = validateResponse(row.method, row.route, res.status, res.data);
  assert.ok(check.valid, `${label}: ${check.errors.join("; ")}`);
}

async function rejectsWith(promise, fields, label) {
  let caught;
  await assert.rejects(promise, (error) => {
    caught = error;
    assert.ok(error instanceof Error, label);
    for (const [k, v] of Object.entries(fields)) assert.equal(error[k], v, `${label}: ${k} = ${error[k]} (${error.message})`);
    return true;
  }, label);
  return caught;
}

// ------------------------------------------------------------- every method

/** Every secrets collection of the emulator, with the path its control API calls a scope. */
const SCOPES = [
  { app: "actions", scope: "repo", params: REPO_PARAMS, emu: "/repos/octo-org/hello-world/actions" },
  {
    app: "actions",
    scope: "environment",
    params: { ...REPO_PARAMS, environment_name: "prod/eu" },
    emu: "/repos/octo-org/hello-world/environments/prod/eu",
  },
  { app: "actions", scope: "org", params: { org: OWNER }, emu: "/orgs/octo-org/actions" },
  { app: "dependabot", scope: "repo", params: REPO_PARAMS, emu: "/repos/octo-org/hello-world/dependabot" },
  { app: "dependabot", scope: "org", params: { org: OWNER }, emu: "/orgs/octo-org/dependabot" },
  { app: "codespaces", scope: "repo", params: REPO_PARAMS, emu: "/repos/octo-org/hello-world/codespaces" },
  { app: "codespaces", scope: "org", params: { org: OWNER }, emu: "/orgs/octo-org/codespaces" },
  { app: "codespaces", scope: "user", params: {}, emu: "/user/codespaces" },
];

describe("every method against the emulator", () => {
  const called = new Set();
  let gh;
  before(() => {
    h.emulator.reset();
    gh = client();
  });

  const call = async (row, params, status) => {
    const res = await gh[row.app][row.name](params);
    checkResponse(row, res, status);
    called.add(`${row.app}.${row.name}`);
    return res;
  };

  for (const s of SCOPES) {
    test(`${s.app} ${s.scope}: public key, create (201), update (204), get, list, repositories, delete`, async () => {
      const name = `CLIENT_${s.app.toUpperCase()}_${s.scope.toUpperCase()}`;
      const secret = { ...s.params, secret_name: name };
      const extra = s.scope === "org" ? { visibility: "selected", selected_repository_ids: [HELLO_ID] } : s.scope === "user" ? { selected_repository_ids: [HELLO_ID] } : {};

      const key = await call(rowFor(s.app, s.scope, "public-key"), s.params, 200);
      assert.deepEqual(key.data.key_id, h.emulator.publicKey(s.emu).key_id);
      assert.deepEqual(key.data.key, h.emulator.publicKey(s.emu).key);

      const v1 = `first ${s.app}/${s.scope} value ✓ ${randomBytes(4).toString("hex")}`;
      const created = await call(rowFor(s.app, s.scope, "put"), { ...secret, value: v1, ...extra }, 201);
      assert.deepEqual(created.data, {});
      assert.equal(h.emulator.getSecret(s.emu, name).value, v1);

      const v2 = `second\nmulti-line value ${randomBytes(8).toString("base64")}`;
      const updated = await call(rowFor(s.app, s.scope, "put"), { ...secret, value: v2, ...extra }, 204);
      assert.equal(updated.data, undefined);
      const stored = h.emulator.getSecret(s.emu, name);
      assert.equal(stored.value, v2);
      assert.equal(stored.key_id, key.data.key_id);

      const got = await call(rowFor(s.app, s.scope, "get"), secret, 200);
      assert.equal(got.data.name, name);
      if (s.scope === "org") assert.equal(got.data.visibility, "selected");

      const list = await call(rowFor(s.app, s.scope, "list"), s.params, 200);
      assert.ok(list.data.secrets.some((x) => x.name === name), JSON.stringify(list.data));
      assert.equal(list.data.total_count, list.data.secrets.length);

      if (rowFor(s.app, s.scope, "list-repos")) {
        const ids = (res) => res.data.repositories.map((r) => r.id).sort((a, b) => a - b);
        assert.deepEqual(ids(await call(rowFor(s.app, s.scope, "list-repos"), secret, 200)), [HELLO_ID]);
        await call(rowFor(s.app, s.scope, "set-repos"), { ...secret, selected_repository_ids: [HELLO_ID, SPOON_ID] }, 204);
        assert.deepEqual(h.emulator.getSecret(s.emu, name).selected_repository_ids, [HELLO_ID, SPOON_ID]);
        await call(rowFor(s.app, s.scope, "add-repo"), { ...secret, repository_id: DOCS_ID }, 204);
        assert.deepEqual(h.emulator.getSecret(s.emu, name).selected_repository_ids, [HELLO_ID, SPOON_ID, DOCS_ID]);
        await call(rowFor(s.app, s.scope, "remove-repo"), { ...secret, repository_id: String(SPOON_ID) }, 204);
        assert.deepEqual(h.emulator.getSecret(s.emu, name).selected_repository_ids, [HELLO_ID, DOCS_ID]);
        assert.deepEqual(ids(await call(rowFor(s.app, s.scope, "list-repos"), secret, 200)), [HELLO_ID, DOCS_ID]);
      }

      if (s.app === "actions" && s.scope === "org") {
        // organization secrets visible to hello-world (selected, and hello-world is selected)
        const row = h.rows.find((r) => r.app === "actions" && r.name === "listRepoOrganizationSecrets");
        const res = await call(row, REPO_PARAMS, 200);
        assert.deepEqual(res.data.secrets.map((x) => x.name), [name]);
        const spoon = await gh.actions.listRepoOrganizationSecrets({ owner: OWNER, repo: "spoon-knife" });
        assert.deepEqual(spoon.data.secrets, [], "spoon-knife is not selected");
      }

      await call(rowFor(s.app, s.scope, "delete"), secret, 204);
      assert.equal(h.emulator.getSecret(s.emu, name), null);
      await rejectsWith(gh[s.app][rowFor(s.app, s.scope, "get").name](secret), { name: "HttpError", status: 404 }, "get after delete");
    });
  }

  test("all 57 methods were called with a successful answer", () => {
    const all = h.rows.map((r) => `${r.app}.${r.name}`);
    assert.equal(all.length, 57);
    assert.deepEqual(all.filter((k) => !called.has(k)), []);
  });

  test("an environment name with a slash (prod/eu) is sent as one encoded path segment", async () => {
    h.emulator.clearLog();
    const res = await gh.actions.createOrUpdateEnvironmentSecret({ ...REPO_PARAMS, environment_name: "prod/eu", secret_name: "SLASHED", value: "eu" });
    assert.equal(res.status, 201);
    assert.ok(res.url.endsWith("/repos/octo-org/hello-world/environments/prod%2Feu/secrets/SLASHED"), res.url);
    assert.equal(h.emulator.getSecret("/repos/octo-org/hello-world/environments/prod/eu", "SLASHED").value, "eu");
    assert.equal(h.emulator.getSecret("/repos/octo-org/hello-world/environments/production", "SLASHED"), null);
    const paths = apiLog().map((e) => e.path);
    assert.ok(paths.every((p) => p.includes("/environments/prod%2Feu/")), paths.join(", "));
  });

  test("secret names are case-insensitive on GitHub; a lower-case name updates the same secret", async () => {
    await gh.actions.createOrUpdateRepoSecret({ ...REPO_PARAMS, secret_name: "MIXED_case", value: "one" });
    const res = await gh.actions.createOrUpdateRepoSecret({ ...REPO_PARAMS, secret_name: "mixed_CASE", value: "two" });
    assert.equal(res.status, 204);
    assert.equal(h.emulator.getSecret("/repos/octo-org/hello-world/actions", "MIXED_CASE").value, "two");
  });
});

// ------------------------------------------------------------- HTTP errors

describe("HTTP errors", () => {
  before(() => h.emulator.reset());

  test("401 without a token: HttpError with GitHub's message, no authorization header sent", async () => {
    const gh = new h.ghseal.GitHubSecrets({ baseUrl: h.url, retry: { retries: 0 } });
    const error = await rejectsWith(gh.actions.getRepoPublicKey(REPO_PARAMS), { name: "HttpError", status: 401, code: "http" }, "no token");
    assert.equal(error.response.status, 401);
    assert.equal(error.response.data.message, "Requires authentication");
    assert.equal(error.request.method, "GET");
    assert.equal(error.request.url, `${h.url}/repos/octo-org/hello-world/actions/secrets/public-key`);
    assert.equal(error.request.headers.authorization, undefined);
    assert.match(error.message, /401/);
  });

  test("401 with a wrong token: the token is redacted and appears nowhere in the error", async () => {
    const token = "ghp_wrongTokenD0NotLeak7f3a9c";
    const gh = new h.ghseal.GitHubSecrets({ auth: token, baseUrl: h.url, retry: { retries: 0 }, throttle: { minWriteInterval: 0 } });
    const value = "the-secret-value-must-not-leak-either";
    for (const [label, promise] of [
      ["get", gh.actions.getRepoSecret({ ...REPO_PARAMS, secret_name: "ANY" })],
      ["put", gh.dependabot.createOrUpdateRepoSecret({ ...REPO_PARAMS, secret_name: "ANY", value })],
      ["list", gh.paginate(gh.codespaces.listSecretsForAuthenticatedUser, {})],
    ]) {
      const error = await rejectsWith(promise, { name: "HttpError", status: 401 }, label);
      assert.equal(error.response.data.message, "Bad credentials", label);
      assert.equal(error.request.headers.authorization, "[REDACTED]", label);
      for (const text of [JSON.stringify(error), error.message, error.stack, String(error), JSON.stringify(error.request), JSON.stringify(error.response)]) {
        assert.ok(!text.includes(token), `${label}: token leaked in ${text.slice(0, 200)}`);
        assert.ok(!text.includes("wrongTokenD0NotLeak"), label);
        assert.ok(!text.includes(value), `${label}: value leaked`);
      }
    }
    // the emulator saw the token and answered 401 (it was sent, only redacted in errors)
    assert.ok(apiLog().some((e) => e.status === 401));
  });

  test("404 for an unknown repository, environment, organization and secret", async () => {
    const gh = client();
    for (const [label, promise] of [
      ["repo", gh.actions.getRepoPublicKey({ owner: OWNER, repo: "no-such-repo" })],
      ["environment", gh.actions.listEnvironmentSecrets({ ...REPO_PARAMS, environment_name: "nowhere" })],
      ["org", gh.dependabot.listOrgSecrets({ org: "no-such-org" })],
      ["secret", gh.codespaces.getRepoSecret({ ...REPO_PARAMS, secret_name: "NEVER_SET" })],
      ["delete", gh.actions.deleteOrgSecret({ org: OWNER, secret_name: "NEVER_SET" })],
      ["put in unknown repo", gh.actions.createOrUpdateRepoSecret({ owner: OWNER, repo: "no-such-repo", secret_name: "X", value: "v" })],
    ]) {
      const error = await rejectsWith(promise, { name: "HttpError", status: 404, code: "http" }, label);
      assert.equal(error.response.data.message, "Not Found", label);
      assert.equal(error.response.status, 404);
      assert.match(error.request.url, /^http:\/\/127\.0\.0\.1:\d+\//);
    }
  });

  for (const app of ["actions", "dependabot", "codespaces"]) {
    test(`409: ${app} add/remove/set selected repositories while visibility is private`, async () => {
      const gh = client();
      const secret = { org: OWNER, secret_name: `PRIVATE_${app.toUpperCase()}` };
      const created = await gh[app].createOrUpdateOrgSecret({ ...secret, value: "p", visibility: "private" });
      assert.equal(created.status, 201);
      h.emulator.clearLog();
      for (const [label, promise] of [
        ["add", gh[app].addSelectedRepoToOrgSecret({ ...secret, repository_id: HELLO_ID })],
        ["remove", gh[app].removeSelectedRepoFromOrgSecret({ ...secret, repository_id: HELLO_ID })],
        ["set", gh[app].setSelectedReposForOrgSecret({ ...secret, selected_repository_ids: [HELLO_ID] })],
      ]) {
        const error = await rejectsWith(promise, { name: "HttpError", status: 409 }, label);
        assert.match(error.response.data.message, /visibility/, label);
      }
      // a 409 is final: one request each, no retry
      assert.deepEqual(apiLog().map((e) => e.status), [409, 409, 409]);
      assert.equal(h.emulator.getSecret(`/orgs/octo-org/${app}`, secret.secret_name).visibility, "private");
    });
  }

  test("422 from the server: valid base64 that is not a sealed box for the current key", async () => {
    const events = [];
    const gh = client({ onRetry: (e) => events.push(e) });
    const { key_id } = (await gh.actions.getRepoPublicKey(REPO_PARAMS)).data;
    h.emulator.clearLog();
    const error = await rejectsWith(
      gh.actions.createOrUpdateRepoSecret({ ...REPO_PARAMS, secret_name: "GARBAGE", encrypted_value: randomBytes(80).toString("base64"), key_id }),
      { name: "HttpError", status: 422, code: "http" },
      "422",
    );
    assert.match(error.response.data.message, /could not be decrypted/);
    assert.equal(error.request.method, "PUT");
    assert.deepEqual(events, [], "a 422 for a ready encrypted_value is not retried");
    assert.deepEqual(apiLog().map((e) => `${e.method} ${e.status}`), ["PUT 422"]);
    assert.equal(h.emulator.getSecret("/repos/octo-org/hello-world/actions", "GARBAGE"), null);
  });

  test("422 from the server: selected repository ids that are not the organization's", async () => {
    const gh = client();
    const error = await rejectsWith(
      gh.actions.createOrUpdateOrgSecret({ org: OWNER, secret_name: "UNKNOWN_REPOS", value: "v", visibility: "selected", selected_repository_ids: [999999] }),
      { name: "HttpError", status: 422 },
      "unknown repo id",
    );
    assert.match(error.response.data.message, /999999/);
    assert.equal(h.emulator.getSecret("/orgs/octo-org/actions", "UNKNOWN_REPOS"), null);
  });

  test("422 from the server for a stale key_id with a ready encrypted_value (nothing to re-seal)", async () => {
    const gh = client();
    const { key_id, key } = (await gh.dependabot.getRepoPublicKey(REPO_PARAMS)).data;
    const encrypted_value = h.ghseal.sealSecret(key, "old key");
    h.emulator.rotateKey("/repos/octo-org/hello-world/dependabot");
    const error = await rejectsWith(
      gh.dependabot.createOrUpdateRepoSecret({ ...REPO_PARAMS, secret_name: "STALE", encrypted_value, key_id }),
      { name: "HttpError", status: 422 },
      "stale key_id",
    );
    assert.match(error.response.data.message, /key_id/);
  });
});
