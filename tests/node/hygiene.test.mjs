// Secret hygiene of the library and the CLI:
//   - the token and plaintext values never appear in thrown errors (message, stack,
//     JSON, util.inspect), `HttpError.request`, retry/progress events, console
//     output or CLI output (`--json` and `--debug` included);
//   - wasm linear memory does not retain the plaintext after `sealSecret` (or a
//     client write) returns: the instance's memory buffer is searched for markers;
//   - after every caught error in any public function the wasm instance still
//     works: thousands of bad calls alternate with good ones.
//
//   GHSEAL_PKG=target/pkg-soak node --test tests/node/hygiene.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { Worker } from "node:worker_threads";
import sodium from "libsodium-wrappers";
import { makeSeed, startEmulator } from "../emulator/index.mjs";
import { importPkg, pkgDir, pkgUrl, repoRoot } from "../support/pkg.mjs";

const CLI = join(pkgDir, "cli", "ghseal.js");
const TOKEN = `ghp_hygiene${randomBytes(12).toString("hex")}`;
const WRONG_TOKEN = `ghp_wrongToken${randomBytes(12).toString("hex")}`;
const HELLO = { owner: "octo-org", repo: "hello-world" };
const HELLO_SCOPE = "/repos/octo-org/hello-world/actions";

let server;
let emu;
let ghseal;
let tmp;
let closedPortUrl;

/** Strings that must never show up: the tokens and every value made by `marker()`. */
const secrets = new Set([TOKEN, WRONG_TOKEN]);
/** A unique secret value (ASCII letters and digits, then non-ASCII), remembered as a secret. */
function marker(label = "v") {
  const m = `${label}Mark${randomBytes(20).toString("hex")}-ünï日本🔐`;
  secrets.add(m);
  secrets.add(m.slice(0, 40)); // also its ASCII head alone
  return m;
}

before(async () => {
  ghseal = await importPkg();
  await sodium.ready;
  server = await startEmulator({ seed: makeSeed({ repos: 5 }), tokens: [TOKEN] });
  emu = server.emulator;
  tmp = mkdtempSync(join(tmpdir(), "ghseal-hygiene-"));
  // A port on which nothing listens.
  const probe = net.createServer();
  await new Promise((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedPortUrl = `http://127.0.0.1:${probe.address().port}`;
  await new Promise((resolve) => probe.close(resolve));
});
after(async () => {
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

// ------------------------------------------------------------------ helpers

/** Everything an error (or any object) shows: JSON, message, stack, util.inspect. */
function renderings(x) {
  let json;
  try {
    json = JSON.stringify(x, (_k, v) => (typeof v === "bigint" ? String(v) : v));
  } catch (e) {
    json = `unserialisable: ${e.message}`;
  }
  return [json ?? "", String(x?.message ?? ""), String(x?.stack ?? ""), inspect(x, { depth: 10, showHidden: true, getters: false })];
}

/** Asserts that none of the secrets appears in any rendering of `x`. */
function assertClean(label, x) {
  for (const text of renderings(x)) {
    for (const s of secrets) assert.ok(!text.includes(s), `${label}: a token or secret value appears in ${text.slice(0, 300)}`);
  }
}

/** Runs `fn` with console.* and process warnings captured; resolves to what was written. */
async function captureConsole(fn) {
  const methods = ["log", "info", "warn", "error", "debug", "trace", "dir", "dirxml", "table", "assert", "group", "groupCollapsed", "count", "time", "timeLog"];
  const saved = methods.map((m) => [m, console[m]]);
  const written = [];
  for (const m of methods) console[m] = (...args) => written.push(`${m}: ${args.map((a) => (typeof a === "string" ? a : inspect(a))).join(" ")}`);
  const onWarning = (w) => written.push(`warning: ${w.stack ?? w}`);
  process.on("warning", onWarning);
  try {
    await fn();
  } finally {
    for (const [m, f] of saved) console[m] = f;
    process.off("warning", onWarning);
  }
  return written;
}

/** The error `fn` throws (sync) or rejects with; fails when it does neither. */
async function caught(label, fn) {
  let error;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof Error, `${label}: expected an Error, got ${inspect(error)}`);
  return error;
}

const client = (options = {}) =>
  new ghseal.GitHubSecrets({ auth: TOKEN, baseUrl: server.url, throttle: { minWriteInterval: 0 }, retry: { retries: 0 }, ...options });

// ----------------------------------------------------------- library errors

describe("library errors, events and console", () => {
  test("no error path shows the token or the value, and nothing is logged", async () => {
    const seen = [];
    const events = [];
    const logged = await captureConsole(async () => {
      const { publicKey, secretKey } = ghseal.generateKeyPair();
      const other = ghseal.generateKeyPair();
      const v = marker("sync");
      const expect = async (label, fn, check) => {
        const error = await caught(label, fn);
        assert.ok(["ValidationError", "DecryptionError", "HttpError"].includes(error.name), `${label}: ${error.name} ${error.message}`);
        check?.(error);
        assertClean(label, error);
        seen.push(label);
        return error;
      };
      // Synchronous functions.
      await expect("sealSecret bad key", () => ghseal.sealSecret("not a key", v));
      await expect("sealSecret 31-byte key", () => ghseal.sealSecret(new Uint8Array(31), v));
      await expect("sealSecret bad value type", () => ghseal.sealSecret(publicKey, { value: v }));
      await expect("openSecret wrong key", () => ghseal.openSecret(ghseal.sealSecret(publicKey, v), other.secretKey), (e) => assert.equal(e.name, "DecryptionError"));
      await expect("openSecretBytes wrong key", () => ghseal.openSecretBytes(ghseal.sealSecret(publicKey, v), other.secretKey));
      await expect("openSecret truncated", () => ghseal.openSecret(ghseal.sealSecret(publicKey, v).slice(0, 40), secretKey));
      await expect("openSecret secret key as text", () => ghseal.openSecret(ghseal.sealSecret(publicKey, v), v));
      await expect("new GitHubSecrets bad baseUrl", () => new ghseal.GitHubSecrets({ auth: TOKEN, baseUrl: "ftp://example.com" }));
      await expect("new GitHubSecrets bad timeout", () => new ghseal.GitHubSecrets({ auth: TOKEN, timeout: -1 }));
      await expect("new GitHubSecrets bad fetch", () => new ghseal.GitHubSecrets({ auth: TOKEN, fetch: TOKEN }));
      await expect("new GitHubSecrets bad retries", () => new ghseal.GitHubSecrets({ auth: TOKEN, retry: { retries: "many" } }));
      await expect("new GitHubSecrets auth not a string", () => new ghseal.GitHubSecrets({ auth: { token: TOKEN } }));

      // Validation in the client (nothing sent).
      const gh = client({ onRetry: (e) => events.push(e) });
      const put = (params) => gh.actions.createOrUpdateRepoSecret({ ...HELLO, secret_name: "HYGIENE", ...params });
      await expect("bad secret name", () => put({ secret_name: "bad name", value: marker() }));
      await expect("GITHUB_ prefix", () => put({ secret_name: "GITHUB_X", value: marker() }));
      await expect("value and encrypted_value", () => put({ value: marker(), encrypted_value: "AAAA", key_id: "1" }));
      await expect("value with key_id", () => put({ value: marker(), key_id: "1" }));
      await expect("value not a string", () => put({ value: [marker()] }));
      await expect("value over 48 KiB", () => put({ value: marker().repeat(1000) }));
      await expect("unknown parameter", () => put({ value: marker(), valeu: marker() }));
      await expect("missing repo", () => gh.actions.createOrUpdateRepoSecret({ owner: "octo-org", secret_name: "A", value: marker() }));
      await expect("bad visibility", () => gh.actions.createOrUpdateOrgSecret({ org: "octo-org", secret_name: "A", value: marker(), visibility: "public" }));
      await expect("bad route", () => gh.request(`BOGUS /user`, { value: marker() }));
      await expect("paginate a non-list", () => gh.paginate(gh.actions.createOrUpdateRepoSecret, { ...HELLO, secret_name: "A", value: marker() }));
      await expect("params not serialisable", () => put({ value: marker(), extra: 1n }));
      await expect("setSecrets bad target", () => gh.setSecrets({ app: "actions", nothing: marker() }, { A: marker() }));
      await expect("setSecrets non-string value", () => gh.setSecrets(HELLO, { A: marker(), B: 42 }));

      // HTTP errors: `request` is redacted, `response` is GitHub's.
      const http = (status) => (e) => {
        assert.equal(e.status, status, e.message);
        assert.ok(e.request?.url.startsWith(server.url), "request.url");
      };
      const redacted = (e) => assert.equal(e.request.headers.authorization, "[REDACTED]");
      await expect("401 bad credentials", () => client({ auth: WRONG_TOKEN }).actions.createOrUpdateRepoSecret({ ...HELLO, secret_name: "A", value: marker() }), (e) => {
        http(401)(e);
        redacted(e);
      });
      await expect("401 on request()", () => client({ auth: WRONG_TOKEN }).request("GET /user"), http(401));
      await expect("401 without a token", () => client({ auth: undefined }).actions.createOrUpdateRepoSecret({ ...HELLO, secret_name: "A", value: marker() }), http(401));
      await expect("404 unknown repository", () => put({ repo: "no-such-repo", value: marker() }), (e) => {
        http(404)(e);
        redacted(e);
      });
      await expect("404 paginate", () => gh.paginate(gh.actions.listRepoSecrets, { owner: "octo-org", repo: "nope" }), http(404));
      await expect("404 page iterator", async () => {
        for await (const page of gh.paginate.iterator(gh.actions.listRepoSecrets, { owner: "octo-org", repo: "nope" })) assert.fail(page);
      }, http(404));
      const key = (await gh.actions.getRepoPublicKey(HELLO)).data;
      await expect("422 stale key_id", () => put({ encrypted_value: ghseal.sealSecret(key.key, marker()), key_id: "1" }), http(422));
      await expect("422 unknown repositories", () => gh.actions.createOrUpdateOrgSecret({ org: "octo-org", secret_name: "A", value: marker(), visibility: "selected", selected_repository_ids: [999999] }), http(422));
      // No answer: network error and timeout (HttpError with status 0).
      await expect("network error", () => client({ baseUrl: closedPortUrl }).actions.createOrUpdateRepoSecret({ ...HELLO, secret_name: "A", value: marker() }), (e) => {
        assert.equal(e.code, "network");
        assert.equal(e.status, 0);
      });
      emu.injectFaults([{ kind: "delay", delayMs: 400, count: 1 }]);
      await expect("timeout", () => client({ timeout: 50 }).actions.createOrUpdateRepoSecret({ ...HELLO, secret_name: "A", value: marker() }), (e) => assert.equal(e.code, "timeout"));
      // Retries exhausted: a 502 after one retry, and a rate limit longer than maxWait.
      emu.injectFaults([{ kind: "server-error", count: 2 }]);
      await expect("502 after retries", () => client({ retry: { retries: 1, baseDelay: 1 }, onRetry: (e) => events.push(e) }).actions.createOrUpdateRepoSecret({ ...HELLO, secret_name: "A", value: marker() }), http(502));
      emu.injectFaults([{ kind: "primary-rate-limit", count: 1, retryAfter: 3600 }]);
      await expect("rate limit beyond maxWait", () => client({ retry: { retries: 2, maxWait: 10 } }).actions.createOrUpdateRepoSecret({ ...HELLO, secret_name: "A", value: marker() }), http(403));
      emu.clearFaults();

      // setSecrets: failures come back in the results; retried faults emit events.
      const progress = [];
      emu.injectFaults([{ kind: "secondary-rate-limit", count: 1, retryAfter: 0, method: "PUT" }, { kind: "server-error", count: 1, method: "PUT" }]);
      const results = await client({ retry: { retries: 3, baseDelay: 1 }, onRetry: (e) => events.push(e) }).setSecrets(
        HELLO,
        { GOOD_ONE: marker(), "bad-name": marker(), GOOD_TWO: marker() },
        { onProgress: (e) => progress.push(e) },
      );
      assert.deepEqual(results.map((r) => r.status), ["created", "failed", "created"]);
      const missing = await client().setSecrets({ owner: "octo-org", repo: "no-such-repo" }, { A: marker(), B: marker() });
      assert.deepEqual(missing.map((r) => r.error?.status), [404, 404]);
      const offline = await client({ baseUrl: closedPortUrl }).setSecrets({ org: "octo-org" }, { A: marker() });
      assert.equal(offline[0].error?.code, "network");
      for (const [i, r] of [...results, ...missing, ...offline].entries()) assertClean(`setSecrets result ${i}`, r);
      assertClean("progress events", progress);
      assert.equal(progress.length, 3);
      assert.ok(events.length >= 3, `${events.length} retry events`);
      assertClean("retry events", events);
      // The client object itself shows no token.
      assertClean("GitHubSecrets instance", gh);
      assertClean("GitHubSecrets methods", gh.actions);
    });
    assert.ok(seen.length >= 35, `${seen.length} error paths checked`);
    assert.deepEqual(logged, [], "the library wrote to the console");
  });

  test(
    "a token that fetch would refuse as a header value is refused up front, unquoted",
    async () => {
      const [head, tail] = [`ghp_${randomBytes(10).toString("hex")}`, randomBytes(10).toString("hex")];
      secrets.add(head);
      secrets.add(tail);
      const error = await caught("newline token", async () => {
        const gh = new ghseal.GitHubSecrets({ auth: `${head}\n${tail}`, baseUrl: server.url, retry: { retries: 0 } });
        return gh.actions.getRepoPublicKey(HELLO);
      });
      assert.equal(error.name, "ValidationError");
      assert.equal(error.param, "auth");
      assertClean("newline token", error);
    },
  );
});

// --------------------------------------------------------------------- CLI

const CLEAN_ENV = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !["GH_TOKEN", "GITHUB_TOKEN", "GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN", "GH_HOST", "DEBUG"].includes(k),
  ),
);

/** Runs the CLI; `token` goes to GH_TOKEN (null: none). Asserts no secret in either stream. */
function cli(args, { token = TOKEN, input = "", baseUrl = server.url, env = {}, check = true } = {}) {
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
      const path = join(tmp, name);
      writeFileSync(path, text);
      return path;
    };
    const v1 = marker("body");
    let r = await cli(["set", "HYG_BODY", "--body", v1, "-R", "octo-org/hello-world"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(emu.getSecret(HELLO_SCOPE, "HYG_BODY").value, v1);

    const values = { HYG_A: marker("a"), HYG_B: marker("b"), HYG_C: marker("c") };
    const envFile = file("hygiene.env", Object.entries(values).map(([k, v]) => `${k}="${v}"`).join("\n"));
    r = await cli(["set", "-f", envFile, "-R", "octo-org/hello-world", "-R", "octo-org/repo-01", "--json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).created, 6);
    assert.equal(emu.getSecret("/repos/octo-org/repo-01/actions", "HYG_C").value, values.HYG_C);

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

    r = await cli(["set", "HYG_NET", "-b", marker(), "-R", "octo-org/hello-world", "--json", "--debug"], { baseUrl: closedPortUrl });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /network error/);

    emu.injectFaults([{ kind: "server-error", count: 1, method: "PUT" }]);
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

    const { publicKey } = ghseal.generateKeyPair();
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

// ------------------------------------------------------------- wasm memory

describe("wasm linear memory", () => {
  let memory;
  let exportsOf;

  before(async () => {
    // The slim entry's initSync returns the already instantiated exports: the same
    // instance (and memory) the Node entry's functions use.
    const slim = await importPkg("slim.js");
    exportsOf = slim.initSync({ module: readFileSync(join(pkgDir, "wasm", "ghseal_bg.wasm")) });
    memory = exportsOf.memory;
    assert.ok(memory instanceof WebAssembly.Memory);
  });

  /**
   * How many traces of `needle` (UTF-8) linear memory holds: occurrences of each
   * 24-byte window of it (windows every 12 bytes, plus the last one). Windows, not
   * the whole needle: the allocator writes its free-list links over the first bytes
   * of a freed block, which would hide a left-over copy from a whole-string search.
   */
  function occurrences(needle) {
    const bytes = Buffer.from(needle);
    const heap = Buffer.from(memory.buffer);
    const starts = new Set([bytes.length - 24]);
    for (let at = 0; at + 24 <= bytes.length; at += 12) starts.add(at);
    let n = 0;
    for (const at of starts) {
      const window = bytes.subarray(at, at + 24);
      for (let i = heap.indexOf(window); i !== -1; i = heap.indexOf(window, i + 1)) n += 1;
    }
    return n;
  }

  test("the search sees the Node entry's instance (control: sealSecret's output is left in freed memory)", () => {
    const { publicKey } = ghseal.generateKeyPair();
    const sealed = ghseal.sealSecret(publicKey, randomBytes(40).toString("hex"));
    assert.ok(occurrences(sealed) >= 1, "the base64 output of the last sealSecret call should still be in linear memory");
  });

  test("sealSecret leaves no copy of the plaintext (string, non-ASCII string, Uint8Array)", () => {
    const { publicKey } = ghseal.generateKeyPair();
    const ascii = randomBytes(32).toString("hex");
    const text = `${randomBytes(32).toString("hex")}-ünïcødé 日本語 🔐`;
    const raw = randomBytes(32).toString("hex");
    for (let i = 0; i < 200; i++) {
      ghseal.sealSecret(publicKey, ascii);
      ghseal.sealSecret(publicKey, text);
      ghseal.sealSecret(Buffer.from(publicKey, "base64"), new TextEncoder().encode(raw));
    }
    assert.equal(occurrences(ascii), 0, "ASCII string value");
    assert.equal(occurrences(text), 0, "non-ASCII string value");
    assert.equal(occurrences(text.slice(0, 64)), 0, "non-ASCII string value (ASCII head)");
    assert.equal(occurrences(raw), 0, "Uint8Array value");
  });

  test("client writes leave no copy of the plaintext (createOrUpdate*, setSecrets, retries, rotation, failures)", async () => {
    const gh = client({ retry: { retries: 3, baseDelay: 1 } });
    const values = [];
    // Each value: 64 random hex digits (searched for) and non-ASCII text.
    const v = () => {
      const x = randomBytes(32).toString("hex");
      values.push(x);
      return `${x}-ünï日本🔐`;
    };
    const a = v();
    await gh.actions.createOrUpdateRepoSecret({ ...HELLO, secret_name: "MEM_A", value: a });
    await gh.actions.createOrUpdateEnvironmentSecret({ ...HELLO, environment_name: "prod/eu", secret_name: "MEM_ENV", value: v() });
    await gh.actions.createOrUpdateOrgSecret({ org: "octo-org", secret_name: "MEM_ORG", value: v(), visibility: "all" });
    await gh.codespaces.createOrUpdateSecretForAuthenticatedUser({ secret_name: "MEM_USER", value: v() });
    emu.injectFaults([{ kind: "server-error", count: 1, method: "PUT" }]);
    await gh.dependabot.createOrUpdateRepoSecret({ ...HELLO, secret_name: "MEM_RETRIED", value: v() });
    emu.rotateKey(HELLO_SCOPE);
    const rotated = v();
    await gh.actions.createOrUpdateRepoSecret({ ...HELLO, secret_name: "MEM_ROTATED", value: rotated });
    const bulk = {};
    for (let i = 0; i < 20; i++) bulk[`MEM_BULK_${i}`] = v();
    bulk["bad-name"] = v();
    const results = await gh.setSecrets({ owner: "octo-org", repo: "repo-01" }, bulk);
    assert.equal(results.filter((r) => r.status === "created").length, 20);
    await gh.setSecrets({ owner: "octo-org", repo: "no-such-repo" }, { A: v(), B: v() });
    await gh.actions.createOrUpdateRepoSecret({ ...HELLO, secret_name: "bad name", value: v() }).catch(() => {});
    await gh.actions.createOrUpdateRepoSecret({ owner: "octo-org", repo: "no-such-repo", secret_name: "A", value: v() }).catch(() => {});
    await client({ baseUrl: closedPortUrl }).actions.createOrUpdateRepoSecret({ ...HELLO, secret_name: "A", value: v() }).catch(() => {});
    // The writes happened (the markers really passed through the instance).
    assert.equal(emu.getSecret(HELLO_SCOPE, "MEM_A").value, a);
    assert.equal(emu.getSecret(HELLO_SCOPE, "MEM_ROTATED").value, rotated);
    const left = values.filter((x) => occurrences(x) > 0);
    assert.deepEqual(left, [], `${left.length} of ${values.length} values still in linear memory`);
  });

  test(
    "openSecret / openSecretBytes leave no copy of the plaintext",
    () => {
      const { publicKey, secretKey } = ghseal.generateKeyPair();
      const viaString = randomBytes(32).toString("hex");
      const viaBytes = randomBytes(32).toString("hex");
      assert.equal(ghseal.openSecret(ghseal.sealSecret(publicKey, viaString), secretKey), viaString);
      assert.equal(Buffer.from(ghseal.openSecretBytes(ghseal.sealSecret(publicKey, viaBytes), secretKey)).toString(), viaBytes);
      assert.equal(occurrences(viaString), 0, "openSecret's plaintext is still in linear memory");
      assert.equal(occurrences(viaBytes), 0, "openSecretBytes's plaintext is still in linear memory");
    },
  );

  test(
    "generateKeyPair leaves no copy of the secret key",
    () => {
      const { secretKey } = ghseal.generateKeyPair();
      assert.equal(occurrences(secretKey), 0, "the base64 secret key is still in linear memory");
    },
  );
});

// ------------------------------------------------------- errors in a loop

describe("the instance keeps working after caught errors", () => {
  test("3000 bad calls across every public function alternate with good ones", { timeout: 120_000 }, async (t) => {
    const slim = await importPkg("slim.js");
    const wasm = slim.initSync({ module: readFileSync(join(pkgDir, "wasm", "ghseal_bg.wasm")) });
    const stackPointer = () => (typeof wasm.__wbindgen_add_to_stack_pointer === "function" ? wasm.__wbindgen_add_to_stack_pointer(0) : undefined);
    const { publicKey, secretKey } = ghseal.generateKeyPair();
    const other = sodium.crypto_box_keypair();
    const sealedForOther = ghseal.sealSecret(other.publicKey, "for someone else");
    const gh = client();
    const bad = [
      () => ghseal.sealSecret("not base64!", "v"),
      () => ghseal.sealSecret(publicKey, { not: "a value" }),
      () => ghseal.sealSecret(new Uint8Array(12), "v"),
      () => ghseal.sealSecret(undefined, undefined),
      () => ghseal.openSecret("!!", secretKey),
      () => ghseal.openSecret(sealedForOther, secretKey),
      () => ghseal.openSecret(ghseal.sealSecret(publicKey, new Uint8Array([0xff, 0xfe])), secretKey),
      () => ghseal.openSecretBytes(new Uint8Array(10), secretKey),
      () => ghseal.openSecretBytes(sealedForOther, 42),
      () => new ghseal.GitHubSecrets({ baseUrl: "ftp://x" }),
      () => new ghseal.GitHubSecrets({ timeout: -5 }),
      () => new ghseal.GitHubSecrets({ fetch: 42 }),
      () => new ghseal.GitHubSecrets({ throttle: { minWriteInterval: "x" } }),
      () => gh.actions.createOrUpdateRepoSecret({ owner: "octo-org" }),
      () => gh.actions.getRepoSecret({ ...HELLO, secret_name: "bad name" }),
      () => gh.actions.listRepoSecrets({ ...HELLO, per_page: 1000 }),
      () => gh.dependabot.createOrUpdateOrgSecret({ org: "octo-org", secret_name: "A", value: "v", visibility: "nope" }),
      () => gh.codespaces.getSecretForAuthenticatedUser({ secret_name: 7 }),
      () => gh.actions.getRepoPublicKey({ ...HELLO, toJSON() { throw new Error("not serialisable"); } }),
      () => gh.actions.getRepoPublicKey("not an object"),
      () => gh.request("BOGUS /x"),
      () => gh.request("GET no-slash"),
      () => gh.request("GET /repos/{owner}/{repo}", { owner: "octo-org" }),
      () => gh.paginate(gh.actions.getRepoSecret, { ...HELLO, secret_name: "A" }),
      () => gh.paginate({}),
      async () => {
        for await (const _ of gh.paginate.iterator(gh.actions.listRepoSecrets, { owner: "octo-org" })) assert.fail("no page");
      },
      () => gh.setSecrets({}, { A: "v" }),
      () => gh.setSecrets(HELLO, [1, 2]),
      () => gh.setSecrets({ app: "nope", org: "x" }, {}),
      () => gh.setSecrets({ app: "dependabot", ...HELLO, environment_name: "production" }, { A: "v" }),
      () => gh.setSecrets(HELLO, { A: 1 }),
      () => gh.setSecrets("octo-org/hello-world", { A: "v" }),
      () => gh.actions.getRepoPublicKey({ owner: "octo-org", repo: "no-such-repo" }), // 404 from the emulator
    ];
    const names = new Map();
    const sp0 = stackPointer();
    const bytes0 = wasm.memory.buffer.byteLength;
    let good = 0;
    const goodClientCall = async (i) => {
      const name = `LOOP_${i}`;
      const value = `loop ${i} ✓`;
      await gh.actions.createOrUpdateRepoSecret({ owner: "octo-org", repo: "repo-02", secret_name: name, value });
      assert.equal(emu.getSecret("/repos/octo-org/repo-02/actions", name).value, value, `client call after ${i} bad calls`);
    };
    for (let i = 0; i < 3000; i++) {
      const call = bad[i % bad.length];
      let error;
      try {
        await call();
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof Error, `bad call #${i % bad.length} did not fail`);
      assert.ok(["ValidationError", "DecryptionError", "HttpError"].includes(error.name), `bad call #${i % bad.length}: ${error.name}: ${error.message}`);
      names.set(i % bad.length, `${error.name}/${error.code}`);
      // A good seal that libsodium opens, and a key pair that works.
      const value = `good ${i} ✓`;
      const sealed = ghseal.sealSecret(publicKey, value);
      const opened = sodium.crypto_box_seal_open(Buffer.from(sealed, "base64"), Buffer.from(publicKey, "base64"), Buffer.from(secretKey, "base64"));
      assert.equal(Buffer.from(opened).toString(), value, `good seal after bad call ${i}`);
      if (i % 100 === 0) {
        const kp = ghseal.generateKeyPair();
        assert.equal(ghseal.openSecret(ghseal.sealSecret(kp.publicKey, value), kp.secretKey), value);
      }
      if (i % 500 === 499) await goodClientCall(i);
      good += 1;
    }
    await goodClientCall("end");
    assert.equal(good, 3000);
    assert.equal(names.size, bad.length, "every bad call failed");
    if (sp0 !== undefined) assert.equal(stackPointer(), sp0, "the wasm shadow stack pointer drifted");
    const grown = wasm.memory.buffer.byteLength - bytes0;
    t.diagnostic(`${bad.length} kinds of bad call; stack pointer ${sp0} -> ${stackPointer()}; linear memory grew by ${grown} bytes`);
    assert.ok(grown <= 512 * 1024, `linear memory grew by ${grown} bytes over the loop`);
  });

  test(
    "errors thrown by the caller's own objects inside a call leave the instance working",
    {
      timeout: 60_000,
    },
    async () => {
      // In a worker: a poisoned instance must not break the rest of this file.
      const source = `
        const { parentPort, workerData } = require("node:worker_threads");
        (async () => {
          const lib = await import(workerData.node);
          const slim = await import(workerData.slim);
          const wasm = slim.initSync({ module: require("node:fs").readFileSync(workerData.wasm) });
          const sp = () => wasm.__wbindgen_add_to_stack_pointer?.(0);
          const { publicKey, secretKey } = lib.generateKeyPair();
          const gh = new lib.GitHubSecrets({ baseUrl: "http://127.0.0.1:9" });
          const bad = [
            () => gh.setSecrets({ owner: "o", repo: "r" }, { get A() { throw new Error("getter"); } }),
            () => lib.sealSecret(publicKey, new Proxy(new Uint8Array(8), {})),
            () => lib.openSecret(new Proxy(new Uint8Array(80), {}), secretKey),
          ];
          const sp0 = sp();
          let drift;
          for (let i = 0; i < 3000; i++) {
            try { await bad[i % bad.length](); } catch {}
            if (i === 2) drift = sp0 - sp();
            try {
              const s = lib.sealSecret(publicKey, "good " + i);
              if (lib.openSecret(s, secretKey) !== "good " + i) throw new Error("round trip failed");
            } catch (e) {
              return parentPort.postMessage({ brokenAfter: i + 1, message: String(e), drift });
            }
          }
          parentPort.postMessage({ brokenAfter: null, drift: sp0 - sp() });
        })().catch((e) => parentPort.postMessage({ error: String(e && e.stack || e) }));
      `;
      const worker = new Worker(source, {
        eval: true,
        workerData: { node: pkgUrl("node.js"), slim: pkgUrl("slim.js"), wasm: join(pkgDir, "wasm", "ghseal_bg.wasm") },
      });
      const result = await new Promise((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
      });
      await worker.terminate();
      assert.equal(result.error, undefined, result.error);
      assert.deepEqual(
        { stackDriftAfter3: result.drift, brokenAfter: result.brokenAfter },
        { stackDriftAfter3: 0, brokenAfter: null },
        `the shadow stack pointer drifted by ${result.drift} bytes after 3 caught errors; the instance broke after ${result.brokenAfter} caught errors: ${result.message}`,
      );
    },
  );
});
