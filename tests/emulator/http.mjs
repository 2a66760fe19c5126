// Shared pieces of the emulator's route handlers: GitHub's error answers,
// pagination with Link headers, body and repository-id parsing, the scope
// resolvers (repository, environment, organization, user) and the four
// selected-repository operations shared by organization secrets, organization
// variables and Codespaces user secrets.
//
// Handlers receive (ctx, params) and return { status, body?, headers? } or
// throw an HttpError. ctx (built by server.mjs) carries: emu (the Emulator),
// baseUrl, url (URL), route, user (authenticated account) and json().

import { repoObject } from "./objects.mjs";

export const DOCS_ROOT = "https://docs.github.com/rest";
export const MAX_VALUE_BYTES = 48 * 1024;
export const VISIBILITIES = ["all", "private", "selected"];
export const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Reads a whole request body, keeping at most `maxBytes` (the rest is drained, not kept).
 * @returns {Promise<{ buffer: Buffer, tooLarge: boolean }>} tooLarge when the body exceeded maxBytes
 */
export async function readBody(req, maxBytes) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  return { buffer: Buffer.concat(chunks), tooLarge: size > maxBytes };
}

/** An HTTP error answer: status, JSON body, extra headers. */
export class HttpError extends Error {
  constructor(status, body, headers = {}) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

const docsOf = (ctx) => ctx.route?.docs ?? DOCS_ROOT;
export const notFound = (ctx) => new HttpError(404, { message: "Not Found", documentation_url: docsOf(ctx), status: "404" });
export const invalid = (ctx, message, errors) =>
  new HttpError(422, { message, documentation_url: docsOf(ctx), status: "422", ...(errors ? { errors } : {}) });
export const conflict = (ctx, message) => new HttpError(409, { message, documentation_url: docsOf(ctx), status: "409" });

/**
 * Slice `items` per ?per_page (default 30, max 100) and ?page (default 1) and
 * build GitHub's Link header (rel prev, next, last, first; absolute URLs).
 */
export function paginate(ctx, items) {
  const sp = ctx.url.searchParams;
  let perPage = Number.parseInt(sp.get("per_page") ?? "", 10);
  if (!Number.isFinite(perPage) || perPage < 1) perPage = 30;
  perPage = Math.min(perPage, 100);
  let page = Number.parseInt(sp.get("page") ?? "", 10);
  if (!Number.isFinite(page) || page < 1) page = 1;
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const headers = {};
  if (items.length > 0) {
    const link = (n) => {
      const q = new URLSearchParams(ctx.url.search);
      q.set("page", String(n));
      return `${ctx.baseUrl}${ctx.rawPath}?${q.toString()}`;
    };
    const rels = [];
    if (page > 1) rels.push(`<${link(Math.min(page - 1, last))}>; rel="prev"`);
    if (page < last) rels.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
    if (page > 1) rels.push(`<${link(1)}>; rel="first"`);
    if (rels.length) headers.link = rels.join(", ");
  }
  return { slice, headers };
}

/** `{ total_count, [key]: items }`, paginated unless `paginated` is false. */
export function listResponse(ctx, items, key, paginated = true) {
  if (!paginated) return { status: 200, body: { total_count: items.length, [key]: items } };
  const { slice, headers } = paginate(ctx, items);
  return { status: 200, body: { total_count: items.length, [key]: slice }, headers };
}

export function requireObjectBody(ctx) {
  const body = ctx.json();
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw invalid(ctx, `Invalid request.\n\n${JSON.stringify(body)} is not an object.`);
  }
  return body;
}

/** 422 unless each listed field is absent or a string. */
export function requireStrings(ctx, body, fields) {
  for (const f of fields) {
    if (body[f] !== undefined && typeof body[f] !== "string") {
      throw invalid(ctx, `Invalid request.\n\nFor 'properties/${f}', ${JSON.stringify(body[f])} is not a string.`);
    }
  }
}

/** 422 naming the fields of `required` that `body` lacks. */
export function requireFields(ctx, body, required) {
  const missing = required.filter((f) => body[f] === undefined);
  if (missing.length) {
    const list = missing.map((m) => `"${m}"`).join(", ");
    throw invalid(ctx, `Invalid request.\n\n${list} ${missing.length === 1 ? "wasn't" : "weren't"} supplied.`);
  }
}

export function requireVisibility(ctx, visibility) {
  if (!VISIBILITIES.includes(visibility)) {
    throw invalid(ctx, `Invalid request.\n\nFor 'properties/visibility', ${JSON.stringify(visibility)} is not a member of ["all", "private", "selected"].`);
  }
}

/** Parse selected_repository_ids (integers or digit strings) and check they are selectable. */
export function parseRepoIds(ctx, scope, value) {
  if (!Array.isArray(value)) {
    throw invalid(ctx, `Invalid request.\n\nFor 'properties/selected_repository_ids', ${JSON.stringify(value)} is not an array.`);
  }
  const ids = value.map((v) => {
    if (Number.isInteger(v) && v > 0) return v;
    if (typeof v === "string" && /^\d+$/.test(v)) return Number(v);
    throw invalid(ctx, `Invalid request.\n\nFor 'items', ${JSON.stringify(v)} is not an integer.`);
  });
  const allowed = ctx.emu.selectableRepoIds(scope);
  const unknown = ids.filter((id) => !allowed.has(id));
  if (unknown.length) {
    const where = scope.kind === "org" ? `repositories of ${scope.org.login}` : "repositories you can access";
    throw invalid(ctx, `Invalid request.\n\nselected_repository_ids contains ids that are not ${where}: ${unknown.join(", ")}.`, [
      { resource: "Secret", field: "selected_repository_ids", code: "invalid", message: `unknown repository ids: ${unknown.join(", ")}` },
    ]);
  }
  return [...new Set(ids)];
}

/** 422 message for selected repositories given with a visibility other than `selected`. */
export const SELECTED_ONLY_MESSAGE = 'Invalid request.\n\nselected_repository_ids can only be provided when visibility is "selected".';

/**
 * The selected_repository_ids of a write (parseRepoIds), or undefined when absent;
 * 422 when some are given and `visibility` (the resulting one) is not `selected`.
 */
export function selectedRepoIds(ctx, scope, value, visibility) {
  if (value === undefined) return undefined;
  const selected = parseRepoIds(ctx, scope, value);
  if (visibility !== "selected" && selected.length > 0) throw invalid(ctx, SELECTED_ONLY_MESSAGE);
  return selected;
}

export const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

// ------------------------------------------------------------ scope resolvers

export function needRepo(ctx, p) {
  const repo = ctx.emu.findRepo(p.owner, p.repo);
  if (!repo) throw notFound(ctx);
  return repo;
}
export const repoScope = (app) => (ctx, p) => ctx.emu.scope({ kind: "repo", app, repo: needRepo(ctx, p) });
export const envScope = (ctx, p) => {
  const repo = needRepo(ctx, p);
  const env = ctx.emu.findEnvironment(repo, p.environment_name);
  if (!env) throw notFound(ctx);
  return ctx.emu.scope({ kind: "environment", repo, env });
};
export const orgScope = (app) => (ctx, p) => {
  const org = ctx.emu.findOrg(p.org);
  if (!org) throw notFound(ctx);
  return ctx.emu.scope({ kind: "org", app, org });
};
export const userScope = (ctx) => ctx.emu.scope({ kind: "user", user: ctx.user });

// ------------------------------------------- selected repositories (4 operations)

/**
 * The entry named by the route in `scope[store]` ("secrets" or "variables"),
 * keyed by upper-case name; 404 when missing.
 */
export function entryOf(ctx, scope, store, rawName) {
  const entry = scope[store].get(String(rawName).toUpperCase());
  if (!entry) throw notFound(ctx);
  return entry;
}

/** 409 unless an organization entry's visibility is `selected` (GitHub's answer). */
function requireSelectedVisibility(ctx, scope, entry, what) {
  if (scope.kind === "org" && entry.visibility !== "selected") {
    throw conflict(ctx, `The visibility of ${what} ${entry.name} is "${entry.visibility}"; selected repositories can only be managed when it is "selected".`);
  }
}

/**
 * Handlers for list / set / add / remove selected repositories of the entries in
 * `scope[store]`, named by path parameter `param`. Variables answer 409 to a list
 * when the visibility is not `selected`; secrets answer an empty list.
 */
export function selectionHandlers(store, param) {
  const what = store === "variables" ? "variable" : "secret";
  const list = (scopeOf) => (ctx, p) => {
    const scope = scopeOf(ctx, p);
    const e = entryOf(ctx, scope, store, p[param]);
    if (store === "variables") requireSelectedVisibility(ctx, scope, e, what);
    const ids = e.selected && (scope.kind === "user" || e.visibility === "selected") ? [...e.selected] : [];
    const repos = ids
      .map((id) => ctx.emu.repoById(id))
      .filter(Boolean)
      .sort((a, b) => a.id - b.id)
      .map((r) => repoObject(ctx.baseUrl, r));
    return listResponse(ctx, repos, "repositories", scope.kind !== "user");
  };
  const set = (scopeOf) => (ctx, p) => {
    const scope = scopeOf(ctx, p);
    const e = entryOf(ctx, scope, store, p[param]);
    const body = requireObjectBody(ctx);
    requireFields(ctx, body, ["selected_repository_ids"]);
    const ids = parseRepoIds(ctx, scope, body.selected_repository_ids);
    requireSelectedVisibility(ctx, scope, e, what);
    e.selected = new Set(ids);
    return { status: 204 };
  };
  const change = (scopeOf, add) => (ctx, p) => {
    const scope = scopeOf(ctx, p);
    const e = entryOf(ctx, scope, store, p[param]);
    requireSelectedVisibility(ctx, scope, e, what);
    const id = /^\d+$/.test(p.repository_id) ? Number(p.repository_id) : NaN;
    if (!ctx.emu.selectableRepoIds(scope).has(id)) {
      if (scope.kind === "user") throw notFound(ctx);
      throw invalid(ctx, `Invalid request.\n\nRepository ${p.repository_id} is not a repository of ${scope.org.login}.`);
    }
    if (add) e.selected.add(id);
    else e.selected.delete(id);
    return { status: 204 };
  };
  return { list, set, add: (scopeOf) => change(scopeOf, true), remove: (scopeOf) => change(scopeOf, false) };
}

/**
 * Route rows for the four selected-repository operations under `prefix`
 * (e.g. "/orgs/{org}/actions/secrets/{secret_name}"); `ops` are
 * [operationId, docs anchor] for list, set, add, remove.
 */
export function selectionRoutes(prefix, scopeOf, handlers, ops, docs) {
  const [list, set, add, remove] = ops;
  return [
    ["GET", `${prefix}/repositories`, list[0], `${docs}#${list[1]}`, handlers.list(scopeOf)],
    ["PUT", `${prefix}/repositories`, set[0], `${docs}#${set[1]}`, handlers.set(scopeOf)],
    ["PUT", `${prefix}/repositories/{repository_id}`, add[0], `${docs}#${add[1]}`, handlers.add(scopeOf)],
    ["DELETE", `${prefix}/repositories/{repository_id}`, remove[0], `${docs}#${remove[1]}`, handlers.remove(scopeOf)],
  ];
}

/** Organization entries a repository sees: `all`, `private` for private repositories, `selected` when chosen. */
export function visibleTo(repo, entries) {
  return entries.filter(
    (s) => s.visibility === "all" || (s.visibility === "private" && repo.private) || (s.visibility === "selected" && s.selected?.has(repo.id)),
  );
}

// ------------------------------------------------------------- sealed values

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;

/** 422 unless `keyId` (when given) is the scope's current key id. */
export function requireCurrentKey(ctx, scope, keyId) {
  if (keyId !== undefined && keyId !== scope.key.key_id) {
    throw invalid(
      ctx,
      `Invalid request.\n\nkey_id ${JSON.stringify(keyId)} is not the current public key of this scope (it may have been rotated); fetch the public key again and re-encrypt.`,
    );
  }
}

/**
 * Opens a base64 `encrypted_value` with the scope's private key (libsodium
 * crypto_box_seal_open); 422 when it is not base64, does not open, or holds
 * more than 48 KB.
 * @returns {Uint8Array} the plaintext
 */
export function openValue(ctx, scope, encryptedValue) {
  if (!BASE64_RE.test(encryptedValue)) {
    throw invalid(ctx, "Invalid request.\n\nencrypted_value is not valid base64 (standard alphabet with padding).");
  }
  const value = ctx.emu.openSealed(scope, Buffer.from(encryptedValue, "base64"));
  if (!value) {
    throw invalid(
      ctx,
      `encrypted_value could not be decrypted with the current public key (key_id ${scope.key.key_id}); it must be a libsodium sealed box (crypto_box_seal) made with that key.`,
    );
  }
  if (value.length > MAX_VALUE_BYTES) {
    throw invalid(ctx, `Secret value is too large (${value.length} bytes); secrets are limited to 48 KB (${MAX_VALUE_BYTES} bytes).`);
  }
  return value;
}
