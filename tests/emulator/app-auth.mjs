// GitHub App flow of the emulator: apps sign RS256 JWTs (verified with node's own
// crypto), exchange them for installation access tokens that expire one hour later
// on a controllable clock, and find their installation of a repository or org.
// Installation tokens then work on every secrets route their installation covers.
//
//   const apps = attachAppAuth(server.emulator, { apps: [{ id: 1, slug: "sync", publicKey: pem,
//     installations: [{ id: 42, account: "octo-org" }] }] });
//   apps.advanceClock(3600_000);            // every installation token issued so far expires
//
// Routes (JWT auth, Authorization: Bearer <jwt>):
//   POST /app/installations/{installation_id}/access_tokens   201 { token, expires_at, permissions, repository_selection }
//   GET  /repos/{owner}/{repo}/installation                   200 installation | 404
//   GET  /orgs/{org}/installation, GET /users/{username}/installation
// server.mjs calls appRequest() first in dispatch (after the API-version check) and
// authenticateInstallation() where it authenticates a token; both are no-ops until
// attachAppAuth() is called.

import { createPublicKey, randomBytes, verify } from "node:crypto";
import { HttpError, accountObject, matchRoute } from "./routes.mjs";

/** Lifetime of an installation access token (GitHub: one hour). */
export const TOKEN_TTL_MS = 60 * 60 * 1000;
/** Longest JWT lifetime GitHub accepts: `exp` at most 10 minutes after `iat`. */
export const JWT_MAX_LIFETIME_S = 10 * 60;
/** Clock drift tolerated on `iat` (GitHub recommends back-dating it by 60 s). */
const IAT_SKEW_S = 60;
const APPS_DOCS = "https://docs.github.com/rest/apps/apps";
const PERMISSIONS = { secrets: "write", organization_secrets: "write", dependabot_secrets: "write", codespaces_secrets: "write", metadata: "read" };

const unauthorized = (message, docs = APPS_DOCS) => new HttpError(401, { message, documentation_url: docs, status: "401" });
const notFound = (docs) => new HttpError(404, { message: "Not Found", documentation_url: docs, status: "404" });
const b64urlJson = (part) => JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
const lower = (s) => String(s).toLowerCase();

/** The emulator's GitHub Apps, their installations and the tokens issued. */
export class AppAuth {
  /**
   * @param {import("./state.mjs").Emulator} emu
   * @param {{ apps: Array<{ id: number, slug?: string, publicKey: string | import("node:crypto").KeyObject,
   *   installations: Array<{ id: number, account: string, repositories?: string[] }> }> }} config
   *   `publicKey`: the app's key in PEM (a private key PEM works too: its public half is used);
   *   `account`: a seed org or user login; `repositories`: repository names under the account
   *   (repository_selection "selected"), omitted = all of the account's repositories.
   * @throws {TypeError} on an unknown account or an unreadable key
   */
  constructor(emu, { apps = [] } = {}) {
    this.emu = emu;
    this.apps = new Map();
    this.installations = new Map();
    for (const app of apps) {
      const key = app.publicKey?.type === "public" ? app.publicKey : createPublicKey(app.publicKey);
      const entry = { id: Number(app.id), slug: app.slug ?? `app-${app.id}`, key };
      this.apps.set(entry.id, entry);
      for (const inst of app.installations ?? []) {
        const account = emu.account(inst.account);
        if (!account) throw new TypeError(`installation ${inst.id}: ${JSON.stringify(inst.account)} is not a seed account`);
        const repositories = inst.repositories ? new Set(inst.repositories.map(lower)) : null;
        this.installations.set(Number(inst.id), { id: Number(inst.id), app: entry, account, repositories });
      }
    }
    /** token -> { installation, expiresAt (ms on this clock) } */
    this.tokens = new Map();
    this.offsetMs = 0;
    this.pending = [];
    /** Every access-token request answered 201, in order: { installation_id, expires_at }. */
    this.issued = [];
  }

  /** Milliseconds since the epoch on the emulator's app clock (real time + advances). */
  now() {
    return Date.now() + this.offsetMs;
  }

  /** Moves the app clock forward by `ms`: tokens whose `expires_at` passes answer 401 from now on. */
  advanceClock(ms) {
    if (!(ms >= 0)) throw new RangeError(`advanceClock: expected a non-negative number of milliseconds, got ${ms}`);
    this.offsetMs += ms;
  }

  /** Advances the clock by `ms` once `requests` more API requests with a live installation token have been authenticated. */
  advanceClockAfter(requests, ms) {
    this.pending.push({ left: requests, ms });
  }

  /** @internal called for each request made with a live installation token. */
  countRequest() {
    for (const p of this.pending) p.left -= 1;
    for (const p of this.pending.filter((x) => x.left <= 0)) this.advanceClock(p.ms);
    this.pending = this.pending.filter((p) => p.left > 0);
  }

  /** Verifies a JWT as GitHub does: RS256 signed by the app's key, `iss` the app id, `iat`/`exp` sane. */
  verifyJwt(jwt) {
    const parts = typeof jwt === "string" ? jwt.split(".") : [];
    let header;
    let claims;
    try {
      if (parts.length !== 3) throw new Error("not three parts");
      header = b64urlJson(parts[0]);
      claims = b64urlJson(parts[1]);
    } catch {
      throw unauthorized("A JSON web token could not be decoded");
    }
    if (header?.alg !== "RS256") throw unauthorized("A JSON web token could not be decoded");
    const app = this.apps.get(Number(claims?.iss));
    if (!app) throw unauthorized(`Integration not found (the JWT's 'iss' claim ${JSON.stringify(claims?.iss)} is no app id)`);
    const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
    if (!verify("sha256", signed, app.key, Buffer.from(parts[2], "base64url"))) {
      throw unauthorized("A JSON web token could not be decoded");
    }
    // JWTs are signed with the app's real clock: checked against real time, not the app clock.
    const now = Math.floor(Date.now() / 1000);
    if (!Number.isInteger(claims.iat) || claims.iat > now + IAT_SKEW_S) {
      throw unauthorized("'Issued at' claim ('iat') must be an Integer representing a time in the past");
    }
    if (!Number.isInteger(claims.exp) || claims.exp <= now) {
      throw unauthorized("'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires");
    }
    if (claims.exp - claims.iat > JWT_MAX_LIFETIME_S) throw unauthorized("'Expiration time' claim ('exp') is too far in the future");
    return app;
  }

  /** Whether an installation covers a repository (`repo` given) or its account. */
  covers(installation, owner, repo) {
    if (lower(installation.account.login) !== lower(owner)) return false;
    if (repo === undefined || !installation.repositories) return true;
    return installation.repositories.has(lower(repo));
  }

  installationObject(inst) {
    const base = this.emu.baseUrl;
    return {
      id: inst.id,
      account: accountObject(base, inst.account),
      app_id: inst.app.id,
      app_slug: inst.app.slug,
      target_id: inst.account.id,
      target_type: inst.account.type,
      repository_selection: inst.repositories ? "selected" : "all",
      access_tokens_url: `${base}/app/installations/${inst.id}/access_tokens`,
      repositories_url: `${base}/installation/repositories`,
      html_url: `https://github.com/settings/installations/${inst.id}`,
      permissions: PERMISSIONS,
      events: [],
      created_at: "2024-01-01T00:00:00Z",
      updated_at: "2024-01-01T00:00:00Z",
      single_file_name: null,
      suspended_at: null,
      suspended_by: null,
    };
  }

  issueToken(inst) {
    const token = `ghs_${randomBytes(18).toString("base64url").replace(/[-_]/g, "x")}`;
    const expiresAt = this.now() + TOKEN_TTL_MS;
    this.tokens.set(token, { installation: inst, expiresAt });
    const expires_at = new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z");
    this.issued.push({ installation_id: inst.id, expires_at });
    return {
      status: 201,
      body: { token, expires_at, permissions: PERMISSIONS, repository_selection: inst.repositories ? "selected" : "all" },
    };
  }
}

/** Gives the emulator GitHub Apps (see AppAuth's constructor); returns the AppAuth for its controls. */
export function attachAppAuth(emu, config) {
  emu.appAuth = new AppAuth(emu, config);
  // Installation tokens are secrets too: keep them out of the request log.
  if (!emu.redactsAppTokens) {
    const redact = emu.redact.bind(emu);
    emu.redact = (text, extra) => {
      let out = redact(text, extra);
      for (const t of emu.appAuth?.tokens.keys() ?? []) out = out.split(t).join("[REDACTED]");
      return out;
    };
    emu.redactsAppTokens = true;
  }
  return emu.appAuth;
}

/**
 * The account a live installation token acts as (a Bot carrying its installation),
 * or undefined (unknown or expired: the caller answers 401 "Bad credentials").
 */
export function authenticateInstallation(emu, token) {
  const entry = emu.appAuth?.tokens.get(token);
  if (!entry || entry.expiresAt <= emu.appAuth.now()) return undefined;
  const { installation } = entry;
  return { login: `${installation.app.slug}[bot]`, id: 10_000_000 + installation.app.id, type: "Bot", installation };
}

const APP_ROUTES = [
  ["POST", /^\/app\/installations\/([^/]+)\/access_tokens$/, "create-an-installation-access-token-for-an-app", (apps, app, [id]) => {
    const inst = apps.installations.get(Number(id));
    if (!inst || inst.app !== app) throw notFound(`${APPS_DOCS}#create-an-installation-access-token-for-an-app`);
    return apps.issueToken(inst);
  }],
  ["GET", /^\/repos\/([^/]+)\/([^/]+)\/installation$/, "get-a-repository-installation-for-the-authenticated-app", (apps, app, [owner, repo]) => {
    if (!apps.emu.findRepo(owner, repo)) return undefined;
    return [...apps.installations.values()].find((i) => i.app === app && apps.covers(i, owner, repo));
  }],
  ["GET", /^\/orgs\/([^/]+)\/installation$/, "get-an-organization-installation-for-the-authenticated-app", (apps, app, [org]) =>
    [...apps.installations.values()].find((i) => i.app === app && i.account.type === "Organization" && apps.covers(i, org))],
  ["GET", /^\/users\/([^/]+)\/installation$/, "get-a-user-installation-for-the-authenticated-app", (apps, app, [user]) =>
    [...apps.installations.values()].find((i) => i.app === app && i.account.type === "User" && apps.covers(i, user))],
];

/**
 * server.mjs's hook, run first in dispatch: answers the GitHub App routes (JWT
 * auth), and refuses (403) a request whose installation token does not cover the
 * route's owner/repo or org, or that is not a repository or org route. Returns a
 * route result, or undefined to let the usual dispatch run.
 * @throws {HttpError}
 */
export function appRequest(ctx, auth) {
  const apps = ctx.emu.appAuth;
  if (!apps) return undefined;
  for (const [method, re, anchor, handler] of APP_ROUTES) {
    const m = ctx.method === method ? re.exec(ctx.rawPath) : null;
    if (!m) continue;
    const docs = `${APPS_DOCS}#${anchor}`;
    if (!auth?.token) throw unauthorized("A JSON web token could not be decoded", docs);
    let params;
    try {
      params = m.slice(1).map(decodeURIComponent);
    } catch {
      throw notFound(docs);
    }
    const answer = handler(apps, apps.verifyJwt(auth.token), params);
    if (answer === undefined) throw notFound(docs);
    return answer.status ? answer : { status: 200, body: apps.installationObject(answer) };
  }
  const installation = ctx.user?.installation;
  if (!installation) return undefined;
  apps.countRequest();
  const match = matchRoute(ctx.method, ctx.rawPath);
  const p = match?.params ?? {};
  const owner = p.owner ?? p.org;
  if (match?.route && !(owner !== undefined && apps.covers(installation, owner, p.repo))) {
    throw new HttpError(403, { message: "Resource not accessible by integration", documentation_url: match.route.docs, status: "403" });
  }
  return undefined;
}
