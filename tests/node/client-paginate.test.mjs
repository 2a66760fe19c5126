// The GitHubSecrets client's pagination (gh.paginate, gh.paginate.iterator)
// across pages of the local GitHub API emulator, Octokit-style
// gh.request("VERB /route"), the `fetch` option, and the refusal to follow a
// Link header off the base URL (the token must never go to another host).
//
// Run: GHSEAL_PKG=target/pkg-client node --test tests/node/client-paginate.test.mjs

import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { DEMO_TOKEN } from "../emulator/index.mjs";
import { useEmulator } from "../support/emulator.mjs";
import { importPkg } from "../support/pkg.mjs";

const OWNER = "octo-org";
const SPOON = { owner: OWNER, repo: "spoon-knife" };
const HELLO = { owner: OWNER, repo: "hello-world" };
const FIVE = ["PAGE_A", "PAGE_B", "PAGE_C", "PAGE_D", "PAGE_E"];
const TOKEN = "ghp_stubToken_forLinkChecks_123";

let ghseal;
let server;
let emu;
let gh;

const emulatorFixture = useEmulator({ clearLog: true });
before(async () => {
  ghseal = await importPkg();
  server = (await emulatorFixture.ready).server;
  emu = server.emulator;
  gh = client();
  for (const name of FIVE) await gh.actions.createOrUpdateRepoSecret({ ...SPOON, secret_name: name, value: `v-${name}` });
});

function client(options = {}) {
  return new ghseal.GitHubSecrets({
    auth: DEMO_TOKEN,
    baseUrl: server.url,
    throttle: { minWriteInterval: 0 },
    retry: { retries: 0 },
    ...options,
  });
}

const gets = () => emu.log().filter((e) => e.method === "GET");

describe("pagination against the emulator", () => {
  test("paginate: 5 secrets, per_page 2 -> all 5 in order, 3 GETs following Link rel=next", async () => {
    const items = await gh.paginate(gh.actions.listRepoSecrets, { ...SPOON, per_page: 2 });
    assert.ok(Array.isArray(items));
    assert.deepEqual(items.map((s) => s.name), FIVE);
    for (const s of items) assert.deepEqual(Object.keys(s).sort(), ["created_at", "name", "updated_at"]);
    const log = gets();
    assert.equal(log.length, 3, JSON.stringify(log));
    const pages = log.map((e) => new URL(e.path, server.url));
    assert.ok(pages.every((u) => u.pathname === "/repos/octo-org/spoon-knife/actions/secrets"));
    assert.deepEqual(pages.map((u) => u.searchParams.get("per_page")), ["2", "2", "2"]);
    assert.deepEqual(pages.map((u) => u.searchParams.get("page") ?? "1"), ["1", "2", "3"]);
    assert.ok(log.every((e) => e.status === 200));
  });

  test("paginate.iterator: 3 responses with 2, 2, 1 items, each Octokit-shaped", async () => {
    const responses = [];
    for await (const res of gh.paginate.iterator(gh.actions.listRepoSecrets, { ...SPOON, per_page: 2 })) responses.push(res);
    assert.equal(responses.length, 3);
    assert.deepEqual(responses.map((r) => r.data.length), [2, 2, 1]);
    assert.deepEqual(responses.flatMap((r) => r.data.map((s) => s.name)), FIVE);
    for (const [i, r] of responses.entries()) {
      assert.deepEqual(Object.keys(r).sort(), ["data", "headers", "status", "url"]);
      assert.equal(r.status, 200);
      assert.ok(r.url.startsWith(`${server.url}/repos/octo-org/spoon-knife/actions/secrets?`), r.url);
      if (i > 0) assert.equal(new URL(r.url).searchParams.get("page"), String(i + 1));
      if (i < 2) assert.match(r.headers.link, /rel="next"/);
      else assert.doesNotMatch(r.headers.link ?? "", /rel="next"/);
    }
    assert.equal(gets().length, 3);
  });

  test("the iterator is lazy: breaking after the first page sends one request", async () => {
    for await (const res of gh.paginate.iterator(gh.actions.listRepoSecrets, { ...SPOON, per_page: 2 })) {
      assert.equal(res.data.length, 2);
      break;
    }
    assert.equal(gets().length, 1);
  });

  test("paginate without per_page asks for 100 per page (one request for 5 secrets)", async () => {
    const items = await gh.paginate(gh.actions.listRepoSecrets, SPOON);
    assert.equal(items.length, 5);
    const log = gets();
    assert.equal(log.length, 1);
    assert.equal(new URL(log[0].path, server.url).searchParams.get("per_page"), "100");
  });

  test("paginate starting at page 2 returns the rest", async () => {
    const items = await gh.paginate(gh.actions.listRepoSecrets, { ...SPOON, per_page: 2, page: 2 });
    assert.deepEqual(items.map((s) => s.name), FIVE.slice(2));
    assert.equal(gets().length, 2);
  });

  test("paginate an empty list: [] after one request", async () => {
    const items = await gh.paginate(gh.dependabot.listRepoSecrets, { ...SPOON, per_page: 2 });
    assert.deepEqual(items, []);
    assert.equal(gets().length, 1);
  });

  test("paginate repositories of an organization secret (items are repositories)", async () => {
    await gh.codespaces.createOrUpdateOrgSecret({
      org: OWNER,
      secret_name: "THREE_REPOS",
      value: "v",
      visibility: "selected",
      selected_repository_ids: [1296269, 1300192, 1300193],
    });
    emu.clearLog();
    const repos = await gh.paginate(gh.codespaces.listSelectedReposForOrgSecret, { org: OWNER, secret_name: "THREE_REPOS", per_page: 1 });
    assert.deepEqual(repos.map((r) => r.id), [1296269, 1300192, 1300193]);
    assert.deepEqual(repos.map((r) => r.full_name), ["octo-org/hello-world", "octo-org/spoon-knife", "octo-org/docs"]);
    assert.equal(gets().length, 3);
  });

  test("paginate the user secret's repositories (a list without per_page)", async () => {
    await gh.codespaces.createOrUpdateSecretForAuthenticatedUser({ secret_name: "USER_REPOS", value: "v", selected_repository_ids: [1300194, 1296269] });
    emu.clearLog();
    const repos = await gh.paginate(gh.codespaces.listRepositoriesForSecretForAuthenticatedUser, { secret_name: "USER_REPOS" });
    assert.deepEqual(repos.map((r) => r.id), [1296269, 1300194]);
    const log = gets();
    assert.equal(log.length, 1);
    assert.equal(new URL(log[0].path, server.url).search, "");
  });

  test("paginate of a method that does not list, or of a non-method: ValidationError param method, nothing sent", async () => {
    await assert.rejects(gh.paginate(gh.actions.getRepoPublicKey, SPOON), { name: "ValidationError", param: "method" });
    await assert.rejects(gh.paginate("listRepoSecrets", SPOON), { name: "ValidationError", param: "method" });
    await assert.rejects(async () => {
      for await (const r of gh.paginate.iterator({}, SPOON)) assert.fail(`yielded ${r}`);
    }, { name: "ValidationError", param: "method" });
    assert.equal(emu.log().length, 0);
  });

  test("a failing page rejects paginate with that page's HttpError", async () => {
    // page 1 goes through; then every request fails (retries: 0)
    const it = gh.paginate.iterator(gh.actions.listRepoSecrets, { ...SPOON, per_page: 2 })[Symbol.asyncIterator]();
    const first = await it.next();
    assert.equal(first.value.data.length, 2);
    emu.injectFaults([{ kind: "server-error", count: 5 }]);
    await assert.rejects(it.next(), { name: "HttpError", status: 502 });
    emu.clearFaults();
  });
});

describe("gh.request (Octokit route syntax)", () => {
  test('request("GET /repos/{owner}/{repo}") returns the repository and its id', async () => {
    const res = await gh.request("GET /repos/{owner}/{repo}", HELLO);
    assert.equal(res.status, 200);
    assert.equal(res.data.id, 1296269);
    assert.equal(res.data.full_name, "octo-org/hello-world");
    assert.equal(res.url, `${server.url}/repos/octo-org/hello-world`);
    assert.deepEqual(Object.keys(res).sort(), ["data", "headers", "status", "url"]);
  });

  test("request: GET /user, extra parameters go to the query, a secrets route works too", async () => {
    assert.equal((await gh.request("GET /user")).data.login, "octocat");
    const res = await gh.request("GET /repos/{owner}/{repo}/actions/secrets", { ...SPOON, per_page: 2, page: 3 });
    assert.deepEqual(res.data.secrets.map((s) => s.name), ["PAGE_E"]);
    const q = new URL(res.url).searchParams;
    assert.equal(q.get("per_page"), "2");
    assert.equal(q.get("page"), "3");
  });

  test("request: a 404 is an HttpError; a malformed route or missing parameter a ValidationError, nothing sent", async () => {
    await assert.rejects(gh.request("GET /repos/{owner}/{repo}", { owner: OWNER, repo: "missing" }), { name: "HttpError", status: 404 });
    emu.clearLog();
    await assert.rejects(gh.request("BREW /repos/{owner}/{repo}", HELLO), { name: "ValidationError", param: "route" });
    await assert.rejects(gh.request("GET repos", HELLO), { name: "ValidationError", param: "route" });
    await assert.rejects(gh.request("GET /repos/{owner}/{repo}", { owner: OWNER }), { name: "ValidationError", param: "repo" });
    assert.deepEqual(emu.log(), []);
  });

  test("request: PUT with a body (a ready encrypted_value) creates the secret", async () => {
    const { key_id, key } = (await gh.request("GET /repos/{owner}/{repo}/actions/secrets/public-key", HELLO)).data;
    const res = await gh.request("PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}", {
      ...HELLO,
      secret_name: "VIA_REQUEST",
      encrypted_value: ghseal.sealSecret(key, "raw route"),
      key_id,
    });
    assert.equal(res.status, 201);
    assert.equal(emu.getSecret("/repos/octo-org/hello-world/actions", "VIA_REQUEST").value, "raw route");
  });
});

// ---------------------------------------------------------------- stubbed fetch

/** A recording fetch stub; `answer(call)` -> { status, body, headers }. */
function stub(answer) {
  const calls = [];
  const fetch = async (url, init = {}) => {
    calls.push({ url: String(url), method: init.method, headers: { ...init.headers } });
    const { status = 200, body, headers = {} } = answer(calls.at(-1));
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
  };
  return { fetch, calls };
}

describe("the fetch option and foreign Link URLs", () => {
  test("a custom fetch is used for every request (and the global fetch is not)", async () => {
    const seen = [];
    const fetch = (url, init) => {
      seen.push(`${init.method} ${new URL(url).pathname}`);
      return globalThis.fetch(url, init);
    };
    const original = globalThis.fetch;
    let globalCalls = 0;
    globalThis.fetch = (...args) => {
      globalCalls++;
      return original(...args);
    };
    try {
      const custom = new ghseal.GitHubSecrets({ auth: DEMO_TOKEN, baseUrl: server.url, fetch, throttle: { minWriteInterval: 0 } });
      await custom.dependabot.createOrUpdateRepoSecret({ ...HELLO, secret_name: "CUSTOM_FETCH", value: "f" });
      const items = await custom.paginate(custom.actions.listRepoSecrets, { ...SPOON, per_page: 2 });
      assert.equal(items.length, 5);
      assert.equal(globalCalls, seen.length, "the custom fetch delegates to the global one exactly once per request");
    } finally {
      globalThis.fetch = original;
    }
    assert.deepEqual(seen.slice(0, 2), [
      "GET /repos/octo-org/hello-world/dependabot/secrets/public-key",
      "PUT /repos/octo-org/hello-world/dependabot/secrets/CUSTOM_FETCH",
    ]);
    assert.equal(seen.length, 5);
    assert.equal(emu.getSecret("/repos/octo-org/hello-world/dependabot", "CUSTOM_FETCH").value, "f");
  });

  test("a non-function fetch option is refused", () => {
    assert.throws(() => new ghseal.GitHubSecrets({ fetch: "https://example.com" }), { name: "ValidationError", param: "fetch" });
  });

  const FOREIGN = [
    ["another host", "https://api.example.test", "https://evil.example/repos/o/r/actions/secrets?page=2"],
    ["a host that only starts like the base", "https://api.example.test", "https://api.example.test.evil.example/repos/o/r/actions/secrets?page=2"],
    ["another port", "http://127.0.0.1:1234", "http://127.0.0.1:12345/repos/o/r/actions/secrets?page=2"],
    ["http instead of https", "https://api.example.test", "http://api.example.test/repos/o/r/actions/secrets?page=2"],
    ["outside a GHES base path", "https://ghe.example/api/v3", "https://ghe.example/api/v3evil/repos/o/r/actions/secrets?page=2"],
    ["credentials in the URL", "https://api.example.test", "https://api.example.test@evil.example/repos/o/r/actions/secrets?page=2"],
  ];
  for (const [label, base, next] of FOREIGN) {
    test(`a Link next URL on ${label} is refused: ValidationError param url, no request to it`, async () => {
      const { fetch, calls } = stub(() => ({
        body: { total_count: 4, secrets: [{ name: "A", created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z" }] },
        headers: { link: `<${next}>; rel="next", <${next.replace("page=2", "page=4")}>; rel="last"` },
      }));
      const stubbed = new ghseal.GitHubSecrets({ auth: TOKEN, baseUrl: base, fetch, retry: { retries: 0 } });
      await assert.rejects(stubbed.paginate(stubbed.actions.listRepoSecrets, { owner: "o", repo: "r", per_page: 1 }), (error) => {
        assert.equal(error.name, "ValidationError");
        assert.equal(error.param, "url");
        assert.ok(!JSON.stringify(error).includes(TOKEN));
        return true;
      });
      assert.equal(calls.length, 1, calls.map((c) => c.url).join(", "));
      assert.ok(calls[0].url.startsWith(`${base}/repos/o/r/actions/secrets`));

      // the iterator yields the first page, then refuses the foreign one
      const pages = [];
      await assert.rejects(async () => {
        for await (const page of stubbed.paginate.iterator(stubbed.actions.listRepoSecrets, { owner: "o", repo: "r", per_page: 1 })) pages.push(page);
      }, { name: "ValidationError", param: "url" });
      assert.equal(pages.length, 1);
      assert.equal(calls.length, 2);
      assert.ok(calls.every((c) => c.url.startsWith(`${base}/`)));
    });
  }

  test("a Link next URL under the base URL is followed (GHES base path), with the token", async () => {
    const base = "https://ghe.example/api/v3";
    const { fetch, calls } = stub((call) => {
      const page = new URL(call.url).searchParams.get("page") ?? "1";
      const item = { name: `S${page}`, created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z" };
      const headers = page === "1" ? { link: `<${base}/repositories/1/actions/secrets?per_page=1&page=2>; rel="next"` } : {};
      return { body: { total_count: 2, secrets: [item] }, headers };
    });
    const stubbed = new ghseal.GitHubSecrets({ auth: TOKEN, baseUrl: `${base}/`, fetch });
    const items = await stubbed.paginate(stubbed.actions.listRepoSecrets, { owner: "o", repo: "r", per_page: 1 });
    assert.deepEqual(items.map((s) => s.name), ["S1", "S2"]);
    assert.deepEqual(calls.map((c) => c.url), [
      `${base}/repos/o/r/actions/secrets?per_page=1`,
      `${base}/repositories/1/actions/secrets?per_page=1&page=2`,
    ]);
    assert.ok(calls.every((c) => c.headers.authorization === `Bearer ${TOKEN}`));
  });

  test("a Link header pointing back at the same page does not loop forever: it is a pagination error", async () => {
    const base = "https://api.example.test";
    const { fetch, calls } = stub(() => ({
      body: { total_count: 1, secrets: [{ name: "LOOP", created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z" }] },
      headers: { link: `<${base}/repos/o/r/actions/secrets?per_page=1&page=2>; rel="next"` },
    }));
    const stubbed = new ghseal.GitHubSecrets({ auth: TOKEN, baseUrl: base, fetch });
    await assert.rejects(stubbed.paginate(stubbed.actions.listRepoSecrets, { owner: "o", repo: "r", per_page: 1 }), { name: "HttpError", code: "pagination", message: /pagination cycle/ });
    assert.equal(calls.length, 2, "page 1, then page 2 once; its link to itself is not followed");
  });
});
