// gh.setVariables against the local GitHub emulator: repository, environment,
// organization (Actions) and agents targets; POST to create, PATCH after a 409;
// org variables without visibility keep theirs (read first, PATCH without
// visibility), new ones are private; dry runs send no write; bad names fail alone;
// and under ~10% injected faults (502, 429, secondary rate limit) every variable
// is written by exactly ONE successful request (checked in the emulator's log).
//
// Run: GHSEAL_PKG=pkg node --test tests/node/variables.test.mjs

import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { makeSeed } from "../emulator/index.mjs";
import { useEmulator } from "../support/emulator.mjs";
import { recordingClient } from "../support/client.mjs";
import { importPkg } from "../support/pkg.mjs";

const OWNER = "octo-org";
const REPO = "hello-world";
const HELLO = `/repos/${OWNER}/${REPO}`;
const HELLO_ID = 1296269;
const DOCS_ID = 1300193;

let ghseal;
let server;
let emu;

const emulatorFixture = useEmulator({ seed: makeSeed(), clearLog: true, clearFaults: true });
before(async () => {
  ghseal = await importPkg();
  server = (await emulatorFixture.ready).server;
  emu = server.emulator;
});

/** A client recording every request (tests/support/client.mjs). */
const client = (options) => recordingClient(ghseal, server.url, options);

const statuses = (results) => results.map((r) => `${r.name}:${r.status}`);
const writes = (requests) => requests.filter((r) => r.method !== "GET");

describe("setVariables", () => {
  test("repository: POST creates; a second run gets 409 and PATCHes; results in input order", async () => {
    const { gh, requests } = client();
    const first = await gh.setVariables({ owner: OWNER, repo: REPO }, { ALPHA: "1", BETA: "2" });
    assert.deepEqual(statuses(first), ["ALPHA:created", "BETA:created"]);
    assert.deepEqual(writes(requests).map((r) => r.method), ["POST", "POST"]);
    assert.deepEqual(writes(requests)[0].body, { name: "ALPHA", value: "1" });
    requests.length = 0;

    const second = await gh.setVariables({ owner: OWNER, repo: REPO }, { BETA: "22", GAMMA: "3" });
    assert.deepEqual(statuses(second), ["BETA:updated", "GAMMA:created"]);
    assert.deepEqual(writes(requests).map((r) => `${r.method} ${r.path}`), [
      `POST ${HELLO}/actions/variables`,
      `PATCH ${HELLO}/actions/variables/BETA`,
      `POST ${HELLO}/actions/variables`,
    ]);
    assert.equal(emu.getVariable(`${HELLO}/actions`, "BETA").value, "22");
    assert.equal(second[0].visibility, undefined, "no visibility outside organizations");
  });

  test("environment and agents targets", async () => {
    const { gh } = client();
    const env = await gh.setVariables({ owner: OWNER, repo: REPO, environment_name: "production" }, { REGION: "eu" });
    assert.deepEqual(statuses(env), ["REGION:created"]);
    assert.equal(emu.getVariable(`${HELLO}/environments/production`, "REGION").value, "eu");
    const agents = await gh.setVariables({ app: "agents", owner: OWNER, repo: REPO }, { MODEL: "x" });
    assert.deepEqual(statuses(agents), ["MODEL:created"]);
    assert.equal(emu.getVariable(`${HELLO}/agents`, "MODEL").value, "x");
  });

  test("organization without visibility: an existing variable keeps selected and its repositories; a new one is private", async () => {
    const { gh, requests } = client();
    const scope = `/orgs/${OWNER}/actions`;
    const made = await gh.setVariables({ org: OWNER, visibility: "selected", selected_repository_ids: [HELLO_ID, DOCS_ID] }, { SHARED: "1" });
    assert.deepEqual(made.map((r) => [r.status, r.visibility, r.visibilitySource]), [["created", "selected", "explicit"]]);
    requests.length = 0;

    const again = await gh.setVariables({ org: OWNER }, { SHARED: "2", FRESH: "3" });
    assert.deepEqual(again.map((r) => [r.name, r.status, r.visibility, r.visibilitySource]), [
      ["SHARED", "updated", "selected", "kept"],
      ["FRESH", "created", "private", "default"],
    ]);
    const shared = emu.getVariable(scope, "SHARED");
    assert.equal(shared.value, "2");
    assert.equal(shared.visibility, "selected");
    assert.deepEqual(shared.selected_repository_ids, [HELLO_ID, DOCS_ID]);
    assert.equal(emu.getVariable(scope, "FRESH").visibility, "private");
    const patch = requests.find((r) => r.method === "PATCH");
    assert.deepEqual(patch.body, { value: "2" }, "PATCH without visibility: GitHub keeps it");
    assert.equal(requests.filter((r) => r.method === "POST").length, 1, "SHARED was read, so never POSTed");

    const explicit = await gh.setVariables({ org: OWNER, visibility: "all" }, { SHARED: "3" });
    assert.deepEqual(explicit.map((r) => [r.status, r.visibility, r.visibilitySource]), [["updated", "all", "explicit"]]);
    assert.equal(emu.getVariable(scope, "SHARED").visibility, "all");
  });

  test("dry run: one listing, no write; org visibility that would be used", async () => {
    const { gh, requests } = client();
    await gh.setVariables({ org: OWNER, app: "agents", visibility: "all" }, { DRY_OLD: "x" });
    requests.length = 0;
    const results = await gh.setVariables({ org: OWNER, app: "agents" }, { dry_old: "y", DRY_NEW: "z" }, { dryRun: true });
    assert.deepEqual(results.map((r) => [r.status, r.visibility, r.visibilitySource]), [
      ["would-update", "all", "kept"],
      ["would-create", "private", "default"],
    ]);
    assert.deepEqual(requests.map((r) => r.method), ["GET"]);
  });

  test("bad names and values fail alone, before any request; bad targets reject", async () => {
    const { gh, requests } = client();
    const results = await gh.setVariables({ owner: OWNER, repo: REPO }, { "1BAD": "x", GITHUB_X: "x", BIG: "x".repeat(48 * 1024 + 1), OK_ONE: "fine" });
    assert.deepEqual(statuses(results), ["1BAD:failed", "GITHUB_X:failed", "BIG:failed", "OK_ONE:created"]);
    assert.deepEqual(results.slice(0, 3).map((r) => [r.error.name, r.error.param]), [["ValidationError", "name"], ["ValidationError", "name"], ["ValidationError", "value"]]);
    assert.equal(writes(requests).length, 1);
    requests.length = 0;
    await assert.rejects(gh.setVariables({ user: true }, { A: "1" }), { name: "ValidationError", param: "user" });
    await assert.rejects(gh.setVariables({ app: "dependabot", owner: OWNER, repo: REPO }, { A: "1" }), { name: "ValidationError", param: "app" });
    await assert.rejects(gh.setVariables({ org: OWNER, selected_repository_ids: [1] }, { A: "1" }), { name: "ValidationError", param: "selected_repository_ids" });
    await assert.rejects(gh.setVariables({ org: OWNER, visibility: "public" }, { A: "1" }), { name: "ValidationError", param: "visibility" });
    await assert.rejects(gh.setVariables({ owner: OWNER, repo: REPO }, { A: 1 }), { name: "ValidationError" });
    assert.equal(requests.length, 0);
  });
});

test("under ~10% injected faults every variable is written by exactly one successful request", async () => {
  const N = 60;
  const names = Array.from({ length: N }, (_, i) => `SOAK_${String(i).padStart(2, "0")}`);
  const existing = names.filter((_, i) => i % 2 === 0);
  const setup = client().gh;
  const pre = await setup.setVariables({ owner: OWNER, repo: "docs" }, Object.fromEntries(existing.map((n) => [n, "old"])));
  assert.ok(pre.every((r) => r.status === "created"));
  emu.clearLog();
  emu.injectFaults([
    { kind: "server-error", probability: 0.035, seed: 11 },
    { kind: "rate-limit-429", probability: 0.035, seed: 12, retryAfter: 0 },
    { kind: "secondary-rate-limit", probability: 0.035, seed: 13, retryAfter: 0 },
  ]);
  const retries = [];
  const { gh } = client({ retry: { retries: 8, baseDelay: 5, secondaryRateLimitWait: 5, maxWait: 5_000 }, onRetry: (e) => retries.push(e) });
  const values = Object.fromEntries(names.map((n) => [n, `new-${n}`]));
  const results = await gh.setVariables({ owner: OWNER, repo: "docs" }, values, { concurrency: 4 });
  emu.clearFaults();

  assert.deepEqual(results.map((r) => r.name), names, "input order");
  for (const r of results) assert.equal(r.status, existing.includes(r.name) ? "updated" : "created", `${r.name}: ${r.error?.message ?? ""}`);
  for (const n of names) assert.equal(emu.getVariable(`/repos/${OWNER}/docs/actions`, n).value, values[n]);

  const log = emu.log().filter((e) => e.path.startsWith(`/repos/${OWNER}/docs/actions/variables`));
  const ok = log.filter((e) => e.method !== "GET" && e.status >= 200 && e.status < 300);
  assert.equal(ok.length, N, "one successful write per variable, no more");
  assert.equal(ok.filter((e) => e.method === "POST").length, N - existing.length, "one 201 per new variable");
  const patched = ok.filter((e) => e.method === "PATCH").map((e) => e.path.split("/").pop());
  assert.deepEqual(patched.sort(), [...existing].sort(), "one 204 PATCH per existing variable");
  const faulted = log.filter((e) => e.fault);
  assert.ok(faulted.length > 0, "faults were injected");
  assert.equal(retries.length, faulted.length, "every faulted request was retried once");
  const conflicts = log.filter((e) => e.method === "POST" && e.status === 409);
  assert.equal(conflicts.length, existing.length, "each existing variable: one 409, then its PATCH");
});
