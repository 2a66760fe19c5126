// The `ghseal` command beyond `set`, run as a child process against the GitHub
// secrets emulator: sealing without storing (--no-store, seal --key),
// error messages and exit codes, and the terminal (prompt without echo, progress
// bar). Every run is checked for the token and secret values (tests/support/cli-harness.mjs).
//
//   GHSEAL_PKG=target/pkg-cli node --test tests/node/cli*.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import sodium from "libsodium-wrappers";
import { DEMO_TOKEN } from "../emulator/index.mjs";
import { CLEAN_ENV, CLI } from "../support/cli.mjs";
import { pkgDir } from "../support/pkg.mjs";
import { useCliHarness } from "../support/cli-harness.mjs";

const HELLO = "/repos/octo-org/hello-world/actions";
const h = useCliHarness();
const { ghseal, secretValue, file, secret, writes, json, ok, open } = h;

describe("sealing without storing", () => {
  test("--no-store prints a sealed value that opens with the scope's key; nothing is stored", async () => {
    const v = secretValue("nostore");
    h.emulator.clearLog();
    let r = await ghseal(["set", "NOSTORE", "-b", v, "-R", "octo-org/hello-world", "--no-store"]);
    ok(r);
    const { publicKey, privateKey } = h.emulator.resolveScope(HELLO).key;
    assert.equal(open(r.stdout, publicKey, privateKey), v);
    assert.equal(secret(HELLO, "NOSTORE"), null);
    assert.deepEqual(writes(), []);

    r = await ghseal(["set", "-e", "prod/eu", "-R", "octo-org/hello-world", "--no-store", "--json"], { input: `${v}\n` });
    ok(r);
    const out = json(r);
    const envKey = h.emulator.resolveScope("/repos/octo-org/hello-world/environments/prod/eu").key;
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
    h.emulator.clearLog();
    await ghseal(["set", "X", "-b", "v", "-o", "octo-org", "-v", "selected"]);
    assert.deepEqual(h.emulator.log(), []);
  });

  test("no token: one line, exit 2; --token and GITHUB_TOKEN work", async () => {
    // the secret the listing must show (cli.test.mjs's first test sets it in its own emulator)
    await ghseal(["set", "BODY_SECRET", "-b", secretValue("body"), "-R", "octo-org/hello-world"]).then(ok);
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
    const host = new URL(h.url).host;
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
    const cmd = [process.execPath, CLI, ...args, "--base-url", h.url, "--throttle-ms", "0"]
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
    h.emulator.injectFaults([{ kind: "delay", delayMs: 300, count: 3, method: "PUT" }]);
    const r = await underTty(["set", "BAR_SECRET", "-b", secretValue("bar"), "-R", "octo-org/repo-01", "-R", "octo-org/repo-02", "-R", "octo-org/repo-03"]);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /setting \[.*\] \d\/3/);
    assert.match(r.out, /3 created, 0 updated, 0 failed/);
  });
});

test("every run kept the token out of its output", (t) => {
  t.diagnostic(`${h.runs()} runs checked`);
  assert.ok(h.runs() > 30, `${h.runs()} runs checked`);
});
