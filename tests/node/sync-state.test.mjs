// The sync state file and key (ghseal/sync, Node): atomic writes, an absent file
// is an empty state, a broken one is refused, and the key never lives in the
// state: GHSEAL_STATE_KEY or a 0600 key file in the user's config directory.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pkgUrl } from "../support/pkg.mjs";
import { useTempDir } from "../support/tmp.mjs";

const { configDir, loadStateKey, readState, writeStateAtomic, DEFAULT_STATE_FILE } = await import(pkgUrl("sync/state-file.js"));

const root = useTempDir("ghseal-state-").path;
const dir = () => mkdtempSync(join(root, "t-"));

test("an absent state file is an empty state; writes are whole files with no temp left behind", () => {
  const d = dir();
  const file = join(d, DEFAULT_STATE_FILE);
  assert.deepEqual(readState(file), { version: 1, targets: {} });
  const state = { version: 1, targets: { "o/r": { "secret/A": { updated_at: null, fingerprint: "a".repeat(64) } } } };
  writeStateAtomic(file, state);
  writeStateAtomic(file, state);
  assert.deepEqual(readState(file), state);
  assert.deepEqual(readdirSync(d), [DEFAULT_STATE_FILE], "no temp file remains");
});

test("a broken state file is refused with code invalid_state", () => {
  const d = dir();
  writeFileSync(join(d, "s.json"), "{ not json");
  assert.throws(() => readState(join(d, "s.json")), { code: "invalid_state" });
  writeFileSync(join(d, "t.json"), JSON.stringify({ version: 2, targets: {} }));
  assert.throws(() => readState(join(d, "t.json")), { code: "invalid_state", message: /not a ghseal state file/ });
});

test("the key comes from GHSEAL_STATE_KEY, else a 0600 key file created once in the config dir", () => {
  assert.deepEqual(loadStateKey({ GHSEAL_STATE_KEY: "0123456789abcdef" }).source, "GHSEAL_STATE_KEY");
  assert.throws(() => loadStateKey({ GHSEAL_STATE_KEY: "short" }), { code: "invalid_state_key" });
  const home = dir();
  const env = { XDG_CONFIG_HOME: home };
  assert.equal(configDir(env), join(home, "ghseal"));
  const first = loadStateKey(env);
  assert.equal(first.source, join(home, "ghseal", "state.key"));
  assert.equal(first.key.length, 64, "32 random bytes, hex");
  if (process.platform !== "win32") assert.equal(statSync(first.source).mode & 0o777, 0o600);
  const second = loadStateKey(env);
  assert.deepEqual(second.key, first.key, "created once, then reused");
  assert.match(readFileSync(first.source, "utf8"), /^[0-9a-f]{64}\n$/);
});
