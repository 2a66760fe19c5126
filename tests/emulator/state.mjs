// In-process state of the GitHub secrets emulator: accounts, repositories,
// per-scope X25519 key pairs (libsodium), stored secrets, injected faults,
// request log and rate-limit counters. The HTTP layer lives in server.mjs and
// routes.mjs; everything a test or the demo page can control is a method here.
//
// Deliberately independent of ghseal: sealed boxes are opened with
// libsodium-wrappers' crypto_box_seal_open.

import { randomInt, randomBytes } from "node:crypto";
import sodium from "libsodium-wrappers";
import { DEMO_TOKEN, normalizeSeed } from "./seed.mjs";

/** Error thrown by the control methods; `status` is the HTTP status the control API answers with. */
export class EmulatorError extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message);
    this.name = "EmulatorError";
    this.status = status;
  }
}

export const APPS = Object.freeze(["actions", "dependabot", "codespaces", "agents"]);
/** Collections an organization has: each app's secrets, plus its private registries (own key pair). */
export const ORG_APPS = Object.freeze([...APPS, "private-registries"]);
export const FAULT_KINDS = Object.freeze([
  "secondary-rate-limit",
  "rate-limit-429",
  "primary-rate-limit",
  "server-error",
  "delay",
  "network-error",
]);
export const RATE_LIMIT = Object.freeze({ authenticated: 5000, anonymous: 60, windowSeconds: 3600 });
const LOG_CAP = 10000;

/** ISO 8601 without milliseconds, like GitHub: 2026-11-22T03:04:05Z */
export function isoNow(date = new Date()) {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Deterministic PRNG (mulberry32) returning floats in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A digit string like GitHub's key ids, e.g. "568250167242549743". */
function newKeyId(previous) {
  for (;;) {
    const id = String(randomInt(100000000, 1000000000)) + String(randomInt(0, 1000000000)).padStart(9, "0");
    if (id !== previous) return id;
  }
}

function newKeyPair(previousId) {
  const kp = sodium.crypto_box_keypair();
  return {
    key_id: newKeyId(previousId),
    key: Buffer.from(kp.publicKey).toString("base64"),
    publicKey: kp.publicKey,
    privateKey: kp.privateKey,
  };
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
    this._faults = [];
    this._faultSeq = 0;
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

  /**
   * Get (creating lazily, with a fresh key pair) the scope for one secrets collection.
   * @param {{ kind: "repo"|"environment"|"org"|"user", app?: string, repo?: any, env?: string, org?: any, user?: any }} spec
   */
  scope(spec) {
    let key;
    let path;
    switch (spec.kind) {
      case "repo":
        key = `repo:${spec.app}:${spec.repo.id}`;
        path = `/repos/${spec.repo.full_name}/${spec.app}`;
        break;
      case "environment":
        key = `env:${spec.repo.id}:${lower(spec.env)}`;
        path = `/repos/${spec.repo.full_name}/environments/${spec.env}`;
        spec = { ...spec, app: "actions" };
        break;
      case "org":
        key = `org:${spec.app}:${spec.org.id}`;
        path = `/orgs/${spec.org.login}/${spec.app}`;
        break;
      case "user":
        key = `user:${spec.user.id}`;
        path = spec.user.id === this.defaultUser.id ? "/user/codespaces" : `/users/${spec.user.login}/codespaces`;
        spec = { ...spec, app: "codespaces" };
        break;
      default:
        throw new EmulatorError(400, `unknown scope kind ${spec.kind}`);
    }
    let scope = this.scopes.get(key);
    if (!scope) {
      scope = { ...spec, key: newKeyPair(), path, secrets: new Map(), variables: new Map() };
      this.scopes.set(key, scope);
    }
    return scope;
  }

  /**
   * Resolve a scope path such as "/repos/octo-org/hello-world/actions",
   * "/repos/octo-org/hello-world/environments/prod/eu" (raw environment name),
   * "/orgs/octo-org/dependabot", "/user/codespaces" (the default user) or
   * "/users/LOGIN/codespaces". A trailing "/secrets" is tolerated.
   * @throws {EmulatorError} 404 for unknown accounts/repos/environments, 400 for malformed paths
   */
  resolveScope(scopePath) {
    if (typeof scopePath !== "string" || !scopePath.startsWith("/")) {
      throw new EmulatorError(400, `scope must be a path like "/repos/OWNER/REPO/actions", got ${JSON.stringify(scopePath)}`);
    }
    const parts = scopePath.replace(/\/(secrets|variables)\/?$/, "").replace(/\/+$/, "").split("/").slice(1);
    const unknown = () => new EmulatorError(404, `unknown scope ${scopePath}`);
    if (parts[0] === "repos" && parts.length >= 4) {
      const repo = this.findRepo(parts[1], parts[2]);
      if (!repo) throw unknown();
      if (parts[3] === "environments" && parts.length >= 5) {
        const raw = parts.slice(4).join("/");
        let env = this.findEnvironment(repo, raw);
        if (!env) {
          try {
            env = this.findEnvironment(repo, decodeURIComponent(raw));
          } catch {
            /* not encoded */
          }
        }
        if (!env) throw unknown();
        return this.scope({ kind: "environment", repo, env });
      }
      if (parts.length === 4 && APPS.includes(parts[3])) return this.scope({ kind: "repo", app: parts[3], repo });
    } else if (parts[0] === "orgs" && parts.length === 3 && ORG_APPS.includes(parts[2])) {
      const org = this.findOrg(parts[1]);
      if (!org) throw unknown();
      return this.scope({ kind: "org", app: parts[2], org });
    } else if (parts[0] === "user" && parts.length === 2 && parts[1] === "codespaces") {
      return this.scope({ kind: "user", user: this.defaultUser });
    } else if (parts[0] === "users" && parts.length === 3 && parts[2] === "codespaces") {
      const user = this.findUser(parts[1]);
      if (!user) throw unknown();
      return this.scope({ kind: "user", user });
    }
    throw new EmulatorError(400, `unrecognised scope path ${scopePath}`);
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
   * Open a base64 sealed box with a scope's current private key.
   * @returns {Uint8Array|null} plaintext, or null when it does not open
   */
  openSealed(scope, ciphertext) {
    if (ciphertext.length < sodium.crypto_box_SEALBYTES) return null;
    try {
      return sodium.crypto_box_seal_open(ciphertext, scope.key.publicKey, scope.key.privateKey);
    } catch {
      return null;
    }
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
   * Queue faults for upcoming API requests (control routes and OPTIONS are never faulted).
   * Each: { kind, count = 1, probability?, seed?, retryAfter?, delayMs?, method?, pathPrefix? }.
   * kind: "secondary-rate-limit" | "rate-limit-429" | "primary-rate-limit" | "server-error" | "delay" | "network-error".
   * With `probability` (0..1) a fault applies randomly to each matching request until cleared
   * (deterministically when `seed` is given); otherwise to the next `count` matching requests.
   * @param {object[]|object} faults
   * @returns {object[]} the normalized faults that were added (with ids)
   * @throws {EmulatorError} 400 on unknown kinds or bad numbers (nothing is added then)
   */
  injectFaults(faults) {
    const list = Array.isArray(faults) ? faults : [faults];
    const added = list.map((f) => this.#normalizeFault(f));
    this._faults.push(...added);
    return added.map((f) => this.#describeFault(f));
  }

  /** Remove every pending fault. */
  clearFaults() {
    this._faults = [];
  }

  /** Pending faults (count-based ones disappear once used up). */
  faults() {
    return this._faults.map((f) => this.#describeFault(f));
  }

  #normalizeFault(f) {
    if (!f || typeof f !== "object") throw new EmulatorError(400, "each fault must be an object");
    if (!FAULT_KINDS.includes(f.kind)) {
      throw new EmulatorError(400, `unknown fault kind ${JSON.stringify(f.kind)}; expected one of ${FAULT_KINDS.join(", ")}`);
    }
    const num = (name, min, max, dflt) => {
      const v = f[name] ?? dflt;
      if (v === undefined) return undefined;
      if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) {
        throw new EmulatorError(400, `fault ${f.kind}: ${name} must be a number in [${min}, ${max}]`);
      }
      return v;
    };
    const fault = {
      id: ++this._faultSeq,
      kind: f.kind,
      count: num("count", 1, Number.MAX_SAFE_INTEGER, 1),
      probability: num("probability", 0, 1),
      seed: num("seed", -(2 ** 31), 2 ** 32),
      retryAfter: num("retryAfter", 0, 86400),
      delayMs: num("delayMs", 0, 120000),
      method: f.method === undefined ? undefined : String(f.method).toUpperCase(),
      pathPrefix: f.pathPrefix === undefined ? undefined : String(f.pathPrefix),
    };
    if (!Number.isInteger(fault.count)) throw new EmulatorError(400, `fault ${f.kind}: count must be an integer`);
    if (fault.probability !== undefined) {
      fault.random = fault.seed === undefined ? Math.random : mulberry32(fault.seed);
    }
    fault.remaining = fault.count;
    return fault;
  }

  #describeFault(f) {
    const out = { id: f.id, kind: f.kind };
    if (f.probability !== undefined) {
      out.probability = f.probability;
      if (f.seed !== undefined) out.seed = f.seed;
    } else {
      out.count = f.count;
      out.remaining = f.remaining;
    }
    for (const k of ["retryAfter", "delayMs", "method", "pathPrefix"]) if (f[k] !== undefined) out[k] = f[k];
    return out;
  }

  /**
   * Pick the fault (if any) for one API request and consume it.
   * @param {string} method @param {string} rawPath  the request's raw URL path (no query)
   */
  takeFault(method, rawPath) {
    for (let i = 0; i < this._faults.length; i++) {
      const f = this._faults[i];
      if (f.method && f.method !== method) continue;
      if (f.pathPrefix && !rawPath.startsWith(f.pathPrefix)) continue;
      if (f.probability !== undefined) {
        if (f.random() < f.probability) return f;
        continue;
      }
      f.remaining -= 1;
      if (f.remaining <= 0) this._faults.splice(i, 1);
      return f;
    }
    return undefined;
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
