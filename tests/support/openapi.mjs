// Helpers over GitHub's OpenAPI description (@octokit/openapi, api.github.com,
// dereferenced) for tests: find and match operations, validate request and
// response bodies with ajv, list the secrets operations.
//
// The description is ~70 MB; it is read once, on first use.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);
const SPEC_MODULE = "@octokit/openapi/generated/api.github.com.deref.json";
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

let spec;
let index;
let ajv;
const validators = new Map();

/** The dereferenced OpenAPI document (loaded lazily, once). */
export function loadSpec() {
  spec ??= JSON.parse(readFileSync(require.resolve(SPEC_MODULE), "utf8"));
  return spec;
}

function getAjv() {
  if (!ajv) {
    // OpenAPI 3.0 schemas: `nullable` is understood by ajv; unknown keywords
    // (discriminator, example, x-*) and unknown formats are ignored.
    ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: true });
    addFormats(ajv);
  }
  return ajv;
}

function buildIndex() {
  if (index) return index;
  index = [];
  for (const [route, item] of Object.entries(loadSpec().paths)) {
    const segs = route.split("/").slice(1).map((s) => (/^\{.+\}$/.test(s) ? { param: s.slice(1, -1) } : s));
    for (const method of METHODS) {
      if (item[method]) index.push({ route, method, segs, literals: segs.filter((s) => typeof s === "string").length });
    }
  }
  return index;
}

/**
 * The operation object for a method and a route template exactly as written in the spec.
 * @param {string} method  any case, e.g. "PUT"
 * @param {string} routeTemplate  e.g. "/repos/{owner}/{repo}/actions/secrets/{secret_name}"
 * @returns {object|undefined}
 */
export function findOperation(method, routeTemplate) {
  return loadSpec().paths[routeTemplate]?.[String(method).toLowerCase()];
}

/**
 * Match a concrete URL path (query string ignored) against the spec's route templates.
 * Each path segment is percent-decoded after splitting, so "prod%2Feu" is one
 * parameter value "prod/eu". Literal segments beat parameters.
 * @param {string} method
 * @param {string} concretePath  e.g. "/repos/octo-org/hello-world/environments/prod%2Feu/secrets"
 * @returns {{ route: string, operation: object, params: Record<string,string> } | undefined}
 *   undefined when nothing matches (or a segment is malformed percent-encoding)
 */
export function matchOperation(method, concretePath) {
  const m = String(method).toLowerCase();
  const path = String(concretePath).replace(/^[a-z]+:\/\/[^/]+/i, "").split(/[?#]/)[0];
  let segs;
  try {
    segs = path.split("/").slice(1).map(decodeURIComponent);
  } catch {
    return undefined;
  }
  let best;
  for (const entry of buildIndex()) {
    if (entry.method !== m || entry.segs.length !== segs.length) continue;
    if (best && best.entry.literals >= entry.literals) continue;
    const params = {};
    let ok = true;
    for (let i = 0; i < segs.length && ok; i++) {
      const t = entry.segs[i];
      if (typeof t === "string") ok = t === segs[i];
      else if ((ok = segs[i].length > 0)) params[t.param] = segs[i];
    }
    if (ok) best = { entry, params };
  }
  if (!best) return undefined;
  return { route: best.entry.route, operation: findOperation(m, best.entry.route), params: best.params };
}

function resolveRoute(method, route) {
  if (findOperation(method, route)) return route;
  return matchOperation(method, route)?.route;
}

function formatErrors(errors) {
  return (errors ?? []).map((e) => {
    const where = e.instancePath || "(root)";
    const extra = e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : "";
    return `${where} ${e.message}${extra}`;
  });
}

function validateWith(cacheKey, schema, value) {
  let validate = validators.get(cacheKey);
  if (!validate) {
    validate = getAjv().compile(schema);
    validators.set(cacheKey, validate);
  }
  const valid = validate(value);
  return { valid, errors: valid ? [] : formatErrors(validate.errors) };
}

/**
 * Validate a response body against the spec's schema for that status.
 * @param {string} method
 * @param {string} route  route template (a concrete path is also accepted and matched)
 * @param {number|string} status
 * @param {unknown} body  parsed JSON; undefined/null/"" for "no body"
 * @returns {{ valid: boolean, errors: string[] }}  errors are readable strings
 *   ("/secrets/0/created_at must match format ..."); an undocumented status or
 *   an unknown operation is reported as invalid
 */
export function validateResponse(method, route, status, body) {
  const template = resolveRoute(method, route);
  if (!template) return { valid: false, errors: [`no operation ${String(method).toUpperCase()} ${route} in the spec`] };
  const op = findOperation(method, template);
  const code = String(status);
  const response = op.responses?.[code] ?? op.responses?.[`${code[0]}XX`] ?? op.responses?.default;
  if (!response) {
    return { valid: false, errors: [`status ${code} is not documented for ${op.operationId} (documented: ${Object.keys(op.responses ?? {}).join(", ")})`] };
  }
  const schema = response.content?.["application/json"]?.schema;
  const empty = body === undefined || body === null || body === "";
  if (!schema) {
    return empty ? { valid: true, errors: [] } : { valid: false, errors: [`status ${code} of ${op.operationId} has no body, got ${JSON.stringify(body).slice(0, 200)}`] };
  }
  if (empty) return { valid: false, errors: [`status ${code} of ${op.operationId} needs a JSON body, got none`] };
  return validateWith(`res ${String(method).toLowerCase()} ${template} ${code}`, schema, body);
}

/**
 * Validate a request body against the operation's application/json request schema.
 * @param {string} method
 * @param {string} route  route template (a concrete path is also accepted)
 * @param {unknown} body  parsed JSON (undefined for none)
 * @returns {{ valid: boolean, errors: string[] }}
 */
export function validateRequestBody(method, route, body) {
  const template = resolveRoute(method, route);
  if (!template) return { valid: false, errors: [`no operation ${String(method).toUpperCase()} ${route} in the spec`] };
  const op = findOperation(method, template);
  const rb = op.requestBody;
  const schema = rb?.content?.["application/json"]?.schema;
  if (!rb || !schema) {
    return body === undefined ? { valid: true, errors: [] } : { valid: false, errors: [`${op.operationId} takes no JSON request body`] };
  }
  if (body === undefined) {
    return rb.required ? { valid: false, errors: [`${op.operationId} requires a request body`] } : { valid: true, errors: [] };
  }
  return validateWith(`req ${String(method).toLowerCase()} ${template}`, schema, body);
}

/** Route segments naming a secrets, variables or private-registries collection. */
const COLLECTION_SEGMENTS = new Set(["secrets", "variables", "private-registries", "organization-secrets", "organization-variables"]);
const ENDPOINT_APPS = /^(actions|dependabot|codespaces|agents|private-registries)\//;

/**
 * The secrets, variables and private-registries operations of Actions,
 * Dependabot, Codespaces, Copilot agents and organization private registries
 * (a route segment names the collection; operationId in one of those apps), in
 * spec order. The @octokit/openapi version installed here (23.x) has 113 of them.
 * @returns {Array<{ method: string, route: string, operationId: string, docsUrl: string|undefined,
 *   requiredParams: string[], queryParams: string[], bodySchema: object|null }>}
 *   method is upper case; requiredParams are the required path/query parameter names
 */
export function endpointOperations() {
  const out = [];
  for (const [route, item] of Object.entries(loadSpec().paths)) {
    if (!route.split("/").some((s) => COLLECTION_SEGMENTS.has(s))) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!op || !ENDPOINT_APPS.test(op.operationId)) continue;
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])];
      out.push({
        method: method.toUpperCase(),
        route,
        operationId: op.operationId,
        docsUrl: op.externalDocs?.url,
        requiredParams: params.filter((p) => p.required).map((p) => p.name),
        queryParams: params.filter((p) => p.in === "query").map((p) => p.name),
        bodySchema: op.requestBody?.content?.["application/json"]?.schema ?? null,
      });
    }
  }
  return out;
}

/** The 57 secrets operations of Actions, Dependabot and Codespaces (a subset of {@link endpointOperations}). */
export function secretsOperations() {
  return endpointOperations().filter((o) => /secret/.test(o.route) && /^(actions|dependabot|codespaces)\//.test(o.operationId));
}
