// The GitHubSecrets client's resilience against the local GitHub API emulator:
// key rotation (re-seal and retry), secondary and primary rate limits
// (retry-after, x-ratelimit-reset), 5xx backoff, network errors, timeouts,
// and write throttling. Timing is the point here, so waits are real but short.
//
// Run: GHSEAL_PKG=target/pkg-client node --test tests/node/client-retry.test.mjs

import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { DEMO_TOKEN } from "../emulator/index.mjs";
import { useEmulator } from "../support/emulator.mjs";
import { closedPortUrl } from "../support/local-server.mjs";
import { importPkg } from "../support/pkg.mjs";

const REPO_PARAMS = { owner: "octo-org", repo: "hello-world" };
const REPO_SCOPE = "/repos/octo-org/hello-world/actions";
const KEY_PATH = "/repos/octo-org/hello-world/actions/secrets/public-key";

let ghseal;
let server;
let emu;

const emulatorFixture = useEmulator({ clearLog: true, clearFaults: true });
before(async () => {
  ghseal = await importPkg();
  server = (await emulatorFixture.ready).server;
  emu = server.emulator;
});

/** A client recording its onRetry events in `events`. */
function client(options = {}) {
  const events = [];
  const gh = new ghseal.GitHubSecrets({
    auth: DEMO_TOKEN,
    baseUrl: server.url,
    throttle: { minWriteInterval: 0 },
    retry: { retries: 3, baseDelay: 10, secondaryRateLimitWait: 50 },
    onRetry: (event) => events.push(event),
    ...options,
  });
  return { gh, events };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function waitFor(predicate, ms = 3000) {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error("waitFor: timed out");
    await sleep(20);
  }
}
const statuses = () => emu.log().map((e) => e.status);

describe("key rotation", () => {
  test("a cached key that was rotated: the value is sealed again with the new key and sent once more", async () => {
    const { gh, events } = client();
    const first = await gh.actions.createOrUpdateRepoSecret({ ...REPO_PARAMS, secret_name: "ROTATING", value: "before rotation" });
    assert.equal(first.status, 201);
    const oldKey = emu.getSecret(REPO_SCOPE, "ROTATING").key_id;
    const rotated = emu.rotateKey(REPO_SCOPE);
    assert.notEqual(rotated.key_id, oldKey);
    emu.clearLog();

    const second = await gh.actions.createOrUpdateRepoSecret({ ...REPO_PARAMS, secret_name: "ROTATING", value: "after rotation ✓" });
    assert.equal(second.status, 204);
    const stored = emu.getSecret(REPO_SCOPE, "ROTATING");
    assert.equal(stored.value, "after rotation ✓");
    assert.equal(stored.key_id, rotated.key_id);
    // PUT with the cached (stale) key -> 422, fetch the key again, PUT again
    assert.deepEqual(emu.log().map((e) => `${e.method} ${e.status}`), ["PUT 422", "GET 200", "PUT 204"]);
    assert.equal(events.length, 1);
    assert.equal(events[0].reason, "key-rotated");
    assert.equal(events[0].status, 422);
    assert.equal(events[0].method, "PUT");
    assert.equal(events[0].url, `${server.url}/repos/octo-org/hello-world/actions/secrets/ROTATING`);
    assert.equal(events[0].attempt, 1);

    // the new key is cached: the next write needs no key lookup
    emu.clearLog();
    await gh.actions.createOrUpdateRepoSecret({ ...REPO_PARAMS, secret_name: "ROTATING", value: "third" });
    assert.deepEqual(emu.log().map((e) => `${e.method} ${e.status}`), ["PUT 204"]);
  });

  test("keys are cached per scope: a rotation in one scope does not disturb another", async () => {
    const { gh, events } = client();
    await gh.dependabot.createOrUpdateRepoSecret({ ...REPO_PARAMS, secret_name: "SCOPED", value: "d1" });
    await gh.codespaces.createOrUpdateRepoSecret({ ...REPO_PARAMS, secret_name: "SCOPED", value: "c1" });
    emu.rotateKey("/repos/octo-org/hello-world/dependabot");
    emu.clearLog();
    await gh.codespaces.createOrUpdateRepoSecret({ ...REPO_PARAMS, secret_name: "SCOPED", value: "c2" });
    assert.deepEqual(statuses(), [204]);
    await gh.dependabot.createOrUpdateRepoSecret({ ...REPO_PARAMS, secret_name: "SCOPED", value: "d2" });
    assert.deepEqual(statuses(), [204, 422, 200, 204]);
    assert.deepEqual(events.map((e) => e.reason), ["key-rotated"]);
    assert.equal(emu.getSecret("/repos/octo-org/hello-world/dependabot", "SCOPED").value, "d2");
    assert.equal(emu.getSecret("/repos/octo-org/hello-world/codespaces", "SCOPED").value, "c2");
  });
});

describe("rate limits", () => {
  test("secondary rate limit with retry-after: 1 -> waits ~1 s, then succeeds", async () => {
    const { gh, events } = client();
    emu.injectFaults([{ kind: "secondary-rate-limit", retryAfter: 1, pathPrefix: KEY_PATH }]);
    const started = Date.now();
    const res = await gh.actions.getRepoPublicKey(REPO_PARAMS);
    const elapsed = Date.now() - started;
    assert.equal(res.status, 200);
    assert.ok(elapsed >= 950, `waited ${elapsed} ms`);
    assert.ok(elapsed < 5000, `waited ${elapsed} ms`);
    assert.equal(events.length, 1);
    assert.deepEqual(
      { reason: events[0].reason, status: events[0].status, waitMs: events[0].waitMs, attempt: events[0].attempt, method: events[0].method },
      { reason: "secondary-rate-limit", status: 403, waitMs: 1000, attempt: 1, method: "GET" },
    );
    assert.equal(events[0].url, `${server.url}${KEY_PATH}`);
    assert.deepEqual(statuses(), [403, 200]);
  });

  test("429 with retry-after: 1 -> secondary-rate-limit retry after 1000 ms", async () => {
    const { gh, events } = client();
    emu.injectFaults([{ kind: "rate-limit-429", retryAfter: 1 }]);
    const started = Date.now();
    const res = await gh.dependabot.listRepoSecrets(REPO_PARAMS);
    const elapsed = Date.now() - started;
    assert.equal(res.status, 200);
    assert.ok(elapsed >= 950, `waited ${elapsed} ms`);
    assert.deepEqual(events.map((e) => [e.reason, e.status, e.waitMs]), [["secondary-rate-limit", 429, 1000]]);
    assert.deepEqual(statuses(), [429, 200]);
  });

  test("primary rate limit (x-ratelimit-remaining: 0) -> waits until x-ratelimit-reset", async () => {
    emu.injectFaults([{ kind: "primary-rate-limit", retryAfter: 1 }]);
    let reset;
    const fetch = async (url, init) => {
      const response = await globalThis.fetch(url, init);
      if (response.status === 403) reset = Number(response.headers.get("x-ratelimit-reset"));
      return response;
    };
    const { gh, events } = client({ fetch });
    const res = await gh.codespaces.getPublicKeyForAuthenticatedUser();
    const done = Date.now();
    assert.equal(res.status, 200);
    assert.ok(Number.isInteger(reset), "the 403 carried x-ratelimit-reset");
    assert.ok(done >= reset * 1000, `retried at ${done}, before the reset ${reset * 1000}`);
    assert.equal(events.length, 1);
    assert.equal(events[0].reason, "rate-limit");
    assert.equal(events[0].status, 403);
    assert.ok(events[0].waitMs >= 1000 && events[0].waitMs <= 3100, `waitMs ${events[0].waitMs}`);
    assert.deepEqual(statuses(), [403, 200]);
  });

  test("a rate-limit wait longer than maxWait is not waited for: the 403 is returned at once", async () => {
    const { gh, events } = client({ retry: { retries: 3, maxWait: 500 } });
    emu.injectFaults([{ kind: "primary-rate-limit", retryAfter: 60 }]);
    const started = Date.now();
    await assert.rejects(gh.actions.getRepoPublicKey(REPO_PARAMS), (error) => {
      assert.equal(error.name, "HttpError");
      assert.equal(error.status, 403);
      assert.equal(error.response.headers["x-ratelimit-remaining"], "0");
      assert.match(error.response.data.message, /API rate limit exceeded/);
      return true;
    });
    assert.ok(Date.now() - started < 1000);
    assert.deepEqual(events, []);
    assert.deepEqual(statuses(), [403]);
  });

  test("a retry-after longer than maxWait is not waited for", async () => {
    const { gh, events } = client({ retry: { retries: 3, maxWait: 1000 } });
    emu.injectFaults([{ kind: "secondary-rate-limit", retryAfter: 5 }]);
    const started = Date.now();
    await assert.rejects(gh.actions.listRepoSecrets(REPO_PARAMS), { name: "HttpError", status: 403 });
    assert.ok(Date.now() - started < 1000);
    assert.deepEqual(events, []);
    assert.deepEqual(statuses(), [403]);
  });

  test("a secondary rate limit without retry-after waits secondaryRateLimitWait, doubled per attempt", async () => {
    let calls = 0;
    const fetch = async () => {
      calls++;
      if (calls <= 2) {
        return new Response(JSON.stringify({ message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." }), {
          status: 403,
          headers: { "content-type": "application/json" },
        });
      }
      return new Response(JSON.stringify({ total_count: 0, secrets: [] }), { status: 200, headers: { "content-type": "application/json" } });
    };
    const { gh, events } = client({ fetch, retry: { retries: 3, secondaryRateLimitWait: 40 } });
    const started = Date.now();
    const res = await gh.actions.listRepoSecrets(REPO_PARAMS);
    assert.equal(res.status, 200);
    assert.ok(Date.now() - started >= 115, `waited ${Date.now() - started} ms`);
    assert.deepEqual(events.map((e) => [e.reason, e.attempt, e.waitMs]), [["secondary-rate-limit", 1, 40], ["secondary-rate-limit", 2, 80]]);
    assert.equal(calls, 3);
  });

  test("an onRetry callback that throws does not break the request", async () => {
    let seen = 0;
    const { gh } = client({
      onRetry: () => {
        seen++;
        throw new Error("listener failure");
      },
    });
    emu.injectFaults([{ kind: "server-error" }]);
    const res = await gh.actions.listRepoSecrets(REPO_PARAMS);
    assert.equal(res.status, 200);
    assert.equal(seen, 1);
  });

  test("a plain 403 (not a rate limit) is final", async () => {
    let calls = 0;
    const fetch = async () => {
      calls++;
      return new Response(JSON.stringify({ message: "Resource not accessible by integration" }), { status: 403, headers: { "content-type": "application/json" } });
    };
    const { gh, events } = client({ fetch });
    await assert.rejects(gh.actions.listOrgSecrets({ org: "octo-org" }), { name: "HttpError", status: 403 });
    assert.deepEqual(events, []);
    assert.equal(calls, 1);
  });
});

describe("server errors, network errors, timeouts", () => {
  test("502 then success: retried after baseDelay", async () => {
    const { gh, events } = client();
    emu.injectFaults([{ kind: "server-error", count: 1 }]);
    const res = await gh.actions.listRepoSecrets(REPO_PARAMS);
    assert.equal(res.status, 200);
    assert.deepEqual(statuses(), [502, 200]);
    assert.deepEqual(events.map((e) => [e.reason, e.status, e.attempt, e.waitMs]), [["server-error", 502, 1, 10]]);
  });

  test("502 forever: HttpError 502 after retries + 1 attempts, exponential backoff", async () => {
    const { gh, events } = client({ retry: { retries: 2, baseDelay: 10 } });
    emu.injectFaults([{ kind: "server-error", count: 50 }]);
    await assert.rejects(gh.dependabot.getOrgPublicKey({ org: "octo-org" }), (error) => {
      assert.equal(error.name, "HttpError");
      assert.equal(error.status, 502);
      assert.equal(error.response.data.message, "Server Error");
      return true;
    });
    assert.deepEqual(statuses(), [502, 502, 502]);
    assert.deepEqual(events.map((e) => [e.reason, e.attempt, e.waitMs]), [["server-error", 1, 10], ["server-error", 2, 20]]);
  });

  test("a write (PUT with value) that meets a 502 is retried and stored once", async () => {
    const { gh, events } = client();
    await gh.actions.getRepoPublicKey(REPO_PARAMS); // not needed by the PUT, but keeps the log short
    emu.clearLog();
    emu.injectFaults([{ kind: "server-error", method: "PUT" }]);
    const res = await gh.actions.createOrUpdateRepoSecret({ ...REPO_PARAMS, secret_name: "AFTER_502", value: "ok" });
    assert.equal(res.status, 201);
    assert.equal(emu.getSecret(REPO_SCOPE, "AFTER_502").value, "ok");
    assert.deepEqual(emu.log().filter((e) => e.method === "PUT").map((e) => e.status), [502, 201]);
    assert.deepEqual(events.map((e) => e.reason), ["server-error"]);
  });

  test("a dropped connection (network error) is retried", async () => {
    const { gh, events } = client();
    emu.injectFaults([{ kind: "network-error" }]);
    const res = await gh.codespaces.listRepoSecrets(REPO_PARAMS);
    assert.equal(res.status, 200);
    assert.deepEqual(statuses(), [null, 200]);
    assert.equal(events.length, 1);
    assert.equal(events[0].reason, "network-error");
    assert.equal(events[0].status, 0);
  });

  test("network errors until retries are exhausted: HttpError code network, status 0", async () => {
    const { gh, events } = client({ retry: { retries: 1, baseDelay: 5 } });
    emu.injectFaults([{ kind: "network-error", count: 10 }]);
    await assert.rejects(gh.actions.getOrgPublicKey({ org: "octo-org" }), (error) => {
      assert.equal(error.name, "HttpError");
      assert.equal(error.code, "network");
      assert.equal(error.status, 0);
      assert.equal(error.request.method, "GET");
      assert.equal(error.request.url, `${server.url}/orgs/octo-org/actions/secrets/public-key`);
      return true;
    });
    assert.deepEqual(statuses(), [null, null]);
    assert.equal(events.length, 1);
  });

  test("a connection refused (nothing listening) is a network error", async () => {
    const { gh, events } = client({ baseUrl: await closedPortUrl(), retry: { retries: 1, baseDelay: 1 } });
    await assert.rejects(gh.actions.listRepoSecrets(REPO_PARAMS), { name: "HttpError", code: "network", status: 0 });
    assert.equal(events.length, 1);
  });

  test("a timeout, once, then success", async () => {
    const { gh, events } = client({ timeout: 150 });
    emu.injectFaults([{ kind: "delay", delayMs: 600 }]);
    const res = await gh.actions.listRepoSecrets(REPO_PARAMS);
    assert.equal(res.status, 200);
    assert.equal(events.length, 1);
    assert.equal(events[0].reason, "network-error");
    assert.equal(events[0].status, 0);
    // the abandoned request is logged when its delayed answer is written: wait for it
    await waitFor(() => emu.log().some((e) => e.fault === "delay"));
  });

  test("timeouts until retries are exhausted: HttpError code timeout, status 0", async () => {
    const { gh, events } = client({ timeout: 100, retry: { retries: 1, baseDelay: 5 } });
    emu.injectFaults([{ kind: "delay", delayMs: 700, count: 2 }]);
    const started = Date.now();
    await assert.rejects(gh.actions.listRepoSecrets(REPO_PARAMS), (error) => {
      assert.equal(error.name, "HttpError");
      assert.equal(error.code, "timeout");
      assert.equal(error.status, 0);
      assert.equal(error.request.method, "GET");
      return true;
    });
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 200 && elapsed < 700, `gave up after ${elapsed} ms`);
    assert.equal(events.length, 1);
    // both attempts reached the emulator (logged once their delayed answers were written)
    await waitFor(() => emu.log().length >= 2);
    assert.deepEqual(emu.log().map((e) => e.fault), ["delay", "delay"]);
  });

  test("a 4xx other than rate limits is never retried", async () => {
    const { gh, events } = client();
    await assert.rejects(gh.actions.getRepoSecret({ ...REPO_PARAMS, secret_name: "ABSENT" }), { status: 404 });
    assert.deepEqual(statuses(), [404]);
    assert.deepEqual(events, []);
  });
});

describe("write throttling", () => {
  /** Wraps global fetch, recording when each request started. */
  function timedFetch() {
    const starts = [];
    const fetch = (url, init) => {
      starts.push({ method: init.method, url: String(url), at: Date.now() });
      return globalThis.fetch(url, init);
    };
    return { fetch, starts };
  }
  const gaps = (list) => list.slice(1).map((s, i) => s.at - list[i].at);

  test("by default (minWriteInterval 1000) consecutive writes start >= ~1 s apart", async () => {
    const { fetch, starts } = timedFetch();
    const gh = new ghseal.GitHubSecrets({ auth: DEMO_TOKEN, baseUrl: server.url, fetch });
    await gh.actions.createOrUpdateRepoSecret({ ...REPO_PARAMS, secret_name: "THROTTLED_A", value: "a" });
    await gh.actions.createOrUpdateRepoSecret({ ...REPO_PARAMS, secret_name: "THROTTLED_B", value: "b" });
    const puts = starts.filter((s) => s.method === "PUT");
    assert.equal(puts.length, 2);
    for (const gap of gaps(puts)) assert.ok(gap >= 950, `writes ${gap} ms apart`);
    assert.equal(emu.getSecret(REPO_SCOPE, "THROTTLED_B").value, "b");
  });

  test("concurrent writes are serialised and spaced; reads are not throttled", async () => {
    const { fetch, starts } = timedFetch();
    const gh = new ghseal.GitHubSecrets({ auth: DEMO_TOKEN, baseUrl: server.url, fetch, throttle: { minWriteInterval: 600 } });
    await gh.actions.getRepoPublicKey(REPO_PARAMS);
    const started = Date.now();
    await Promise.all([
      gh.actions.createOrUpdateRepoSecret({ ...REPO_PARAMS, secret_name: "PAR_A", value: "a" }),
      gh.actions.createOrUpdateRepoSecret({ ...REPO_PARAMS, secret_name: "PAR_B", value: "b" }),
      gh.actions.listRepoSecrets(REPO_PARAMS),
      gh.actions.getRepoPublicKey(REPO_PARAMS),
    ]);
    const puts = starts.filter((s) => s.method === "PUT");
    assert.equal(puts.length, 2);
    for (const gap of gaps(puts)) assert.ok(gap >= 580, `writes ${gap} ms apart`);
    // the list, the explicit key read, and the key lookups of the two writes
    const reads = starts.filter((s) => s.method === "GET" && s.at >= started);
    assert.ok(reads.length >= 2, `${reads.length} reads`);
    for (const r of reads) assert.ok(r.at - started < 500, `read delayed ${r.at - started} ms`);
  });

  test("minWriteInterval: 0 does not delay writes", async () => {
    const { fetch, starts } = timedFetch();
    const gh = new ghseal.GitHubSecrets({ auth: DEMO_TOKEN, baseUrl: server.url, fetch, throttle: { minWriteInterval: 0 } });
    const started = Date.now();
    for (const name of ["FAST_A", "FAST_B", "FAST_C"]) {
      await gh.actions.createOrUpdateRepoSecret({ ...REPO_PARAMS, secret_name: name, value: name });
    }
    await gh.actions.deleteRepoSecret({ ...REPO_PARAMS, secret_name: "FAST_A" });
    const elapsed = Date.now() - started;
    assert.equal(starts.filter((s) => s.method !== "GET").length, 4);
    assert.ok(elapsed < 2000, `4 writes took ${elapsed} ms (throttled would be >= 3000)`);
  });
});
