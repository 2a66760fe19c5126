// Fault-injected bulk soak with a bounded run: 500 secrets across 25 repositories,
// 2 environments and 1 organization through `setSecrets`, then 140 more through
// the `ghseal` CLI, against the emulator answering ~10% of API requests with
// 502 / 429 / 403-secondary-rate-limit, slowing others down by 20-50 ms, and
// rotating one scope's public key mid-run. Afterwards every secret is read back
// decrypted from the emulator, every result is accounted for, and the emulator's
// request log is reconciled with the client's retry events: each finished secret
// was written exactly once, and every extra request is an answered retry.
//
//   GHSEAL_PKG=target/pkg-soak node --test tests/node/soak.test.mjs
//
// Waits are kept short so the run stays bounded: retry-after 0, library
// baseDelay 5 ms, no write throttling (the CLI keeps its 1 s base delay for 502s).

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import dotenv from "dotenv";
import { DEMO_TOKEN, makeSeed, startEmulator } from "../emulator/index.mjs";
import { importPkg, pkgDir, repoRoot } from "../support/pkg.mjs";

const CLI = join(pkgDir, "cli", "ghseal.js");
const ORG = "octo-org";
const HELLO = "hello-world";
const ERROR_FAULTS = ["server-error", "rate-limit-429", "secondary-rate-limit"];
/** Per error kind; three in a row give 1 - (1 - p)^3 ≈ 10% of requests faulted. */
const P_EACH = 0.035;

let server;
let emu;
let ghseal;
let tmp;

before(async () => {
  ghseal = await importPkg();
  server = await startEmulator({ seed: makeSeed({ repos: 25 }) });
  emu = server.emulator;
  tmp = mkdtempSync(join(tmpdir(), "ghseal-soak-"));
});
after(async () => {
  emu?.clearFaults();
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** ~10% of API requests fail (502, 429, 403 secondary rate limit), ~10% are slowed down. */
function injectSoakFaults(seed) {
  emu.clearFaults();
  emu.injectFaults([
    { kind: "server-error", probability: P_EACH, seed: seed + 1 },
    { kind: "rate-limit-429", probability: P_EACH, seed: seed + 2, retryAfter: 0 },
    { kind: "secondary-rate-limit", probability: P_EACH, seed: seed + 3, retryAfter: 0 },
    { kind: "delay", probability: 0.06, seed: seed + 4, delayMs: 20 },
    { kind: "delay", probability: 0.04, seed: seed + 5, delayMs: 50 },
  ]);
}

/** A unique value: random, with non-ASCII text, spaces and a label. */
function uniqueValue(label) {
  return `${randomBytes(9).toString("base64url")} ünïcødé 日本語 🔐 ${label} ${randomBytes(6).toString("hex")}`;
}

/**
 * A scope as the emulator's control API (`scope`), the request log (`prefix`, raw
 * URL path of its secrets collection) and setSecrets (`target`) name it.
 */
function repoScope(repo) {
  return {
    label: `${ORG}/${repo}`,
    target: { owner: ORG, repo },
    scope: `/repos/${ORG}/${repo}/actions`,
    prefix: `/repos/${ORG}/${repo}/actions/secrets/`,
  };
}
function envScope(env) {
  return {
    label: `${ORG}/${HELLO}@${env}`,
    target: { owner: ORG, repo: HELLO, environment_name: env },
    scope: `/repos/${ORG}/${HELLO}/environments/${env}`,
    prefix: `/repos/${ORG}/${HELLO}/environments/${encodeURIComponent(env)}/secrets/`,
  };
}
function orgScope() {
  return { label: `org:${ORG}`, target: { org: ORG }, scope: `/orgs/${ORG}/actions`, prefix: `/orgs/${ORG}/actions/secrets/` };
}

/**
 * Reconciles the emulator's request log with what was meant to be written.
 * `expected`: Map of PUT path -> { scope, name, value, status? } (status: "created" |
 * "updated" when known). `retries`: the client's retry events ({ reason }).
 * `rotated`: the one scope prefix whose key was rotated.
 * Returns counts for the caller's own checks.
 */
function reconcile(log, { expected, scopes, retries, rotated }) {
  const where = (e) => `${e.method} ${e.path} -> ${e.status}${e.fault ? ` [${e.fault}]` : ""}`;
  const okPuts = new Map();
  const keyGets = new Map(scopes.map((s) => [s.prefix, 0]));
  const rotations = new Map(scopes.map((s) => [s.prefix, 0]));
  const failures = { "server-error": 0, "rate-limit-429": 0, "secondary-rate-limit": 0, "key-rotated": 0 };
  let delayed = 0;
  // Org writes without visibility read the secret first (cli/cli#8110): 200 when it
  // exists (plus its selected repositories, if any), 404 when it is new.
  let visibilityReads = 0;
  const isVisibilityRead = (e) => {
    const scope = scopes.find((s) => s.prefix.startsWith("/orgs/") && e.path.startsWith(s.prefix));
    const rest = scope && e.path.slice(scope.prefix.length);
    return e.method === "GET" && rest !== undefined && /^[A-Z0-9_]+(\/repositories)?$/i.test(rest) && rest !== "public-key";
  };
  for (const e of log) {
    if (e.fault === "delay") delayed += 1;
    const ok = e.status >= 200 && e.status < 300;
    if (!ok) {
      if (ERROR_FAULTS.includes(e.fault)) {
        failures[e.fault] += 1;
        continue;
      }
      if (e.status === 404 && isVisibilityRead(e)) {
        visibilityReads += 1;
        continue;
      }
      // The only unfaulted refusal allowed: a PUT sealed for the key that was rotated away.
      assert.ok(
        e.method === "PUT" && e.status === 422 && rotated !== undefined && e.path.startsWith(rotated),
        `unexpected answer ${where(e)}`,
      );
      failures["key-rotated"] += 1;
      rotations.set(rotated, rotations.get(rotated) + 1);
      continue;
    }
    const scope = scopes.find((s) => e.path.startsWith(s.prefix));
    assert.ok(scope, `request outside the soak's scopes: ${where(e)}`);
    if (isVisibilityRead(e)) {
      visibilityReads += 1;
      continue;
    }
    if (e.method === "GET") {
      assert.equal(e.path, `${scope.prefix}public-key`, `unexpected read ${where(e)}`);
      keyGets.set(scope.prefix, keyGets.get(scope.prefix) + 1);
      continue;
    }
    assert.equal(e.method, "PUT", `unexpected ${where(e)}`);
    const want = expected.get(e.path);
    assert.ok(want, `PUT of a secret that was not in the run: ${where(e)}`);
    assert.ok(!okPuts.has(e.path), `a finished secret was written again: ${where(e)} (first: ${okPuts.get(e.path)})`);
    okPuts.set(e.path, e.status);
    if (want.status) assert.equal(e.status, want.status === "created" ? 201 : 204, `${where(e)} for a secret reported ${want.status}`);
  }
  // Every secret written, exactly once, with a 2xx.
  const missing = [...expected.keys()].filter((p) => !okPuts.has(p));
  assert.deepEqual(missing, [], "secrets with no successful PUT");
  assert.equal(okPuts.size, expected.size);
  // One public-key fetch per scope; the rotated scope refetches once, or a few times
  // at most (never more than once per write refused after the rotation).
  for (const s of scopes) {
    const gets = keyGets.get(s.prefix);
    if (s.prefix === rotated && rotations.get(s.prefix) > 0) {
      assert.ok(gets >= 2 && gets <= 1 + rotations.get(s.prefix), `public-key fetches of ${s.label}: ${gets}`);
    } else {
      assert.equal(gets, 1, `public-key fetches of ${s.label}`);
    }
  }
  // Every failed request was answered by exactly one retry of the right kind.
  const byReason = (r) => retries.filter((x) => x.reason === r).length;
  assert.equal(byReason("server-error"), failures["server-error"], "server-error retries vs 502 answers");
  assert.equal(byReason("secondary-rate-limit"), failures["rate-limit-429"] + failures["secondary-rate-limit"], "rate-limit retries vs 429/403 answers");
  assert.equal(byReason("key-rotated"), failures["key-rotated"], "key-rotated retries vs 422 answers");
  assert.equal(byReason("rate-limit") + byReason("network-error"), 0, "no other kind of retry");
  const failed = Object.values(failures).reduce((a, b) => a + b, 0);
  assert.equal(retries.length, failed, "one retry per failed request");
  // Every request accounted for, and within the issue's bound (secrets + distinct
  // scopes + retries, a key-rotated retry costing at most one key refetch).
  const keyFetches = [...keyGets.values()].reduce((a, b) => a + b, 0);
  assert.equal(
    log.length,
    expected.size + keyFetches + visibilityReads + failed,
    "requests sent = one good PUT per secret + key fetches + org visibility reads + failed requests",
  );
  assert.ok(
    log.length <= expected.size + scopes.length + visibilityReads + retries.length + failures["key-rotated"],
    "within secrets + scopes + visibility reads + retries (+ key refetches)",
  );
  return { failures, failed, delayed, visibilityReads, requests: log.length };
}

/** Every expected secret decrypts on the emulator to its value. */
function assertStored(expected) {
  const wrong = [];
  for (const { scope, name, value } of expected.values()) {
    const s = emu.getSecret(scope, name);
    if (s?.value !== value) wrong.push(`${scope} ${name}: ${s ? "wrong value" : "missing"}`);
  }
  assert.deepEqual(wrong, [], "secrets that do not decrypt to their value");
}

describe("setSecrets soak: 500 secrets, 28 scopes, faults, one key rotation", { timeout: 120_000 }, () => {
  test("every secret is set once, results and requests add up", async (t) => {
    const started = Date.now();
    emu.reset();
    const scopes = [
      ...Array.from({ length: 25 }, (_, i) => repoScope(`repo-${String(i + 1).padStart(2, "0")}`)),
      envScope("production"),
      envScope("prod/eu"),
      orgScope(),
    ];
    const perScope = (s) => (s.target.org ? 50 : s.target.environment_name ? 25 : 16);
    const jobs = scopes.map((s) => {
      const secrets = {};
      for (let i = 1; i <= perScope(s); i++) secrets[`SOAK_${String(i).padStart(3, "0")}`] = uniqueValue(`${s.label} #${i}`);
      return { ...s, secrets };
    });
    const total = jobs.reduce((n, j) => n + Object.keys(j.secrets).length, 0);
    assert.equal(total, 500);

    // Ten of the organization's secrets exist already (written without faults): "updated".
    const org = jobs.at(-1);
    const preset = Object.keys(org.secrets).slice(0, 10);
    const setup = new ghseal.GitHubSecrets({ auth: DEMO_TOKEN, baseUrl: server.url, throttle: { minWriteInterval: 0 } });
    for (const name of preset) {
      await setup.actions.createOrUpdateOrgSecret({ org: ORG, secret_name: name, value: "old value", visibility: "private" });
    }

    const rotatedJob = jobs[12]; // repo-13: its key is rotated when half of its secrets are done
    const oldKeyId = emu.publicKey(rotatedJob.scope).key_id;
    let rotatedAt;
    const retries = [];
    const gh = new ghseal.GitHubSecrets({
      auth: DEMO_TOKEN,
      baseUrl: server.url,
      timeout: 10_000,
      retry: { retries: 6, baseDelay: 5, secondaryRateLimitWait: 5, maxWait: 5_000 },
      throttle: { minWriteInterval: 0 },
      onRetry: (event) => retries.push(event),
    });
    emu.clearLog();
    injectSoakFaults(1000);

    // All 28 scopes at once through one client (its writes go one at a time).
    const runs = await Promise.all(
      jobs.map(async (job) => {
        const progress = [];
        const results = await gh.setSecrets(job.target, job.secrets, {
          concurrency: 4,
          onProgress: (event) => {
            progress.push(event);
            if (job === rotatedJob && event.done === 8 && !rotatedAt) rotatedAt = emu.rotateKey(job.scope);
          },
        });
        return { job, results, progress };
      }),
    );
    emu.clearFaults();
    const log = emu.log();

    // The result list accounts for every secret, in input order, none failed.
    const expected = new Map();
    for (const { job, results, progress } of runs) {
      const names = Object.keys(job.secrets);
      assert.deepEqual(results.map((r) => r.secret_name), names, `${job.label}: one result per secret, in input order`);
      const failed = results.filter((r) => r.status !== "created" && r.status !== "updated");
      assert.deepEqual(failed.map((r) => `${r.secret_name}: ${r.status} ${r.error?.message ?? ""}`), [], `${job.label}: failures`);
      for (const r of results) {
        const want = job === org && preset.includes(r.secret_name) ? "updated" : "created";
        assert.equal(r.status, want, `${job.label} ${r.secret_name}`);
        expected.set(`${job.prefix}${r.secret_name}`, { scope: job.scope, name: r.secret_name, value: job.secrets[r.secret_name], status: r.status });
      }
      assert.equal(progress.length, names.length, `${job.label}: one progress event per secret`);
      assert.deepEqual(progress.map((e) => e.done), names.map((_, i) => i + 1), `${job.label}: done counts`);
      assert.ok(progress.every((e) => e.total === names.length));
      assert.deepEqual(progress.map((e) => e.secret_name).sort(), [...names].sort());
    }
    assert.equal(expected.size, 500);

    assertStored(expected);
    for (const name of preset) assert.equal(emu.getSecret(org.scope, name).visibility, "private");

    // The rotation happened mid-run and was recovered from.
    assert.ok(rotatedAt, "the key was rotated");
    assert.notEqual(rotatedAt.key_id, oldKeyId);
    const keyIds = Object.keys(rotatedJob.secrets).map((n) => emu.getSecret(rotatedJob.scope, n).key_id);
    assert.ok(keyIds.includes(oldKeyId), "some secrets were written before the rotation");
    assert.ok(keyIds.includes(rotatedAt.key_id), "some secrets were written with the new key");
    assert.ok(keyIds.every((id) => id === oldKeyId || id === rotatedAt.key_id));

    const counts = reconcile(log, { expected, scopes: jobs, retries, rotated: rotatedJob.prefix });
    assert.ok(counts.failures["key-rotated"] >= 1, "the rotation was noticed by a refused write");
    // The org target names no visibility: one read of each org secret, none selected.
    assert.equal(counts.visibilityReads, Object.keys(org.secrets).length, "one visibility read per org secret");
    // The faults really were injected: roughly 10% of requests failed, some were slow.
    const rate = (counts.failed - counts.failures["key-rotated"]) / counts.requests;
    assert.ok(rate > 0.05 && rate < 0.16, `fault rate ${rate.toFixed(3)}`);
    for (const kind of ERROR_FAULTS) assert.ok(counts.failures[kind] > 0, `no ${kind} fault hit`);
    assert.ok(counts.delayed > 10, `${counts.delayed} slowed responses`);
    // Retry events are well formed.
    for (const e of retries) {
      assert.ok(e.attempt >= 1 && e.attempt <= 6, `attempt ${e.attempt}`);
      assert.ok(e.url.startsWith(server.url));
      assert.ok(e.waitMs <= 5 * 2 ** 6, `wait ${e.waitMs}`);
    }
    const ms = Date.now() - started;
    t.diagnostic(`setSecrets soak: 500 secrets, ${counts.requests} requests, ${retries.length} retries (${JSON.stringify(counts.failures)}), ${counts.delayed} delayed, ${ms} ms`);
  });
});

// ------------------------------------------------------------------------ CLI

const CLEAN_ENV = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !["GH_TOKEN", "GITHUB_TOKEN", "GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN", "GH_HOST", "DEBUG"].includes(k),
  ),
);

/** Runs the CLI against the emulator with no write throttling and 6 retries. */
function ghsealCli(args) {
  const argv = [CLI, ...args, "--base-url", server.url, "--throttle-ms", "0", "--retries", "6", "--concurrency", "4"];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd: repoRoot, env: { ...CLEAN_ENV, GH_TOKEN: DEMO_TOKEN } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.stdin.end();
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Rotates `scope`'s key once `count` of its secrets have been written (polling the log). */
function rotateAfter(prefix, scope, count) {
  let rotated;
  const timer = setInterval(() => {
    const done = emu.log().filter((e) => e.method === "PUT" && e.path.startsWith(prefix) && e.status >= 200 && e.status < 300).length;
    if (done >= count) {
      rotated = emu.rotateKey(scope);
      clearInterval(timer);
    }
  }, 2);
  return () => {
    clearInterval(timer);
    return rotated;
  };
}

/** The retry events a `--debug` run announced on stderr. */
function debugRetries(stderr) {
  return [...stderr.matchAll(/^debug: retry \d+ after ([a-z-]+) \((\d+)\)/gm)].map((m) => ({ reason: m[1], status: Number(m[2]) }));
}

describe("CLI soak: 140 secrets, dotenv file × repositories, an environment, the organization", { timeout: 120_000 }, () => {
  const entries = 20;
  let envText;
  let values;
  let envFile;

  before(() => {
    assert.ok(existsSync(CLI), `${CLI} missing: build the package (node scripts/build.mjs --out ${pkgDir})`);
    const lines = ["# soak secrets"];
    for (let i = 1; i <= entries; i++) lines.push(`CLI_SOAK_${String(i).padStart(2, "0")}="${uniqueValue(`cli ${i}`)}"`);
    envText = `${lines.join("\n")}\n`;
    values = dotenv.parse(envText);
    assert.equal(Object.keys(values).length, entries);
    envFile = join(tmp, "soak.env");
    writeFileSync(envFile, envText);
  });

  const names = () => Object.keys(values);
  /** Expected PUT paths for `scopes` × every dotenv entry. */
  const expectedFor = (scopes, statusOf = () => "created") => {
    const map = new Map();
    for (const s of scopes) for (const name of names()) map.set(`${s.prefix}${name}`, { scope: s.scope, name, value: values[name], status: statusOf(s, name), label: s.label });
    return map;
  };
  const assertNoLeak = (r) => {
    for (const text of [r.stdout, r.stderr]) {
      assert.ok(!text.includes(DEMO_TOKEN), "the token was printed");
      for (const v of Object.values(values)) assert.ok(!text.includes(v), "a secret value was printed");
    }
  };

  test("-f FILE --repos-from FILE --json: 100 secrets in 5 repositories, key rotated mid-run", async (t) => {
    const started = Date.now();
    const repos = ["repo-21", "repo-22", "repo-23", "repo-24", "repo-25"];
    const reposFile = join(tmp, "repos.txt");
    writeFileSync(reposFile, `# soak targets\n${repos.map((r) => `${ORG}/${r}`).join("\n")}\n\n`);
    const scopes = repos.map(repoScope);
    const rotated = scopes[2];
    const oldKeyId = emu.publicKey(rotated.scope).key_id;
    emu.clearLog();
    injectSoakFaults(2000);
    const stopRotation = rotateAfter(rotated.prefix, rotated.scope, 6);
    const r = await ghsealCli(["set", "-f", envFile, "--repos-from", reposFile, "--json", "--debug"]);
    const rotatedTo = stopRotation();
    emu.clearFaults();
    const log = emu.log();
    assertNoLeak(r);
    assert.equal(r.code, 0, `exit ${r.code}\n${r.stderr}`);

    const out = JSON.parse(r.stdout);
    const expected = expectedFor(scopes);
    assert.equal(out.dry_run, false);
    assert.equal(out.app, "actions");
    assert.deepEqual({ created: out.created, updated: out.updated, failed: out.failed }, { created: 100, updated: 0, failed: 0 });
    assert.equal(out.results.length, 100);
    const reported = new Set();
    for (const row of out.results) {
      const s = scopes.find((x) => x.label === row.target);
      assert.ok(s, `unknown target ${row.target}`);
      assert.equal(row.status, "created", `${row.target} ${row.secret_name}`);
      assert.equal(row.error, undefined);
      reported.add(`${s.prefix}${row.secret_name}`);
    }
    assert.deepEqual([...reported].sort(), [...expected.keys()].sort(), "--json names every secret of every target once");
    assertStored(expected);

    assert.ok(rotatedTo, "the key was rotated during the run");
    const keyIds = names().map((n) => emu.getSecret(rotated.scope, n).key_id);
    assert.ok(keyIds.includes(oldKeyId) && keyIds.includes(rotatedTo.key_id), "secrets written before and after the rotation");

    const retries = debugRetries(r.stderr);
    const counts = reconcile(log, { expected, scopes, retries, rotated: rotated.prefix });
    assert.ok(counts.failures["key-rotated"] >= 1, "the rotation was noticed");
    assert.ok(counts.failed - counts.failures["key-rotated"] > 0, "faults were injected");
    t.diagnostic(`CLI repos: 100 secrets, ${counts.requests} requests, ${retries.length} retries (${JSON.stringify(counts.failures)}), ${Date.now() - started} ms`);
  });

  test("-f FILE -e prod/eu: the summary on stderr matches the emulator", async (t) => {
    const started = Date.now();
    const scopes = [envScope("prod/eu")];
    emu.clearLog();
    injectSoakFaults(3000);
    const r = await ghsealCli(["set", "-f", envFile, "-e", "prod/eu", "-R", `${ORG}/${HELLO}`]);
    emu.clearFaults();
    const log = emu.log();
    assertNoLeak(r);
    assert.equal(r.code, 0, `exit ${r.code}\n${r.stderr}`);
    assert.equal(r.stdout, "");
    const expected = expectedFor(scopes);
    assertStored(expected);

    // The table names each secret once, as created; the totals line agrees.
    const rows = r.stderr.split("\n").filter((l) => l.startsWith(`${ORG}/${HELLO}@prod/eu `));
    assert.deepEqual(rows.map((l) => l.split(/\s+/).slice(1).join(" ")).sort(), names().map((n) => `${n} created`).sort());
    const summary = /^(\d+) created, (\d+) updated, (\d+) failed \((\d+) secrets, 1 target(?:, (\d+) retr(?:y|ies))?\)$/m.exec(r.stderr);
    assert.ok(summary, `no summary line:\n${r.stderr}`);
    const [, created, updated, failed, secrets, retried = "0"] = summary;
    assert.deepEqual([created, updated, failed, secrets].map(Number), [20, 0, 0, 20]);

    // The retries the CLI counted are exactly the failed requests in the log.
    const failedRequests = log.filter((e) => !(e.status >= 200 && e.status < 300));
    const retries = failedRequests.map((e) => ({ reason: e.fault === "server-error" ? "server-error" : "secondary-rate-limit" }));
    assert.equal(Number(retried), failedRequests.length, "retries in the summary vs failed requests in the log");
    reconcile(log, { expected, scopes, retries });
    t.diagnostic(`CLI environment: 20 secrets, ${log.length} requests, ${retried} retries, ${Date.now() - started} ms`);
  });

  test("-f FILE -o ORG --json: created and updated agree with the emulator", async (t) => {
    const started = Date.now();
    const scopes = [orgScope()];
    // Half of the names exist already in the organization.
    const existing = names().filter((_, i) => i % 2 === 0);
    emu.clearFaults();
    const setup = new ghseal.GitHubSecrets({ auth: DEMO_TOKEN, baseUrl: server.url, throttle: { minWriteInterval: 0 } });
    for (const name of existing) {
      await setup.actions.createOrUpdateOrgSecret({ org: ORG, secret_name: name, value: "previous", visibility: "all" });
    }
    emu.clearLog();
    injectSoakFaults(4000);
    const r = await ghsealCli(["set", "-f", envFile, "-o", ORG, "--json", "--debug"]);
    emu.clearFaults();
    const log = emu.log();
    assertNoLeak(r);
    assert.equal(r.code, 0, `exit ${r.code}\n${r.stderr}`);
    const out = JSON.parse(r.stdout);
    const statusOf = (_, name) => (existing.includes(name) ? "updated" : "created");
    const expected = expectedFor(scopes, statusOf);
    assert.deepEqual({ created: out.created, updated: out.updated, failed: out.failed }, { created: 10, updated: 10, failed: 0 });
    assert.deepEqual(
      out.results.map((x) => `${x.target} ${x.secret_name} ${x.status}`),
      names().map((n) => `org:${ORG} ${n} ${statusOf(null, n)}`),
    );
    assertStored(expected);
    for (const name of names()) assert.equal(emu.getSecret(scopes[0].scope, name).visibility, "private", name);
    const retries = debugRetries(r.stderr);
    const counts = reconcile(log, { expected, scopes, retries });
    t.diagnostic(`CLI organization: 20 secrets, ${counts.requests} requests, ${retries.length} retries, ${Date.now() - started} ms`);
  });
});
