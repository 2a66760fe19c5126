// Hostile and broken servers (issue #15), pagination: a Link cycle and endless pages stop
// with an error (maxPages, default 1000) (item 2); a Link next cannot climb out of the base
// path, and dot segments under it are normalised (item 4). Played against the BUILT
// package by a local list server (127.0.0.1, port 0 only).
//
// Run: GHSEAL_PKG=pkg node --test tests/node/hostile-pagination.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { OWNER, REPO, rejection, useHostile } from "../support/hostile.mjs";
import { sendJson, serve } from "../support/local-server.mjs";

const hostile = useHostile();
const client = hostile.client;

/** A list server: `answer(url, n)` -> { secrets, next } for the n-th request (1-based). */
async function listServer(answer) {
  let n = 0;
  const server = await serve(async (req, res) => {
    n += 1;
    const { secrets = [], next } = answer(req.url, n, server);
    const headers = next ? { link: `<${next}>; rel="next"` } : {};
    sendJson(res, 200, { total_count: secrets.length, secrets }, headers);
  });
  return server;
}

const secretItem = (name) => ({ name, created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z" });
const LIST_PATH = `/repos/${OWNER}/${REPO}/actions/secrets`;

describe("item 2: pagination stops on a cycle and at a page cap", () => {
  test("page 1 -> page 2 -> page 1 is an error that says so (paginate and paginate.iterator)", async () => {
    const server = await listServer((url, n, s) =>
      url.includes("page=2") ? { secrets: [secretItem("B")], next: `${s.url}${LIST_PATH}?per_page=100` } : { secrets: [secretItem("A")], next: `${s.url}${LIST_PATH}?per_page=100&page=2` },
    );
    try {
      const gh = client(server.url);
      const error = await rejection(gh.paginate(gh.actions.listRepoSecrets, { owner: OWNER, repo: REPO }));
      assert.equal(error.name, "HttpError");
      assert.equal(error.code, "pagination");
      assert.match(error.message, /pagination cycle/);
      assert.equal(server.requests.length, 2);
      const seen = [];
      const iterError = await rejection((async () => {
        for await (const page of gh.paginate.iterator(gh.actions.listRepoSecrets, { owner: OWNER, repo: REPO, per_page: 100 })) seen.push(page.data.map((s) => s.name));
      })());
      assert.equal(iterError.code, "pagination");
      assert.deepEqual(seen, [["A"], ["B"]], "both pages were yielded before the error");
      assert.equal(server.requests.length, 4);
    } finally {
      await server.close();
    }
  });

  test("always-empty pages whose next changes forever hit maxPages (and the default cap of 1000)", async () => {
    const server = await listServer((url, n, s) => ({ secrets: [], next: `${s.url}${LIST_PATH}?per_page=100&cursor=${n}x` }));
    try {
      const gh = client(server.url, { maxPages: 25 });
      const error = await rejection(gh.paginate(gh.actions.listRepoSecrets, { owner: OWNER, repo: REPO }));
      assert.equal(error.code, "pagination");
      assert.match(error.message, /stopped after 25 pages \(maxPages\)/);
      assert.equal(server.requests.length, 25);
      const byDefault = await rejection(client(server.url).paginate(client(server.url).actions.listRepoSecrets, { owner: OWNER, repo: REPO }));
      assert.match(byDefault.message, /stopped after 1000 pages/);
      assert.equal(server.requests.length, 25 + 1000);
      assert.throws(() => client(server.url, { maxPages: "many" }), { name: "ValidationError", param: "maxPages" });
    } finally {
      await server.close();
    }
  });
});

// ------------------------------------------------------------------ item 4 (Link)

describe("item 4: a Link next cannot climb out of the base path", () => {
  test("`..` and `%2e%2e` in a next URL are refused before any request", async () => {
    for (const escape of ["/api/v3/../../other/secrets?page=2", "/api/v3/%2e%2e/%2E%2E/other/secrets?page=2", "/api/v3/.%2e/other?page=2"]) {
      const server = await listServer((url, n, s) => (url.startsWith("/api/v3/") ? { secrets: [secretItem("A")], next: `${s.url}${escape}` } : { secrets: [secretItem("LEAKED")] }));
      try {
        const gh = client(`${server.url}/api/v3`);
        const error = await rejection(gh.paginate(gh.actions.listRepoSecrets, { owner: OWNER, repo: REPO }));
        assert.equal(error.name, "ValidationError", escape);
        assert.equal(error.param, "url");
        assert.deepEqual(server.requests.map((r) => r.url.split("?")[0]), [`/api/v3${LIST_PATH}`], `${escape}: no request left /api/v3`);
      } finally {
        await server.close();
      }
    }
  });

  test("a next with dot segments that stays under the base path is followed, normalised", async () => {
    const server = await listServer((url, n, s) => (n === 1 ? { secrets: [secretItem("A")], next: `${s.url}/api/v3/x/..${LIST_PATH}?per_page=100&page=2` } : { secrets: [secretItem("B")] }));
    try {
      const gh = client(`${server.url}/api/v3`);
      const items = await gh.paginate(gh.actions.listRepoSecrets, { owner: OWNER, repo: REPO });
      assert.deepEqual(items.map((s) => s.name), ["A", "B"]);
      assert.equal(server.requests[1].url, `/api/v3${LIST_PATH}?per_page=100&page=2`);
    } finally {
      await server.close();
    }
  });
});
