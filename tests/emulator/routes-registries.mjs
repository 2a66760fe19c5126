// Organization private registries (Dependabot) in the emulator:
// /orgs/{org}/private-registries, with the registries' own key pair
// (GET .../private-registries/public-key). A sealed `encrypted_value` is opened
// with libsodium and kept, so tests read it back with
// Emulator#getSecret("/orgs/ORG/private-registries", NAME).

import { isoNow } from "./state.mjs";
import {
  byName,
  entryOf,
  invalid,
  listResponse,
  openValue,
  orgScope,
  requireCurrentKey,
  requireFields,
  requireObjectBody,
  requireStrings,
  requireVisibility,
  selectedRepoIds,
} from "./http.mjs";

export const REGISTRY_TYPES = [
  "maven_repository", "nuget_feed", "goproxy_server", "npm_registry", "rubygems_server", "cargo_registry",
  "composer_repository", "docker_registry", "git_source", "helm_registry", "hex_organization", "hex_repository",
  "pub_repository", "python_index", "terraform_registry",
];
const AUTH_TYPES = ["token", "username_password", "oidc_azure", "oidc_aws", "oidc_jfrog", "oidc_cloudsmith", "oidc_gcp"];
/** OIDC settings kept and echoed as given (strings). */
const EXTRA = [
  "tenant_id", "client_id", "aws_region", "account_id", "role_name", "domain", "domain_owner", "jfrog_oidc_provider_name",
  "audience", "identity_mapping_name", "namespace", "service_slug", "api_host", "workload_identity_provider", "service_account",
];
const DOCS = "https://docs.github.com/rest/private-registries/organization-configurations";

const registriesScope = orgScope("private-registries");

function view(r, withIds = false) {
  const out = { name: r.name, registry_type: r.registry_type, auth_type: r.auth_type, url: r.url };
  if (r.username !== undefined && r.username !== null) out.username = r.username;
  out.replaces_base = r.replaces_base;
  out.visibility = r.visibility;
  if (withIds && r.visibility === "selected") out.selected_repository_ids = [...r.selected].sort((a, b) => a - b);
  for (const k of EXTRA) if (r[k] !== undefined) out[k] = r[k];
  out.created_at = r.created_at;
  out.updated_at = r.updated_at;
  return out;
}

/** Applies the fields of a create or update body to registry `r`; 422 on bad input. */
function apply(ctx, scope, r, body) {
  requireStrings(ctx, body, ["registry_type", "url", "encrypted_value", "key_id", "visibility", "auth_type", ...EXTRA]);
  if (body.username !== undefined && body.username !== null && typeof body.username !== "string") {
    throw invalid(ctx, `Invalid request.\n\nFor 'properties/username', ${JSON.stringify(body.username)} is not a string or null.`);
  }
  if (body.registry_type !== undefined && !REGISTRY_TYPES.includes(body.registry_type)) {
    throw invalid(ctx, `Invalid request.\n\nFor 'properties/registry_type', ${JSON.stringify(body.registry_type)} is not a valid registry type.`);
  }
  if (body.auth_type !== undefined && !AUTH_TYPES.includes(body.auth_type)) {
    throw invalid(ctx, `Invalid request.\n\nFor 'properties/auth_type', ${JSON.stringify(body.auth_type)} is not a valid auth type.`);
  }
  if (body.url !== undefined && !/^https?:\/\/[^\s]+$/.test(body.url)) {
    throw invalid(ctx, `Invalid request.\n\nFor 'properties/url', ${JSON.stringify(body.url)} is not a uri.`);
  }
  if (body.replaces_base !== undefined && typeof body.replaces_base !== "boolean") {
    throw invalid(ctx, `Invalid request.\n\nFor 'properties/replaces_base', ${JSON.stringify(body.replaces_base)} is not a boolean.`);
  }
  const authType = body.auth_type ?? r.auth_type ?? "token";
  const oidc = authType.startsWith("oidc_");
  if (oidc && body.encrypted_value !== undefined) throw invalid(ctx, "Invalid request.\n\nencrypted_value must be omitted for OIDC auth types.");
  const needsValue = !oidc && (r.value === undefined || body.auth_type !== undefined);
  if (needsValue && body.encrypted_value === undefined) {
    throw invalid(ctx, `Invalid request.\n\n"encrypted_value" is required when auth_type is ${authType}.`);
  }
  if (body.encrypted_value !== undefined) requireFields(ctx, body, ["key_id"]);
  requireCurrentKey(ctx, scope, body.key_id);
  const value = body.encrypted_value !== undefined ? openValue(ctx, scope, body.encrypted_value) : undefined;
  const visibility = body.visibility ?? r.visibility;
  if (body.visibility !== undefined) requireVisibility(ctx, body.visibility);
  const selected = selectedRepoIds(ctx, scope, body.selected_repository_ids, visibility);
  // all checks passed: change the registry
  for (const k of ["registry_type", "url", "username", "replaces_base", ...EXTRA]) if (body[k] !== undefined) r[k] = body[k];
  r.replaces_base ??= false;
  r.auth_type = authType;
  if (oidc) r.value = undefined;
  if (value) {
    r.value = Uint8Array.from(value);
    r.key_id = scope.key.key_id;
  }
  const keep = r.visibility === "selected" ? r.selected : undefined;
  r.visibility = visibility;
  r.selected = visibility === "selected" ? new Set(selected ?? keep ?? []) : undefined;
  r.updated_at = isoNow();
}

const list = (ctx, p) => {
  const scope = registriesScope(ctx, p);
  return listResponse(ctx, [...scope.secrets.values()].sort(byName).map((r) => view(r)), "configurations");
};

const publicKey = (ctx, p) => {
  const { key } = registriesScope(ctx, p);
  return { status: 200, body: { key_id: key.key_id, key: key.key } };
};

const create = (ctx, p) => {
  const scope = registriesScope(ctx, p);
  const body = requireObjectBody(ctx);
  requireFields(ctx, body, ["registry_type", "url", "visibility"]);
  const r = { created_at: isoNow() };
  apply(ctx, scope, r, body);
  // GitHub names the configuration after its type: MAVEN_REPOSITORY_SECRET, then _2, _3, ...
  const base = `${r.registry_type.toUpperCase()}_SECRET`;
  let name = base;
  for (let n = 2; scope.secrets.has(name); n++) name = `${base}_${n}`;
  r.name = name;
  scope.secrets.set(name, r);
  return { status: 201, body: view(r, true) };
};

const get = (ctx, p) => {
  const scope = registriesScope(ctx, p);
  return { status: 200, body: view(entryOf(ctx, scope, "secrets", p.secret_name)) };
};

const update = (ctx, p) => {
  const scope = registriesScope(ctx, p);
  const r = entryOf(ctx, scope, "secrets", p.secret_name);
  const body = requireObjectBody(ctx);
  const draft = { ...r, selected: r.selected && new Set(r.selected) };
  apply(ctx, scope, draft, body);
  Object.assign(r, draft);
  return { status: 204 };
};

const remove = (ctx, p) => {
  const scope = registriesScope(ctx, p);
  scope.secrets.delete(entryOf(ctx, scope, "secrets", p.secret_name).name);
  return { status: 204 };
};

/** [method, template, operationId, docs, handler] of the six private-registries operations. */
export const REGISTRIES_ROUTES = [
  ["GET", "/orgs/{org}/private-registries", "private-registries/list-org-private-registries", `${DOCS}#list-private-registries-for-an-organization`, list],
  ["POST", "/orgs/{org}/private-registries", "private-registries/create-org-private-registry", `${DOCS}#create-a-private-registry-for-an-organization`, create],
  ["GET", "/orgs/{org}/private-registries/public-key", "private-registries/get-org-public-key", `${DOCS}#get-private-registries-public-key-for-an-organization`, publicKey],
  ["GET", "/orgs/{org}/private-registries/{secret_name}", "private-registries/get-org-private-registry", `${DOCS}#get-a-private-registry-for-an-organization`, get],
  ["PATCH", "/orgs/{org}/private-registries/{secret_name}", "private-registries/update-org-private-registry", `${DOCS}#update-a-private-registry-for-an-organization`, update],
  ["DELETE", "/orgs/{org}/private-registries/{secret_name}", "private-registries/delete-org-private-registry", `${DOCS}#delete-a-private-registry-for-an-organization`, remove],
];
