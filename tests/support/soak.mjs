// Shared set-up of the fault-injected soak tests (tests/node/soak*.test.mjs): the fault
// mix, scope descriptions, the request-log reconciliation and one `useSoak()` fixture.
import { after, before } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { makeSeed } from "../emulator/index.mjs";
import { useEmulator } from "./emulator.mjs";
import { importPkg } from "./pkg.mjs";
import { useTempDir } from "./tmp.mjs";

export const ORG = "octo-org";
export const HELLO = "hello-world";
export const ERROR_FAULTS = ["server-error", "rate-limit-429", "secondary-rate-limit"];
/** Per error kind; three in a row give 1 - (1 - p)^3 ≈ 10% of requests faulted. */
export const P_EACH = 0.035;

/**
 * Registers before/after hooks: imports the package under test (GHSEAL_PKG), starts the
 * emulator (25 extra repositories, DEMO_TOKEN) and makes a temp directory (removed after).
 * @returns {{ ghseal: any, emulator: import("../emulator/state.mjs").Emulator, url: string, tmp: string }}
 *   filled in by the hooks
 */
export function useSoak() {
  const h = { tmp: useTempDir("ghseal-soak-").path };
  const emu = useEmulator({ seed: makeSeed({ repos: 25 }) });
  before(async () => {
    h.ghseal = await importPkg();
    await emu.ready;
    h.emulator = emu.emulator;
    h.url = emu.url;
  });
  after(() => h.emulator?.clearFaults());
  return h;
}

/** ~10% of API requests fail (502, 429, 403 secondary rate limit), ~10% are slowed down. */
export function injectSoakFaults(emu, seed) {
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
export function uniqueValue(label) {
  return `${randomBytes(9).toString("base64url")} ünïcødé 日本語 🔐 ${label} ${randomBytes(6).toString("hex")}`;
}

/**
 * A scope as the emulator's control API (`scope`), the request log (`prefix`, raw
 * URL path of its secrets collection) and setSecrets (`target`) name it.
 */
export function repoScope(repo) {
  return {
    label: `${ORG}/${repo}`,
    target: { owner: ORG, repo },
    scope: `/repos/${ORG}/${repo}/actions`,
    prefix: `/repos/${ORG}/${repo}/actions/secrets/`,
  };
}
export function envScope(env) {
  return {
    label: `${ORG}/${HELLO}@${env}`,
    target: { owner: ORG, repo: HELLO, environment_name: env },
    scope: `/repos/${ORG}/${HELLO}/environments/${env}`,
    prefix: `/repos/${ORG}/${HELLO}/environments/${encodeURIComponent(env)}/secrets/`,
  };
}
export function orgScope() {
  return { label: `org:${ORG}`, target: { org: ORG }, scope: `/orgs/${ORG}/actions`, prefix: `/orgs/${ORG}/actions/secrets/` };
}

/**
 * Reconciles the emulator's request log with what was meant to be written.
 * `expected`: Map of PUT path -> { scope, name, value, status? } (status: "created" |
 * "updated" when known). `retries`: the client's retry events ({ reason }).
 * `rotated`: the one scope prefix whose key was rotated.
 * Returns counts for the caller's own checks.
 */
export function reconcile(log, { expected, scopes, retries, rotated }) {
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
export function assertStored(emu, expected) {
  const wrong = [];
  for (const { scope, name, value } of expected.values()) {
    const s = emu.getSecret(scope, name);
    if (s?.value !== value) wrong.push(`${scope} ${name}: ${s ? "wrong value" : "missing"}`);
  }
  assert.deepEqual(wrong, [], "secrets that do not decrypt to their value");
}
