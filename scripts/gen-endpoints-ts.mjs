// The TypeScript and Markdown renderings of the endpoint table, for
// scripts/gen-endpoints.mjs (which collects the rows from the spec).
//
// Types: one interface per namespace (`ActionsMethods`, ..., `PrivateRegistriesMethods`),
// each method `M<Params, Data, Status>` (or `MO<...>` when every parameter is
// optional). Params come from the operation's path, query and body parameters;
// a sealed body (`encrypted_value` + `key_id`) becomes `SecretValue` (value sealed
// by the client, or a ready sealed box) and `visibility` + `selected_repository_ids`
// become `VisibilityBody`. Data is the hand-written shape (types.d.ts) for the row's
// kind, op and scope. Status: the spec's 2xx codes.
//
// Methods that several apps share are written once: for each scope and kind held by
// two apps or more (organization secrets: actions, dependabot, codespaces, agents),
// the methods whose name and type are the same in every one of those apps go into one
// interface (`OrgSecretMethods`) that the namespaces extend; the rest stay in the
// namespace's own interface.

const SPECIAL = new Set(["encrypted_value", "key_id", "visibility", "selected_repository_ids"]);

/** kebab-case to camelCase: `get-repo-secret` -> `getRepoSecret`. */
export const camel = (kebab) => kebab.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
/** kebab-case to PascalCase: `private-registries` -> `PrivateRegistries`, `Org` -> `Org`. */
export const pascal = (kebab) => camel(kebab).replace(/^./, (c) => c.toUpperCase());
/** The JS namespace of an app: `private-registries` -> `privateRegistries`. */
const namespaceOf = camel;
/** The interface of an app's namespace: `private-registries` -> `PrivateRegistriesMethods`. */
const interfaceOf = (app) => `${pascal(app)}Methods`;

function tsType(schema) {
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  let t;
  switch (schema.type) {
    case "integer":
    case "number":
      t = "number";
      break;
    case "boolean":
      t = "boolean";
      break;
    case "array":
      t = `${tsType(schema.items ?? {})}[]`;
      break;
    case "string":
      t = "string";
      break;
    default:
      t = "unknown";
  }
  return schema.nullable ? `${t} | null` : t;
}

const field = (name, type, required) => `${name}${required ? "" : "?"}: ${type}`;

/** The parameter type of a row, and whether every parameter is optional. */
function paramsType(r) {
  const fields = [];
  let anyRequired = false;
  for (const name of r.pathParams) {
    fields.push(field(name, name === "repository_id" ? "RepositoryId" : "string", true));
    anyRequired = true;
  }
  for (const q of r.query) {
    fields.push(field(q.name, q.type === "integer" || q.type === "number" ? "number" : q.type === "boolean" ? "boolean" : "string", q.required));
    anyRequired ||= q.required;
  }
  const body = new Map(r.body.map((b) => [b.name, b]));
  for (const b of r.body) {
    if (SPECIAL.has(b.name)) continue;
    fields.push(field(b.name, tsType(b.schema), b.required));
    anyRequired ||= b.required;
  }
  const parts = [];
  if (fields.length) parts.push(`{ ${fields.join("; ")} }`);
  if (r.keyRoute) {
    const required = Boolean(body.get("encrypted_value")?.required);
    parts.push(required ? "SecretValue" : "OptionalSecretValue");
    anyRequired ||= required;
  }
  if (body.has("visibility") && r.op === "Put") {
    // an org secret written without visibility keeps the existing one (a new one: private)
    parts.push("KeptVisibilityBody");
  } else if (body.has("visibility")) {
    const required = body.get("visibility").required;
    parts.push(required ? "VisibilityBody" : "OptionalVisibilityBody");
    anyRequired ||= required;
  } else if (body.has("selected_repository_ids")) {
    const required = body.get("selected_repository_ids").required;
    parts.push(`{ ${field("selected_repository_ids", "RepositoryId[]", required)} }`);
    anyRequired ||= required;
  }
  return { type: parts.length ? parts.join(" & ") : "Record<string, never>", optional: !anyRequired };
}

/** The response data type of a row (shapes declared by hand in types.d.ts). */
function dataType(r) {
  const org = r.scope === "Org";
  const user = r.scope === "User";
  const item = {
    Secret: org ? "OrgSecretData" : user ? "CodespacesUserSecretData" : "SecretData",
    Variable: org ? "OrgVariableData" : "VariableData",
    Registry: "PrivateRegistryData",
  }[r.kind];
  switch (r.op) {
    case "PublicKey":
      return "PublicKeyData";
    case "List":
    case "ListOrganization":
      if (r.kind === "Registry") return "PrivateRegistriesList";
      if (r.op === "ListOrganization") return r.kind === "Secret" ? "SecretsList" : "VariablesList";
      return r.kind === "Secret" ? (item === "SecretData" ? "SecretsList" : `SecretsList<${item}>`) : item === "VariableData" ? "VariablesList" : `VariablesList<${item}>`;
    case "Get":
      return item;
    case "ListRepos":
      return "RepositoriesList";
    case "Put":
      return "undefined | Record<string, never>";
    case "Create":
      return r.kind === "Registry" ? "PrivateRegistryData" : "Record<string, never>";
    default:
      return "undefined";
  }
}

/** A method's member line: `name: M<Params, Data, Status>`. */
function memberType(r) {
  const { type, optional } = paramsType(r);
  return `${optional ? "MO" : "M"}<${type}, ${dataType(r)}, ${r.successes.join(" | ")}>`;
}

/**
 * The shared interfaces: for each scope + kind that two apps or more have, the methods
 * identical (name and type) in all of them. Returns [{ name, apps, rows (the first
 * app's), routes (name -> every app's route) }] and the set of `app name` keys they hold.
 */
function sharedGroups(rows) {
  const groups = [];
  const taken = new Set();
  const keys = [...new Set(rows.map((r) => `${r.scope} ${r.kind}`))];
  for (const key of keys) {
    const mine = rows.filter((r) => `${r.scope} ${r.kind}` === key);
    const apps = [...new Set(mine.map((r) => r.app))];
    if (apps.length < 2) continue;
    const byApp = new Map(apps.map((app) => [app, new Map(mine.filter((r) => r.app === app).map((r) => [r.name, r]))]));
    const first = [...byApp.get(apps[0]).values()];
    const same = first.filter((r) => apps.every((app) => byApp.get(app).has(r.name) && memberType(byApp.get(app).get(r.name)) === memberType(r)));
    if (same.length === 0) continue;
    const [scope, kind] = key.split(" ");
    const routes = new Map(same.map((r) => [r.name, apps.map((app) => byApp.get(app).get(r.name))]));
    groups.push({ name: `${pascal(scope)}${pascal(kind)}Methods`, scope, kind, apps, rows: same, routes });
    for (const app of apps) for (const r of same) taken.add(`${app} ${r.name}`);
  }
  return { groups, taken };
}

/** One route for the rows of several apps: a segment that differs is shown as `<app>`. */
function sharedRoute(rows) {
  const split = rows.map((r) => r.route.split("/"));
  return split[0].map((seg, i) => (split.every((s) => s[i] === seg) ? seg : "<app>")).join("/");
}

const docLine = (verb, route, summaries) => {
  const summary = [...new Set(summaries.filter(Boolean))].join(" / ").replace(/\*\//g, "* /");
  return `  /** ${verb} ${route}${summary ? ` - ${summary}` : ""} */`;
};

/** pkg-template/endpoints.d.ts: the typed namespaces, over shapes types.d.ts declares. */
export function renderDts(rows, version) {
  const out = [
    `// generated by node scripts/gen-endpoints.mjs from @octokit/openapi ${version} - do not edit`,
    "// The typed methods of each namespace of GitHubSecrets; index.d.ts re-exports them.",
    "import type {",
    "  M, MO, KeptVisibilityBody, OptionalSecretValue, OptionalVisibilityBody, OrgSecretData, OrgVariableData, PrivateRegistriesList,",
    "  PrivateRegistryData, PublicKeyData, RepositoriesList, RepositoryId, SecretData, SecretsList, SecretValue, VariableData,",
    "  VariablesList, VisibilityBody, CodespacesUserSecretData,",
    '} from "./types.js";',
    "",
  ];
  const { groups, taken } = sharedGroups(rows);
  for (const g of groups) {
    const scope = { Org: "Organization", Repo: "Repository", Environment: "Environment", User: "User" }[g.scope] ?? g.scope;
    const apps = `${g.apps.slice(0, -1).join(", ")} and ${g.apps.at(-1)}`;
    out.push(`/** ${scope} ${g.kind.toLowerCase()} methods, the same in ${apps} (\`<app>\` in a route: the namespace's app). */`);
    out.push(`export interface ${g.name} {`);
    for (const r of g.rows) {
      const all = g.routes.get(r.name);
      out.push(docLine(r.verb, sharedRoute(all), all.map((row) => row.summary)));
      out.push(`  ${r.name}: ${memberType(r)};`);
    }
    out.push("}");
  }
  const apps = [...new Set(rows.map((r) => r.app))];
  for (const app of apps) {
    const mine = rows.filter((r) => r.app === app);
    const bases = groups.filter((g) => g.apps.includes(app)).map((g) => g.name);
    out.push(`/** \`gh.${namespaceOf(app)}\`: ${mine.length} methods, Octokit's names. */`);
    out.push(`export interface ${interfaceOf(app)}${bases.length ? ` extends ${bases.join(", ")}` : ""} {`);
    for (const r of mine.filter((row) => !taken.has(`${app} ${row.name}`))) {
      out.push(docLine(r.verb, r.route, [r.summary]));
      out.push(`  ${r.name}: ${memberType(r)};`);
    }
    out.push("}");
  }
  out.push("/** The namespaces of `GitHubSecrets`, by JS name. */");
  out.push("export interface Namespaces {");
  for (const app of apps) out.push(`  readonly ${namespaceOf(app)}: ${interfaceOf(app)};`);
  out.push("}");
  out.push(`/** \`app\` of a table row (the CLI's \`--app\`). */`);
  out.push(`export type EndpointApp = ${apps.map((a) => JSON.stringify(a)).join(" | ")};`);
  return `${out.join("\n")}\n`;
}

/** docs/endpoints.md: one table row per operation. */
export function renderDocs(rows, version) {
  const out = [
    "<!-- generated by node scripts/gen-endpoints.mjs from @octokit/openapi " + version + " - do not edit -->",
    "# Endpoints",
    "",
    `Every secrets, variables and private-registries operation of GitHub's REST API for the apps`,
    `actions, dependabot, codespaces, agents and private-registries: ${rows.length} methods, named as in`,
    "Octokit (`gh.<namespace>.<method>(params)`). `sealed`: the method takes `value` and seals it with",
    "the public key of the route shown (or a ready `encrypted_value` + `key_id`).",
    "",
  ];
  const apps = [...new Set(rows.map((r) => r.app))];
  out.push("| namespace | methods |", "| --- | ---: |");
  for (const app of apps) out.push(`| \`${namespaceOf(app)}\` | ${rows.filter((r) => r.app === app).length} |`);
  out.push("");
  for (const app of apps) {
    out.push(`## \`gh.${namespaceOf(app)}\``, "", "| scope | kind | operation | method | route | sealed |", "| --- | --- | --- | --- | --- | --- |");
    for (const r of rows.filter((row) => row.app === app)) {
      const sealed = r.keyRoute ? `\`GET ${r.keyRoute}\`` : "";
      const op = r.op.replace(/[A-Z]/g, (c, i) => `${i ? "-" : ""}${c.toLowerCase()}`);
      out.push(`| ${r.scope.toLowerCase()} | ${r.kind.toLowerCase()} | ${op} | \`${r.name}\` | \`${r.verb} ${r.route}\` | ${sealed} |`);
    }
    out.push("");
  }
  return out.join("\n");
}
