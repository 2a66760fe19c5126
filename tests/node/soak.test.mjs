// Fault-injected bulk soak with a bounded run: 500 secrets across 25 repositories,
// 2 environments and 1 organization through `setSecrets`, then 140 more through
// the `ghseal` CLI, against the emulator answering ~10% of API requests with
// 502 / 429 / 403-secondary-rate-limit, slowing others down by 20-50 ms, and
// rotating one scope's public key mid-run. Afterwards every secret is read back
// decrypted from the emulator, every result is accounted for, and the emulator's
// request log is reconciled with the client's retry events: each finished secret
// was written exactly once, and every extra request is an answered retry.
//
//   GHSEAL_PKG=target/pkg-soak node --test tests/node/soak*.test.mjs
//
// Waits are kept short so the run stays bounded: retry-after 0, library
// baseDelay 5 ms, no write throttling (the CLI keeps its 1 s base delay for 502s).
//
// This file: the library's setSecrets; the CLI is in soak-cli.test.mjs; shared
// set-up and the reconciliation in tests/support/soak.mjs.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DEMO_TOKEN } from "../emulator/index.mjs";
import { ERROR_FAULTS, ORG, assertStored, envScope, injectSoakFaults, orgScope, reconcile, repoScope, uniqueValue, useSoak } from "../support/soak.mjs";

const h = useSoak();

describe("setSecrets soak: 500 secrets, 28 scopes, faults, one key rotation", { timeout: 120_000 }, () => {
  test("every secret is set once, results and requests add up", async (t) => {
    const started = Date.now();
    h.emulator.reset();
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
    const setup = new h.ghseal.GitHubSecrets({ auth: DEMO_TOKEN, baseUrl: h.url, throttle: { minWriteInterval: 0 } });
    for (const name of preset) {
      await setup.actions.createOrUpdateOrgSecret({ org: ORG, secret_name: name, value: "old value", visibility: "private" });
    }

    const rotatedJob = jobs[12]; // repo-13: its key is rotated when half of its secrets are done
    const oldKeyId = h.emulator.publicKey(rotatedJob.scope).key_id;
    let rotatedAt;
    const retries = [];
    const gh = new h.ghseal.GitHubSecrets({
      auth: DEMO_TOKEN,
      baseUrl: h.url,
      timeout: 10_000,
      retry: { retries: 6, baseDelay: 5, secondaryRateLimitWait: 5, maxWait: 5_000 },
      throttle: { minWriteInterval: 0 },
      onRetry: (event) => retries.push(event),
    });
    h.emulator.clearLog();
    injectSoakFaults(h.emulator, 1000);

    // All 28 scopes at once through one client (its writes go one at a time).
    const runs = await Promise.all(
      jobs.map(async (job) => {
        const progress = [];
        const results = await gh.setSecrets(job.target, job.secrets, {
          concurrency: 4,
          onProgress: (event) => {
            progress.push(event);
            if (job === rotatedJob && event.done === 8 && !rotatedAt) rotatedAt = h.emulator.rotateKey(job.scope);
          },
        });
        return { job, results, progress };
      }),
    );
    h.emulator.clearFaults();
    const log = h.emulator.log();

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

    assertStored(h.emulator, expected);
    for (const name of preset) assert.equal(h.emulator.getSecret(org.scope, name).visibility, "private");

    // The rotation happened mid-run and was recovered from.
    assert.ok(rotatedAt, "the key was rotated");
    assert.notEqual(rotatedAt.key_id, oldKeyId);
    const keyIds = Object.keys(rotatedJob.secrets).map((n) => h.emulator.getSecret(rotatedJob.scope, n).key_id);
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
      assert.ok(e.url.startsWith(h.url));
      assert.ok(e.waitMs <= 5 * 2 ** 6, `wait ${e.waitMs}`);
    }
    const ms = Date.now() - started;
    t.diagnostic(`setSecrets soak: 500 secrets, ${counts.requests} requests, ${retries.length} retries (${JSON.stringify(counts.failures)}), ${counts.delayed} delayed, ${ms} ms`);
  });
});
