// Shared set-up of the secret-hygiene tests (tests/node/hygiene*.test.mjs): the token
// and the marker values that must never be shown, the checks that look for them, and
// one `useHygiene()` fixture (package, emulator accepting TOKEN, temp dir, closed port).
import { before } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { inspect } from "node:util";
import sodium from "libsodium-wrappers";
import { makeSeed } from "../emulator/index.mjs";
import { useEmulator } from "./emulator.mjs";
import { importPkg } from "./pkg.mjs";
import { closedPortUrl } from "./local-server.mjs";
import { useTempDir } from "./tmp.mjs";

/** The only token the emulator accepts (random per run, "ghp_" + 24 hex digits). */
export const TOKEN = `ghp_hygiene${randomBytes(12).toString("hex")}`;
/** A token the emulator refuses with 401. */
export const WRONG_TOKEN = `ghp_wrongToken${randomBytes(12).toString("hex")}`;
export const HELLO = { owner: "octo-org", repo: "hello-world" };
export const HELLO_SCOPE = "/repos/octo-org/hello-world/actions";

/** Strings that must never show up: the tokens and every value made by `marker()`. */
export const secrets = new Set([TOKEN, WRONG_TOKEN]);
/** A unique secret value (ASCII letters and digits, then non-ASCII), remembered as a secret. */
export function marker(label = "v") {
  const m = `${label}Mark${randomBytes(20).toString("hex")}-ünï日本🔐`;
  secrets.add(m);
  secrets.add(m.slice(0, 40)); // also its ASCII head alone
  return m;
}


/** Everything an error (or any object) shows: JSON, message, stack, util.inspect. */
export function renderings(x) {
  let json;
  try {
    json = JSON.stringify(x, (_k, v) => (typeof v === "bigint" ? String(v) : v));
  } catch (e) {
    json = `unserialisable: ${e.message}`;
  }
  return [json ?? "", String(x?.message ?? ""), String(x?.stack ?? ""), inspect(x, { depth: 10, showHidden: true, getters: false })];
}

/** Asserts that none of the secrets appears in any rendering of `x`. */
export function assertClean(label, x) {
  for (const text of renderings(x)) {
    for (const s of secrets) assert.ok(!text.includes(s), `${label}: a token or secret value appears in ${text.slice(0, 300)}`);
  }
}

/** Runs `fn` with console.* and process warnings captured; resolves to what was written. */
export async function captureConsole(fn) {
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
export async function caught(label, fn) {
  let error;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof Error, `${label}: expected an Error, got ${inspect(error)}`);
  return error;
}

/**
 * Registers before/after hooks: imports the package under test (GHSEAL_PKG), readies
 * libsodium, starts the emulator (5 extra repositories, only TOKEN accepted), makes a
 * temp directory (removed after) and finds a 127.0.0.1 URL on which nothing listens.
 * @returns {{ ghseal: any, emulator: import("../emulator/state.mjs").Emulator, url: string,
 *   tmp: string, closedPortUrl: string, client: (options?: object) => any }} filled in by the hook;
 *   client() is a GitHubSecrets with TOKEN, no throttle and no retries unless `options` say so
 */
export function useHygiene() {
  const h = {
    tmp: useTempDir("ghseal-hygiene-").path,
    client: (options = {}) =>
      new h.ghseal.GitHubSecrets({ auth: TOKEN, baseUrl: h.url, throttle: { minWriteInterval: 0 }, retry: { retries: 0 }, ...options }),
  };
  const emu = useEmulator({ seed: makeSeed({ repos: 5 }), tokens: [TOKEN] });
  before(async () => {
    h.ghseal = await importPkg();
    await sodium.ready;
    await emu.ready;
    h.emulator = emu.emulator;
    h.url = emu.url;
    // A port on which nothing listens.
    h.closedPortUrl = await closedPortUrl();
  });
  return h;
}
