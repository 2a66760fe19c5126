// In-process state of the GitHub secrets emulator: accounts, repositories,
// per-scope X25519 key pairs (libsodium), stored secrets, injected faults,
// request log and rate-limit counters. The HTTP layer lives in server.mjs and
// routes.mjs; everything a test or the demo page can control is a method here.
// Its parts: scopes.mjs (collections and scope paths), keys.mjs (key pairs, opening
// sealed boxes), faults.mjs (the fault queue), errors.mjs (EmulatorError).
//
// Deliberately independent of ghseal: sealed boxes are opened with
// libsodium-wrappers' crypto_box_seal_open.

import { randomBytes } from "node:crypto";
import sodium from "libsodium-wrappers";
import { FaultQueue } from "./faults.mjs";
import { newKeyPair, openSealedBox } from "./keys.mjs";
import { APPS, ORG_APPS, resolveScope, scope } from "./scopes.mjs";
import { DEMO_TOKEN, normalizeSeed } from "./seed.mjs";

// The parts' names, exported here as before the split.
export { EmulatorError } from "./errors.mjs";
export { FAULT_KINDS } from "./faults.mjs";
export { APPS, ORG_APPS } from "./scopes.mjs";

export const RATE_LIMIT = Object.freeze({ authenticated: 5000, anonymous: 60, windowSeconds: 3600 });
const LOG_CAP = 10000;

/** ISO 8601 without milliseconds, like GitHub: 2026-11-22T03:04:05Z */
export function isoNow(date = new Date()) {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

const lower = (s) => String(s).toLowerCase();

/**
 * The emulator's state and controls. Create with `await Emulator.create(...)`
 * (libsodium must be ready); `startEmulator()` in index.mjs does this for you.
 */
export class Emulator {
  /**
   * @param {{ seed: import("./seed.mjs").Seed, tokens?: Array<string | { token: string, login?: string }> }} options
   */
  constructor({ seed, tokens = [DEMO_TOKEN] }) {
    this.seed = normalizeSeed(seed);
    this.baseUrl = "http://127.0.0.1";
    this.tokens = new Map();
    for (const t of tokens) {
      const token = typeof t === "string" ? t : t?.token;
      const login = typeof t === "string" ? this.seed.authenticatedUser : t?.login ?? this.seed.authenticatedUser;
      if (!token) throw new TypeError("tokens: every entry needs a non-empty token");
      if (!this.seed.users.some((u) => lower(u.login) === lower(login))) {
        throw new TypeError(`tokens: ${JSON.stringify(login)} is not a seed user`);
      }
      this.tokens.set(token, login);
    }
    this.reset();
  }

  /** @param {ConstructorParameters<typeof Emulator>[0]} options */
  static async create(options) {
    await sodium.ready;
    return new Emulator(options);
  }

  // ---------------------------------------------------------------- seed state

  /** Back to the seed: no secrets, fresh key pairs, empty log, no faults, fresh rate-limit windows. */
  reset() {
    this.users = new Map(this.seed.users.map((u) => [lower(u.login), { ...u, type: "User" }]));
    this.orgs = new Map(this.seed.orgs.map((o) => [lower(o.login), { ...o, type: "Organization" }]));
    this.repos = new Map();
    this.reposById = new Map();
    for (const r of this.seed.repos) {
      const owner = this.account(r.owner);
      const repo = {
        id: r.id,
        name: r.name,
        owner,
        full_name: `${owner.login}/${r.name}`,
        private: r.private,
        environments: new Map(r.environments.map((e) => [lower(e), e])),
      };
      this.repos.set(lower(repo.full_name), repo);
      this.reposById.set(repo.id, repo);
    }
    /** @type {Map<string, any>} */
    this.scopes = new Map();
    this.faultQueue = new FaultQueue();
    this._log = [];
    this.rateBuckets = new Map();
  }

  /** @returns {{login:string,id:number,type:"User"|"Organization",name?:string}|undefined} */
  account(login) {
    const k = lower(login);
    return this.users.get(k) ?? this.orgs.get(k);
  }
  findOrg(login) {
    return this.orgs.get(lower(login));
  }
  findUser(login) {
    return this.users.get(lower(login));
  }
  findRepo(owner, name) {
    return this.repos.get(lower(`${owner}/${name}`));
  }
  repoById(id) {
    return this.reposById.get(Number(id));
  }
  /** Canonical environment name of `repo`, or undefined. */
  findEnvironment(repo, name) {
    return repo.environments.get(lower(name));
  }
  /** Repositories a secret of this scope may be shared with (org: the org's repos; user: every repo). */
  selectableRepoIds(scope) {
    const ids = [];
    for (const r of this.reposById.values()) {
      if (scope.kind === "user" || r.owner.id === scope.org.id) ids.push(r.id);
    }
    return new Set(ids);
  }
  /** The login a token authenticates as, or undefined. */
  authenticate(token) {
    const login = this.tokens.get(token);
    return login ? this.findUser(login) : undefined;
  }
  get defaultUser() {
    return this.findUser(this.seed.authenticatedUser);
  }

  // -------------------------------------------------------------------- scopes

  /** The scope (secrets collection) for `spec`, created lazily: see scopes.mjs `scope`. */
  scope(spec) {
    return scope(this, spec);
  }

  /** The scope at a control-API path: see scopes.mjs `resolveScope` (EmulatorError 404/400). */
  resolveScope(scopePath) {
    return resolveScope(this, scopePath);
  }

  /**
   * Current public key of a scope.
   * @param {string} scopePath
   * @returns {{ key_id: string, key: string }}
   */
  publicKey(scopePath) {
    const { key } = this.resolveScope(scopePath);
    return { key_id: key.key_id, key: key.key };
  }

  /**
   * Replace a scope's key pair; the old key_id is refused from now on.
   * Stored secrets stay (they are kept decrypted).
   * @param {string} scopePath
   * @returns {{ key_id: string, key: string }} the new public key
   * @throws {EmulatorError} 404/400 for unknown or malformed scopes
   */
  rotateKey(scopePath) {
    const scope = this.resolveScope(scopePath);
    scope.key = newKeyPair(scope.key.key_id);
    return { key_id: scope.key.key_id, key: scope.key.key };
  }

  /**
   * Open a base64-decoded sealed box with a scope's current private key.
   * @returns {Uint8Array|null} plaintext, or null when it does not open
   */
  openSealed(scope, ciphertext) {
    return openSealedBox(scope.key, ciphertext);
  }

  /**
   * A stored secret with its decrypted value, for tests to read back.
   * @param {string} scopePath
   * @param {string} name  case-insensitive
   * @returns {{ name: string, scope: string, value: string, value_base64: string, key_id: string,
   *   created_at: string, updated_at: string, visibility?: string, selected_repository_ids?: number[] } | null}
   *   null when the secret does not exist. Private registries are read here too
   *   ("/orgs/ORG/private-registries"), with their registry fields.
   * @throws {EmulatorError} 404/400 for unknown or malformed scopes
   */
  getSecret(scopePath, name) {
    const scope = this.resolveScope(scopePath);
    const s = scope.secrets.get(String(name).toUpperCase());
    if (!s) return null;
    const out = {
      name: s.name,
      scope: scope.path,
      // a private registry with OIDC authentication holds no value
      value: s.value ? Buffer.from(s.value).toString("utf8") : null,
      value_base64: s.value ? Buffer.from(s.value).toString("base64") : null,
      key_id: s.key_id,
      created_at: s.created_at,
      updated_at: s.updated_at,
    };
    if (s.visibility) out.visibility = s.visibility;
    if (s.selected) out.selected_repository_ids = [...s.selected].sort((a, b) => a - b);
    for (const k of ["registry_type", "url", "username", "auth_type"]) if (s[k] !== undefined) out[k] = s[k];
    return out;
  }

  /**
   * A stored variable (plaintext), for tests to read back.
   * @param {string} scopePath  e.g. "/repos/octo-org/hello-world/agents", "/orgs/octo-org/actions"
   * @param {string} name  case-insensitive
   * @returns {{ name: string, scope: string, value: string, created_at: string, updated_at: string,
   *   visibility?: string, selected_repository_ids?: number[] } | null}  null when it does not exist
   * @throws {EmulatorError} 404/400 for unknown or malformed scopes
   */
  getVariable(scopePath, name) {
    const scope = this.resolveScope(scopePath);
    const v = scope.variables.get(String(name).toUpperCase());
    if (!v) return null;
    const out = { name: v.name, scope: scope.path, value: v.value, created_at: v.created_at, updated_at: v.updated_at };
    if (v.visibility) out.visibility = v.visibility;
    if (v.selected) out.selected_repository_ids = [...v.selected].sort((a, b) => a - b);
    return out;
  }

  // -------------------------------------------------------------------- faults

  /**
   * Queue faults for upcoming API requests: see faults.mjs `FaultQueue.add`.
   * @returns {object[]} the normalized faults that were added (with ids)
   * @throws {EmulatorError} 400 on unknown kinds or bad numbers (nothing is added then)
   */
  injectFaults(faults) {
    return this.faultQueue.add(faults);
  }

  /** Remove every pending fault. */
  clearFaults() {
    this.faultQueue.clear();
  }

  /** Pending faults (count-based ones disappear once used up). */
  faults() {
    return this.faultQueue.list();
  }

  /**
   * Pick the fault (if any) for one API request and consume it.
   * @param {string} method @param {string} rawPath  the request's raw URL path (no query)
   */
  takeFault(method, rawPath) {
    return this.faultQueue.take(method, rawPath);
  }

  // ----------------------------------------------------------------------- log

  /**
   * Requests seen so far (API routes only; not control routes nor OPTIONS preflights).
   * Never holds bodies or tokens.
   * @returns {Array<{ method: string, path: string, status: number|null, fault?: string, operationId?: string, time: string }>}
   *   status is null when a network-error fault dropped the connection
   */
  log() {
    return this._log.map((e) => ({ ...e }));
  }

  /** Empty the request log. */
  clearLog() {
    this._log = [];
  }

  /** @internal */
  record(entry) {
    this._log.push(entry);
    if (this._log.length > LOG_CAP) this._log.splice(0, this._log.length - LOG_CAP);
  }

  /** Remove every configured (or presented) token from a string destined for the log. */
  redact(text, extra) {
    let out = text;
    for (const t of [...this.tokens.keys(), extra]) {
      if (t && t.length >= 4) out = out.split(t).join("[REDACTED]");
    }
    return out;
  }

  // ---------------------------------------------------------------- rate limit

  /**
   * Count one request against a bucket and return its x-ratelimit-* numbers.
   * Limits are reported but never enforced (use a "primary-rate-limit" fault).
   * @param {string} bucketKey @param {boolean} authenticated @param {boolean} [count=true]
   */
  rate(bucketKey, authenticated, count = true) {
    const now = Math.floor(Date.now() / 1000);
    const limit = authenticated ? RATE_LIMIT.authenticated : RATE_LIMIT.anonymous;
    let b = this.rateBuckets.get(bucketKey);
    if (!b || b.reset <= now) {
      b = { used: 0, reset: now + RATE_LIMIT.windowSeconds };
      this.rateBuckets.set(bucketKey, b);
    }
    if (count) b.used += 1;
    return { limit, remaining: Math.max(0, limit - b.used), reset: b.reset, used: b.used };
  }

  // --------------------------------------------------------------------- state

  /**
   * Seed summary for the demo page.
   * @returns {{ baseUrl: string, authenticatedUser: {login:string,id:number}, users: {login:string,id:number}[],
   *   orgs: {login:string,id:number}[], repos: {id:number,owner:string,name:string,full_name:string,private:boolean,environments:string[]}[],
   *   scopes: string[], secrets: {scope:string,name:string,updated_at:string}[], faults: object[] }}
   */
  state() {
    const repos = [...this.reposById.values()].map((r) => ({
      id: r.id,
      owner: r.owner.login,
      name: r.name,
      full_name: r.full_name,
      private: r.private,
      environments: [...r.environments.values()],
    }));
    const scopes = [];
    for (const r of repos) {
      for (const app of APPS) scopes.push(`/repos/${r.full_name}/${app}`);
      for (const e of r.environments) scopes.push(`/repos/${r.full_name}/environments/${e}`);
    }
    for (const o of this.orgs.values()) for (const app of ORG_APPS) scopes.push(`/orgs/${o.login}/${app}`);
    scopes.push("/user/codespaces");
    const secrets = [];
    for (const s of this.scopes.values()) {
      for (const sec of s.secrets.values()) secrets.push({ scope: s.path, name: sec.name, updated_at: sec.updated_at });
    }
    secrets.sort((a, b) => (a.scope + "\0" + a.name < b.scope + "\0" + b.name ? -1 : 1));
    const u = this.defaultUser;
    return {
      baseUrl: this.baseUrl,
      authenticatedUser: { login: u.login, id: u.id },
      users: [...this.users.values()].map(({ login, id }) => ({ login, id })),
      orgs: [...this.orgs.values()].map(({ login, id }) => ({ login, id })),
      repos,
      scopes,
      secrets,
      faults: this.faults(),
    };
  }

  /** A GitHub-style request id, e.g. "C0DE:1A2B:3C4D5E:6F7A8B:674F1A2B". */
  static requestId() {
    const h = (n) => randomBytes(n).toString("hex").toUpperCase();
    return `${h(2)}:${h(2)}:${h(3)}:${h(3)}:${Math.floor(Date.now() / 1000).toString(16).toUpperCase()}`;
  }
}
