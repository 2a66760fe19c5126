// The emulator's additions for `ghseal sync` (tests/emulator/sync-support.mjs):
// GET /orgs/{org}/repos with archived/fork flags, PUT .../environments/{name},
// and the optional content-creation budget (403 secondary rate limit beyond it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { startEmulator, makeSeed } from "../emulator/index.mjs";
import { createClient, emulatorControl, sealFor } from "../emulator/testkit.mjs";
import { syncControls } from "../emulator/sync-support.mjs";
import { validateResponse } from "../support/openapi.mjs";

function seed() {
  const s = makeSeed({ repos: 4 });
  s.repos.find((r) => r.name === "repo-02").archived = true;
  s.repos.find((r) => r.name === "repo-03").fork = true;
  return s;
}

test("GET /orgs/{org}/repos lists the org's repositories with archived and fork, paginated", async (t) => {
  const emu = await startEmulator({ seed: seed() });
  t.after(() => emu.close());
  const api = createClient(emu.url);
  const all = await api.request("GET", "/orgs/octo-org/repos?per_page=100");
  assert.equal(all.status, 200);
  validateResponse("GET", "/orgs/{org}/repos", 200, all.body);
  assert.deepEqual(all.body.map((r) => r.name), ["hello-world", "spoon-knife", "docs", "repo-01", "repo-02", "repo-03", "repo-04"]);
  const flags = Object.fromEntries(all.body.map((r) => [r.name, [r.archived, r.fork]]));
  assert.deepEqual(flags["repo-02"], [true, false]);
  assert.deepEqual(flags["repo-03"], [false, true]);
  assert.deepEqual(flags["repo-01"], [false, false]);
  const page = await api.request("GET", "/orgs/octo-org/repos?per_page=3&page=2");
  assert.deepEqual(page.body.map((r) => r.name), ["repo-01", "repo-02", "repo-03"]);
  assert.match(page.headers.get("link"), /rel="next".*rel="last".*rel="first"/);
  const sources = await api.request("GET", "/orgs/octo-org/repos?type=sources&per_page=100");
  assert.ok(!sources.body.some((r) => r.fork));
  assert.equal((await api.request("GET", "/orgs/nope/repos")).status, 404);
  assert.equal((await api.request("GET", "/orgs/octo-org/repos?type=bogus")).status, 422);
  syncControls(emu.emulator).setRepoFlags("octo-org/repo-01", { archived: true });
  const again = await api.request("GET", "/orgs/octo-org/repos?per_page=100");
  assert.equal(again.body.find((r) => r.name === "repo-01").archived, true);
});

test("PUT /repos/{owner}/{repo}/environments/{environment_name} creates an environment that takes secrets", async (t) => {
  const emu = await startEmulator({ seed: seed() });
  t.after(() => emu.close());
  const api = createClient(emu.url);
  const base = "/repos/octo-org/repo-01/environments/qa%2Feu";
  assert.equal((await api.request("GET", `${base}/secrets/public-key`)).status, 404, "absent before");
  const created = await api.request("PUT", base, { body: {} });
  assert.equal(created.status, 200);
  validateResponse("PUT", "/repos/{owner}/{repo}/environments/{environment_name}", 200, created.body);
  assert.equal(created.body.name, "qa/eu");
  const again = await api.request("PUT", base, { body: {} });
  assert.equal(again.status, 200, "idempotent");
  assert.equal(again.body.created_at, created.body.created_at);
  const key = await api.request("GET", `${base}/secrets/public-key`);
  assert.equal(key.status, 200);
  const put = await api.request("PUT", `${base}/secrets/TOKEN`, { body: { encrypted_value: await sealFor(key.body.key, "v"), key_id: key.body.key_id } });
  assert.equal(put.status, 201);
  assert.equal((await api.request("PUT", "/repos/octo-org/nope/environments/x", { body: {} })).status, 404);
  assert.equal(emu.emulator.log().at(-1).operationId, "repos/create-or-update-environment");
});

test("the content-creation budget answers 403 secondary rate limit beyond it, off by default", async (t) => {
  const emu = await startEmulator({ seed: seed() });
  t.after(() => emu.close());
  const api = createClient(emu.url);
  const key = (await api.request("GET", "/repos/octo-org/repo-01/actions/secrets/public-key")).body;
  const put = async (name) =>
    api.request("PUT", `/repos/octo-org/repo-01/actions/secrets/${name}`, { body: { encrypted_value: await sealFor(key.key, "v"), key_id: key.key_id } });
  for (let i = 0; i < 5; i++) assert.ok([201, 204].includes((await put(`OFF_${i}`)).status), "no budget by default");

  // Over HTTP, with windows short enough for a test: 3 per 400 ms, 5 per 5 s.
  const control = emulatorControl(emu);
  const set = await control.request("POST", "content-budget", { body: { perMinute: 3, perHour: 5, minuteMs: 400, hourMs: 5000 } });
  assert.equal(set.status, 200);
  assert.deepEqual(set.body.config, { perMinute: 3, perHour: 5, minuteMs: 400, hourMs: 5000 });
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await put(`A_${i}`)).status);
  assert.deepEqual(statuses, [201, 201, 201, 403]);
  const refused = emu.emulator.log().at(-1);
  assert.equal(refused.limit, "content-creation");
  const answer = await put("REFUSED");
  assert.equal(answer.status, 403);
  assert.match(answer.body.message, /secondary rate limit/);
  assert.ok(Number(answer.headers.get("retry-after")) >= 1);
  assert.equal(emu.emulator.getSecret("/repos/octo-org/repo-01/actions", "REFUSED"), null, "a refused write stores nothing");
  assert.equal((await api.request("GET", "/repos/octo-org/repo-01/actions/secrets")).status, 200, "reads are not limited");
  await new Promise((r) => setTimeout(r, 450));
  assert.deepEqual([(await put("B_0")).status, (await put("B_1")).status, (await put("B_2")).status], [201, 201, 403], "the hour window (5) holds");
  const state = (await control.request("GET", "content-budget")).body;
  assert.equal(state.used.octocat, 5);
  assert.equal(state.refused, 3);
  assert.equal((await control.request("POST", "content-budget", { body: { perMinute: 0 } })).status, 400);
  assert.equal((await api.request("POST", "/_emulator/content-budget", { rawBody: "null" })).status, 401, "the control plane needs its token");
  await control.request("POST", "content-budget", { rawBody: "null" });
  assert.equal((await put("AFTER_OFF")).status, 201, "switched off");
  assert.equal((await control.request("GET", "content-budget")).body, null);
});
