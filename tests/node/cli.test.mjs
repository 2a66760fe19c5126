// The `ghseal set`, `list` and `delete` commands, run as a child process (`node $GHSEAL_PKG/cli/ghseal.js`)
// against the GitHub secrets emulator: every value is read back decrypted from
// the emulator, every run is checked for the token (and the test's secret
// values) never appearing in stdout or stderr (tests/support/cli-harness.mjs).
// seal, errors and the terminal: cli-commands.test.mjs.
//
//   GHSEAL_PKG=target/pkg-cli node --test tests/node/cli*.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import dotenv from "dotenv";
import { useCliHarness } from "../support/cli-harness.mjs";

const HELLO = "/repos/octo-org/hello-world/actions";
const IDS = { "hello-world": 1296269, docs: 1300193, dotfiles: 1300194 };
const h = useCliHarness();
const { ghseal, secretValue, file, secret, writes, json, ok, open } = h;

describe("set", () => {
  test("--body creates, then updates, a repository secret", async () => {
    const v1 = secretValue("body1");
    let r = await ghseal(["set", "BODY_SECRET", "--body", v1, "-R", "octo-org/hello-world"]);
    ok(r);
    assert.match(r.stderr, /created actions secret BODY_SECRET for octo-org\/hello-world/);
    assert.equal(r.stdout, "");
    assert.equal(secret(HELLO, "BODY_SECRET").value, v1);

    const v2 = secretValue("body2");
    r = await ghseal(["set", "BODY_SECRET", "-b", v2, "--repo", "octo-org/hello-world"]);
    ok(r);
    assert.match(r.stderr, /updated actions secret BODY_SECRET/);
    assert.equal(secret(HELLO, "BODY_SECRET").value, v2);
  });

  test("without --body reads piped stdin, trailing newline trimmed, no prompt", async () => {
    const v = secretValue("piped");
    let r = await ghseal(["set", "PIPED_SECRET", "-R", "octo-org/hello-world"], { input: `${v}\n` });
    ok(r);
    assert.doesNotMatch(r.stderr, /paste|secret:/i);
    assert.equal(secret(HELLO, "PIPED_SECRET").value, v);

    const multi = secretValue("multi");
    r = await ghseal(["set", "PIPED_MULTI", "-R", "octo-org/hello-world"], { input: `${multi}\nsecond line\r\n` });
    ok(r);
    assert.equal(secret(HELLO, "PIPED_MULTI").value, `${multi}\nsecond line`);
  });

  test("--env-file sets every dotenv entry exactly as dotenv.parse reads it", async () => {
    const text = [
      "# a comment line",
      `export EXPORTED=${secretValue("exported")}`,
      `PLAIN=${secretValue("plain")} # trailing comment`,
      `DQ_HASH="${secretValue("dq")} # not a comment"`,
      `SQ='${secretValue("sq")} $NOT_EXPANDED "inner"'`,
      `MULTI="${secretValue("multi1")}`,
      "second line",
      'third line"',
      `ESCAPED="${secretValue("esc")}\\nnext"`,
      "EMPTY=",
      "",
      `SPACED = ${secretValue("spaced")}`,
      `BACKTICK=\`${secretValue("bt")} it's "both"\``,
    ].join("\n");
    const expected = dotenv.parse(text);
    assert.deepEqual(Object.keys(expected).sort(), ["BACKTICK", "DQ_HASH", "EMPTY", "ESCAPED", "EXPORTED", "MULTI", "PLAIN", "SPACED", "SQ"]);
    assert.match(expected.MULTI, /\nsecond line\nthird line$/);
    assert.equal(expected.EMPTY, "");

    const path = file("tricky.env", text);
    let r = await ghseal(["set", "--env-file", path, "-R", "octo-org/docs", "--json"]);
    ok(r);
    const out = json(r);
    assert.equal(out.created, 9);
    assert.equal(out.failed, 0);
    for (const [name, value] of Object.entries(expected)) {
      assert.equal(secret("/repos/octo-org/docs/actions", name)?.value, value, name);
    }

    // `-f -` reads the file from stdin.
    r = await ghseal(["set", "-f", "-", "-R", "octo-org/spoon-knife"], { input: text });
    ok(r);
    assert.match(r.stderr, /9 created, 0 updated, 0 failed/);
    for (const [name, value] of Object.entries(expected)) {
      assert.equal(secret("/repos/octo-org/spoon-knife/actions", name)?.value, value, name);
    }
  });

  test("an invalid name in an env file fails alone, named, exit 1", async () => {
    const good = secretValue("good");
    const path = file("partial.env", `GOOD_ONE=${good}\nbad-name=${secretValue("bad")}\n`);
    const r = await ghseal(["set", "-f", path, "-R", "octo-org/hello-world"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /failed: bad-name for octo-org\/hello-world: .*secret name/);
    assert.equal(secret(HELLO, "GOOD_ONE").value, good);
  });

  test("environment secrets, including an environment name with a slash", async () => {
    const prod = secretValue("prod");
    let r = await ghseal(["set", "ENV_SECRET", "-b", prod, "-e", "production", "-R", "octo-org/hello-world"]);
    ok(r);
    assert.equal(secret("/repos/octo-org/hello-world/environments/production", "ENV_SECRET").value, prod);

    const eu = secretValue("eu");
    r = await ghseal(["set", "ENV_SECRET", "-b", eu, "--env", "prod/eu", "-R", "octo-org/hello-world", "--json"]);
    ok(r);
    assert.deepEqual(json(r).results, [{ target: "octo-org/hello-world@prod/eu", secret_name: "ENV_SECRET", status: "created" }]);
    assert.equal(secret("/repos/octo-org/hello-world/environments/prod/eu", "ENV_SECRET").value, eu);
    assert.equal(secret("/repos/octo-org/hello-world/environments/production", "ENV_SECRET").value, prod);
  });

  test("organization secrets: private by default, --repos resolves names to ids, --no-repos-selected", async () => {
    const v = secretValue("org");
    let r = await ghseal(["set", "ORG_DEFAULT", "-b", v, "-o", "octo-org"]);
    ok(r);
    assert.equal(secret("/orgs/octo-org/actions", "ORG_DEFAULT").visibility, "private");

    r = await ghseal(["set", "ORG_SELECTED", "-b", v, "--org", "octo-org", "--visibility", "selected", "--repos", "hello-world,docs", "--json"]);
    ok(r);
    assert.deepEqual(json(r).results, [{ target: "org:octo-org", secret_name: "ORG_SELECTED", status: "created", visibility: "selected", visibility_source: "explicit" }]);
    let s = secret("/orgs/octo-org/actions", "ORG_SELECTED");
    assert.equal(s.value, v);
    assert.equal(s.visibility, "selected");
    assert.deepEqual(s.selected_repository_ids, [IDS["hello-world"], IDS.docs]);

    // -r implies selected; OWNER/NAME works too.
    r = await ghseal(["set", "ORG_IMPLIED", "-b", v, "-o", "octo-org", "-r", "octo-org/docs"]);
    ok(r);
    s = secret("/orgs/octo-org/actions", "ORG_IMPLIED");
    assert.equal(s.visibility, "selected");
    assert.deepEqual(s.selected_repository_ids, [IDS.docs]);

    r = await ghseal(["set", "ORG_NONE", "-b", v, "-o", "octo-org", "--no-repos-selected"]);
    ok(r);
    s = secret("/orgs/octo-org/actions", "ORG_NONE");
    assert.equal(s.visibility, "selected");
    assert.deepEqual(s.selected_repository_ids, []);

    r = await ghseal(["set", "ORG_ALL", "-b", v, "-o", "octo-org", "-v", "all", "-a", "dependabot"]);
    ok(r);
    assert.equal(secret("/orgs/octo-org/dependabot", "ORG_ALL").visibility, "all");

    // A repository that does not resolve stops before any write, naming it.
    h.emulator.clearLog();
    r = await ghseal(["set", "ORG_BAD", "-b", v, "-o", "octo-org", "-r", "hello-world,no-such-repo"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no-such-repo/);
    assert.equal(r.stderr.trim().split("\n").length, 1);
    assert.deepEqual(writes(), []);
  });

  test("dependabot repository secret and codespaces user secret", async () => {
    const d = secretValue("dependabot");
    let r = await ghseal(["set", "DEP_SECRET", "-b", d, "-a", "dependabot", "-R", "octo-org/hello-world"]);
    ok(r);
    assert.match(r.stderr, /dependabot secret DEP_SECRET/);
    assert.equal(secret("/repos/octo-org/hello-world/dependabot", "DEP_SECRET").value, d);
    assert.equal(secret(HELLO, "DEP_SECRET"), null);

    const c = secretValue("codespaces");
    r = await ghseal(["set", "USER_SECRET", "-b", c, "--user", "-r", "dotfiles", "--json"]);
    ok(r);
    const out = json(r);
    assert.equal(out.app, "codespaces");
    assert.deepEqual(out.results, [{ target: "user", secret_name: "USER_SECRET", status: "created" }]);
    const s = secret("/user/codespaces", "USER_SECRET");
    assert.equal(s.value, c);
    assert.deepEqual(s.selected_repository_ids, [IDS.dotfiles]);

    r = await ghseal(["set", "USER_PLAIN", "-b", c, "-u", "-a", "codespaces"]);
    ok(r);
    assert.equal(secret("/user/codespaces", "USER_PLAIN").value, c);
  });

  test("one secret into 20 repositories through rate limits and server errors", async () => {
    const repos = Array.from({ length: 20 }, (_, i) => `octo-org/repo-${String(i + 1).padStart(2, "0")}`);
    const list = file("repos.txt", `# targets\n${repos.slice(0, 10).join("\n")}\n\n${repos.slice(10).join("\n")}\n`);
    const v = secretValue("bulk");
    h.emulator.clearLog();
    h.emulator.injectFaults([
      { kind: "secondary-rate-limit", count: 3, retryAfter: 1, method: "PUT" },
      { kind: "server-error", count: 3 },
    ]);
    const started = Date.now();
    let r = await ghseal(["set", "BULK_SECRET", "-b", v, "--repos-from", list, "--json"]);
    h.emulator.clearFaults();
    ok(r);
    const out = json(r);
    assert.equal(out.created, 20);
    assert.equal(out.updated, 0);
    assert.equal(out.failed, 0);
    assert.deepEqual(out.results.map((x) => x.target), repos);
    assert.ok(out.results.every((x) => x.secret_name === "BULK_SECRET" && x.status === "created" && !x.error));
    for (const repo of repos) assert.equal(secret(`/repos/${repo}/actions`, "BULK_SECRET")?.value, v, repo);
    const faulted = h.emulator.log().filter((e) => e.fault);
    assert.equal(faulted.length, 6, "every injected fault was met and retried");
    assert.equal(h.emulator.log().filter((e) => e.method === "PUT" && e.status === 201).length, 20);
    assert.doesNotMatch(r.stderr, /\x1b\[/, "no progress bar when stderr is not a terminal");
    assert.ok(Date.now() - started < 30000);

    // The human summary: a table and the totals.
    r = await ghseal(["set", "BULK_SECRET", "-b", v, "--repos-from", list, "-R", "octo-org/repo-01"]);
    ok(r);
    assert.match(r.stderr, /^TARGET +SECRET +STATUS$/m);
    assert.match(r.stderr, /^octo-org\/repo-20 +BULK_SECRET +updated$/m);
    assert.match(r.stderr, /0 created, 20 updated, 0 failed \(1 secret, 20 targets\)/);
  });

  test("a missing repository fails alone: exit 1, named on stderr and in --json, the others set", async () => {
    const v = secretValue("missing");
    const list = file("with-missing.txt", "octo-org/repo-21\nocto-org/no-such-repo\nocto-org/repo-22\n");
    let r = await ghseal(["set", "MISSING_TEST", "-b", v, "--repos-from", list, "-R", "octo-org/repo-23", "--json"]);
    assert.equal(r.code, 1);
    const out = json(r);
    assert.equal(out.created, 3);
    assert.equal(out.failed, 1);
    const failed = out.results.filter((x) => x.status === "failed");
    assert.deepEqual(failed.map((x) => x.target), ["octo-org/no-such-repo"]);
    assert.match(failed[0].error, /Not Found \(HTTP 404\)/);
    assert.doesNotMatch(failed[0].error, /\n/);
    assert.match(r.stderr, /failed: MISSING_TEST for octo-org\/no-such-repo: Not Found \(HTTP 404\) - check that repository octo-org\/no-such-repo exists/);
    for (const repo of ["repo-21", "repo-22", "repo-23"]) assert.equal(secret(`/repos/octo-org/${repo}/actions`, "MISSING_TEST").value, v);

    r = await ghseal(["set", "MISSING_TEST", "-b", v, "--repos-from", list]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^octo-org\/no-such-repo +MISSING_TEST +failed$/m);
    assert.match(r.stderr, /0 created, 2 updated, 1 failed/);
    assert.match(r.stderr, /failed: MISSING_TEST for octo-org\/no-such-repo/);
  });

  test("--dry-run sends no write and reports would-create / would-update", async () => {
    const before = secretValue("before");
    await ghseal(["set", "DRY_EXISTING", "-b", before, "-R", "octo-org/hello-world"]).then(ok);
    const path = file("dry.env", `DRY_EXISTING=${secretValue("new1")}\nDRY_NEW=${secretValue("new2")}\n`);
    h.emulator.clearLog();
    let r = await ghseal(["set", "-f", path, "-R", "octo-org/hello-world", "-R", "octo-org/docs", "--dry-run", "--json"]);
    ok(r);
    const out = json(r);
    assert.equal(out.dry_run, true);
    assert.deepEqual(
      out.results.map((x) => `${x.target} ${x.secret_name} ${x.status}`),
      [
        "octo-org/hello-world DRY_EXISTING would-update",
        "octo-org/hello-world DRY_NEW would-create",
        "octo-org/docs DRY_EXISTING would-create",
        "octo-org/docs DRY_NEW would-create",
      ],
    );
    assert.equal(out.would_create, 3);
    assert.equal(out.would_update, 1);
    assert.equal(out.created + out.updated, 0);

    r = await ghseal(["set", "DRY_ORG", "-b", "x", "-o", "octo-org", "-r", "docs", "--dry-run"]);
    ok(r);
    assert.match(r.stderr, /would create actions secret DRY_ORG for org:octo-org; visibility selected \(dry run, nothing written\)/);
    r = await ghseal(["delete", "DRY_EXISTING", "-R", "octo-org/hello-world", "--dry-run"]);
    ok(r);
    assert.match(r.stderr, /would delete/);

    assert.ok(h.emulator.log().length > 0);
    assert.deepEqual(writes(), [], "no PUT or DELETE reached the server");
    assert.equal(secret(HELLO, "DRY_EXISTING").value, before);
    assert.equal(secret(HELLO, "DRY_NEW"), null);
  });
});

describe("list and delete", () => {
  test("list: a table on stdout and --json", async () => {
    const v = secretValue("list");
    await ghseal(["set", "-f", "-", "-R", "octo-org/repo-24"], { input: `LIST_A=${v}\nLIST_B=${v}\n` }).then(ok);
    let r = await ghseal(["list", "-R", "octo-org/repo-24"]);
    ok(r);
    const lines = r.stdout.trimEnd().split("\n");
    assert.match(lines[0], /^NAME +UPDATED$/);
    assert.match(lines[1], /^LIST_A +\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.match(lines[2], /^LIST_B /);
    assert.equal(lines.length, 3);

    r = await ghseal(["list", "-R", "octo-org/repo-24", "--json"]);
    ok(r);
    const items = json(r);
    assert.deepEqual(items.map((i) => i.name), ["LIST_A", "LIST_B"]);
    for (const i of items) {
      assert.equal(i.target, "octo-org/repo-24");
      assert.match(i.created_at, /^\d{4}-/);
      assert.match(i.updated_at, /^\d{4}-/);
    }

    // Organization secrets: visibility and the selected repository count.
    r = await ghseal(["list", "-o", "octo-org", "--json"]);
    ok(r);
    const org = Object.fromEntries(json(r).map((i) => [i.name, i]));
    assert.equal(org.ORG_SELECTED.visibility, "selected");
    assert.equal(org.ORG_SELECTED.selected_repositories_count, 2);
    assert.equal(org.ORG_NONE.selected_repositories_count, 0);
    assert.equal(org.ORG_DEFAULT.visibility, "private");
    assert.equal("selected_repositories_count" in org.ORG_DEFAULT, false);
    r = await ghseal(["list", "-o", "octo-org"]);
    ok(r);
    assert.match(r.stdout, /^NAME +UPDATED +VISIBILITY$/m);
    assert.match(r.stdout, /^ORG_SELECTED +\S+ +selected \(2 repositories\)$/m);

    // Several targets get a TARGET column; a missing one is an error, the rest still listed.
    r = await ghseal(["list", "-R", "octo-org/repo-24", "-R", "octo-org/no-such-repo", "-R", "octo-org/repo-25"]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^TARGET +NAME +UPDATED$/m);
    assert.match(r.stdout, /^octo-org\/repo-24 +LIST_B /m);
    assert.match(r.stderr, /could not list the secrets of repository octo-org\/no-such-repo: Not Found \(HTTP 404\)/);
    assert.match(r.stderr, /no secrets found in octo-org\/repo-25/);

    r = await ghseal(["list", "-u"]);
    ok(r);
    assert.match(r.stdout, /^USER_SECRET +\S+ +selected \(1 repository\)$/m);
    r = await ghseal(["list", "-e", "prod/eu", "-R", "octo-org/hello-world", "--json"]);
    ok(r);
    assert.deepEqual(json(r).map((i) => [i.target, i.name]), [["octo-org/hello-world@prod/eu", "ENV_SECRET"]]);
  });

  test("delete removes secrets from each target; a missing one is named, exit 1", async () => {
    const v = secretValue("del");
    await ghseal(["set", "DEL_ME", "-b", v, "-R", "octo-org/repo-24", "-R", "octo-org/repo-25"]).then(ok);
    let r = await ghseal(["delete", "DEL_ME", "-R", "octo-org/repo-24"]);
    ok(r);
    assert.match(r.stderr, /deleted actions secret DEL_ME from octo-org\/repo-24/);
    assert.equal(secret("/repos/octo-org/repo-24/actions", "DEL_ME"), null);
    assert.equal(secret("/repos/octo-org/repo-25/actions", "DEL_ME").value, v);

    r = await ghseal(["delete", "DEL_ME", "-R", "octo-org/repo-24", "-R", "octo-org/repo-25", "--json"]);
    assert.equal(r.code, 1);
    const out = json(r);
    assert.equal(out.deleted, 1);
    assert.equal(out.failed, 1);
    assert.deepEqual(out.results.map((x) => `${x.target} ${x.status}`), ["octo-org/repo-24 failed", "octo-org/repo-25 deleted"]);
    assert.match(r.stderr, /failed: DEL_ME from octo-org\/repo-24: Not Found \(HTTP 404\)/);
    assert.equal(secret("/repos/octo-org/repo-25/actions", "DEL_ME"), null);

    r = await ghseal(["delete", "ORG_ALL", "-o", "octo-org", "-a", "dependabot"]);
    ok(r);
    assert.equal(secret("/orgs/octo-org/dependabot", "ORG_ALL"), null);
    r = await ghseal(["delete", "ENV_SECRET", "-e", "prod/eu", "-R", "octo-org/hello-world"]);
    ok(r);
    assert.equal(secret("/repos/octo-org/hello-world/environments/prod/eu", "ENV_SECRET"), null);
    r = await ghseal(["delete", "USER_PLAIN", "-u"]);
    ok(r);
    assert.equal(secret("/user/codespaces", "USER_PLAIN"), null);
  });
});

test("every run kept the token out of its output", (t) => {
  t.diagnostic(`${h.runs()} runs checked`);
  assert.ok(h.runs() > 30, `${h.runs()} runs checked`);
});
