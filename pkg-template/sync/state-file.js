// The sync state on disk (Node only): read, atomic write (temp file + rename, so a
// kill never leaves it half-written), and the fingerprint key, which never goes
// into the state file: GHSEAL_STATE_KEY, else a 32-byte random key file created
// with mode 0600 in the user's config directory.

import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

/** Default state file name, beside the manifest. */
export const DEFAULT_STATE_FILE = ".ghseal-state.json";
const KEY_BYTES = 32;
const emptyState = () => ({ version: 1, targets: {} });

/** The user's config directory for ghseal: $XDG_CONFIG_HOME/ghseal, %APPDATA%\ghseal, ~/.config/ghseal. */
export function configDir(env = process.env) {
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, "ghseal");
  if (process.platform === "win32" && env.APPDATA) return join(env.APPDATA, "ghseal");
  return join(homedir(), ".config", "ghseal");
}

/**
 * The fingerprint key: GHSEAL_STATE_KEY (UTF-8, at least 16 bytes), else the key
 * file `state.key` in configDir(), created (32 random bytes, hex, mode 0600) when absent.
 * @returns {{ key: Uint8Array, source: string }}
 * @throws {Error} code `invalid_state_key` when GHSEAL_STATE_KEY is shorter than 16 bytes
 */
export function loadStateKey(env = process.env) {
  if (env.GHSEAL_STATE_KEY !== undefined) {
    const key = new TextEncoder().encode(env.GHSEAL_STATE_KEY);
    if (key.length < 16) throw Object.assign(new Error("GHSEAL_STATE_KEY must be at least 16 bytes"), { code: "invalid_state_key" });
    return { key, source: "GHSEAL_STATE_KEY" };
  }
  const file = join(configDir(env), "state.key");
  try {
    return { key: new TextEncoder().encode(readFileSync(file, "utf8").trim()), source: file };
  } catch (error) {
    if (error?.code !== "ENOENT") throw error;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const text = randomBytes(KEY_BYTES).toString("hex");
  try {
    writeFileSync(file, `${text}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if (error?.code !== "EEXIST") throw error; // another run created it first: use theirs
    return { key: new TextEncoder().encode(readFileSync(file, "utf8").trim()), source: file };
  }
  chmodSync(file, 0o600);
  return { key: new TextEncoder().encode(text), source: file };
}

/**
 * Read a state file; an absent file is an empty state.
 * @throws {Error} code `invalid_state` when the file is not a state object
 */
export function readState(file) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (error?.code === "ENOENT") return emptyState();
    throw error;
  }
  let state;
  try {
    state = JSON.parse(text);
  } catch (error) {
    throw Object.assign(new Error(`${file}: not JSON (${error.message})`), { code: "invalid_state" });
  }
  if (!state || typeof state !== "object" || state.version !== 1 || typeof state.targets !== "object" || state.targets === null) {
    throw Object.assign(new Error(`${file}: not a ghseal state file (expected { "version": 1, "targets": {...} })`), { code: "invalid_state" });
  }
  return state;
}

/** Write the state atomically: a temp file in the same directory, then rename over the old one. */
export function writeStateAtomic(file, state) {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o644 });
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
