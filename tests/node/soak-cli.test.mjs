// Fault-injected soak of the `ghseal` CLI: 140 secrets from a dotenv file across
// repositories, an environment and the organization, against the emulator answering
// ~10% of API requests with 502 / 429 / 403-secondary-rate-limit, with one key rotated
// mid-run; the results are reconciled with the emulator's request log and read back.
// See soak.test.mjs for the library's run and tests/support/soak.mjs for the set-up.
//
//   GHSEAL_PKG=target/pkg-soak node --test tests/node/soak*.test.mjs

import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import dotenv from "dotenv";
import { DEMO_TOKEN } from "../emulator/index.mjs";
import { pkgDir, repoRoot } from "../support/pkg.mjs";
import { HELLO, ORG, assertStored, envScope, injectSoakFaults, orgScope, reconcile, repoScope, uniqueValue, useSoak } from "../support/soak.mjs";

const CLI = join(pkgDir, "cli", "ghseal.js");
const h = useSoak();

const CLEAN_ENV = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !["GH_TOKEN", "GITHUB_TOKEN", "GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN", "GH_HOST", "DEBUG"].includes(k),
  ),
);

/** Runs the CLI against the emulator with no write throttling and 6 retries. */
function ghsealCli(args) {
  const argv = [CLI, ...args, "--base-url", h.url, "--throttle-ms", "0", "--retries", "6", "--concurrency", "4"];
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
    const done = h.emulator.log().filter((e) => e.method === "PUT" && e.path.startsWith(prefix) && e.status >= 200 && e.status < 300).length;
    if (done >= count) {
      rotated = h.emulator.rotateKey(scope);
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
    envFile = join(h.tmp, "soak.env");
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
    const reposFile = join(h.tmp, "repos.txt");
    writeFileSync(reposFile, `# soak targets\n${repos.map((r) => `${ORG}/${r}`).join("\n")}\n\n`);
    const scopes = repos.map(repoScope);
    const rotated = scopes[2];
    const oldKeyId = h.emulator.publicKey(rotated.scope).key_id;
    h.emulator.clearLog();
    injectSoakFaults(h.emulator, 2000);
    const stopRotation = rotateAfter(rotated.prefix, rotated.scope, 6);
    const r = await ghsealCli(["set", "-f", envFile, "--repos-from", reposFile, "--json", "--debug"]);
    const rotatedTo = stopRotation();
    h.emulator.clearFaults();
    const log = h.emulator.log();
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
    assertStored(h.emulator, expected);

    assert.ok(rotatedTo, "the key was rotated during the run");
    const keyIds = names().map((n) => h.emulator.getSecret(rotated.scope, n).key_id);
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
    h.emulator.clearLog();
    injectSoakFaults(h.emulator, 3000);
    const r = await ghsealCli(["set", "-f", envFile, "-e", "prod/eu", "-R", `${ORG}/${HELLO}`]);
    h.emulator.clearFaults();
    const log = h.emulator.log();
    assertNoLeak(r);
    assert.equal(r.code, 0, `exit ${r.code}\n${r.stderr}`);
    assert.equal(r.stdout, "");
    const expected = expectedFor(scopes);
    assertStored(h.emulator, expected);

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
    h.emulator.clearFaults();
    const setup = new h.ghseal.GitHubSecrets({ auth: DEMO_TOKEN, baseUrl: h.url, throttle: { minWriteInterval: 0 } });
    for (const name of existing) {
      await setup.actions.createOrUpdateOrgSecret({ org: ORG, secret_name: name, value: "previous", visibility: "all" });
    }
    h.emulator.clearLog();
    injectSoakFaults(h.emulator, 4000);
    const r = await ghsealCli(["set", "-f", envFile, "-o", ORG, "--json", "--debug"]);
    h.emulator.clearFaults();
    const log = h.emulator.log();
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
    assertStored(h.emulator, expected);
    // Without --visibility an existing org secret keeps its own ("all" here, cli/cli#8110); a new one is private.
    const visibilityOf = (name) => (existing.includes(name) ? "all" : "private");
    for (const name of names()) assert.equal(h.emulator.getSecret(scopes[0].scope, name).visibility, visibilityOf(name), name);
    assert.deepEqual(
      out.results.map((x) => `${x.secret_name} ${x.visibility} ${x.visibility_source}`),
      names().map((n) => `${n} ${visibilityOf(n)} ${existing.includes(n) ? "kept" : "default"}`),
    );
    const retries = debugRetries(r.stderr);
    const counts = reconcile(log, { expected, scopes, retries });
    t.diagnostic(`CLI organization: 20 secrets, ${counts.requests} requests, ${retries.length} retries, ${Date.now() - started} ms`);
  });
});
