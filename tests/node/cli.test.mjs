// The `ghseal` command, run as a child process (`node $GHSEAL_PKG/cli/ghseal.js`)
// against the GitHub secrets emulator: every value is read back decrypted from
// the emulator, every run is checked for the token (and the test's secret
// values) never appearing in stdout or stderr.
//
//   GHSEAL_PKG=target/pkg-cli node --test tests/node/cli.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import dotenv from "dotenv";
import sodium from "libsodium-wrappers";
import { DEMO_TOKEN, makeSeed, startEmulator } from "../emulator/index.mjs";
import { pkgDir, repoRoot } from "../support/pkg.mjs";

const CLI = join(pkgDir, "cli", "ghseal.js");
const HELLO = "/repos/octo-org/hello-world/actions";
const IDS = { "hello-world": 1296269, docs: 1300193, dotfiles: 1300194 };

let server;
let emu;
let tmp;
/** Values that must never appear in any output (besides the token). */
const neverPrinted = new Set();
let runs = 0;

before(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} missing: build the package (node scripts/build.mjs --out ${pkgDir})`);
  await sodium.ready;
  server = await startEmulator({ seed: makeSeed({ repos: 25 }) });
  emu = server.emulator;
  tmp = mkdtempSync(join(tmpdir(), "ghseal-cli-"));
});
after(async () => {
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** A value that is asserted never to be printed. */
function secretValue(label) {
  const v = `${label}-${Math.random().toString(36).slice(2, 10)}-value`;
  neverPrinted.add(v);
  return v;
}

function file(name, text) {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

const CLEAN_ENV = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !["GH_TOKEN", "GITHUB_TOKEN", "GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN", "GH_HOST", "DEBUG"].includes(k),
  ),
);

/**
 * Runs the CLI. `token: null` leaves every token variable unset; `server: false`
 * omits --base-url/--throttle-ms. Resolves { code, stdout, stderr }; asserts the
 * token and the registered secret values are in neither stream.
 */
function ghseal(args, { input = "", env = {}, token = DEMO_TOKEN, server: useServer = true } = {}) {
  const argv = useServer ? [...args, "--base-url", server.url, "--throttle-ms", "0"] : args;
  const childEnv = { ...CLEAN_ENV, ...env };
  if (token !== null) childEnv.GH_TOKEN = token;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...argv], { cwd: repoRoot, env: childEnv });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.stdin.on("error", () => {}); // the CLI may exit before reading stdin
    child.stdin.end(input);
    child.on("close", (code) => {
      runs += 1;
      const where = `ghseal ${args.join(" ")}`;
      for (const [name, text] of [["stdout", stdout], ["stderr", stderr]]) {
        assert.ok(!text.includes(DEMO_TOKEN), `${where}: the token appeared on ${name}`);
        for (const v of neverPrinted) assert.ok(!text.includes(v), `${where}: a secret value appeared on ${name}`);
      }
      assert.ok(!/\n\s+at .*\(.*:\d+:\d+\)/.test(stderr) || childEnv.DEBUG || args.includes("--debug"), `${where}: stack trace on stderr:\n${stderr}`);
      resolve({ code, stdout, stderr });
    });
  });
}

const secret = (scope, name) => emu.getSecret(scope, name);
const writes = () => emu.log().filter((e) => e.method === "PUT" || e.method === "DELETE" || e.method === "POST" || e.method === "PATCH");
const json = (r) => {
  try {
    return JSON.parse(r.stdout);
  } catch {
    assert.fail(`stdout is not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
};
const ok = (r) => assert.equal(r.code, 0, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);

/** Opens a base64 sealed box with a libsodium key pair. */
function open(sealedB64, publicKey, privateKey) {
  const plain = sodium.crypto_box_seal_open(new Uint8Array(Buffer.from(sealedB64.trim(), "base64")), publicKey, privateKey);
  return Buffer.from(plain).toString("utf8");
}

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
    assert.deepEqual(json(r).results, [{ target: "org:octo-org", secret_name: "ORG_SELECTED", status: "created" }]);
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
    emu.clearLog();
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
    emu.clearLog();
    emu.injectFaults([
      { kind: "secondary-rate-limit", count: 3, retryAfter: 1, method: "PUT" },
      { kind: "server-error", count: 3 },
    ]);
    const started = Date.now();
    let r = await ghseal(["set", "BULK_SECRET", "-b", v, "--repos-from", list, "--json"]);
    emu.clearFaults();
    ok(r);
    const out = json(r);
    assert.equal(out.created, 20);
    assert.equal(out.updated, 0);
    assert.equal(out.failed, 0);
    assert.deepEqual(out.results.map((x) => x.target), repos);
    assert.ok(out.results.every((x) => x.secret_name === "BULK_SECRET" && x.status === "created" && !x.error));
    for (const repo of repos) assert.equal(secret(`/repos/${repo}/actions`, "BULK_SECRET")?.value, v, repo);
    const faulted = emu.log().filter((e) => e.fault);
    assert.equal(faulted.length, 6, "every injected fault was met and retried");
    assert.equal(emu.log().filter((e) => e.method === "PUT" && e.status === 201).length, 20);
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
    emu.clearLog();
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
    assert.match(r.stderr, /would create actions secret DRY_ORG for org:octo-org \(dry run, nothing written\)/);
    r = await ghseal(["delete", "DRY_EXISTING", "-R", "octo-org/hello-world", "--dry-run"]);
    ok(r);
    assert.match(r.stderr, /would delete/);

    assert.ok(emu.log().length > 0);
    assert.deepEqual(writes(), [], "no PUT or DELETE reached the server");
    assert.equal(secret(HELLO, "DRY_EXISTING").value, before);
    assert.equal(secret(HELLO, "DRY_NEW"), null);
  });
});

describe("sealing without storing", () => {
  test("--no-store prints a sealed value that opens with the scope's key; nothing is stored", async () => {
    const v = secretValue("nostore");
    emu.clearLog();
    let r = await ghseal(["set", "NOSTORE", "-b", v, "-R", "octo-org/hello-world", "--no-store"]);
    ok(r);
    const { publicKey, privateKey } = emu.resolveScope(HELLO).key;
    assert.equal(open(r.stdout, publicKey, privateKey), v);
    assert.equal(secret(HELLO, "NOSTORE"), null);
    assert.deepEqual(writes(), []);

    r = await ghseal(["set", "-e", "prod/eu", "-R", "octo-org/hello-world", "--no-store", "--json"], { input: `${v}\n` });
    ok(r);
    const out = json(r);
    const envKey = emu.resolveScope("/repos/octo-org/hello-world/environments/prod/eu").key;
    assert.equal(out.key_id, envKey.key_id);
    assert.equal(out.target, "octo-org/hello-world@prod/eu");
    assert.equal(open(out.encrypted_value, envKey.publicKey, envKey.privateKey), v);
  });

  test("seal --key works offline without a token, from an argument or stdin", async () => {
    const kp = sodium.crypto_box_keypair();
    const key = Buffer.from(kp.publicKey).toString("base64");
    const v = secretValue("offline");
    let r = await ghseal(["seal", "--key", key, v], { token: null, server: false });
    ok(r);
    assert.equal(open(r.stdout, kp.publicKey, kp.privateKey), v);

    r = await ghseal(["seal", "--key", key, "-"], { token: null, server: false, input: `${v}\n` });
    ok(r);
    assert.equal(open(r.stdout, kp.publicKey, kp.privateKey), v);

    r = await ghseal(["seal", "--key", key, "--key-id", "42", "--json"], { token: null, server: false, input: v });
    ok(r);
    const out = json(r);
    assert.equal(out.key_id, "42");
    assert.equal(open(out.encrypted_value, kp.publicKey, kp.privateKey), v);

    r = await ghseal(["seal", "--key", "c2hvcnQ=", "x"], { token: null, server: false });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^ghseal seal: --key: expected 32 bytes, got 5/);
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

describe("errors", () => {
  const envFile = () => file("usage.env", "A=1\n");
  const usage = [
    [["set", "X", "--bogus"], /unknown option '--bogus'/],
    [["set", "X", "--bdy", "v", "-R", "a/b"], /unknown option '--bdy' \(Did you mean --body\?\)/],
    [["set", "X", "-b", "v", "-f", "@ENV", "-R", "a/b"], /specify only one of --body or --env-file/],
    [["set", "-f", "@ENV", "--no-store", "-R", "a/b"], /specify only one of --env-file or --no-store/],
    [["set", "X", "-b", "v", "-o", "octo-org", "-e", "production"], /specify only one of --org, --env or --user/],
    [["set", "X", "-b", "v", "-u", "-o", "octo-org"], /specify only one of --org, --env or --user/],
    [["set", "X", "-b", "v", "-R", "a/b", "-v", "all"], /--visibility is only supported with --org/],
    [["set", "X", "-b", "v", "-o", "octo-org", "-v", "selected"], /--repos or --no-repos-selected required with --visibility selected/],
    [["set", "X", "-b", "v", "-o", "octo-org", "-v", "all", "-r", "docs"], /--repos is only supported with --visibility selected/],
    [["set", "X", "-b", "v", "-o", "octo-org", "-r", "docs", "--no-repos-selected"], /specify only one of --repos or --no-repos-selected/],
    [["set", "X", "-b", "v"], /specify --repo OWNER\/REPO \(no git remote detection\)/],
    [["set", "X", "-b", "v", "-e", "production"], /specify --repo OWNER\/REPO.*--env needs a repository/],
    [["set", "X", "-b", "v", "-R", "not-a-repo"], /--repo: expected OWNER\/REPO/],
    [["set", "X", "-b", "v", "-R", "a/b", "-a", "nope"], /argument 'nope' is invalid/],
    [["set", "X", "-b", "v", "-u", "-a", "actions"], /user secrets are only supported for codespaces/],
    [["set", "X", "-b", "v", "-R", "a/b", "-e", "production", "-a", "dependabot"], /environment secrets are only supported for actions/],
    [["set", "-b", "v", "-R", "a/b"], /missing secret NAME/],
    [["set", "X", "-f", "@ENV", "-R", "a/b"], /specify only one of NAME or --env-file/],
    [["set", "X", "-b", "v", "-R", "a/b", "-R", "c/d", "--no-store"], /--no-store prints one sealed value/],
    [["set", "X", "-b", "v", "-R", "a/b", "--concurrency", "0"], /--concurrency <n>' argument '0' is invalid/],
    [["set", "X", "-b", "v", "-R", "a/b", "--base-url", "ftp://x"], /--base-url must be an http\(s\) URL/],
    [["list", "-R", "a/b", "extra"], /too many arguments/],
    [["delete", "-R", "a/b"], /missing required argument 'names'/],
    [["seal", "value"], /required option '--key <base64>' not specified/],
    [["frobnicate"], /unknown command 'frobnicate'/],
  ];
  for (const [args, message] of usage) {
    test(`usage error: ${args.join(" ")}`, async () => {
      const argv = args.map((a) => (a === "@ENV" ? envFile() : a));
      const r = await ghseal(argv, { server: !args.includes("--base-url") });
      assert.equal(r.code, 2, `exit ${r.code}: ${r.stderr}`);
      assert.equal(r.stdout, "");
      const lines = r.stderr.trimEnd().split("\n");
      assert.equal(lines.length, 1, `one line:\n${r.stderr}`);
      assert.match(lines[0], /^ghseal\b/);
      assert.match(lines[0], message);
    });
  }

  test("usage errors send nothing", async () => {
    emu.clearLog();
    await ghseal(["set", "X", "-b", "v", "-o", "octo-org", "-v", "selected"]);
    assert.deepEqual(emu.log(), []);
  });

  test("no token: one line, exit 2; --token and GITHUB_TOKEN work", async () => {
    let r = await ghseal(["list", "-R", "octo-org/hello-world"], { token: null });
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trimEnd().split("\n").length, 1);
    assert.match(r.stderr, /no token: set GH_TOKEN or GITHUB_TOKEN, or pass --token/);

    r = await ghseal(["list", "-R", "octo-org/hello-world", "--token", DEMO_TOKEN], { token: null });
    ok(r);
    assert.match(r.stdout, /BODY_SECRET/);
    r = await ghseal(["list", "-R", "octo-org/hello-world"], { token: null, env: { GITHUB_TOKEN: DEMO_TOKEN } });
    ok(r);
    r = await ghseal(["set", "TOKEN_FLAG", "-b", secretValue("tf"), "-R", "octo-org/hello-world", `--token=${DEMO_TOKEN}`], { token: null });
    ok(r);
  });

  test("a rejected token: GitHub's message and what to try, in one line; --debug adds details, never the token", async () => {
    const wrong = "ghp_wrongTokenThatMustNotBePrinted";
    let r = await ghseal(["set", "BAD_TOKEN", "-b", secretValue("bt"), "-R", "octo-org/hello-world"], { token: wrong });
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trimEnd().split("\n").length, 1);
    assert.match(r.stderr, /failed: BAD_TOKEN for octo-org\/hello-world: Bad credentials \(HTTP 401\) - check the token/);
    assert.ok(!r.stderr.includes(wrong));

    r = await ghseal(["list", "-R", "octo-org/hello-world", "--debug"], { token: wrong });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /debug: request: GET /);
    assert.match(r.stderr, /\n\s+at /, "a stack trace with --debug");
    assert.ok(!r.stderr.includes(wrong));
    r = await ghseal(["list", "-R", "octo-org/hello-world"], { token: wrong, env: { DEBUG: "ghseal" } });
    assert.match(r.stderr, /\n\s+at /, "a stack trace with DEBUG=ghseal");
    assert.ok(!r.stderr.includes(wrong));
  });

  test("GH_HOST selects GitHub Enterprise Server's https://HOST/api/v3", async () => {
    const host = new URL(server.url).host;
    const r = await ghseal(["list", "-R", "octo-org/hello-world", "--retries", "0"], { server: false, env: { GH_HOST: host } });
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trimEnd().split("\n").length, 1);
    assert.ok(r.stderr.includes(`https://${host}/api/v3/repos/octo-org/hello-world/actions/secrets`), r.stderr);
    assert.match(r.stderr, /network error.*check the network and the server \(--base-url or GH_HOST\)/);
  });

  test("GH_HOST mapping (github.com, GHE.com tenants, Enterprise Server)", async () => {
    const { resolveBaseUrl } = await import(new URL(`file://${join(pkgDir, "cli", "config.js")}`).href);
    assert.equal(resolveBaseUrl(undefined, {}), "https://api.github.com");
    assert.equal(resolveBaseUrl(undefined, { GH_HOST: "github.com" }), "https://api.github.com");
    assert.equal(resolveBaseUrl(undefined, { GH_HOST: "github.example.com" }), "https://github.example.com/api/v3");
    assert.equal(resolveBaseUrl(undefined, { GH_HOST: "octo.ghe.com" }), "https://api.octo.ghe.com");
    assert.equal(resolveBaseUrl("http://127.0.0.1:1/", { GH_HOST: "github.example.com" }), "http://127.0.0.1:1");
  });
});

describe("terminal", { skip: spawnSync("script", ["--version"]).status !== 0 && "needs util-linux script(1)" }, () => {
  /** Runs the CLI under a pseudo-terminal (script -qec), answering `answer` once `waitFor` shows. */
  function underTty(args, { waitFor, answer } = {}) {
    const cmd = [process.execPath, CLI, ...args, "--base-url", server.url, "--throttle-ms", "0"]
      .map((a) => `'${String(a).replace(/'/g, "'\\''")}'`)
      .join(" ");
    return new Promise((resolve, reject) => {
      const child = spawn("script", ["-qec", cmd, "/dev/null"], { env: { ...CLEAN_ENV, GH_TOKEN: DEMO_TOKEN } });
      let out = "";
      let answered = false;
      const timer = setTimeout(() => child.kill(), 15000);
      child.stdout.setEncoding("utf8").on("data", (d) => {
        out += d;
        if (waitFor && !answered && out.includes(waitFor)) {
          answered = true;
          child.stdin.write(answer);
        }
      });
      child.on("error", reject);
      child.on("close", (code) => {
        clearTimeout(timer);
        assert.ok(!out.includes(DEMO_TOKEN));
        resolve({ code, out });
      });
    });
  }

  test("on a terminal the value is prompted for without echo", async () => {
    const v = secretValue("typed");
    const r = await underTty(["set", "TYPED_SECRET", "-R", "octo-org/hello-world"], { waitFor: "Paste your secret", answer: `${v}\r` });
    assert.equal(r.code, 0, r.out);
    assert.ok(!r.out.includes(v), "the typed value was echoed");
    assert.equal(secret(HELLO, "TYPED_SECRET").value, v);
  });

  test("on a terminal bulk work shows a progress bar", async () => {
    // Slow writes, so that the bar gets drawn before the work is done.
    emu.injectFaults([{ kind: "delay", delayMs: 300, count: 3, method: "PUT" }]);
    const r = await underTty(["set", "BAR_SECRET", "-b", secretValue("bar"), "-R", "octo-org/repo-01", "-R", "octo-org/repo-02", "-R", "octo-org/repo-03"]);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /setting \[.*\] \d\/3/);
    assert.match(r.out, /3 created, 0 updated, 0 failed/);
  });
});

test("every run kept the token out of its output", () => {
  assert.ok(runs > 40, `${runs} runs checked`);
});
