// The GitHub secrets emulator: every secrets endpoint (validated against
// GitHub's OpenAPI description), secret read-back, and every error answer.
// Run: node --test tests/node/emulator*.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { DEMO_TOKEN, startEmulator } from "../emulator/index.mjs";
import { createClient, sealFor } from "../emulator/testkit.mjs";
import { matchOperation, secretsOperations, validateRequestBody, validateResponse } from "../support/openapi.mjs";

const HELLO = { id: 1296269, path: "/repos/octo-org/hello-world" };
const SPOON_ID = 1300192;
const DOCS_ID = 1300193; // private
const DOTFILES_ID = 1300194; // octocat's
const NAME_MESSAGE =
  "Secret names can only contain alphanumeric characters ([a-z], [A-Z], [0-9]) or underscores (_). Spaces are not allowed. Must start with a letter ([a-z], [A-Z]) or underscores (_).";

let server;
let client;
/** operationId -> set of statuses seen and validated */
const covered = new Map();

before(async () => {
  server = await startEmulator();
  client = createClient(server.url);
});
after(() => server?.close());

const call = (method, path, opts) => client.request(method, path, opts);

/**
 * Make a request, assert the status, validate the answer (and the request
 * body) against the spec, and record the operation as covered.
 */
async function spec(method, path, expectedStatus, body) {
  const m = matchOperation(method, path);
  assert.ok(m, `no spec operation for ${method} ${path}`);
  if (body !== undefined) {
    const rq = validateRequestBody(method, m.route, body);
    assert.ok(rq.valid, `test sends a body the spec refuses for ${m.operation.operationId}: ${rq.errors.join("; ")}`);
  }
  const r = await call(method, path, { body });
  assert.equal(r.status, expectedStatus, `${method} ${path}: ${r.text}`);
  const v = validateResponse(method, m.route, r.status, r.body);
  assert.ok(v.valid, `${m.operation.operationId} ${r.status} does not match the spec:\n${v.errors.join("\n")}\n${r.text.slice(0, 500)}`);
  if (!covered.has(m.operation.operationId)) covered.set(m.operation.operationId, new Set());
  covered.get(m.operation.operationId).add(r.status);
  return r;
}

/** Assert GitHub's error shape (message, documentation_url, status as a string). */
function assertError(r, status, messagePattern) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.headers.get("content-type"), "application/json; charset=utf-8");
  assert.equal(typeof r.body.message, "string");
  assert.match(r.body.documentation_url, /^https:\/\/docs\.github\.com\//);
  assert.equal(r.body.status, String(status));
  if (messagePattern instanceof RegExp) assert.match(r.body.message, messagePattern);
  else if (messagePattern !== undefined) assert.equal(r.body.message, messagePattern);
}

async function publicKey(collection) {
  const r = await call("GET", `${collection}/public-key`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}

async function sealedBody(collection, value, extra = {}) {
  const { key_id, key } = await publicKey(collection);
  return { encrypted_value: await sealFor(key, value), key_id, ...extra };
}

// --------------------------------------------------------------- collections

const REPO_LIKE = [
  { label: "Actions repository", collection: `${HELLO.path}/actions/secrets`, scope: `${HELLO.path}/actions` },
  { label: "Dependabot repository", collection: `${HELLO.path}/dependabot/secrets`, scope: `${HELLO.path}/dependabot` },
  { label: "Codespaces repository", collection: `${HELLO.path}/codespaces/secrets`, scope: `${HELLO.path}/codespaces` },
  {
    label: "Actions environment",
    collection: `${HELLO.path}/environments/production/secrets`,
    scope: `${HELLO.path}/environments/production`,
  },
  {
    label: "Actions environment with a slash (prod%2Feu)",
    collection: `${HELLO.path}/environments/prod%2Feu/secrets`,
    scope: `${HELLO.path}/environments/prod/eu`,
  },
];

describe("repository and environment secrets", () => {
  for (const { label, collection, scope } of REPO_LIKE) {
    test(`${label}: public key, create, update, get, list, delete`, async () => {
      const key = (await spec("GET", `${collection}/public-key`, 200)).body;
      assert.match(key.key_id, /^\d{15,}$/);
      assert.equal(Buffer.from(key.key, "base64").length, 32);
      assert.equal(Buffer.from(key.key, "base64").toString("base64"), key.key, "key is standard padded base64");

      const created = await spec("PUT", `${collection}/deploy_token`, 201, {
        encrypted_value: await sealFor(key.key, "first value"),
        key_id: key.key_id,
      });
      assert.deepEqual(created.body, {});
      const stored = server.emulator.getSecret(scope, "DEPLOY_TOKEN");
      assert.equal(stored.value, "first value");
      assert.equal(stored.name, "DEPLOY_TOKEN");
      assert.equal(stored.key_id, key.key_id);
      assert.match(stored.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

      const updated = await spec("PUT", `${collection}/DEPLOY_TOKEN`, 204, {
        encrypted_value: await sealFor(key.key, "second value"),
        key_id: key.key_id,
      });
      assert.equal(updated.text, "");
      assert.equal(updated.headers.get("content-type"), null, "204 has no content-type");
      const after = server.emulator.getSecret(scope, "deploy_token");
      assert.equal(after.value, "second value");
      assert.equal(after.created_at, stored.created_at, "update keeps created_at");

      const got = await spec("GET", `${collection}/Deploy_Token`, 200);
      assert.equal(got.body.name, "DEPLOY_TOKEN");
      assert.equal(got.body.created_at, stored.created_at);

      await spec("PUT", `${collection}/ANOTHER`, 201, await sealedBody(collection, "x"));
      const list = await spec("GET", collection, 200);
      assert.equal(list.body.total_count, 2);
      assert.deepEqual(
        list.body.secrets.map((s) => s.name),
        ["ANOTHER", "DEPLOY_TOKEN"],
      );

      await spec("DELETE", `${collection}/deploy_token`, 204);
      await spec("DELETE", `${collection}/ANOTHER`, 204);
      assert.equal(server.emulator.getSecret(scope, "DEPLOY_TOKEN"), null);
      assertError(await call("GET", `${collection}/DEPLOY_TOKEN`), 404, "Not Found");
      assertError(await call("DELETE", `${collection}/DEPLOY_TOKEN`), 404, "Not Found");
      assert.equal((await spec("GET", collection, 200)).body.total_count, 0);
    });
  }

  test("every scope has its own key pair", async () => {
    const keys = await Promise.all(
      [
        ...REPO_LIKE.map((c) => c.collection),
        `${HELLO.path}/environments/staging/secrets`,
        "/repos/octo-org/spoon-knife/actions/secrets",
        "/orgs/octo-org/actions/secrets",
        "/orgs/octo-org/dependabot/secrets",
        "/orgs/octo-org/codespaces/secrets",
        "/user/codespaces/secrets",
      ].map(publicKey),
    );
    assert.equal(new Set(keys.map((k) => k.key)).size, keys.length);
    assert.equal(new Set(keys.map((k) => k.key_id)).size, keys.length);
    // and the key is stable between calls
    assert.deepEqual(await publicKey(`${HELLO.path}/actions/secrets`), keys[0]);
  });

  test("a secret sealed for one scope does not open in another", async () => {
    const body = await sealedBody(`${HELLO.path}/actions/secrets`, "v");
    const other = await publicKey(`${HELLO.path}/dependabot/secrets`);
    const r = await call("PUT", `${HELLO.path}/dependabot/secrets/CROSS`, { body: { ...body, key_id: other.key_id } });
    assertError(r, 422, /could not be decrypted with the current public key/);
  });
});

// ----------------------------------------------------------------- read-back

describe("secret read-back (the emulator decrypts exactly what was sealed)", () => {
  const collection = "/repos/octo-org/spoon-knife/actions/secrets";
  const scope = "/repos/octo-org/spoon-knife/actions";
  const cases = {
    NON_ASCII: "héllo wörld — 秘密 🔐 Ω≈ç√",
    MULTILINE: "-----BEGIN KEY-----\nline two\r\n\ttabbed\n-----END KEY-----\n",
    JSONISH: '{"a":[1,2,{"b":"\\u0000"}]}',
    MAX_48_KIB: randomBytes(36 * 1024).toString("base64"), // exactly 49152 bytes
  };
  for (const [name, value] of Object.entries(cases)) {
    test(`${name} (${Buffer.byteLength(value)} bytes)`, async () => {
      await spec("PUT", `${collection}/${name}`, 201, await sealedBody(collection, value));
      const s = server.emulator.getSecret(scope, name);
      assert.equal(s.value, value);
      assert.equal(Buffer.from(s.value_base64, "base64").toString("utf8"), value);
    });
  }
  test("48 KiB is the limit: one byte more is refused with 422", async () => {
    assert.equal(Buffer.byteLength(cases.MAX_48_KIB), 48 * 1024);
    const r = await call("PUT", `${collection}/TOO_BIG`, { body: await sealedBody(collection, `${cases.MAX_48_KIB}x`) });
    assertError(r, 422, /too large/);
    assert.equal(server.emulator.getSecret(scope, "TOO_BIG"), null);
  });
  test("binary (non-UTF-8) values survive in value_base64", async () => {
    const bytes = new Uint8Array([0, 255, 254, 1, 128, 10]);
    await spec("PUT", `${collection}/BINARY`, 201, await sealedBody(collection, bytes));
    assert.deepEqual(new Uint8Array(Buffer.from(server.emulator.getSecret(scope, "BINARY").value_base64, "base64")), bytes);
  });
});

// ----------------------------------------------------------- org secrets

for (const app of ["actions", "dependabot", "codespaces"]) {
  describe(`${app} organization secrets`, () => {
    const collection = `/orgs/octo-org/${app}/secrets`;
    const scope = `/orgs/octo-org/${app}`;

    test("public key, create with each visibility, get, list", async () => {
      const key = (await spec("GET", `${collection}/public-key`, 200)).body;
      const seal = async (v) => ({ encrypted_value: await sealFor(key.key, v), key_id: key.key_id });
      await spec("PUT", `${collection}/ORG_ALL`, 201, { ...(await seal("all-value")), visibility: "all" });
      await spec("PUT", `${collection}/org_private`, 201, { ...(await seal("private-value")), visibility: "private" });
      await spec("PUT", `${collection}/ORG_SELECTED`, 201, {
        ...(await seal("selected-value")),
        visibility: "selected",
        selected_repository_ids: [HELLO.id],
      });
      assert.deepEqual(server.emulator.getSecret(scope, "org_selected").selected_repository_ids, [HELLO.id]);
      assert.equal(server.emulator.getSecret(scope, "ORG_PRIVATE").value, "private-value");
      assert.equal(server.emulator.getSecret(scope, "ORG_PRIVATE").visibility, "private");

      const sel = await spec("GET", `${collection}/org_selected`, 200);
      assert.equal(sel.body.visibility, "selected");
      assert.equal(sel.body.selected_repositories_url, `${server.url}${collection}/ORG_SELECTED/repositories`);
      const all = await spec("GET", `${collection}/ORG_ALL`, 200);
      assert.equal(all.body.visibility, "all");
      assert.equal("selected_repositories_url" in all.body, false);

      const list = await spec("GET", collection, 200);
      assert.deepEqual(
        list.body.secrets.map((s) => [s.name, s.visibility]),
        [
          ["ORG_ALL", "all"],
          ["ORG_PRIVATE", "private"],
          ["ORG_SELECTED", "selected"],
        ],
      );
    });

    test("selected repositories: list, set, add, remove", async () => {
      const repos = await spec("GET", `${collection}/ORG_SELECTED/repositories`, 200);
      assert.equal(repos.body.total_count, 1);
      assert.equal(repos.body.repositories[0].id, HELLO.id);
      assert.equal(repos.body.repositories[0].full_name, "octo-org/hello-world");

      await spec("PUT", `${collection}/ORG_SELECTED/repositories`, 204, { selected_repository_ids: [SPOON_ID, DOCS_ID] });
      assert.deepEqual(server.emulator.getSecret(scope, "ORG_SELECTED").selected_repository_ids, [SPOON_ID, DOCS_ID]);
      await spec("PUT", `${collection}/ORG_SELECTED/repositories/${HELLO.id}`, 204);
      await spec("DELETE", `${collection}/ORG_SELECTED/repositories/${SPOON_ID}`, 204);
      assert.deepEqual(server.emulator.getSecret(scope, "ORG_SELECTED").selected_repository_ids, [HELLO.id, DOCS_ID]);
      const after = await spec("GET", `${collection}/ORG_SELECTED/repositories`, 200);
      assert.deepEqual(
        after.body.repositories.map((r) => r.id),
        [HELLO.id, DOCS_ID],
      );
    });

    test("409 when the secret's visibility is not 'selected'", async () => {
      assertError(await call("PUT", `${collection}/ORG_ALL/repositories/${HELLO.id}`), 409, /selected/);
      assertError(await call("DELETE", `${collection}/ORG_PRIVATE/repositories/${HELLO.id}`), 409, /selected/);
      assertError(await call("PUT", `${collection}/ORG_ALL/repositories`, { body: { selected_repository_ids: [HELLO.id] } }), 409);
      assertError(await call("DELETE", `${collection}/ORG_ALL/repositories/${HELLO.id}`), 409, /visibility/);
    });

    test("422 on selected repositories that are not the org's", async () => {
      assertError(await call("PUT", `${collection}/ORG_SELECTED/repositories/${DOTFILES_ID}`), 422, /not a repository of octo-org/);
      assertError(await call("PUT", `${collection}/ORG_SELECTED/repositories/999999`), 422);
      const r = await call("PUT", `${collection}/ORG_SELECTED/repositories`, { body: { selected_repository_ids: [HELLO.id, 424242] } });
      assertError(r, 422, /424242/);
      assert.ok(Array.isArray(r.body.errors) && r.body.errors[0].code === "invalid");
      assert.deepEqual(server.emulator.getSecret(scope, "ORG_SELECTED").selected_repository_ids, [HELLO.id, DOCS_ID], "unchanged");
    });

    test("visibility-only update, then delete", async () => {
      await spec("PUT", `${collection}/ORG_SELECTED`, 204, { visibility: "all" });
      const s = server.emulator.getSecret(scope, "ORG_SELECTED");
      assert.equal(s.visibility, "all");
      assert.equal(s.value, "selected-value", "value kept");
      for (const name of ["ORG_ALL", "ORG_PRIVATE", "ORG_SELECTED"]) await spec("DELETE", `${collection}/${name}`, 204);
      assert.equal((await spec("GET", collection, 200)).body.total_count, 0);
    });
  });
}

test("repository organization secrets: only those visible to the repository", async () => {
  const collection = "/orgs/octo-org/actions/secrets";
  await call("PUT", `${collection}/VIS_ALL`, { body: await sealedBody(collection, "a", { visibility: "all" }) });
  await call("PUT", `${collection}/VIS_PRIVATE`, { body: await sealedBody(collection, "p", { visibility: "private" }) });
  await call("PUT", `${collection}/VIS_SELECTED`, {
    body: await sealedBody(collection, "s", { visibility: "selected", selected_repository_ids: [String(SPOON_ID)] }),
  });
  const names = async (repo) => (await spec("GET", `/repos/octo-org/${repo}/actions/organization-secrets`, 200)).body.secrets.map((s) => s.name);
  assert.deepEqual(await names("hello-world"), ["VIS_ALL"]);
  assert.deepEqual(await names("spoon-knife"), ["VIS_ALL", "VIS_SELECTED"]);
  assert.deepEqual(await names("docs"), ["VIS_ALL", "VIS_PRIVATE"]);
  assert.deepEqual((await spec("GET", "/repos/octocat/dotfiles/actions/organization-secrets", 200)).body, { total_count: 0, secrets: [] });
  for (const n of ["VIS_ALL", "VIS_PRIVATE", "VIS_SELECTED"]) assert.equal((await call("DELETE", `${collection}/${n}`)).status, 204);
});

// ---------------------------------------------------------- user codespaces

describe("codespaces secrets of the authenticated user", () => {
  const collection = "/user/codespaces/secrets";
  test("public key, create, get, list, selected repositories, delete", async () => {
    const key = (await spec("GET", `${collection}/public-key`, 200)).body;
    await spec("PUT", `${collection}/MY_TOKEN`, 201, {
      encrypted_value: await sealFor(key.key, "user secret ✓"),
      key_id: key.key_id,
      selected_repository_ids: [DOTFILES_ID],
    });
    const s = server.emulator.getSecret("/user/codespaces", "my_token");
    assert.equal(s.value, "user secret ✓");
    assert.deepEqual(s.selected_repository_ids, [DOTFILES_ID]);

    const got = await spec("GET", `${collection}/my_token`, 200);
    assert.equal(got.body.visibility, "selected");
    assert.equal(got.body.selected_repositories_url, `${server.url}${collection}/MY_TOKEN/repositories`);
    assert.equal((await spec("GET", collection, 200)).body.total_count, 1);

    const repos = await spec("GET", `${collection}/MY_TOKEN/repositories`, 200);
    assert.deepEqual(
      repos.body.repositories.map((r) => r.full_name),
      ["octocat/dotfiles"],
    );
    await spec("PUT", `${collection}/MY_TOKEN/repositories`, 204, { selected_repository_ids: [HELLO.id] });
    await spec("PUT", `${collection}/MY_TOKEN/repositories/${SPOON_ID}`, 204);
    await spec("DELETE", `${collection}/MY_TOKEN/repositories/${HELLO.id}`, 204);
    assert.deepEqual(server.emulator.getSecret("/user/codespaces", "MY_TOKEN").selected_repository_ids, [SPOON_ID]);
    assertError(await call("PUT", `${collection}/MY_TOKEN/repositories/31337`), 404);

    // key_id is required for user secrets, even without a new value
    assertError(await call("PUT", `${collection}/MY_TOKEN`, { body: { selected_repository_ids: [] } }), 422, /"key_id" wasn't supplied/);
    await spec("PUT", `${collection}/MY_TOKEN`, 204, { key_id: key.key_id, selected_repository_ids: [DOCS_ID] });
    assert.equal(server.emulator.getSecret("/user/codespaces", "MY_TOKEN").value, "user secret ✓");

    await spec("DELETE", `${collection}/MY_TOKEN`, 204);
    assertError(await call("GET", `${collection}/MY_TOKEN`), 404);
  });
});

// ------------------------------------------------------------- lookups

test("GET /repos/{owner}/{repo} and GET /user (used to resolve names to ids)", async () => {
  const repo = await spec("GET", "/repos/octo-org/hello-world", 200);
  assert.equal(repo.body.id, HELLO.id);
  assert.equal(repo.body.full_name, "octo-org/hello-world");
  assert.equal(repo.body.owner.login, "octo-org");
  assert.equal(repo.body.owner.id, 9919);
  assert.equal(repo.body.private, false);
  const docs = await spec("GET", "/repos/Octo-Org/DOCS", 200);
  assert.equal(docs.body.id, DOCS_ID);
  assert.equal(docs.body.full_name, "octo-org/docs", "case-insensitive, canonical name back");
  assert.equal(docs.body.private, true);
  const user = await spec("GET", "/user", 200);
  assert.equal(user.body.login, "octocat");
  assert.equal(user.body.id, 583231);
  assertError(await call("GET", "/repos/octo-org/nope"), 404, "Not Found");
});

// ---------------------------------------------------------------- errors

describe("errors", () => {
  const collection = `${HELLO.path}/actions/secrets`;

  test("401 without a token, with an unknown token; both auth schemes accepted", async () => {
    const none = await call("GET", `${collection}/public-key`, { token: null });
    assertError(none, 401, "Requires authentication");
    const bad = await call("GET", `${collection}/public-key`, { token: "ghp_notAValidToken" });
    assertError(bad, 401, "Bad credentials");
    const scheme = await call("GET", `${collection}/public-key`, { token: null, headers: { authorization: `token ${DEMO_TOKEN}` } });
    assert.equal(scheme.status, 200);
    const put = await call("PUT", `${collection}/X`, { token: null, body: { encrypted_value: "AAAA", key_id: "1" } });
    assertError(put, 401);
    assert.ok(validateResponse("GET", "/user/codespaces/secrets/{secret_name}/repositories", 401, none.body).valid);
  });

  test("404 for unknown repository, owner, organization, environment, secret, path", async () => {
    assertError(await call("GET", "/repos/octo-org/no-such-repo/actions/secrets"), 404, "Not Found");
    assertError(await call("GET", "/repos/nobody/hello-world/dependabot/secrets/public-key"), 404);
    assertError(await call("GET", "/orgs/no-such-org/actions/secrets"), 404);
    assertError(await call("GET", "/orgs/octocat/actions/secrets"), 404, "Not Found"); // a user, not an org
    assertError(await call("GET", `${HELLO.path}/environments/nope/secrets/public-key`), 404);
    assertError(await call("GET", `${HELLO.path}/environments/prod/eu/secrets`), 404, "Not Found"); // slash not encoded
    assertError(await call("GET", `${collection}/NO_SUCH_SECRET`), 404);
    assertError(await call("DELETE", "/orgs/octo-org/dependabot/secrets/NO_SUCH_SECRET"), 404);
    assertError(await call("GET", "/orgs/octo-org/codespaces/secrets/NO_SUCH_SECRET/repositories"), 404);
    assertError(await call("GET", "/definitely/not/an/endpoint"), 404);
    assertError(await call("POST", `${collection}/X`), 404); // wrong method
    const r = await call("GET", "/orgs/octo-org/codespaces/secrets/NO_SUCH_SECRET/repositories");
    assert.ok(validateResponse("GET", "/orgs/{org}/codespaces/secrets/{secret_name}/repositories", 404, r.body).valid);
  });

  test("422 for invalid secret names", async () => {
    const body = await sealedBody(collection, "v");
    for (const bad of ["1STARTS_WITH_DIGIT", "has-dash", "has%20space", "dot.ted", "%C3%A9t%C3%A9"]) {
      assertError(await call("PUT", `${collection}/${bad}`, { body }), 422, NAME_MESSAGE);
    }
    assertError(await call("PUT", `${collection}/GITHUB_TOKEN`, { body }), 422, /GITHUB_/);
    assertError(await call("PUT", `${collection}/github_anything`, { body }), 422, /GITHUB_/);
    assert.equal((await call("PUT", `${collection}/_UNDERSCORE_OK`, { body })).status, 201);
    assert.equal((await call("DELETE", `${collection}/_underscore_ok`)).status, 204);
  });

  test("422 for missing key_id / encrypted_value, validated against the spec where documented", async () => {
    const body = await sealedBody(collection, "v");
    assertError(await call("PUT", `${collection}/NO_KEY`, { body: { encrypted_value: body.encrypted_value } }), 422, 'Invalid request.\n\n"key_id" wasn\'t supplied.');
    assertError(await call("PUT", `${collection}/NO_VALUE`, { body: { key_id: body.key_id } }), 422, 'Invalid request.\n\n"encrypted_value" wasn\'t supplied.');
    assertError(await call("PUT", `${collection}/NOTHING`, { body: {} }), 422, /"encrypted_value", "key_id" weren't supplied/);
    assertError(await call("PUT", `${collection}/NUMERIC_KEY`, { body: { ...body, key_id: Number(body.key_id) } }), 422, /key_id/);
    const org = await call("PUT", "/orgs/octo-org/codespaces/secrets/NO_KEY", {
      body: { encrypted_value: body.encrypted_value, visibility: "all" },
    });
    assertError(org, 422, /"key_id" wasn't supplied/);
    const v = validateResponse("PUT", "/orgs/{org}/codespaces/secrets/{secret_name}", 422, org.body);
    assert.ok(v.valid, v.errors.join("\n"));
  });

  test("422 for a stale key_id after rotation, and for ciphertext that does not open", async () => {
    const old = await publicKey(collection);
    const rotated = server.emulator.rotateKey(`${HELLO.path}/actions`);
    assert.notEqual(rotated.key_id, old.key_id);
    assert.notEqual(rotated.key, old.key);
    const stale = await call("PUT", `${collection}/STALE`, { body: { encrypted_value: await sealFor(old.key, "v"), key_id: old.key_id } });
    assertError(stale, 422, /key_id "\d+" is not the current public key/);
    // sealed with the current key but labelled with the old key_id: still refused
    const staleLabel = await call("PUT", `${collection}/STALE`, { body: { encrypted_value: await sealFor(rotated.key, "v"), key_id: old.key_id } });
    assertError(staleLabel, 422, `Invalid request.\n\nkey_id "${old.key_id}" is not the current public key of this scope (it may have been rotated); fetch the public key again and re-encrypt.`);
    // new key_id but sealed with the old key: does not open
    const wrongKey = await call("PUT", `${collection}/STALE`, { body: { encrypted_value: await sealFor(old.key, "v"), key_id: rotated.key_id } });
    assertError(wrongKey, 422, /encrypted_value could not be decrypted with the current public key/);
    // random bytes of sealed-box size: base64 fine, does not open
    const junk = await call("PUT", `${collection}/STALE`, { body: { encrypted_value: randomBytes(80).toString("base64"), key_id: rotated.key_id } });
    assertError(junk, 422, /could not be decrypted/);
    // too short to be a sealed box
    const short = await call("PUT", `${collection}/STALE`, { body: { encrypted_value: "AAAA", key_id: rotated.key_id } });
    assertError(short, 422, /could not be decrypted/);
    // not base64 at all
    for (const notB64 of ["not base64!", "YWJj", "YWJjZA", "YW_jZA=="]) {
      const r = await call("PUT", `${collection}/STALE`, { body: { encrypted_value: notB64, key_id: rotated.key_id } });
      assertError(r, 422, /base64|could not be decrypted/);
    }
    assert.equal(server.emulator.getSecret(`${HELLO.path}/actions`, "STALE"), null, "nothing stored");
    const ok = await call("PUT", `${collection}/STALE`, { body: { encrypted_value: await sealFor(rotated.key, "fresh"), key_id: rotated.key_id } });
    assert.equal(ok.status, 201);
    assert.equal(server.emulator.getSecret(`${HELLO.path}/actions`, "STALE").key_id, rotated.key_id);
  });

  test("422 for organization secrets without a valid visibility or with unknown repositories", async () => {
    const org = "/orgs/octo-org/actions/secrets";
    const body = await sealedBody(org, "v");
    assertError(await call("PUT", `${org}/NO_VIS`, { body }), 422, /"visibility" wasn't supplied/);
    assertError(await call("PUT", `${org}/BAD_VIS`, { body: { ...body, visibility: "public" } }), 422, /visibility/);
    assertError(await call("PUT", `${org}/BAD_VIS`, { body: { ...body, visibility: "SELECTED" } }), 422, /visibility/);
    assertError(
      await call("PUT", `${org}/BAD_IDS`, { body: { ...body, visibility: "selected", selected_repository_ids: [HELLO.id, 777] } }),
      422,
      /777/,
    );
    assertError(
      await call("PUT", `${org}/BAD_IDS`, { body: { ...body, visibility: "selected", selected_repository_ids: [DOTFILES_ID] } }),
      422,
      /not repositories of octo-org/,
    );
    assertError(await call("PUT", `${org}/BAD_IDS`, { body: { ...body, visibility: "all", selected_repository_ids: [HELLO.id] } }), 422);
    assert.equal(server.emulator.getSecret("/orgs/octo-org/actions", "BAD_IDS"), null);
  });

  test("400 for malformed JSON, after authentication and resource checks", async () => {
    const bad = await call("PUT", `${collection}/JSON`, { rawBody: '{"encrypted_value": "abc",' });
    assertError(bad, 400, "Problems parsing JSON");
    const unauth = await call("PUT", `${collection}/JSON`, { rawBody: "{", token: null });
    assert.equal(unauth.status, 401);
    const missing = await call("PUT", "/repos/octo-org/nope/actions/secrets/JSON", { rawBody: "{" });
    assert.equal(missing.status, 404);
    assertError(await call("PUT", "/orgs/octo-org/actions/secrets/S/repositories", { rawBody: "[1," }), 404); // unknown secret first
    assertError(await call("PUT", `${collection}/JSON`, { rawBody: "[1,2]" }), 422);
  });
});

// ------------------------------------------------------------- coverage

test("every secrets operation in the spec was exercised and validated (keep last)", () => {
  const ops = secretsOperations();
  assert.ok(ops.length >= 57, `expected at least 57 secrets operations, spec has ${ops.length}`);
  const missing = ops.filter((o) => !covered.has(o.operationId)).map((o) => `${o.method} ${o.route} (${o.operationId})`);
  assert.deepEqual(missing, [], "operations without a validated success response");
  assert.ok(covered.has("repos/get") && covered.has("users/get-authenticated"));
});
