// Hostile and broken servers (issue #15), rate limits (item 7): Retry-After is parsed as
// RFC 9110 says - delta-seconds and HTTP-dates are honoured; negative, fractional and
// garbage values count as absent; waits beyond maxWait return the error.
// Played against the BUILT package (local node:http servers on 127.0.0.1, port 0 only).
//
// Run: GHSEAL_PKG=pkg node --test tests/node/hostile-retry-after.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { OWNER, REPO, useHostile } from "../support/hostile.mjs";
import { sendJson, serve } from "../support/local-server.mjs";

const hostile = useHostile();
const client = hostile.client;

describe("item 7: Retry-After is parsed as RFC 9110 says", () => {
  /** One 403 secondary-rate-limit answer with `retryAfter`, then 200; resolves the onRetry events or the error. */
  async function once403(retryAfter, retry = {}) {
    let n = 0;
    const server = await serve(async (req, res) => {
      n += 1;
      if (n === 1) return sendJson(res, 403, { message: "You have exceeded a secondary rate limit." }, { "retry-after": retryAfter });
      sendJson(res, 200, { total_count: 0, secrets: [] });
    });
    const events = [];
    try {
      const gh = client(server.url, { retry: { retries: 2, secondaryRateLimitWait: 7, maxWait: 5000, ...retry }, onRetry: (e) => events.push(e) });
      const result = await gh.actions.listRepoSecrets({ owner: OWNER, repo: REPO }).then((r) => r, (e) => e);
      return { events, result, requests: server.requests.length };
    } finally {
      await server.close();
    }
  }

  test("delta-seconds and HTTP-dates are honoured", async () => {
    assert.deepEqual((await once403("1")).events.map((e) => [e.reason, e.waitMs]), [["secondary-rate-limit", 1000]]);
    const past = await once403(new Date(Date.now() - 60_000).toUTCString());
    assert.deepEqual(past.events.map((e) => e.waitMs), [0], "a date in the past: retry at once");
    const soon = await once403(new Date(Date.now() + 2000).toUTCString());
    assert.equal(soon.events.length, 1);
    assert.ok(soon.events[0].waitMs > 0 && soon.events[0].waitMs <= 2000, `waited ${soon.events[0].waitMs} ms for a date 2 s ahead`);
    assert.equal(soon.result.status, 200);
  });

  test("negative, fractional and garbage values count as absent (the fallback wait); huge ones exceed maxWait", async () => {
    for (const value of ["-5", "1.5", "soon", "", "5s"]) {
      const { events, result } = await once403(value);
      assert.deepEqual(events.map((e) => e.waitMs), [7], `retry-after: ${JSON.stringify(value)}`);
      assert.equal(result.status, 200);
    }
    for (const value of ["99999999999999999999999", "86400", new Date(Date.now() + 86_400_000).toUTCString()]) {
      const { events, result, requests } = await once403(value);
      assert.equal(events.length, 0, `retry-after: ${value} is beyond maxWait`);
      assert.equal(result.status, 403);
      assert.equal(requests, 1);
    }
  });
});
