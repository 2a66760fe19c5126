// Secret hygiene of the library: the token and plaintext values never appear in
// thrown errors (message, stack, JSON, util.inspect), `HttpError.request`,
// retry/progress events or console output. Shared set-up: tests/support/hygiene.mjs;
// the CLI is in hygiene-cli.test.mjs, wasm memory and error loops in hygiene-wasm.test.mjs.
//
//   GHSEAL_PKG=target/pkg-soak node --test tests/node/hygiene*.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { HELLO, TOKEN, WRONG_TOKEN, assertClean, captureConsole, caught, marker, secrets, useHygiene } from "../support/hygiene.mjs";

const h = useHygiene();

// ----------------------------------------------------------- library errors

describe("library errors, events and console", () => {
  test("no error path shows the token or the value, and nothing is logged", async () => {
    const seen = [];
    const events = [];
    const logged = await captureConsole(async () => {
      const { publicKey, secretKey } = h.ghseal.generateKeyPair();
      const other = h.ghseal.generateKeyPair();
      const v = marker("sync");
      const expect = async (label, fn, check) => {
        const error = await caught(label, fn);
        assert.ok(["ValidationError", "DecryptionError", "HttpError"].includes(error.name), `${label}: ${error.name} ${error.message}`);
        check?.(error);
        assertClean(label, error);
        seen.push(label);
        return error;
      };
      // Synchronous functions.
      await expect("sealSecret bad key", () => h.ghseal.sealSecret("not a key", v));
      await expect("sealSecret 31-byte key", () => h.ghseal.sealSecret(new Uint8Array(31), v));
      await expect("sealSecret bad value type", () => h.ghseal.sealSecret(publicKey, { value: v }));
      await expect("openSecret wrong key", () => h.ghseal.openSecret(h.ghseal.sealSecret(publicKey, v), other.secretKey), (e) => assert.equal(e.name, "DecryptionError"));
      await expect("openSecretBytes wrong key", () => h.ghseal.openSecretBytes(h.ghseal.sealSecret(publicKey, v), other.secretKey));
      await expect("openSecret truncated", () => h.ghseal.openSecret(h.ghseal.sealSecret(publicKey, v).slice(0, 40), secretKey));
      await expect("openSecret secret key as text", () => h.ghseal.openSecret(h.ghseal.sealSecret(publicKey, v), v));
      await expect("new GitHubSecrets bad baseUrl", () => new h.ghseal.GitHubSecrets({ auth: TOKEN, baseUrl: "ftp://example.com" }));
      await expect("new GitHubSecrets bad timeout", () => new h.ghseal.GitHubSecrets({ auth: TOKEN, timeout: -1 }));
      await expect("new GitHubSecrets bad fetch", () => new h.ghseal.GitHubSecrets({ auth: TOKEN, fetch: TOKEN }));
      await expect("new GitHubSecrets bad retries", () => new h.ghseal.GitHubSecrets({ auth: TOKEN, retry: { retries: "many" } }));
      await expect("new GitHubSecrets auth not a string", () => new h.ghseal.GitHubSecrets({ auth: { token: TOKEN } }));

      // Validation in the client (nothing sent).
      const gh = h.client({ onRetry: (e) => events.push(e) });
      const put = (params) => gh.actions.createOrUpdateRepoSecret({ ...HELLO, secret_name: "HYGIENE", ...params });
      await expect("bad secret name", () => put({ secret_name: "bad name", value: marker() }));
      await expect("GITHUB_ prefix", () => put({ secret_name: "GITHUB_X", value: marker() }));
      await expect("value and encrypted_value", () => put({ value: marker(), encrypted_value: "AAAA", key_id: "1" }));
      await expect("value with key_id", () => put({ value: marker(), key_id: "1" }));
      await expect("value not a string", () => put({ value: [marker()] }));
      await expect("value over 48 KiB", () => put({ value: marker().repeat(1000) }));
      await expect("unknown parameter", () => put({ value: marker(), valeu: marker() }));
      await expect("missing repo", () => gh.actions.createOrUpdateRepoSecret({ owner: "octo-org", secret_name: "A", value: marker() }));
      await expect("bad visibility", () => gh.actions.createOrUpdateOrgSecret({ org: "octo-org", secret_name: "A", value: marker(), visibility: "public" }));
      await expect("bad route", () => gh.request(`BOGUS /user`, { value: marker() }));
      await expect("paginate a non-list", () => gh.paginate(gh.actions.createOrUpdateRepoSecret, { ...HELLO, secret_name: "A", value: marker() }));
      await expect("params not serialisable", () => put({ value: marker(), extra: 1n }));
      await expect("setSecrets bad target", () => gh.setSecrets({ app: "actions", nothing: marker() }, { A: marker() }));
      await expect("setSecrets non-string value", () => gh.setSecrets(HELLO, { A: marker(), B: 42 }));

      // HTTP errors: `request` is redacted, `response` is GitHub's.
      const http = (status) => (e) => {
        assert.equal(e.status, status, e.message);
        assert.ok(e.request?.url.startsWith(h.url), "request.url");
      };
      const redacted = (e) => assert.equal(e.request.headers.authorization, "[REDACTED]");
      await expect("401 bad credentials", () => h.client({ auth: WRONG_TOKEN }).actions.createOrUpdateRepoSecret({ ...HELLO, secret_name: "A", value: marker() }), (e) => {
        http(401)(e);
        redacted(e);
      });
      await expect("401 on request()", () => h.client({ auth: WRONG_TOKEN }).request("GET /user"), http(401));
      await expect("401 without a token", () => h.client({ auth: undefined }).actions.createOrUpdateRepoSecret({ ...HELLO, secret_name: "A", value: marker() }), http(401));
      await expect("404 unknown repository", () => put({ repo: "no-such-repo", value: marker() }), (e) => {
        http(404)(e);
        redacted(e);
      });
      await expect("404 paginate", () => gh.paginate(gh.actions.listRepoSecrets, { owner: "octo-org", repo: "nope" }), http(404));
      await expect("404 page iterator", async () => {
        for await (const page of gh.paginate.iterator(gh.actions.listRepoSecrets, { owner: "octo-org", repo: "nope" })) assert.fail(page);
      }, http(404));
      const key = (await gh.actions.getRepoPublicKey(HELLO)).data;
      await expect("422 stale key_id", () => put({ encrypted_value: h.ghseal.sealSecret(key.key, marker()), key_id: "1" }), http(422));
      await expect("422 unknown repositories", () => gh.actions.createOrUpdateOrgSecret({ org: "octo-org", secret_name: "A", value: marker(), visibility: "selected", selected_repository_ids: [999999] }), http(422));
      // No answer: network error and timeout (HttpError with status 0).
      await expect("network error", () => h.client({ baseUrl: h.closedPortUrl }).actions.createOrUpdateRepoSecret({ ...HELLO, secret_name: "A", value: marker() }), (e) => {
        assert.equal(e.code, "network");
        assert.equal(e.status, 0);
      });
      h.emulator.injectFaults([{ kind: "delay", delayMs: 400, count: 1 }]);
      await expect("timeout", () => h.client({ timeout: 50 }).actions.createOrUpdateRepoSecret({ ...HELLO, secret_name: "A", value: marker() }), (e) => assert.equal(e.code, "timeout"));
      // Retries exhausted: a 502 after one retry, and a rate limit longer than maxWait.
      h.emulator.injectFaults([{ kind: "server-error", count: 2 }]);
      await expect("502 after retries", () => h.client({ retry: { retries: 1, baseDelay: 1 }, onRetry: (e) => events.push(e) }).actions.createOrUpdateRepoSecret({ ...HELLO, secret_name: "A", value: marker() }), http(502));
      h.emulator.injectFaults([{ kind: "primary-rate-limit", count: 1, retryAfter: 3600 }]);
      await expect("rate limit beyond maxWait", () => h.client({ retry: { retries: 2, maxWait: 10 } }).actions.createOrUpdateRepoSecret({ ...HELLO, secret_name: "A", value: marker() }), http(403));
      h.emulator.clearFaults();

      // setSecrets: failures come back in the results; retried faults emit events.
      const progress = [];
      h.emulator.injectFaults([{ kind: "secondary-rate-limit", count: 1, retryAfter: 0, method: "PUT" }, { kind: "server-error", count: 1, method: "PUT" }]);
      const results = await h.client({ retry: { retries: 3, baseDelay: 1 }, onRetry: (e) => events.push(e) }).setSecrets(
        HELLO,
        { GOOD_ONE: marker(), "bad-name": marker(), GOOD_TWO: marker() },
        { onProgress: (e) => progress.push(e) },
      );
      assert.deepEqual(results.map((r) => r.status), ["created", "failed", "created"]);
      const missing = await h.client().setSecrets({ owner: "octo-org", repo: "no-such-repo" }, { A: marker(), B: marker() });
      assert.deepEqual(missing.map((r) => r.error?.status), [404, 404]);
      const offline = await h.client({ baseUrl: h.closedPortUrl }).setSecrets({ org: "octo-org" }, { A: marker() });
      assert.equal(offline[0].error?.code, "network");
      for (const [i, r] of [...results, ...missing, ...offline].entries()) assertClean(`setSecrets result ${i}`, r);
      assertClean("progress events", progress);
      assert.equal(progress.length, 3);
      assert.ok(events.length >= 3, `${events.length} retry events`);
      assertClean("retry events", events);
      // The client object itself shows no token.
      assertClean("GitHubSecrets instance", gh);
      assertClean("GitHubSecrets methods", gh.actions);
    });
    assert.ok(seen.length >= 35, `${seen.length} error paths checked`);
    assert.deepEqual(logged, [], "the library wrote to the console");
  });

  test(
    "a token that fetch would refuse as a header value is refused up front, unquoted",
    async () => {
      const [head, tail] = [`ghp_${randomBytes(10).toString("hex")}`, randomBytes(10).toString("hex")];
      secrets.add(head);
      secrets.add(tail);
      const error = await caught("newline token", async () => {
        const gh = new h.ghseal.GitHubSecrets({ auth: `${head}\n${tail}`, baseUrl: h.url, retry: { retries: 0 } });
        return gh.actions.getRepoPublicKey(HELLO);
      });
      assert.equal(error.name, "ValidationError");
      assert.equal(error.param, "auth");
      assertClean("newline token", error);
    },
  );
});
