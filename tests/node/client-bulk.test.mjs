// gh.setSecrets(target, { NAME: value }, { concurrency, dryRun, onProgress })
// against the local GitHub API emulator: repository, environment,
// organization (visibility selected; Dependabot's ids as strings) and
// Codespaces user targets; results in input order with created/updated;
// one bad name fails alone; dry runs send no write; progress events.
//
// Run: GHSEAL_PKG=target/pkg-client node --test tests/node/client-bulk.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DEMO_TOKEN } from "../emulator/index.mjs";
import { useClient } from "../support/client.mjs";

const OWNER = "octo-org";
const HELLO = { owner: OWNER, repo: "hello-world" };
const HELLO_ID = 1296269;
const SPOON_ID = 1300192;

const h = useClient({ clearLog: true });

/** A client whose requests (method, path, parsed body) are recorded by a wrapper around the global fetch. */
function client(options = {}) {
  const requests = [];
  const events = [];
  const fetch = (url, init) => {
    requests.push({ method: init.method, path: new URL(url).pathname, body: init.body === undefined ? undefined : JSON.parse(init.body) });
    return globalThis.fetch(url, init);
  };
  const gh = new h.ghseal.GitHubSecrets({
    auth: DEMO_TOKEN,
    baseUrl: h.url,
    fetch,
    throttle: { minWriteInterval: 0 },
    retry: { retries: 1, baseDelay: 5 },
    onRetry: (e) => events.push(e),
    ...options,
  });
  return { gh, requests, events };
}

const summary = (results) => results.map((r) => [r.secret_name, r.status]);
const puts = () => h.emulator.log().filter((e) => e.method === "PUT");

describe("setSecrets", () => {
  test("repository: results in input order, created then updated, values decrypt, one key lookup", async () => {
    const { gh, requests } = client();
    const first = await gh.setSecrets(HELLO, { BULK_B: "bee", BULK_A: "ay", BULK_C: "sea ✓" });
    assert.deepEqual(summary(first), [["BULK_B", "created"], ["BULK_A", "created"], ["BULK_C", "created"]]);
    for (const r of first) assert.deepEqual(Object.keys(r).sort(), ["secret_name", "status"]);
    const scope = "/repos/octo-org/hello-world/actions";
    assert.equal(h.emulator.getSecret(scope, "BULK_A").value, "ay");
    assert.equal(h.emulator.getSecret(scope, "BULK_B").value, "bee");
    assert.equal(h.emulator.getSecret(scope, "BULK_C").value, "sea ✓");
    assert.equal(requests.filter((r) => r.path.endsWith("/public-key")).length, 1);

    const second = await gh.setSecrets(HELLO, { BULK_NEW: "n", BULK_A: "ay2" }, { concurrency: 1 });
    assert.deepEqual(summary(second), [["BULK_NEW", "created"], ["BULK_A", "updated"]]);
    assert.equal(h.emulator.getSecret(scope, "BULK_A").value, "ay2");
    assert.equal(requests.filter((r) => r.path.endsWith("/public-key")).length, 1, "the key stays cached");
  });

  test("environment with a slash (prod/eu)", async () => {
    const { gh } = client();
    const results = await gh.setSecrets({ ...HELLO, environment_name: "prod/eu" }, { ENV_ONE: "1", ENV_TWO: "2" });
    assert.deepEqual(summary(results), [["ENV_ONE", "created"], ["ENV_TWO", "created"]]);
    assert.equal(h.emulator.getSecret("/repos/octo-org/hello-world/environments/prod/eu", "ENV_TWO").value, "2");
    assert.ok(puts().every((e) => e.path.includes("/environments/prod%2Feu/secrets/")));
  });

  test("organization, visibility selected with ids: Actions sends integers, Dependabot strings", async () => {
    const target = { org: OWNER, visibility: "selected", selected_repository_ids: [HELLO_ID, SPOON_ID] };
    for (const [app, expectedIds] of [
      ["actions", [HELLO_ID, SPOON_ID]],
      ["dependabot", [String(HELLO_ID), String(SPOON_ID)]],
      ["codespaces", [HELLO_ID, SPOON_ID]],
    ]) {
      const { gh, requests } = client();
      const results = await gh.setSecrets({ ...target, app }, { ORG_BULK: `${app} value` });
      assert.deepEqual(summary(results), [["ORG_BULK", "created"]], app);
      const put = requests.find((r) => r.method === "PUT");
      assert.equal(put.path, `/orgs/octo-org/${app}/secrets/ORG_BULK`);
      assert.equal(put.body.visibility, "selected");
      assert.deepEqual(put.body.selected_repository_ids, expectedIds, app);
      assert.deepEqual(Object.keys(put.body).sort(), ["encrypted_value", "key_id", "selected_repository_ids", "visibility"]);
      const stored = h.emulator.getSecret(`/orgs/octo-org/${app}`, "ORG_BULK");
      assert.equal(stored.value, `${app} value`);
      assert.equal(stored.visibility, "selected");
      assert.deepEqual(stored.selected_repository_ids, [HELLO_ID, SPOON_ID]);
    }
  });

  test("organization without visibility defaults to private", async () => {
    const { gh, requests } = client();
    const results = await gh.setSecrets({ org: OWNER }, { ORG_DEFAULT: "p" });
    assert.deepEqual(summary(results), [["ORG_DEFAULT", "created"]]);
    assert.equal(requests.find((r) => r.method === "PUT").body.visibility, "private");
    assert.equal(h.emulator.getSecret("/orgs/octo-org/actions", "ORG_DEFAULT").visibility, "private");
  });

  test("Codespaces user secrets (user: true, app defaults to codespaces) and repository codespaces/dependabot", async () => {
    const { gh } = client();
    const results = await gh.setSecrets({ user: true, selected_repository_ids: [HELLO_ID] }, { USER_BULK: "u" });
    assert.deepEqual(summary(results), [["USER_BULK", "created"]]);
    const stored = h.emulator.getSecret("/user/codespaces", "USER_BULK");
    assert.equal(stored.value, "u");
    assert.deepEqual(stored.selected_repository_ids, [HELLO_ID]);
    assert.deepEqual(summary(await gh.setSecrets({ user: true }, { USER_BULK: "u2" })), [["USER_BULK", "updated"]]);
    assert.equal(h.emulator.getSecret("/user/codespaces", "USER_BULK").value, "u2");

    assert.deepEqual(summary(await gh.setSecrets({ ...HELLO, app: "codespaces" }, { CS_REPO: "c" })), [["CS_REPO", "created"]]);
    assert.equal(h.emulator.getSecret("/repos/octo-org/hello-world/codespaces", "CS_REPO").value, "c");
    assert.deepEqual(summary(await gh.setSecrets({ ...HELLO, app: "dependabot" }, { DB_REPO: "d" })), [["DB_REPO", "created"]]);
    assert.equal(h.emulator.getSecret("/repos/octo-org/hello-world/dependabot", "DB_REPO").value, "d");
  });

  test("one bad name fails alone; the others are written", async () => {
    const { gh } = client();
    const results = await gh.setSecrets(HELLO, { GOOD_ONE: "1", "BAD-NAME": "2", GITHUB_NOPE: "3", GOOD_TWO: "4" });
    assert.deepEqual(summary(results), [
      ["GOOD_ONE", "created"],
      ["BAD-NAME", "failed"],
      ["GITHUB_NOPE", "failed"],
      ["GOOD_TWO", "created"],
    ]);
    for (const failed of results.filter((r) => r.status === "failed")) {
      assert.ok(failed.error instanceof Error);
      assert.equal(failed.error.name, "ValidationError");
      assert.equal(failed.error.param, "secret_name");
    }
    assert.deepEqual(puts().map((e) => e.path.split("/").pop()), ["GOOD_ONE", "GOOD_TWO"]);
    assert.equal(h.emulator.getSecret("/repos/octo-org/hello-world/actions", "GOOD_TWO").value, "4");
  });

  test("a value over 48 KiB fails alone, before sending", async () => {
    const { gh } = client();
    const results = await gh.setSecrets(HELLO, { SMALL: "s", HUGE: "x".repeat(49153) });
    assert.deepEqual(summary(results), [["SMALL", "created"], ["HUGE", "failed"]]);
    assert.equal(results[1].error.param, "value");
    assert.ok(!results[1].error.message.includes("x".repeat(100)));
    assert.deepEqual(puts().map((e) => e.path.split("/").pop()), ["SMALL"]);
  });

  test("a server error on one secret fails that one only (HttpError in its result)", async () => {
    const { gh } = client({ retry: { retries: 0 } });
    h.emulator.injectFaults([{ kind: "server-error", method: "PUT", pathPrefix: "/repos/octo-org/hello-world/actions/secrets/FAILS_502" }]);
    const results = await gh.setSecrets(HELLO, { OK_502_A: "a", FAILS_502: "b", OK_502_B: "c" });
    assert.deepEqual(summary(results), [["OK_502_A", "created"], ["FAILS_502", "failed"], ["OK_502_B", "created"]]);
    assert.equal(results[1].error.name, "HttpError");
    assert.equal(results[1].error.status, 502);
    assert.equal(results[1].error.request.headers.authorization, "[REDACTED]");
    assert.equal(h.emulator.getSecret("/repos/octo-org/hello-world/actions", "FAILS_502"), null);
  });

  test("dryRun: no write sent, would-create / would-update from one listing (names case-insensitive)", async () => {
    const { gh } = client();
    await gh.setSecrets(HELLO, { DRY_EXISTING: "old" });
    h.emulator.clearLog();
    const before = h.emulator.getSecret("/repos/octo-org/hello-world/actions", "DRY_EXISTING");
    const progress = [];
    const results = await gh.setSecrets(HELLO, { dry_existing: "new", DRY_NEW: "n", "BAD NAME": "x" }, { dryRun: true, onProgress: (e) => progress.push(e) });
    assert.deepEqual(summary(results), [["dry_existing", "would-update"], ["DRY_NEW", "would-create"], ["BAD NAME", "failed"]]);
    assert.deepEqual(puts(), [], "no PUT in dry-run");
    assert.ok(h.emulator.log().every((e) => e.method === "GET"));
    assert.ok(h.emulator.log().some((e) => e.path.startsWith("/repos/octo-org/hello-world/actions/secrets?")), JSON.stringify(h.emulator.log()));
    assert.equal(h.emulator.getSecret("/repos/octo-org/hello-world/actions", "DRY_NEW"), null);
    assert.deepEqual(h.emulator.getSecret("/repos/octo-org/hello-world/actions", "DRY_EXISTING"), before);
    assert.equal(progress.length, 3);
  });

  test("dryRun for an organization target lists the organization's secrets", async () => {
    const { gh } = client();
    await gh.setSecrets({ org: OWNER, app: "dependabot", visibility: "all" }, { DRY_ORG: "x" });
    h.emulator.clearLog();
    const results = await gh.setSecrets({ org: OWNER, app: "dependabot", visibility: "selected", selected_repository_ids: [HELLO_ID] }, { DRY_ORG: "y", DRY_ORG_NEW: "z" }, { dryRun: true });
    assert.deepEqual(summary(results), [["DRY_ORG", "would-update"], ["DRY_ORG_NEW", "would-create"]]);
    assert.deepEqual(puts(), []);
    assert.equal(h.emulator.getSecret("/orgs/octo-org/dependabot", "DRY_ORG").visibility, "all");
  });

  test("onProgress: once per secret, done counts 1..n, total n, with each result", async () => {
    const { gh } = client();
    const events = [];
    const input = { PROG_1: "1", PROG_2: "2", "PROG-3": "3", PROG_4: "4" };
    const results = await gh.setSecrets(HELLO, input, { concurrency: 2, onProgress: (e) => events.push({ ...e }) });
    assert.equal(events.length, 4);
    assert.deepEqual(events.map((e) => e.done), [1, 2, 3, 4]);
    assert.ok(events.every((e) => e.total === 4));
    assert.deepEqual(events.map((e) => e.secret_name).sort(), Object.keys(input).sort());
    for (const e of events) {
      const r = results.find((x) => x.secret_name === e.secret_name);
      assert.equal(e.status, r.status, e.secret_name);
    }
    assert.equal(events.find((e) => e.secret_name === "PROG-3").status, "failed");
  });

  test("a key rotated since it was cached: the bulk run re-seals and succeeds", async () => {
    const { gh, events } = client();
    await gh.setSecrets(HELLO, { ROT_BULK: "one" });
    h.emulator.rotateKey("/repos/octo-org/hello-world/actions");
    const results = await gh.setSecrets(HELLO, { ROT_BULK: "two" });
    assert.deepEqual(summary(results), [["ROT_BULK", "updated"]]);
    assert.equal(h.emulator.getSecret("/repos/octo-org/hello-world/actions", "ROT_BULK").value, "two");
    assert.deepEqual(events.map((e) => e.reason), ["key-rotated"]);
  });

  test("an empty secrets object resolves to [] and sends nothing", async () => {
    const { gh, requests } = client();
    assert.deepEqual(await gh.setSecrets(HELLO, {}), []);
    assert.equal(requests.length, 0);
  });

  test("an invalid target or secrets object rejects with a ValidationError, nothing sent", async () => {
    const { gh, requests } = client();
    for (const [target, secrets, param] of [
      [{}, { A: "1" }, "target"],
      [{ org: OWNER, app: "packages" }, { A: "1" }, "app"],
      [{ ...HELLO, environment_name: "production", app: "dependabot" }, { A: "1" }, "app"],
      [HELLO, ["A", "1"], "secrets"],
      [HELLO, { A: 1 }, "secrets.A"],
    ]) {
      await assert.rejects(gh.setSecrets(target, secrets), (error) => {
        assert.equal(error.name, "ValidationError", JSON.stringify(target));
        assert.equal(error.param, param, `${JSON.stringify(target)}: ${error.message}`);
        return true;
      });
    }
    assert.equal(requests.length, 0);
    assert.deepEqual(h.emulator.log(), []);
  });

  test("when the public key cannot be fetched every secret fails with that error", async () => {
    const { gh } = client();
    const results = await gh.setSecrets({ owner: OWNER, repo: "no-such-repo" }, { A1: "1", A2: "2" });
    assert.deepEqual(summary(results), [["A1", "failed"], ["A2", "failed"]]);
    assert.ok(results.every((r) => r.error.name === "HttpError" && r.error.status === 404));
    assert.deepEqual(puts(), []);
  });
});
