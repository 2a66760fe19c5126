// `ghseal set -o ORG` without --visibility never narrows or widens an existing org
// secret (cli/cli#8110): run as a child process against the emulator, an update
// keeps `selected` and the same repository ids (Actions and Dependabot), says so,
// and sends no `visibility: "private"`; an explicit --visibility changes it; a new
// secret without --visibility is `private` and the report says it is the default.
//
//   GHSEAL_PKG=pkg node --test tests/node/cli-visibility.test.mjs

import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { DEMO_TOKEN, makeSeed } from "../emulator/index.mjs";
import { useEmulator } from "../support/emulator.mjs";
import { runCli } from "../support/cli.mjs";

const ORG = "octo-org";
const IDS = { "hello-world": 1296269, docs: 1300193 };

let server;
let emu;

const emulatorFixture = useEmulator({ seed: makeSeed(), clearLog: true });
before(async () => {
  server = (await emulatorFixture.ready).server;
  emu = server.emulator;
});

async function ghseal(args) {
  const r = await runCli([...args, "--base-url", server.url, "--throttle-ms", "0"], { env: { GH_TOKEN: DEMO_TOKEN } });
  assert.ok(!r.stdout.includes(DEMO_TOKEN) && !r.stderr.includes(DEMO_TOKEN), "token printed");
  return r;
}
const ok = (r) => assert.equal(r.code, 0, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
const puts = () => emu.log().filter((e) => e.method === "PUT");

for (const app of ["actions", "dependabot"]) {
  describe(`${app}: set -o without --visibility`, () => {
    const scope = `/orgs/${ORG}/${app}`;

    test("an update keeps selected and the same repository ids, and says so", async () => {
      const name = `KEEP_${app.toUpperCase()}`;
      ok(await ghseal(["set", name, "-b", "one", "-o", ORG, "-a", app, "-r", "hello-world,docs"]));
      assert.deepEqual(emu.getSecret(scope, name).selected_repository_ids, [IDS["hello-world"], IDS.docs]);
      emu.clearLog();

      const r = await ghseal(["set", name, "-b", "two", "-o", ORG, "-a", app]);
      ok(r);
      const stored = emu.getSecret(scope, name);
      assert.equal(stored.value, "two");
      assert.equal(stored.visibility, "selected");
      assert.deepEqual(stored.selected_repository_ids, [IDS["hello-world"], IDS.docs]);
      assert.equal(puts().length, 1);
      assert.match(r.stderr, new RegExp(`updated ${app} secret ${name} for org:${ORG}; visibility selected kept with its repositories`));

      const j = await ghseal(["set", name, "-b", "three", "-o", ORG, "-a", app, "--json"]);
      ok(j);
      assert.deepEqual(JSON.parse(j.stdout).results, [
        { target: `org:${ORG}`, secret_name: name, status: "updated", visibility: "selected", visibility_source: "kept" },
      ]);
      assert.deepEqual(emu.getSecret(scope, name).selected_repository_ids, [IDS["hello-world"], IDS.docs]);
    });

    test("an explicit --visibility changes it", async () => {
      const name = `CHANGE_${app.toUpperCase()}`;
      ok(await ghseal(["set", name, "-b", "one", "-o", ORG, "-a", app, "-r", "docs"]));
      const r = await ghseal(["set", name, "-b", "two", "-o", ORG, "-a", app, "-v", "all"]);
      ok(r);
      assert.equal(emu.getSecret(scope, name).visibility, "all");
      assert.match(r.stderr, /; visibility all$/m);
    });

    test("a new secret gets private, reported as the default; a dry run says the same", async () => {
      const name = `NEW_${app.toUpperCase()}`;
      const dry = await ghseal(["set", name, "-b", "x", "-o", ORG, "-a", app, "--dry-run"]);
      ok(dry);
      assert.match(dry.stderr, /would create .*; new org secret: visibility private \(the default/);
      const r = await ghseal(["set", name, "-b", "x", "-o", ORG, "-a", app]);
      ok(r);
      assert.equal(emu.getSecret(scope, name).visibility, "private");
      assert.match(r.stderr, new RegExp(`created ${app} secret ${name} for org:${ORG}; new org secret: visibility private \\(the default`));
    });
  });
}

test("many secrets at once: the table shows each one's visibility and where it came from", async () => {
  const scope = `/orgs/${ORG}/actions`;
  ok(await ghseal(["set", "TABLE_SEL", "-b", "1", "-o", ORG, "-r", "docs"]));
  const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { tmpdir } = await import("node:os");
  const dir = mkdtempSync(join(tmpdir(), "ghseal-vis-"));
  try {
    const env = join(dir, "org.env");
    writeFileSync(env, "TABLE_SEL=2\nTABLE_NEW=3\n");
    const r = await ghseal(["set", "-f", env, "-o", ORG]);
    ok(r);
    assert.match(r.stderr, /TARGET\s+SECRET\s+STATUS\s+VISIBILITY/);
    assert.match(r.stderr, /TABLE_SEL\s+updated\s+selected \(kept\)/);
    assert.match(r.stderr, /TABLE_NEW\s+created\s+private \(default\)/);
    assert.deepEqual(emu.getSecret(scope, "TABLE_SEL").selected_repository_ids, [IDS.docs]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
