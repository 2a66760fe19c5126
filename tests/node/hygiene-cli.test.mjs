// Secret hygiene of the CLI: the token and plaintext values never appear on stdout or
// stderr (`--json` and `--debug` included), for successes and failures.
//
//   GHSEAL_PKG=target/pkg-soak node --test tests/node/hygiene*.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pkgDir, repoRoot } from "../support/pkg.mjs";
import { HELLO_SCOPE, TOKEN, WRONG_TOKEN, marker, secrets, useHygiene } from "../support/hygiene.mjs";

const CLI = join(pkgDir, "cli", "ghseal.js");
const h = useHygiene();

// --------------------------------------------------------------------- CLI

const CLEAN_ENV = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !["GH_TOKEN", "GITHUB_TOKEN", "GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN", "GH_HOST", "DEBUG"].includes(k),
  ),
);

/** Runs the CLI; `token` goes to GH_TOKEN (null: none). Asserts no secret in either stream. */
function cli(args, { token = TOKEN, input = "", baseUrl = h.url, env = {}, check = true } = {}) {
  const offline = args[0] === "seal";
  const argv = offline ? [CLI, ...args] : [CLI, ...args, "--base-url", baseUrl, "--throttle-ms", "0", "--retries", "0"];
  const childEnv = { ...CLEAN_ENV, ...env };
  if (token !== null) childEnv.GH_TOKEN = token;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd: repoRoot, env: childEnv });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.stdin.on("error", () => {});
    child.stdin.end(input);
    child.on("close", (code) => {
      if (check) {
        for (const [name, text] of [["stdout", stdout], ["stderr", stderr]]) {
          for (const s of secrets) assert.ok(!text.includes(s), `ghseal ${args.join(" ")}: a token or secret value on ${name}:\n${text}`);
        }
      }
      resolve({ code, stdout, stderr });
    });
  });
}

describe("CLI output", () => {
  test("set, list, delete, seal: successes and failures, --json and --debug, never print the token or a value", async () => {
    const file = (name, text) => {
      const path = join(h.tmp, name);
      writeFileSync(path, text);
      return path;
    };
    const v1 = marker("body");
    let r = await cli(["set", "HYG_BODY", "--body", v1, "-R", "octo-org/hello-world"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(h.emulator.getSecret(HELLO_SCOPE, "HYG_BODY").value, v1);

    const values = { HYG_A: marker("a"), HYG_B: marker("b"), HYG_C: marker("c") };
    const envFile = file("hygiene.env", Object.entries(values).map(([k, v]) => `${k}="${v}"`).join("\n"));
    r = await cli(["set", "-f", envFile, "-R", "octo-org/hello-world", "-R", "octo-org/repo-01", "--json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).created, 6);
    assert.equal(h.emulator.getSecret("/repos/octo-org/repo-01/actions", "HYG_C").value, values.HYG_C);

    r = await cli(["set", "-f", "-", "-R", "octo-org/hello-world", "--json", "--debug"], { input: `HYG_OK=${marker()}\nbad-name=${marker()}\n` });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /failed: bad-name for octo-org\/hello-world/);
    assert.equal(JSON.parse(r.stdout).failed, 1);

    r = await cli(["set", "HYG_404", "-b", marker(), "-R", "octo-org/no-such-repo", "--json", "--debug"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Not Found \(HTTP 404\)/);
    assert.match(r.stderr, /debug: request: GET /);

    r = await cli(["set", "HYG_401", "-b", marker(), "-R", "octo-org/hello-world", "--debug"], { token: WRONG_TOKEN });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Bad credentials \(HTTP 401\)/);
    assert.match(r.stderr, /\n\s+at /, "--debug prints the stack");

    r = await cli(["set", "HYG_401", "-b", marker(), "-R", "octo-org/hello-world", "--json", `--token=${WRONG_TOKEN}`], { token: null, env: { DEBUG: "ghseal" } });
    assert.equal(r.code, 1);
    assert.match(JSON.parse(r.stdout).results[0].error, /Bad credentials/);

    r = await cli(["set", "HYG_BIG", "-R", "octo-org/hello-world", "--debug"], { input: marker().repeat(1000) });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /over GitHub's limit/);

    r = await cli(["set", "HYG_NET", "-b", marker(), "-R", "octo-org/hello-world", "--json", "--debug"], { baseUrl: h.closedPortUrl });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /network error/);

    h.emulator.injectFaults([{ kind: "server-error", count: 1, method: "PUT" }]);
    r = await cli(["set", "HYG_502", "-b", marker(), "-R", "octo-org/hello-world", "--debug"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Server Error \(HTTP 502\)/);

    r = await cli(["set", "HYG_NOSTORE", "-R", "octo-org/hello-world", "--no-store", "--json", "--debug"], { input: marker() });
    assert.equal(r.code, 0, r.stderr);
    assert.match(JSON.parse(r.stdout).encrypted_value, /^[A-Za-z0-9+/]+=*$/);

    r = await cli(["list", "-R", "octo-org/hello-world", "--json", "--debug"]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(JSON.parse(r.stdout).some((s) => s.name === "HYG_BODY"));
    r = await cli(["list", "-R", "octo-org/hello-world", "--debug"], { token: WRONG_TOKEN });
    assert.equal(r.code, 1);

    r = await cli(["delete", "HYG_BODY", "HYG_MISSING", "-R", "octo-org/hello-world", "--json", "--debug"]);
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout).results.map((x) => x.status), ["deleted", "failed"]);
    r = await cli(["delete", "HYG_A", "-R", "octo-org/hello-world", "--debug"], { token: WRONG_TOKEN });
    assert.equal(r.code, 1);

    const { publicKey } = h.ghseal.generateKeyPair();
    r = await cli(["seal", "--key", publicKey, "--json", "--debug"], { token: null, input: marker() });
    assert.equal(r.code, 0, r.stderr);
    r = await cli(["seal", "--key", "c2hvcnQ=", "--debug", marker()], { token: null });
    assert.equal(r.code, 2);
  });

  test(
    "a token with an embedded newline is not printed",
    async () => {
      const [head, tail] = [`ghp_${randomBytes(10).toString("hex")}`, randomBytes(10).toString("hex")];
      const r = await cli(["set", "HYG_NL", "-b", marker(), "-R", "octo-org/hello-world", "--json"], { token: `${head}\n${tail}`, check: false });
      assert.equal(r.code, 1);
      for (const part of [head, tail]) {
        assert.ok(!r.stdout.includes(part), "token on stdout");
        assert.ok(!r.stderr.includes(part), "token on stderr");
      }
    },
  );
});
