// gh.plan / gh.apply against the emulator: the write budget holds with the
// emulator's content-creation limit on (0 secondary-limit 403s), discovery skips
// archived repositories and forks, environments are created only when asked,
// a failing target fails alone, state goes in and out, and a signal stops apply.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DEMO_TOKEN, makeSeed, startEmulator } from "../emulator/index.mjs";
import { syncControls } from "../emulator/sync-support.mjs";
import { pkgUrl } from "../support/pkg.mjs";

const { GitHubSecrets } = await import(pkgUrl("node.js"));
const { parseManifest } = await import(pkgUrl("sync/manifest.js"));
const { resolveValues } = await import(pkgUrl("sync/sources.js"));

const KEY = "library test key: 32 bytes long!";

async function setup(t, { repos = 6, mutate } = {}) {
  const seed = makeSeed({ repos });
  mutate?.(seed);
  const server = await startEmulator({ seed });
  t.after(() => server.close());
  const gh = new GitHubSecrets({ auth: DEMO_TOKEN, baseUrl: server.url, throttle: { minWriteInterval: 0 } });
  return { server, emu: server.emulator, gh };
}

async function load(yaml, env = {}) {
  const { manifest, errors, locate } = parseManifest(yaml);
  assert.deepEqual(errors, []);
  const { values, errors: valueErrors } = await resolveValues(manifest, { env, locate });
  assert.deepEqual(valueErrors, []);
  return { manifest, values };
}

test("the write budget holds with the emulator's content-creation limit on: 0 secondary-limit 403s", async (t) => {
  const { emu, gh } = await setup(t, { repos: 4 });
  // Emulator: 5 writes per 1.5 s, 12 per 6 s. Client budget: the same windows.
  syncControls(emu).setContentBudget({ perMinute: 5, perHour: 12, minuteMs: 1500, hourMs: 6000 });
  const budget = { maxWritesPerMinute: 5, maxWritesPerHour: 12, minuteMs: 1500, hourMs: 6000 };
  const loaded = await load("targets:\n  - repositories: { org: octo-org, match: 'repo-*' }\n    secrets:\n      A: { env: A }\n      B: { env: B }\n      C: { env: C }\n", { A: "1", B: "2", C: "3" });
  const plan = await gh.plan(loaded, { stateKey: KEY, budget, minWriteInterval: 0 });
  assert.equal(plan.writes, 12);
  assert.ok(plan.etaMs >= 3000 && plan.etaMs < 7000, `ETA from the same budget: ${plan.etaMs}`);
  const started = Date.now();
  const report = await gh.apply(plan, { budget, minWriteInterval: 0 });
  const took = Date.now() - started;
  assert.equal(report.counts.done, 12);
  assert.equal(emu.log().filter((e) => e.status === 403).length, 0, "no secondary-limit answer");
  assert.equal(syncControls(emu).contentBudget().refused, 0);
  assert.ok(took >= 2900, `paced: 12 writes at 5 per 1.5 s take at least 3 s (took ${took} ms)`);
});

test("discovery skips archived repositories and forks unless asked; environments are created only with createEnvironments", async (t) => {
  const { emu, gh } = await setup(t, {
    mutate: (seed) => {
      seed.repos.find((r) => r.name === "repo-02").archived = true;
      seed.repos.find((r) => r.name === "repo-03").fork = true;
    },
  });
  const yaml = (forks, create) =>
    `targets:\n  - repositories: { org: octo-org, match: '/^repo-0[1-4]$/', forks: ${forks} }\n    environments: [qa]\n    createEnvironments: ${create}\n    secrets:\n      TOKEN: { env: T }\n`;
  const noCreate = await gh.plan(await load(yaml(false, false), { T: "t" }), { stateKey: KEY });
  assert.deepEqual(noCreate.items.map((i) => [i.target, i.action]), [["octo-org/repo-01:env:qa", "error"], ["octo-org/repo-04:env:qa", "error"]]);
  assert.match(noCreate.items[0].reason, /environment qa does not exist in octo-org\/repo-01 \(createEnvironments: true creates it\)/);
  const plan = await gh.plan(await load(yaml(true, true), { T: "t" }), { stateKey: KEY });
  assert.deepEqual(plan.items.map((i) => i.target), ["octo-org/repo-01:env:qa", "octo-org/repo-03:env:qa", "octo-org/repo-04:env:qa"]);
  assert.equal(plan.writes, 6, "3 environments + 3 secrets");
  const report = await gh.apply(plan, {});
  assert.equal(report.counts.done, 3);
  assert.equal(emu.getSecret("/repos/octo-org/repo-03/environments/qa", "TOKEN").value, "t");
  assert.equal(emu.log().filter((e) => e.operationId === "repos/create-or-update-environment").length, 3);
});

test("a failing target fails alone; state goes in and out; onStateChange follows every write", async (t) => {
  const { gh } = await setup(t);
  const loaded = await load("targets:\n  - repositories: [octo-org/nope, octo-org/repo-01]\n    secrets:\n      A: { env: A }\n      B: { env: B }\n", { A: "1", B: "2" });
  const plan = await gh.plan(loaded, { stateKey: KEY });
  assert.deepEqual(plan.items.map((i) => [i.target, i.name, i.action]), [
    ["octo-org/nope", "A", "error"],
    ["octo-org/nope", "B", "error"],
    ["octo-org/repo-01", "A", "create"],
    ["octo-org/repo-01", "B", "create"],
  ]);
  assert.match(plan.items[0].reason, /404/);
  const snapshots = [];
  const report = await gh.apply(plan, { onStateChange: (s) => snapshots.push(structuredClone(s)) });
  assert.deepEqual(report.items.map((i) => i.status), ["failed", "failed", "done", "done"]);
  assert.equal(snapshots.length, 3, "after each write, then once with updated_at");
  assert.equal(snapshots[0].targets["octo-org/repo-01"]["secret/A"].updated_at, null);
  assert.match(snapshots[2].targets["octo-org/repo-01"]["secret/B"].updated_at, /Z$/);
  const rerun = await gh.plan(loaded, { stateKey: KEY, state: report.state });
  assert.deepEqual(rerun.items.slice(2).map((i) => i.action), ["unchanged", "unchanged"]);
  const otherKey = await gh.plan(loaded, { stateKey: "a different key, 16+ bytes", state: report.state });
  assert.deepEqual(otherKey.items.slice(2).map((i) => i.action), ["update", "update"], "the fingerprint depends on the key");
});

test("an aborted signal stops apply before the next write; the rest is not-attempted", async (t) => {
  const { gh } = await setup(t);
  const loaded = await load("targets:\n  - repositories: [octo-org/repo-01]\n    secrets:\n      A: { env: A }\n      B: { env: B }\n      C: { env: C }\n", { A: "1", B: "2", C: "3" });
  const plan = await gh.plan(loaded, { stateKey: KEY });
  const controller = new AbortController();
  const report = await gh.apply(plan, { signal: controller.signal, onProgress: () => controller.abort() });
  assert.deepEqual(report.items.map((i) => i.status), ["done", "not-attempted", "not-attempted"]);
  assert.equal(report.cancelled, true);
  assert.equal(report.writes, 1);
  await assert.rejects(gh.apply({ items: [] }, {}), { name: "ValidationError", param: "plan" });
  await assert.rejects(gh.plan(loaded, { stateKey: "short" }), { name: "ValidationError", param: "stateKey" });
});

test("organization secrets get their visibility and selected repositories by name; a new selection is an update", async (t) => {
  const { emu, gh } = await setup(t);
  const yaml = (repos) => `targets:\n  - organization: octo-org\n    secrets:\n      ORG_TOKEN: { env: T, repositories: [${repos}] }\n      WIDE: { env: T, visibility: all }\n`;
  const first = await gh.plan(await load(yaml("repo-01, repo-02"), { T: "org value" }), { stateKey: KEY });
  assert.deepEqual(first.items.map((i) => [i.target, i.name, i.action]), [["org:octo-org", "ORG_TOKEN", "create"], ["org:octo-org", "WIDE", "create"]]);
  const report = await gh.apply(first, {});
  assert.equal(report.counts.done, 2);
  const stored = emu.getSecret("/orgs/octo-org/actions", "ORG_TOKEN");
  assert.equal(stored.value, "org value");
  assert.equal(stored.visibility, "selected");
  assert.deepEqual([...stored.selected_repository_ids].sort(), [1400001, 1400002]);
  assert.equal(emu.getSecret("/orgs/octo-org/actions", "WIDE").visibility, "all");
  const same = await gh.plan(await load(yaml("repo-02, repo-01"), { T: "org value" }), { stateKey: KEY, state: report.state });
  assert.deepEqual(same.items.map((i) => i.action), ["unchanged", "unchanged"], "order of repositories does not matter");
  const moved = await gh.plan(await load(yaml("repo-03"), { T: "org value" }), { stateKey: KEY, state: report.state });
  assert.deepEqual(moved.items.map((i) => [i.name, i.action, i.reason]), [["ORG_TOKEN", "update", "settings changed in the manifest"], ["WIDE", "unchanged", "same value as the last apply"]]);
  await gh.apply(moved, {});
  assert.deepEqual(emu.getSecret("/orgs/octo-org/actions", "ORG_TOKEN").selected_repository_ids, [1400003]);
});
