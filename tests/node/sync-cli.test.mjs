// `ghseal sync plan|apply` as a child process against the emulator: 30
// repositories x 10 secrets from a manifest, a no-change rerun (0 writes, one
// list per scope), a changed value, drift, guarded prune, a bad manifest, and
// SIGINT in the middle followed by a rerun (exactly one successful write per secret).
//
//   GHSEAL_PKG=pkg node --test tests/node/sync-cli.test.mjs

import { before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEMO_TOKEN, makeSeed } from "../emulator/index.mjs";
import { useEmulator } from "../support/emulator.mjs";
import { useTempDir } from "../support/tmp.mjs";
import { createClient, sealFor } from "../emulator/testkit.mjs";
import { pkgDir } from "../support/pkg.mjs";

const CLI = join(pkgDir, "cli", "ghseal.js");
const REPOS = Array.from({ length: 30 }, (_, i) => `repo-${String(i + 1).padStart(2, "0")}`);
const NAMES = Array.from({ length: 10 }, (_, i) => `SECRET_${i}`);
const FAST = ["--throttle-ms", "0", "--max-writes-per-minute", "100000", "--max-writes-per-hour", "1000000"];

let server;
let emu;
const tempDir = useTempDir("ghseal-sync-");
const tmp = tempDir.path;
/** Whether this emulator serves Actions variables (3 per repository are then part of every manifest). */
let VARS = false;
const VARIABLES = { REGION: "eu-west-1", REPLICAS: "3", COLOR: "blue" };

const emulatorFixture = useEmulator({ seed: makeSeed({ repos: 30 }) });
before(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} missing: build the package (node scripts/build.mjs --out ${pkgDir})`);
  server = (await emulatorFixture.ready).server;
  emu = server.emulator;
  VARS = (await createClient(server.url).request("GET", "/repos/octo-org/repo-01/actions/variables")).status === 200;
});

const write = tempDir.file;

function dotenvText(values) {
  return Object.entries(values).map(([k, v]) => `${k}=${v}`).join("\n") + "\n";
}

function manifest({ dir = tmp, file = "ghseal.yml", prune = false, extra = "" } = {}) {
  const secrets = NAMES.map((n) => `      ${n}: { dotenv: values.env }`).join("\n");
  const text = [
    "targets:",
    `  - repositories: { org: octo-org, match: "repo-*" }`,
    `    prune: ${prune}`,
    `    protect: ["KEEP_*"]`,
    "    secrets:",
    secrets,
    ...(VARS ? ["    variables:", "      REGION: eu-west-1", "      REPLICAS: 3", "      COLOR: { value: blue }"] : []),
    extra,
  ].join("\n");
  writeFileSync(join(dir, file), text);
  return join(dir, file);
}

/** Run the CLI; resolves { code, stdout, stderr }. `onSpawn(child)` sees the process. */
function cli(args, { env = {}, onSpawn } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args, "--base-url", server.url], {
      env: { PATH: process.env.PATH, GH_TOKEN: DEMO_TOKEN, GHSEAL_STATE_KEY: "sync test key, 32 bytes or so...", XDG_CONFIG_HOME: tmp, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    onSpawn?.(child);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const writesIn = (log) => log.filter((e) => ["PUT", "POST", "PATCH", "DELETE"].includes(e.method));
const value = (repo, name) => emu.getSecret(`/repos/octo-org/${repo}/actions`, name)?.value;

let values = Object.fromEntries(NAMES.map((n, i) => [n, `value-${i}-${Math.random().toString(36).slice(2)}`]));

test("apply creates 30 repositories x 10 secrets (+ 3 variables); a rerun sends 0 writes and one list per scope", async (t) => {
  if (!VARS) t.diagnostic("this emulator has no variables routes: secrets only");
  const perRepo = NAMES.length + (VARS ? 3 : 0);
  write("values.env", dotenvText(values));
  const file = manifest();
  const plan = await cli(["sync", "plan", "-c", file, "--json", ...FAST]);
  assert.equal(plan.code, 3, `changes pending is exit 3\n${plan.stderr}`);
  const items = JSON.parse(plan.stdout);
  assert.equal(items.length, 30 * perRepo);
  assert.deepEqual(Object.keys(items[0]).sort(), ["action", "kind", "name", "reason", "target"]);
  assert.ok(items.every((i) => i.action === "create"));
  assert.equal(items.filter((i) => i.kind === "variable").length, VARS ? 90 : 0);
  assert.match(plan.stderr, new RegExp(`${30 * perRepo} writes .*ETA`));
  assert.equal(writesIn(emu.log()).length, 0, "plan writes nothing");

  emu.clearLog();
  const applied = await cli(["sync", "apply", "-c", file, ...FAST]);
  assert.equal(applied.code, 0, applied.stderr);
  assert.equal(writesIn(emu.log()).filter((e) => e.status === 201).length, 30 * perRepo);
  for (const repo of REPOS) for (const n of NAMES) assert.equal(value(repo, n), values[n], `${repo} ${n}`);
  if (VARS) for (const repo of REPOS) for (const [n, v] of Object.entries(VARIABLES)) assert.equal(emu.getVariable(`/repos/octo-org/${repo}/actions`, n)?.value, v, `${repo} ${n}`);
  const state = JSON.parse(readFileSync(join(tmp, ".ghseal-state.json"), "utf8"));
  assert.equal(Object.keys(state.targets).length, 30);
  const entry = state.targets["octo-org/repo-01"]["secret/SECRET_0"];
  assert.match(entry.fingerprint, /^[0-9a-f]{64}$/);
  assert.match(entry.updated_at, /^\d{4}-\d\d-\d\dT/);
  assert.ok(!JSON.stringify(state).includes(values.SECRET_0), "no plaintext in the state");

  emu.clearLog();
  const again = await cli(["sync", "apply", "-c", file, ...FAST]);
  assert.equal(again.code, 0, again.stderr);
  const log = emu.log();
  assert.equal(writesIn(log).length, 0, "no change, no write");
  const lists = log.filter((e) => e.method === "GET" && /\/actions\/secrets(\?|$)/.test(e.path));
  assert.equal(lists.length, 30, "one secrets list per scope");
  const variableLists = log.filter((e) => e.method === "GET" && /\/actions\/variables(\?|$)/.test(e.path));
  assert.equal(variableLists.length, VARS ? 30 : 0, "one variables list per scope");
  assert.equal(log.length, 31 + variableLists.length, "plus one org repository listing, nothing else");
  const quiet = await cli(["sync", "plan", "-c", file, ...FAST]);
  assert.equal(quiet.code, 0, "in sync is exit 0");
  assert.match(quiet.stdout, /0 writes/);
});

test("a value changed in the manifest updates exactly those secrets", async () => {
  values = { ...values, SECRET_3: "rotated-value" };
  write("values.env", dotenvText(values));
  emu.clearLog();
  const applied = await cli(["sync", "apply", "-c", manifest(), "--json", ...FAST]);
  assert.equal(applied.code, 0, applied.stderr);
  const puts = writesIn(emu.log());
  assert.equal(puts.length, 30);
  assert.ok(puts.every((e) => e.method === "PUT" && e.path.endsWith("/SECRET_3") && e.status === 204));
  for (const repo of REPOS) assert.equal(value(repo, "SECRET_3"), "rotated-value");
  const report = JSON.parse(applied.stdout);
  assert.equal(report.filter((i) => i.status === "done").length, 30);
});

test("a secret changed outside ghseal is drifted; --overwrite-drift replaces it", async () => {
  await new Promise((r) => setTimeout(r, 1100)); // updated_at has one-second resolution
  const api = createClient(server.url);
  const key = (await api.request("GET", "/repos/octo-org/repo-07/actions/secrets/public-key")).body;
  const put = await api.request("PUT", "/repos/octo-org/repo-07/actions/secrets/SECRET_1", { body: { encrypted_value: await sealFor(key.key, "changed by hand"), key_id: key.key_id } });
  assert.equal(put.status, 204);
  emu.clearLog();
  const plan = await cli(["sync", "plan", "-c", manifest(), "--json", ...FAST]);
  assert.equal(plan.code, 3);
  const drifted = JSON.parse(plan.stdout).filter((i) => i.action !== "unchanged");
  assert.deepEqual(drifted.map((i) => [i.target, i.name, i.action]), [["octo-org/repo-07", "SECRET_1", "drifted"]]);
  const refused = await cli(["sync", "apply", "-c", manifest(), ...FAST]);
  assert.equal(refused.code, 1, "drift left alone is reported as a failure");
  assert.match(refused.stderr, /drifted: octo-org\/repo-07 secret SECRET_1/);
  assert.equal(writesIn(emu.log()).length, 0);
  assert.equal(value("repo-07", "SECRET_1"), "changed by hand");
  const forced = await cli(["sync", "apply", "-c", manifest(), "--overwrite-drift", ...FAST]);
  assert.equal(forced.code, 0, forced.stderr);
  assert.equal(writesIn(emu.log()).length, 1);
  assert.equal(value("repo-07", "SECRET_1"), values.SECRET_1);
});

test("prune deletes only unmanaged, unprotected names, and only with --yes", async () => {
  const api = createClient(server.url);
  const key = (await api.request("GET", "/repos/octo-org/repo-02/actions/secrets/public-key")).body;
  for (const n of ["OLD_TOKEN", "KEEP_ME"]) {
    await api.request("PUT", `/repos/octo-org/repo-02/actions/secrets/${n}`, { body: { encrypted_value: await sealFor(key.key, "x"), key_id: key.key_id } });
  }
  const without = await cli(["sync", "plan", "-c", manifest(), "--json", ...FAST]);
  assert.equal(without.code, 0, "prune is off by default: unmanaged names are left alone");
  emu.clearLog();
  const file = manifest({ prune: true });
  const plan = await cli(["sync", "plan", "-c", file, "--json", ...FAST]);
  const changes = JSON.parse(plan.stdout).filter((i) => i.action !== "unchanged" || i.name === "KEEP_ME");
  assert.deepEqual(changes.map((i) => [i.target, i.name, i.action]), [["octo-org/repo-02", "KEEP_ME", "unchanged"], ["octo-org/repo-02", "OLD_TOKEN", "delete"]]);
  const refused = await cli(["sync", "apply", "-c", file, ...FAST]);
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /--yes/);
  assert.equal(writesIn(emu.log()).length, 0, "refused before any write");
  const yes = await cli(["sync", "apply", "-c", file, "--yes", ...FAST]);
  assert.equal(yes.code, 0, yes.stderr);
  assert.deepEqual(writesIn(emu.log()).map((e) => `${e.method} ${e.path}`), ["DELETE /repos/octo-org/repo-02/actions/secrets/OLD_TOKEN"]);
  assert.equal(value("repo-02", "KEEP_ME"), "x");
  assert.equal(value("repo-02", "SECRET_0"), values.SECRET_0);
});

test("a bad manifest reports every error at once and sends no request", async () => {
  emu.clearLog();
  const file = write("bad.yml", ["targets:", "  - repositories: [octo-org/repo-01]", "    prun: true", "    secrets:", "      TOKEN: hunter2", "      OTHER: { env: NOT_SET_FOR_SURE }", "      GITHUB_X: { file: nope.txt }", ""].join("\n"));
  const r = await cli(["sync", "apply", "-c", file, "--yes", ...FAST]);
  assert.equal(r.code, 2);
  for (const re of [/bad\.yml:3:\d+: targets\[0\]\.prun: unknown key/, /bad\.yml:5:\d+: targets\[0\]\.secrets\.TOKEN: a literal secret value is refused/, /:6:\d+: targets\[0\]\.secrets\.OTHER\.env: environment variable NOT_SET_FOR_SURE is not set/, /:7:\d+: targets\[0\]\.secrets\.GITHUB_X: names must not start with GITHUB_/, /:7:\d+: targets\[0\]\.secrets\.GITHUB_X\.file: file nope\.txt not found/]) {
    assert.match(r.stderr, re);
  }
  assert.ok(!r.stderr.includes("hunter2"), "the literal is never echoed");
  assert.equal(emu.log().length, 0, "no request at all");
});

test("SIGINT mid-run stops after the write in flight (exit 130); a rerun finishes with one successful write per secret", async () => {
  const dir = mkdtempSync(join(tmp, "sigint-"));
  const vals = Object.fromEntries(NAMES.map((n) => [n, `sigint-${n}`]));
  writeFileSync(join(dir, "values.env"), dotenvText(vals));
  const file = manifest({ dir });
  emu.clearLog();
  let sent = false;
  const first = await cli(["sync", "apply", "-c", file, "--throttle-ms", "20", "--max-writes-per-minute", "100000", "--max-writes-per-hour", "1000000"], {
    onSpawn: (child) => {
      const timer = setInterval(() => {
        if (!sent && writesIn(emu.log()).length >= 40) {
          sent = true;
          child.kill("SIGINT");
          clearInterval(timer);
        }
      }, 5);
      child.on("close", () => clearInterval(timer));
    },
  });
  assert.ok(sent, "the run was interrupted");
  assert.equal(first.code, 130, first.stderr);
  assert.match(first.stderr, /interrupted/);
  const afterFirst = writesIn(emu.log()).filter((e) => e.status === 204 || e.status === 201).length;
  assert.ok(afterFirst >= 40 && afterFirst < 300, `stopped early (${afterFirst})`);
  const second = await cli(["sync", "apply", "-c", file, ...FAST]);
  assert.equal(second.code, 0, second.stderr);
  const ok = writesIn(emu.log()).filter((e) => (e.status === 204 || e.status === 201) && e.path.includes("/secrets/"));
  assert.equal(writesIn(emu.log()).filter((e) => e.path.includes("/variables")).length, 0, "variables already hold the manifest's values: adopted, not rewritten");
  const perSecret = new Map();
  for (const e of ok) perSecret.set(e.path, (perSecret.get(e.path) ?? 0) + 1);
  assert.equal(perSecret.size, 300);
  assert.ok([...perSecret.values()].every((n) => n === 1), "exactly one successful write per secret across both runs");
  for (const repo of REPOS) for (const n of NAMES) assert.equal(value(repo, n), vals[n]);
});
