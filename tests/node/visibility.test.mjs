// Org secrets keep their visibility on update (cli/cli#8110), against the local
// GitHub API emulator: a write without `visibility` reads the existing secret and,
// when it is `selected`, every page of its selected repositories (105 of them: two
// pages), and writes them back; an explicit visibility changes it; a new secret gets
// `private`. Actions and Dependabot (ids as strings), via
// gh.<app>.createOrUpdateOrgSecret and via gh.setSecrets (which reports
// `visibility` + `visibilitySource`). The reads are not throttled as writes.
//
// Run: GHSEAL_PKG=pkg node --test tests/node/visibility.test.mjs

import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { makeSeed } from "../emulator/index.mjs";
import { useEmulator } from "../support/emulator.mjs";
import { recordingClient } from "../support/client.mjs";
import { importPkg } from "../support/pkg.mjs";

const ORG = "octo-org";
/** Repositories of octo-org in the seed: 3 + 105 extra (ids 1400001..1400105). */
const MANY_IDS = Array.from({ length: 105 }, (_, i) => 1400001 + i);

let ghseal;
let server;
let emu;

const emulatorFixture = useEmulator({ seed: makeSeed({ repos: 105 }), clearLog: true });
before(async () => {
  ghseal = await importPkg();
  server = (await emulatorFixture.ready).server;
  emu = server.emulator;
});

/** A client recording every request (tests/support/client.mjs). */
const client = (options) => recordingClient(ghseal, server.url, options);

const idsFor = (app, ids) => (app === "dependabot" ? ids.map(String) : ids);

for (const app of ["actions", "dependabot"]) {
  describe(`${app} organization secrets`, () => {
    const scope = `/orgs/${ORG}/${app}`;

    test("createOrUpdateOrgSecret without visibility keeps selected and all 105 repositories", async () => {
      const { gh, requests } = client();
      const name = `KEEP_${app.toUpperCase()}`;
      await gh[app].createOrUpdateOrgSecret({ org: ORG, secret_name: name, value: "one", visibility: "selected", selected_repository_ids: MANY_IDS });
      assert.deepEqual(emu.getSecret(scope, name).selected_repository_ids, MANY_IDS);
      requests.length = 0;

      const { status } = await gh[app].createOrUpdateOrgSecret({ org: ORG, secret_name: name, value: "two" });
      assert.equal(status, 204);
      const stored = emu.getSecret(scope, name);
      assert.equal(stored.value, "two");
      assert.equal(stored.visibility, "selected");
      assert.deepEqual(stored.selected_repository_ids, MANY_IDS);
      const put = requests.find((r) => r.method === "PUT");
      assert.equal(put.body.visibility, "selected");
      assert.deepEqual(put.body.selected_repository_ids, idsFor(app, MANY_IDS), "written back; Dependabot as strings");
      const reads = requests.filter((r) => r.method === "GET").map((r) => r.path);
      assert.equal(reads[0], `${scope}/secrets/${name}`, "the secret is read first");
      assert.equal(reads.filter((p) => p === `${scope}/secrets/${name}/repositories`).length, 2, "both pages of repositories");
      assert.equal(requests.at(-1).method, "PUT");
    });

    test("an explicit visibility changes it; a new secret gets private", async () => {
      const { gh, requests } = client();
      const name = `CHANGE_${app.toUpperCase()}`;
      await gh[app].createOrUpdateOrgSecret({ org: ORG, secret_name: name, value: "a", visibility: "selected", selected_repository_ids: [1296269] });
      requests.length = 0;
      await gh[app].createOrUpdateOrgSecret({ org: ORG, secret_name: name, value: "b", visibility: "all" });
      assert.equal(emu.getSecret(scope, name).visibility, "all");
      assert.deepEqual(requests.map((r) => r.method), ["PUT"], "explicit: nothing read (key cached)");

      const fresh = `NEW_${app.toUpperCase()}`;
      requests.length = 0;
      assert.equal((await gh[app].createOrUpdateOrgSecret({ org: ORG, secret_name: fresh, value: "n" })).status, 201);
      assert.equal(emu.getSecret(scope, fresh).visibility, "private");
      assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), [`GET ${scope}/secrets/${fresh}`, `PUT ${scope}/secrets/${fresh}`]);
    });

    test("setSecrets without visibility: kept, default and explicit, reported per secret", async () => {
      const { gh, requests } = client();
      const kept = `BULK_KEEP_${app.toUpperCase()}`;
      const fresh = `BULK_NEW_${app.toUpperCase()}`;
      await gh[app].createOrUpdateOrgSecret({ org: ORG, secret_name: kept, value: "0", visibility: "selected", selected_repository_ids: MANY_IDS.slice(0, 3) });
      requests.length = 0;
      const results = await gh.setSecrets({ app, org: ORG }, { [kept]: "1", [fresh]: "2" });
      assert.deepEqual(results.map((r) => [r.secret_name, r.status, r.visibility, r.visibilitySource]), [
        [kept, "updated", "selected", "kept"],
        [fresh, "created", "private", "default"],
      ]);
      assert.deepEqual(emu.getSecret(scope, kept).selected_repository_ids, MANY_IDS.slice(0, 3));
      assert.equal(emu.getSecret(scope, fresh).visibility, "private");
      const putBodies = requests.filter((r) => r.method === "PUT").map((r) => r.body.selected_repository_ids);
      assert.deepEqual(putBodies, [idsFor(app, MANY_IDS.slice(0, 3)), undefined]);

      const explicit = await gh.setSecrets({ app, org: ORG, visibility: "all" }, { [kept]: "3" });
      assert.deepEqual([explicit[0].visibility, explicit[0].visibilitySource], ["all", "explicit"]);
      assert.equal(emu.getSecret(scope, kept).visibility, "all");

      const dry = await gh.setSecrets({ app, org: ORG }, { [kept]: "x", NEVER_WRITTEN: "y" }, { dryRun: true });
      assert.deepEqual(dry.map((r) => [r.status, r.visibility, r.visibilitySource]), [["would-update", "all", "kept"], ["would-create", "private", "default"]]);
    });
  });
}

test("the visibility reads are not throttled as writes", async () => {
  const { gh } = client({ throttle: { minWriteInterval: 400 } });
  const name = "THROTTLE_READS";
  await gh.actions.createOrUpdateOrgSecret({ org: ORG, secret_name: name, value: "a", visibility: "selected", selected_repository_ids: MANY_IDS });
  const started = Date.now();
  await gh.actions.createOrUpdateOrgSecret({ org: ORG, secret_name: name, value: "b" });
  const elapsed = Date.now() - started;
  // Three reads and one write: one write spacing (400 ms), not four.
  assert.ok(elapsed >= 250 && elapsed < 1200, `${elapsed} ms`);
  assert.deepEqual(emu.getSecret(`/orgs/${ORG}/actions`, name).selected_repository_ids, MANY_IDS);
});

test("repository targets carry no visibility fields", async () => {
  const { gh } = client();
  const [result] = await gh.setSecrets({ owner: ORG, repo: "hello-world" }, { REPO_PLAIN: "v" });
  assert.deepEqual(Object.keys(result).sort(), ["secret_name", "status"]);
});
