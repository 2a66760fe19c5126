// gh.setSecrets(target, secrets, { signal }) against the local GitHub API emulator:
// writes start in input order; once the AbortSignal is aborted no new write starts,
// the write in flight finishes, and every secret not started is `not-attempted`.
//
// Run: GHSEAL_PKG=pkg node --test tests/node/client-cancel.test.mjs

import { test } from "node:test";
import assert from "node:assert/strict";
import { DEMO_TOKEN } from "../emulator/index.mjs";
import { useClient } from "../support/client.mjs";

const HELLO = { owner: "octo-org", repo: "hello-world" };
const SCOPE = "/repos/octo-org/hello-world/actions";

const h = useClient({ clearLog: true });

const gh = () => new h.ghseal.GitHubSecrets({ auth: DEMO_TOKEN, baseUrl: h.url, throttle: { minWriteInterval: 0 } });
const secrets = (prefix, n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}_${String(i).padStart(2, "0")}`, `v${i}`]));
const putNames = () => h.emulator.log().filter((e) => e.method === "PUT").map((e) => e.path.split("/").pop());

test("12 secrets at concurrency 4: the writes start in input order", async () => {
  const input = secrets("ORDER", 12);
  const results = await gh().setSecrets(HELLO, input, { concurrency: 4 });
  assert.ok(results.every((r) => r.status === "created"));
  assert.deepEqual(putNames(), Object.keys(input));
});

test("aborting mid-run: in-flight writes finish, the rest are not-attempted and never sent", async () => {
  const controller = new AbortController();
  const input = secrets("ABORT", 10);
  const seen = [];
  const results = await gh().setSecrets(HELLO, input, {
    concurrency: 4,
    signal: controller.signal,
    onProgress: (e) => {
      seen.push(e.status);
      if (e.done === 3) controller.abort();
    },
  });
  assert.deepEqual(results.map((r) => r.secret_name), Object.keys(input), "input order");
  assert.deepEqual(results.map((r) => r.status), [...Array(3).fill("created"), ...Array(7).fill("not-attempted")]);
  assert.equal(seen.length, 10, "every secret is reported to onProgress");
  assert.deepEqual(putNames(), Object.keys(input).slice(0, 3));
  assert.equal(h.emulator.getSecret(SCOPE, "ABORT_03"), null);
});

test("an already aborted signal sends nothing; a non-object signal is a ValidationError", async () => {
  const results = await gh().setSecrets(HELLO, secrets("NEVER", 3), { signal: AbortSignal.abort() });
  assert.deepEqual(results.map((r) => r.status), ["not-attempted", "not-attempted", "not-attempted"]);
  assert.deepEqual(h.emulator.log(), []);
  await assert.rejects(gh().setSecrets(HELLO, { A: "1" }, { signal: "stop" }), { name: "ValidationError", param: "signal" });
});
