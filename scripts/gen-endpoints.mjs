#!/usr/bin/env node
// Generates the endpoint table from GitHub's OpenAPI description, as Octokit
// generates its method table (octokit/plugin-rest-endpoint-methods.js,
// scripts/update-endpoints/): every operation of the apps actions, dependabot,
// codespaces, agents and private-registries whose route has a secrets,
// variables or private-registries collection segment.
//
//   node scripts/gen-endpoints.mjs          writes the three files below
//   node scripts/gen-endpoints.mjs --check  exits 1 when a committed file differs
//
// Writes (each marked "generated ... do not edit"):
//   src/github/endpoints_generated.rs  the Rust table (rows of crate::github::endpoints)
//   pkg-template/endpoints.d.ts        one interface of typed methods per namespace
//                                      (index.d.ts imports and re-exports them)
//   docs/endpoints.md                  app, scope, kind, operation, method, route
//
// Every per-row fact is derived here from the spec and the route, never typed
// row by row: method name = camelCase of the operationId's second part; scope,
// kind and op from the route's segments and the verb; query and body parameters
// from the operation; the public-key route that seals `encrypted_value` from the
// route's collection; the list field from the 200 response; whether repository
// ids go out as strings from the schema of selected_repository_ids' items.

import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { camel, pascal, renderDocs, renderDts } from "./gen-endpoints-ts.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));

/** The apps whose operations the table covers, in table order. */
export const APPS = ["actions", "dependabot", "codespaces", "agents", "private-registries"];
/** Route segments that name a collection of sealed or plain values. */
const COLLECTIONS = new Set(["secrets", "variables", "private-registries", "organization-secrets", "organization-variables"]);
const VERBS = ["get", "put", "post", "patch", "delete"];
export const OUTPUTS = {
  rust: "src/github/endpoints_generated.rs",
  dts: "pkg-template/endpoints.d.ts",
  docs: "docs/endpoints.md",
};

/** The spec and its version, from node_modules (the version in package-lock.json). */
export function loadSpec() {
  const dir = dirname(require.resolve("@octokit/openapi/package.json"));
  const version = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).version;
  const spec = JSON.parse(readFileSync(join(dir, "generated", "api.github.com.json"), "utf8"));
  return { spec, version };
}

/** Follows `$ref: "#/components/..."` (repeatedly) to the object it names. */
function deref(spec, node) {
  let out = node;
  for (let i = 0; out && out.$ref && i < 20; i++) {
    out = out.$ref
      .replace(/^#\//, "")
      .split("/")
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((o, k) => o?.[k], spec);
  }
  if (!out) throw new Error(`unresolvable $ref ${node.$ref}`);
  return out;
}

/** Repo | Environment | Org | User, from where the route starts. */
function scopeOf(route) {
  if (route.startsWith("/user/")) return "User";
  if (route.startsWith("/orgs/{org}/")) return "Org";
  if (route.startsWith("/repos/{owner}/{repo}/environments/{environment_name}/")) return "Environment";
  if (route.startsWith("/repos/{owner}/{repo}/")) return "Repo";
  throw new Error(`no scope for ${route}`);
}

/** Secret | Variable | Registry, from the collection segment. */
function kindOf(collection) {
  if (collection === "private-registries") return "Registry";
  return collection.endsWith("variables") ? "Variable" : "Secret";
}

/** What the operation does, from the route's tail and the verb. */
function opOf(verb, segs, collectionIndex) {
  const tail = segs.slice(collectionIndex + 1);
  const param = (s) => /^\{.+\}$/.test(s ?? "");
  const key = `${verb} ${tail.map((s) => (param(s) ? "{}" : s)).join("/")}`;
  const collection = segs[collectionIndex];
  if (collection.startsWith("organization-")) {
    if (key === "get ") return "ListOrganization";
  } else {
    const ops = {
      "get ": "List",
      "post ": "Create",
      "get public-key": "PublicKey",
      "get {}": "Get",
      "put {}": "Put",
      "patch {}": "Update",
      "delete {}": "Delete",
      "get {}/repositories": "ListRepos",
      "put {}/repositories": "SetRepos",
      "put {}/repositories/{}": "AddRepo",
      "delete {}/repositories/{}": "RemoveRepo",
    };
    if (ops[key]) return ops[key];
  }
  throw new Error(`no op for ${verb.toUpperCase()} ${segs.join("/")}`);
}

/** The first type a schema allows (`type`, or the first branch of anyOf/oneOf). */
function firstType(spec, schema) {
  const s = deref(spec, schema ?? {});
  if (s.type) return s.type;
  const branch = (s.anyOf ?? s.oneOf ?? [])[0];
  return branch ? firstType(spec, branch) : undefined;
}

/**
 * Every row of the table, in table order (by app, then spec order), with the
 * facts the Rust table, the types and the docs need.
 */
export function collectRows(spec) {
  const rows = [];
  for (const [route, item] of Object.entries(spec.paths)) {
    const segs = route.split("/");
    const collectionIndex = segs.findIndex((s) => COLLECTIONS.has(s));
    if (collectionIndex < 0) continue;
    for (const verb of VERBS) {
      const operation = item[verb];
      if (!operation) continue;
      const [app, slug] = operation.operationId.split("/");
      if (!APPS.includes(app)) continue;
      const params = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((p) => deref(spec, p));
      const body = deref(spec, deref(spec, operation.requestBody ?? {}).content?.["application/json"]?.schema ?? {});
      // A body field named like a path parameter (PATCH .../variables/{name} with a
      // `name` to rename) is the path's, as in Octokit: it goes into the URL.
      const pathNames = new Set(params.filter((p) => p.in === "path").map((p) => p.name));
      const bodyProps = Object.fromEntries(
        Object.entries(body.properties ?? {}).filter(([k]) => !pathNames.has(k)).map(([k, v]) => [k, deref(spec, v)]),
      );
      const collection = segs[collectionIndex];
      const op = opOf(verb, segs, collectionIndex);
      const sealed = "encrypted_value" in bodyProps;
      let keyRoute = null;
      if (sealed) {
        keyRoute = `${segs.slice(0, collectionIndex + 1).join("/")}/public-key`;
        if (!spec.paths[keyRoute]?.get) throw new Error(`${operation.operationId}: no public-key route ${keyRoute}`);
      }
      const ok = deref(spec, operation.responses?.["200"] ?? {});
      const okSchema = deref(spec, ok.content?.["application/json"]?.schema ?? {});
      const arrays = Object.entries(okSchema.properties ?? {}).filter(([, v]) => deref(spec, v).type === "array");
      if (arrays.length > 1) throw new Error(`${operation.operationId}: more than one list field`);
      const ids = bodyProps.selected_repository_ids;
      const successes = Object.keys(operation.responses ?? {}).filter((s) => /^2\d\d$/.test(s)).map(Number);
      rows.push({
        app,
        name: camel(slug),
        operationId: operation.operationId,
        verb: verb.toUpperCase(),
        route,
        scope: scopeOf(route),
        kind: kindOf(collection),
        op,
        pathParams: params.filter((p) => p.in === "path").map((p) => p.name),
        query: params.filter((p) => p.in === "query").map((p) => ({ name: p.name, type: firstType(spec, p.schema), required: Boolean(p.required) })),
        body: Object.entries(bodyProps).map(([name, schema]) => ({ name, schema, required: (body.required ?? []).includes(name) })),
        bodyRequired: Boolean(deref(spec, operation.requestBody ?? {}).required),
        keyRoute,
        items: arrays[0]?.[0] ?? null,
        stringIds: ids ? firstType(spec, ids.items) === "string" : false,
        successes,
        responses: Object.fromEntries(successes.map((s) => [s, deref(spec, deref(spec, operation.responses[s]).content?.["application/json"]?.schema ?? {})])),
        summary: operation.summary ?? "",
      });
    }
  }
  rows.sort((a, b) => APPS.indexOf(a.app) - APPS.indexOf(b.app));
  return rows;
}

/** Rows per app, e.g. { actions: 40, ... }. */
export function countByApp(rows) {
  return Object.fromEntries(APPS.map((app) => [app, rows.filter((r) => r.app === app).length]));
}

const rustStr = (s) => JSON.stringify(s);

/**
 * The Rust table: one `row(...)` per operation. Parameter lists, public-key routes
 * and list fields are shared tables the rows index with a `u8` (0: none), so a row
 * is 28 bytes of wasm data instead of 64 (five slices and two `Option<&str>`s).
 */
export function renderRust(rows, version) {
  // One index space per table, in order of first use; PARAMS[0] is the empty list.
  const table = (first = []) => {
    const ids = new Map(first.map((k, i) => [k, i]));
    return { ids, id: (key) => (ids.has(key) ? ids.get(key) : ids.set(key, ids.size).get(key)) };
  };
  const params = table([""]);
  const keyRoutes = table();
  const items = table();
  const list = (names) => params.id(names.join(","));
  const lines = rows.map((r) => {
    const args = [
      `App::${pascal(r.app)}`,
      rustStr(r.name),
      `Verb::${r.verb[0]}${r.verb.slice(1).toLowerCase()}`,
      rustStr(r.route),
      `Scope::${r.scope}`,
      `Kind::${r.kind}`,
      `Op::${r.op}`,
    ];
    // Builders for what not every row has (the defaults: none, false).
    let line = `row(${args.join(", ")})`;
    if (r.query.length) line += `.query(${list(r.query.map((q) => q.name))})`;
    if (r.body.length) line += `.body(${list(r.body.map((b) => b.name))}, ${list(r.body.filter((b) => b.required).map((b) => b.name))})`;
    if (r.keyRoute) line += `.sealed_with(${keyRoutes.id(r.keyRoute)})`;
    if (r.items) line += `.items(${items.id(r.items)})`;
    if (r.stringIds) line += ".string_ids()";
    return `    ${line},`;
  });
  const counts = Object.entries(countByApp(rows)).map(([a, n]) => `${a} ${n}`).join(", ");
  const strings = (keys) => keys.map(rustStr).join(", ");
  return [
    `// generated by node scripts/gen-endpoints.mjs from @octokit/openapi ${version} - do not edit`,
    "//",
    "// Row arguments: app, Octokit method name, verb, route, scope, kind, op; then, where",
    "// they apply: .query(query parameters), .body(body parameters, required ones) as",
    "// indices into PARAMS, .sealed_with(public-key route sealing encrypted_value, an index",
    "// into KEY_ROUTES), .items(list field of the 200 answer, an index into ITEMS),",
    "// .string_ids() (selected_repository_ids sent as strings).",
    "",
    "/// Parameter lists of the rows' `.query` and `.body` (index 0: none).",
    `static PARAMS: [&[&str]; ${params.ids.size}] = [`,
    ...[...params.ids.keys()].map((key, i) => `    /* ${i} */ &[${key ? strings(key.split(",")) : ""}],`),
    "];",
    "",
    "/// Public-key routes of the rows' `.sealed_with`.",
    `static KEY_ROUTES: [&str; ${keyRoutes.ids.size}] = [`,
    ...[...keyRoutes.ids.keys()].map((key, i) => `    /* ${i} */ ${rustStr(key)},`),
    "];",
    "",
    "/// List fields of the rows' `.items`.",
    `static ITEMS: [&str; ${items.ids.size}] = [${strings([...items.ids.keys()])}];`,
    "",
    `/// The table: ${rows.length} operations (${counts}), generated from \`@octokit/openapi\` ${version}.`,
    "pub static ENDPOINTS: &[Endpoint] = &[",
    ...lines,
    "];",
    "",
  ].join("\n");
}

/** Everything the script writes, as { rows, files: { path: text } }. */
export function generate({ spec, version }) {
  const rows = collectRows(spec);
  return {
    rows,
    files: {
      [OUTPUTS.rust]: renderRust(rows, version),
      [OUTPUTS.dts]: renderDts(rows, version),
      [OUTPUTS.docs]: renderDocs(rows, version),
    },
  };
}

/** Generates from the spec in node_modules (the version in package-lock.json). */
export function generateFromCheckout() {
  return generate(loadSpec());
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes("--check");
  const { rows, files } = generateFromCheckout();
  let stale = 0;
  for (const [path, text] of Object.entries(files)) {
    const file = join(root, path);
    let current = "";
    try {
      current = readFileSync(file, "utf8");
    } catch {
      /* new file */
    }
    if (current === text) continue;
    if (check) {
      console.error(`${path} is stale: run node scripts/gen-endpoints.mjs`);
      stale++;
    } else {
      writeFileSync(file, text);
      console.log(`wrote ${path}`);
    }
  }
  console.log(`${rows.length} operations: ${JSON.stringify(countByApp(rows))}`);
  process.exit(stale ? 1 : 0);
}
