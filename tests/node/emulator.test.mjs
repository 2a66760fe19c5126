// The GitHub secrets emulator: every secrets endpoint (validated against
// GitHub's OpenAPI description) and secret read-back. Error answers are in
// emulator-errors.test.mjs; headers, faults and controls in emulator-controls.test.mjs.
// Run: node --test tests/node/emulator*.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { sealFor } from "../emulator/testkit.mjs";
import { matchOperation, secretsOperations, validateRequestBody, validateResponse } from "../support/openapi.mjs";
import { assertError, useEmulator } from "../support/emulator.mjs";

const HELLO = { id: 1296269, path: "/repos/octo-org/hello-world" };
const SPOON_ID = 1300192;
const DOCS_ID = 1300193; // private
const DOTFILES_ID = 1300194; // octocat's

const emu = useEmulator();
const call = (method, path, opts) => emu.call(method, path, opts);
/** operationId -> set of statuses seen and validated */
const covered = new Map();

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
      const stored = emu.emulator.getSecret(scope, "DEPLOY_TOKEN");
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
      const after = emu.emulator.getSecret(scope, "deploy_token");
      assert.equal(after.value, "second value");
      assert.equal(after.created_at, stored.created_at, "update keeps created_at");

      const got = await spec("GET", `${collection}/Deploy_Token`, 200);
      assert.equal(got.body.name, "DEPLOY_TOKEN");
      assert.equal(got.body.created_at, stored.created_at);

      await spec("PUT", `${collection}/ANOTHER`, 201, await emu.sealedBody(collection, "x"));
      const list = await spec("GET", collection, 200);
      assert.equal(list.body.total_count, 2);
      assert.deepEqual(
        list.body.secrets.map((s) => s.name),
        ["ANOTHER", "DEPLOY_TOKEN"],
      );

      await spec("DELETE", `${collection}/deploy_token`, 204);
      await spec("DELETE", `${collection}/ANOTHER`, 204);
      assert.equal(emu.emulator.getSecret(scope, "DEPLOY_TOKEN"), null);
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
      ].map((c) => emu.publicKey(c)),
    );
    assert.equal(new Set(keys.map((k) => k.key)).size, keys.length);
    assert.equal(new Set(keys.map((k) => k.key_id)).size, keys.length);
    // and the key is stable between calls
    assert.deepEqual(await emu.publicKey(`${HELLO.path}/actions/secrets`), keys[0]);
  });

  test("a secret sealed for one scope does not open in another", async () => {
    const body = await emu.sealedBody(`${HELLO.path}/actions/secrets`, "v");
    const other = await emu.publicKey(`${HELLO.path}/dependabot/secrets`);
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
      await spec("PUT", `${collection}/${name}`, 201, await emu.sealedBody(collection, value));
      const s = emu.emulator.getSecret(scope, name);
      assert.equal(s.value, value);
      assert.equal(Buffer.from(s.value_base64, "base64").toString("utf8"), value);
    });
  }
  test("48 KiB is the limit: one byte more is refused with 422", async () => {
    assert.equal(Buffer.byteLength(cases.MAX_48_KIB), 48 * 1024);
    const r = await call("PUT", `${collection}/TOO_BIG`, { body: await emu.sealedBody(collection, `${cases.MAX_48_KIB}x`) });
    assertError(r, 422, /too large/);
    assert.equal(emu.emulator.getSecret(scope, "TOO_BIG"), null);
  });
  test("binary (non-UTF-8) values survive in value_base64", async () => {
    const bytes = new Uint8Array([0, 255, 254, 1, 128, 10]);
    await spec("PUT", `${collection}/BINARY`, 201, await emu.sealedBody(collection, bytes));
    assert.deepEqual(new Uint8Array(Buffer.from(emu.emulator.getSecret(scope, "BINARY").value_base64, "base64")), bytes);
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
      assert.deepEqual(emu.emulator.getSecret(scope, "org_selected").selected_repository_ids, [HELLO.id]);
      assert.equal(emu.emulator.getSecret(scope, "ORG_PRIVATE").value, "private-value");
      assert.equal(emu.emulator.getSecret(scope, "ORG_PRIVATE").visibility, "private");

      const sel = await spec("GET", `${collection}/org_selected`, 200);
      assert.equal(sel.body.visibility, "selected");
      assert.equal(sel.body.selected_repositories_url, `${emu.url}${collection}/ORG_SELECTED/repositories`);
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
      assert.deepEqual(emu.emulator.getSecret(scope, "ORG_SELECTED").selected_repository_ids, [SPOON_ID, DOCS_ID]);
      await spec("PUT", `${collection}/ORG_SELECTED/repositories/${HELLO.id}`, 204);
      await spec("DELETE", `${collection}/ORG_SELECTED/repositories/${SPOON_ID}`, 204);
      assert.deepEqual(emu.emulator.getSecret(scope, "ORG_SELECTED").selected_repository_ids, [HELLO.id, DOCS_ID]);
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
      assert.deepEqual(emu.emulator.getSecret(scope, "ORG_SELECTED").selected_repository_ids, [HELLO.id, DOCS_ID], "unchanged");
    });

    test("visibility-only update, then delete", async () => {
      await spec("PUT", `${collection}/ORG_SELECTED`, 204, { visibility: "all" });
      const s = emu.emulator.getSecret(scope, "ORG_SELECTED");
      assert.equal(s.visibility, "all");
      assert.equal(s.value, "selected-value", "value kept");
      for (const name of ["ORG_ALL", "ORG_PRIVATE", "ORG_SELECTED"]) await spec("DELETE", `${collection}/${name}`, 204);
      assert.equal((await spec("GET", collection, 200)).body.total_count, 0);
    });
  });
}

test("repository organization secrets: only those visible to the repository", async () => {
  const collection = "/orgs/octo-org/actions/secrets";
  await call("PUT", `${collection}/VIS_ALL`, { body: await emu.sealedBody(collection, "a", { visibility: "all" }) });
  await call("PUT", `${collection}/VIS_PRIVATE`, { body: await emu.sealedBody(collection, "p", { visibility: "private" }) });
  await call("PUT", `${collection}/VIS_SELECTED`, {
    body: await emu.sealedBody(collection, "s", { visibility: "selected", selected_repository_ids: [String(SPOON_ID)] }),
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
    const s = emu.emulator.getSecret("/user/codespaces", "my_token");
    assert.equal(s.value, "user secret ✓");
    assert.deepEqual(s.selected_repository_ids, [DOTFILES_ID]);

    const got = await spec("GET", `${collection}/my_token`, 200);
    assert.equal(got.body.visibility, "selected");
    assert.equal(got.body.selected_repositories_url, `${emu.url}${collection}/MY_TOKEN/repositories`);
    assert.equal((await spec("GET", collection, 200)).body.total_count, 1);

    const repos = await spec("GET", `${collection}/MY_TOKEN/repositories`, 200);
    assert.deepEqual(
      repos.body.repositories.map((r) => r.full_name),
      ["octocat/dotfiles"],
    );
    await spec("PUT", `${collection}/MY_TOKEN/repositories`, 204, { selected_repository_ids: [HELLO.id] });
    await spec("PUT", `${collection}/MY_TOKEN/repositories/${SPOON_ID}`, 204);
    await spec("DELETE", `${collection}/MY_TOKEN/repositories/${HELLO.id}`, 204);
    assert.deepEqual(emu.emulator.getSecret("/user/codespaces", "MY_TOKEN").selected_repository_ids, [SPOON_ID]);
    assertError(await call("PUT", `${collection}/MY_TOKEN/repositories/31337`), 404);

    // key_id is required for user secrets, even without a new value
    assertError(await call("PUT", `${collection}/MY_TOKEN`, { body: { selected_repository_ids: [] } }), 422, /"key_id" wasn't supplied/);
    await spec("PUT", `${collection}/MY_TOKEN`, 204, { key_id: key.key_id, selected_repository_ids: [DOCS_ID] });
    assert.equal(emu.emulator.getSecret("/user/codespaces", "MY_TOKEN").value, "user secret ✓");

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

// ------------------------------------------------------------- coverage

test("every secrets operation in the spec was exercised and validated (keep last)", () => {
  const ops = secretsOperations();
  assert.ok(ops.length >= 57, `expected at least 57 secrets operations, spec has ${ops.length}`);
  const missing = ops.filter((o) => !covered.has(o.operationId)).map((o) => `${o.method} ${o.route} (${o.operationId})`);
  assert.deepEqual(missing, [], "operations without a validated success response");
  assert.ok(covered.has("repos/get") && covered.has("users/get-authenticated"));
});
