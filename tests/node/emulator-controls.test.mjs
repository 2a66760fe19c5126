// The GitHub secrets emulator: GitHub-like headers, CORS, pagination, key rotation,
// read-back, log, reset and state controls. Fault injection is in
// emulator-faults.test.mjs; start-up options and the CLI in emulator-options.test.mjs.
// Run: node --test tests/node/emulator*.test.mjs

import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { DEMO_TOKEN, defaultSeed, makeSeed, startEmulator } from "../emulator/index.mjs";
import { createClient, sealFor } from "../emulator/testkit.mjs";
import { useEmulator } from "../support/emulator.mjs";

const HELLO = "/repos/octo-org/hello-world";
const COLL = `${HELLO}/actions/secrets`;
const SCOPE = `${HELLO}/actions`;
const EXPOSE =
  "ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset";

const emu = useEmulator();
const call = (method, path, opts) => emu.call(method, path, opts);
/** Control API over HTTP, with this run's control token. */
const control = (method, name, body) => emu.control.request(method, name, { body });
async function putSecret(collection, name, value, extra = {}) {
  const { body: key } = await call("GET", `${collection}/public-key`);
  return call("PUT", `${collection}/${name}`, { body: { encrypted_value: await sealFor(key.key, value), key_id: key.key_id, ...extra } });
}

// ---------------------------------------------------------------- headers

describe("GitHub-like headers", () => {
  test("every API response carries rate-limit, request-id, API-version and CORS headers", async () => {
    await emu.emulator.reset();
    const answers = [
      await call("GET", `${COLL}/public-key`), // 200
      await putSecret(COLL, "HDR", "v"), // 201
      await call("DELETE", `${COLL}/HDR`), // 204
      await call("GET", `${COLL}/public-key`, { token: null }), // 401
      await call("GET", "/repos/octo-org/nope"), // 404
      await call("PUT", `${COLL}/bad-name`, { body: {} }), // 422
    ];
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 201, 204, 401, 404, 422],
    );
    let lastUsed = 0;
    for (const a of answers) {
      const h = a.headers;
      assert.equal(h.get("access-control-allow-origin"), "*");
      assert.equal(h.get("access-control-expose-headers"), EXPOSE);
      assert.equal(h.get("x-github-api-version-selected"), "2022-11-28");
      assert.equal(h.get("x-ratelimit-resource"), "core");
      assert.match(h.get("x-github-request-id"), /^[0-9A-F]{4}:[0-9A-F]{4}:[0-9A-F]{6}:[0-9A-F]{6}:[0-9A-F]{8}$/);
      const limit = Number(h.get("x-ratelimit-limit"));
      const used = Number(h.get("x-ratelimit-used"));
      assert.equal(Number(h.get("x-ratelimit-remaining")), limit - used);
      const reset = Number(h.get("x-ratelimit-reset"));
      assert.ok(reset > Date.now() / 1000 && reset <= Date.now() / 1000 + 3601, `reset ${reset} is epoch seconds within the hour`);
      if (a.status === 204) assert.equal(h.get("content-type"), null);
      else assert.equal(h.get("content-type"), "application/json; charset=utf-8");
      if (limit === 5000) {
        assert.ok(used > lastUsed, "x-ratelimit-used counts requests per token");
        lastUsed = used;
      } else {
        assert.equal(limit, 60, "unauthenticated requests get GitHub's anonymous limit");
      }
    }
    const ids = new Set(answers.map((a) => a.headers.get("x-github-request-id")));
    assert.equal(ids.size, answers.length, "request ids are unique");
  });

  test("CORS preflight: 204 with allowed headers and methods, no auth needed, not logged", async () => {
    emu.emulator.clearLog();
    for (const path of [`${COLL}/NAME`, "/user"]) {
      const res = await fetch(emu.url + path, {
        method: "OPTIONS",
        headers: {
          origin: "http://localhost:5173",
          "access-control-request-method": "PUT",
          "access-control-request-headers": "authorization, content-type, x-github-api-version",
        },
      });
      assert.equal(res.status, 204);
      assert.equal(await res.text(), "");
      assert.equal(res.headers.get("access-control-allow-origin"), "*");
      assert.equal(res.headers.get("access-control-allow-headers"), "Authorization, Content-Type, Accept, X-GitHub-Api-Version, User-Agent");
      assert.equal(res.headers.get("access-control-allow-methods"), "GET, POST, PATCH, PUT, DELETE");
      assert.equal(res.headers.get("access-control-expose-headers"), EXPOSE);
    }
    assert.deepEqual(emu.emulator.log(), []);
  });

  test("X-GitHub-Api-Version: 2022-11-28 accepted, other versions refused with 400", async () => {
    const ok = await call("GET", "/user", { headers: { "x-github-api-version": "2022-11-28" } });
    assert.equal(ok.status, 200);
    const bad = await call("GET", "/user", { headers: { "x-github-api-version": "2019-01-01" } });
    assert.equal(bad.status, 400);
    assert.match(bad.body.message, /2019-01-01/);
  });
});

// ------------------------------------------------------------- pagination

describe("pagination", () => {
  test("5 secrets, per_page=2: three pages with GitHub's Link header", async () => {
    emu.emulator.reset();
    for (const name of ["E_FIFTH", "A_FIRST", "C_THIRD", "B_SECOND", "D_FOURTH"]) assert.equal((await putSecret(COLL, name, name)).status, 201);
    const base = `${emu.url}${COLL}`;
    const p1 = await call("GET", `${COLL}?per_page=2`);
    assert.equal(p1.headers.get("link"), `<${base}?per_page=2&page=2>; rel="next", <${base}?per_page=2&page=3>; rel="last"`);
    const p2 = await call("GET", `${COLL}?per_page=2&page=2`);
    assert.equal(
      p2.headers.get("link"),
      `<${base}?per_page=2&page=1>; rel="prev", <${base}?per_page=2&page=3>; rel="next", <${base}?per_page=2&page=3>; rel="last", <${base}?per_page=2&page=1>; rel="first"`,
    );
    const p3 = await call("GET", `${COLL}?per_page=2&page=3`);
    assert.equal(p3.headers.get("link"), `<${base}?per_page=2&page=2>; rel="prev", <${base}?per_page=2&page=1>; rel="first"`);
    for (const p of [p1, p2, p3]) assert.equal(p.body.total_count, 5);
    assert.deepEqual(
      [...p1.body.secrets, ...p2.body.secrets, ...p3.body.secrets].map((s) => s.name),
      ["A_FIRST", "B_SECOND", "C_THIRD", "D_FOURTH", "E_FIFTH"],
      "sorted by name across pages",
    );
    const all = await call("GET", COLL);
    assert.equal(all.headers.get("link"), null, "no Link when everything fits the default page of 30");
    assert.equal(all.body.secrets.length, 5);
    const beyond = await call("GET", `${COLL}?per_page=2&page=9`);
    assert.deepEqual(beyond.body.secrets, []);
    assert.equal(beyond.body.total_count, 5);
  });

  test("default 30 and maximum 100 per page (selected repositories of an org secret, 120 repos)", async () => {
    const big = await startEmulator({ seed: makeSeed({ repos: 120 }) });
    try {
      const c = createClient(big.url);
      const state = big.emulator.state();
      assert.equal(state.repos.length, 124);
      assert.equal(state.repos.find((r) => r.name === "repo-001")?.id, 1400001, "names zero-padded to the width of N");
      const ids = state.repos.filter((r) => r.owner === "octo-org").map((r) => r.id);
      const { body: key } = await c.request("GET", "/orgs/octo-org/actions/secrets/public-key");
      const put = await c.request("PUT", "/orgs/octo-org/actions/secrets/WIDE", {
        body: { encrypted_value: await sealFor(key.key, "w"), key_id: key.key_id, visibility: "selected", selected_repository_ids: ids },
      });
      assert.equal(put.status, 201, put.text);
      const path = "/orgs/octo-org/actions/secrets/WIDE/repositories";
      const d = await c.request("GET", path);
      assert.equal(d.body.total_count, 123);
      assert.equal(d.body.repositories.length, 30);
      assert.equal(d.headers.get("link"), `<${big.url}${path}?page=2>; rel="next", <${big.url}${path}?page=5>; rel="last"`);
      const max = await c.request("GET", `${path}?per_page=500`);
      assert.equal(max.body.repositories.length, 100);
      const second = await c.request("GET", `${path}?page=2&per_page=100`);
      assert.equal(second.body.repositories.length, 23);
      assert.equal(second.headers.get("link"), `<${big.url}${path}?page=1&per_page=100>; rel="prev", <${big.url}${path}?page=1&per_page=100>; rel="first"`);
    } finally {
      await big.close();
    }
  });

  test("makeSeed default adds repo-01..repo-25", () => {
    const seed = makeSeed();
    const names = seed.repos.map((r) => r.name);
    assert.equal(seed.repos.length, defaultSeed().repos.length + 25);
    assert.ok(names.includes("repo-01") && names.includes("repo-25") && !names.includes("repo-26"));
    assert.throws(() => makeSeed({ repos: -1 }), RangeError);
  });
});

// ------------------------------------------------------------------ faults
// ------------------------------------------------------------ rotate-key

describe("key rotation and read-back controls", () => {
  before(() => emu.emulator.reset());

  test("POST /_emulator/rotate-key: new key pair, old key_id refused, stored secrets kept", async () => {
    assert.equal((await putSecret(COLL, "KEEP_ME", "kept")).status, 201);
    const { body: old } = await call("GET", `${COLL}/public-key`);
    const rotated = await control("POST", "rotate-key", { scope: SCOPE });
    assert.equal(rotated.status, 200);
    assert.match(rotated.body.key_id, /^\d+$/);
    assert.notEqual(rotated.body.key_id, old.key_id);
    assert.notEqual(rotated.body.key, old.key);
    assert.deepEqual((await call("GET", `${COLL}/public-key`)).body, rotated.body);
    const stale = await call("PUT", `${COLL}/KEEP_ME`, { body: { encrypted_value: await sealFor(rotated.body.key, "x"), key_id: old.key_id } });
    assert.equal(stale.status, 422);
    assert.match(stale.body.message, /key_id "\d+" is not the current public key/);
    assert.equal(emu.emulator.getSecret(SCOPE, "KEEP_ME").value, "kept");
    const upd = await call("PUT", `${COLL}/KEEP_ME`, { body: { encrypted_value: await sealFor(rotated.body.key, "new"), key_id: rotated.body.key_id } });
    assert.equal(upd.status, 204);
    assert.equal(emu.emulator.getSecret(SCOPE, "KEEP_ME").value, "new");
    // other scopes are untouched
    const env = await call("GET", `${HELLO}/environments/prod%2Feu/secrets/public-key`);
    const envRotated = emu.emulator.rotateKey(`${HELLO}/environments/prod/eu`);
    assert.notEqual(envRotated.key_id, env.body.key_id);
    assert.deepEqual((await call("GET", `${COLL}/public-key`)).body, rotated.body);
  });

  test("rotate-key refuses unknown or malformed scopes", async () => {
    assert.equal((await control("POST", "rotate-key", { scope: "/repos/octo-org/nope/actions" })).status, 404);
    assert.equal((await control("POST", "rotate-key", { scope: `${HELLO}/environments/nope` })).status, 404);
    assert.equal((await control("POST", "rotate-key", { scope: "hello-world" })).status, 400);
    assert.equal((await control("POST", "rotate-key", { scope: `${HELLO}/pages` })).status, 400);
    const malformed = await fetch(`${emu.url}/_emulator/rotate-key`, { method: "POST", body: "{not json", headers: emu.control.headers });
    assert.equal(malformed.status, 400);
    assert.equal((await malformed.json()).message, "Problems parsing JSON");
    assert.throws(() => emu.emulator.rotateKey("/orgs/nope/actions"), (e) => e.status === 404);
  });

  test("GET /_emulator/secret returns the decrypted value and metadata, 404 when absent", async () => {
    const org = "/orgs/octo-org/dependabot/secrets";
    assert.equal((await putSecret(org, "org_sel", "ünïcödé", { visibility: "selected", selected_repository_ids: [1300193, 1296269] })).status, 201);
    const q = (scope, name) => `secret?scope=${encodeURIComponent(scope)}&name=${encodeURIComponent(name)}`;
    const r = await control("GET", q("/orgs/octo-org/dependabot", "ORG_SEL"));
    assert.equal(r.status, 200);
    assert.equal(r.body.name, "ORG_SEL");
    assert.equal(r.body.scope, "/orgs/octo-org/dependabot");
    assert.equal(r.body.value, "ünïcödé");
    assert.equal(r.body.visibility, "selected");
    assert.deepEqual(r.body.selected_repository_ids, [1296269, 1300193]);
    assert.equal(r.body.key_id, emu.emulator.publicKey("/orgs/octo-org/dependabot").key_id);
    assert.match(r.body.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(r.body.updated_at, r.body.created_at);

    assert.equal((await putSecret(`${HELLO}/environments/prod%2Feu/secrets`, "EU", "eu-value")).status, 201);
    const env = await control("GET", q(`${HELLO}/environments/prod/eu`, "eu"));
    assert.equal(env.body.value, "eu-value");
    assert.equal(env.body.scope, `${HELLO}/environments/prod/eu`);
    assert.equal("visibility" in env.body, false);

    assert.equal((await control("GET", q(SCOPE, "MISSING"))).status, 404);
    assert.equal((await control("GET", q("/repos/octo-org/nope/actions", "X"))).status, 404);
  });
});

// ----------------------------------------------------------------- log etc.

describe("log, reset, state", () => {
  test("the log records method, path, status, fault, time; never tokens or bodies", async () => {
    emu.emulator.reset();
    const secretValue = "do-not-log-this-value";
    await putSecret(COLL, "LOGGED", secretValue);
    await call("GET", "/user", { token: "ghp_wrongTokenShouldNotBeLogged" });
    await call("GET", `/user?access_token=${DEMO_TOKEN}&x=1`, { token: null });
    await call("GET", `/repos/octo-org/${DEMO_TOKEN}/actions/secrets`);
    emu.emulator.injectFaults([{ kind: "server-error" }]);
    await call("GET", "/user");
    await control("GET", "state"); // control routes are not logged

    const log = (await control("GET", "log")).body;
    assert.deepEqual(
      log.map((e) => [e.method, e.status, e.fault ?? null]),
      [
        ["GET", 200, null],
        ["PUT", 201, null],
        ["GET", 401, null],
        ["GET", 401, null],
        ["GET", 404, null],
        ["GET", 502, "server-error"],
      ],
    );
    assert.equal(log[1].path, `${COLL}/LOGGED`);
    assert.equal(log[1].operationId, "actions/create-or-update-repo-secret");
    assert.equal(log[3].path, "/user?x=1");
    assert.ok(log.every((e) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(e.time)));
    const text = JSON.stringify(log);
    for (const leaked of [DEMO_TOKEN, "ghp_wrongTokenShouldNotBeLogged", secretValue, "encrypted_value"]) {
      assert.equal(text.includes(leaked), false, `log contains ${leaked}`);
    }
    assert.equal((await control("DELETE", "log")).status, 204);
    assert.deepEqual((await control("GET", "log")).body, []);
  });

  test("POST /_emulator/reset: back to the seed, fresh keys, empty log, no faults", async () => {
    await putSecret(COLL, "GONE", "v");
    const before = emu.emulator.publicKey(SCOPE);
    emu.emulator.injectFaults([{ kind: "server-error", count: 5 }]);
    assert.equal((await control("POST", "reset")).status, 204);
    assert.deepEqual(emu.emulator.faults(), []);
    assert.deepEqual(emu.emulator.log(), []);
    assert.equal(emu.emulator.getSecret(SCOPE, "GONE"), null);
    assert.notEqual(emu.emulator.publicKey(SCOPE).key_id, before.key_id);
    assert.equal((await call("GET", COLL)).body.total_count, 0);
  });

  test("GET /_emulator/state summarizes the seed", async () => {
    await putSecret("/user/codespaces/secrets", "IN_STATE", "v");
    const { status, body } = await control("GET", "state");
    assert.equal(status, 200);
    assert.equal(body.baseUrl, emu.url);
    assert.deepEqual(body.authenticatedUser, { login: "octocat", id: 583231 });
    assert.deepEqual(body.orgs, [{ login: "octo-org", id: 9919 }]);
    assert.deepEqual(
      body.repos.map((r) => [r.full_name, r.id]),
      [
        ["octo-org/hello-world", 1296269],
        ["octo-org/spoon-knife", 1300192],
        ["octo-org/docs", 1300193],
        ["octocat/dotfiles", 1300194],
      ],
    );
    assert.deepEqual(body.repos[0].environments, ["production", "staging", "prod/eu"]);
    assert.ok(body.scopes.includes(`${HELLO}/environments/prod/eu`) && body.scopes.includes("/user/codespaces"));
    assert.deepEqual(body.secrets, [{ scope: "/user/codespaces", name: "IN_STATE", updated_at: body.secrets[0].updated_at }]);
    assert.equal(JSON.stringify(body).includes(DEMO_TOKEN), false);
    assert.equal((await control("GET", "nope")).status, 404);
  });
});

