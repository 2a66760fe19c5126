// Types: the package's index.d.ts (and endpoints.d.ts, which scripts/gen-endpoints.mjs
// writes) describes every method's parameters and response data. Checked structurally
// against the runtime endpoint table and GitHub's OpenAPI description: every one of the
// 113 methods is declared in the right namespace interface, its parameter type names the
// route's path parameters, the spec's query and body parameters, its status literals are
// the spec's 2xx statuses and its data type has the spec's required response fields. No
// `any` anywhere. The structural checks still read the declarations with the small parser
// below (to be replaced by the TypeScript compiler API, issue #13 item 7).
//
// tests/types/usage.ts and usage-no-arguments.ts are type-checked with the TypeScript
// compiler API (typescript 5, a devDependency), strict, against the built index.d.ts.
//
// Run: GHSEAL_PKG=target/pkg-client node --test tests/node/types.test.mjs

import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { assertBuilt, importPkg, pkgDir, repoRoot } from "../support/pkg.mjs";
import { findOperation, loadSpec } from "../support/openapi.mjs";

const NAMESPACES = {
  actions: "ActionsMethods",
  dependabot: "DependabotMethods",
  codespaces: "CodespacesMethods",
  agents: "AgentsMethods",
  "private-registries": "PrivateRegistriesMethods",
};
/** The JS namespace of an app: private-registries -> privateRegistries. */
const namespaceOf = (app) => app.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
/** The list field of a list method's answer, by kind. */
const ITEMS = { secret: "secrets", variable: "variables", registry: "configurations" };
/** Whether the operation takes a sealed value (its body has encrypted_value): the client also takes `value`. */
const takesValue = (row) => Boolean(specOp(row).requestBody?.content?.["application/json"]?.schema?.properties?.encrypted_value);

let ghseal;
let rows;
let source; // index.d.ts and endpoints.d.ts as shipped
let code; // without comments and string contents
let decls; // parsed declarations

before(async () => {
  assertBuilt();
  ghseal = await importPkg();
  rows = ghseal.secretsEndpoints();
  // index.d.ts plus the modules it re-exports and imports (seal.d.ts, ..., the generated endpoints.d.ts)
  const read = (name, seen) => {
    if (seen.has(name)) return "";
    seen.add(name);
    const text = readFileSync(join(pkgDir, name), "utf8");
    return [text, ...[...text.matchAll(/ from "\.\/([\w-]+)\.js";$/gm)].map((m) => read(`${m[1]}.d.ts`, seen))].join("\n");
  };
  source = read("index.d.ts", new Set());
  code = stripComments(source);
  decls = parseDeclarations(code);
  loadSpec();
});

// ------------------------------------------------------------ a tiny parser

/** Removes comments; string literal contents are kept (they matter: "all" | "private"). */
function stripComments(text) {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === "`") {
      const end = findStringEnd(text, i);
      out += text.slice(i, end + 1);
      i = end;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      out += " ";
      i = end === -1 ? text.length : end + 1;
    } else out += c;
  }
  return out;
}

function findStringEnd(text, start) {
  const q = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === q) return i;
  }
  return text.length - 1;
}

/** Text without string literals at all (for the `any` check). */
const withoutStrings = (text) => text.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');

const OPEN = "{<([";
const CLOSE = "}>)]";

/** Index of the bracket closing the one at `start`. `=>` is not a closing `>`. */
function matching(text, start) {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === "`") i = findStringEnd(text, i);
    else if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c) && !(c === ">" && text[i - 1] === "=")) {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new Error(`unbalanced bracket at ${start}: ${text.slice(start, start + 60)}`);
}

/** Splits at top-level occurrences of `sep` (a single character). */
function splitTop(text, sep) {
  const parts = [];
  let depth = 0;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === "`") i = findStringEnd(text, i);
    else if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c) && !(c === ">" && text[i - 1] === "=")) depth--;
    else if (c === sep && depth === 0) {
      parts.push(text.slice(last, i));
      last = i + 1;
    }
  }
  parts.push(text.slice(last));
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

/** Members of an object type body: { name, optional, readonly, type } and index signatures. */
function parseMembers(body) {
  const members = new Map();
  let index = false;
  for (const raw of splitTop(body.replace(/\n/g, " "), ";").flatMap((m) => splitTop(m, ","))) {
    const m = /^(readonly\s+)?([A-Za-z_$][\w$]*)(\?)?\s*(\(|<|:)/.exec(raw);
    if (raw.startsWith("[")) {
      index = true;
      continue;
    }
    if (!m) continue;
    const [, ro, name, opt, kind] = m;
    let type;
    if (kind === ":") type = raw.slice(m[0].length).trim();
    else type = raw.slice(m[0].length - 1).trim(); // method signature: (params) => ...
    members.set(name, { name, optional: Boolean(opt), readonly: Boolean(ro), type, method: kind !== ":" });
  }
  return { members, index };
}

/** interfaces, type aliases, classes, exported functions. */
function parseDeclarations(text) {
  const interfaces = new Map();
  const types = new Map();
  const classes = new Map();
  const functions = new Map();
  const exported = new Set();
  const re = /(export\s+)?(interface|type|class|function)\s+([A-Za-z_$][\w$]*)/g;
  let m;
  while ((m = re.exec(text))) {
    const [, exp, kind, name] = m;
    let i = m.index + m[0].length;
    let generics = "";
    if (text[i] === "<") {
      const end = matching(text, i);
      generics = text.slice(i + 1, end);
      i = end + 1;
    }
    if (exp) exported.add(name);
    if (kind === "interface" || kind === "class") {
      const brace = text.indexOf("{", i);
      const heritage = text.slice(i, brace);
      const ext = /extends\s+(.+?)(?:\s+implements|$)/s.exec(heritage.trim());
      const end = matching(text, brace);
      const parsed = parseMembers(text.slice(brace + 1, end));
      const entry = { name, generics, extends: ext ? splitTop(ext[1], ",") : [], ...parsed };
      (kind === "interface" ? interfaces : classes).set(name, entry);
      re.lastIndex = end;
    } else if (kind === "type") {
      const eq = text.indexOf("=", i);
      let depth = 0;
      let j = eq + 1;
      for (; j < text.length; j++) {
        const c = text[j];
        if (c === '"' || c === "'" || c === "`") j = findStringEnd(text, j);
        else if (OPEN.includes(c)) depth++;
        else if (CLOSE.includes(c) && !(c === ">" && text[j - 1] === "=")) depth--;
        else if (c === ";" && depth === 0) break;
      }
      types.set(name, { name, generics, type: text.slice(eq + 1, j).trim() });
      re.lastIndex = j;
    } else {
      const paren = text.indexOf("(", i);
      const end = matching(text, paren);
      const semi = text.indexOf(";", end);
      functions.set(name, { name, params: text.slice(paren + 1, end), returns: text.slice(end + 1, semi).replace(/^\s*:\s*/, "").trim() });
      re.lastIndex = semi;
    }
  }
  return { interfaces, types, classes, functions, exported };
}

/** All members of an interface, inherited ones included (own members win). */
function allMembers(name, seen = new Set()) {
  const iface = decls.interfaces.get(name);
  assert.ok(iface, `interface ${name} is declared`);
  assert.ok(!seen.has(name), `no cycle through ${name}`);
  seen.add(name);
  const out = new Map();
  for (const base of iface.extends) for (const [k, v] of allMembers(base.replace(/<.*/, "").trim(), seen)) out.set(k, v);
  for (const [k, v] of iface.members) out.set(k, v);
  return out;
}

/** Splits `Name<A, B>` into { name, args }. */
function generic(type) {
  const t = type.trim();
  const lt = t.indexOf("<");
  if (lt === -1) return { name: t, args: [] };
  assert.equal(matching(t, lt), t.length - 1, `generic ${t}`);
  return { name: t.slice(0, lt).trim(), args: splitTop(t.slice(lt + 1, -1), ",") };
}

/**
 * The fields a type offers: Map name -> { required } plus `index` (index signature).
 * Handles interfaces (with extends and generic defaults), `A & B`, `A | B`
 * (a field is required only when every branch requires it), object literals,
 * aliases, `Record<string, never>` and `undefined`.
 */
function fieldsOf(type, depth = 0) {
  assert.ok(depth < 20, `type too deep: ${type}`);
  const t = type.trim().replace(/^\(([\s\S]*)\)$/, "$1").trim();
  const union = splitTop(t, "|");
  if (union.length > 1) {
    const branches = union.map((b) => fieldsOf(b, depth + 1));
    const fields = new Map();
    for (const b of branches) {
      for (const [k, v] of b.fields) {
        const requiredEverywhere = branches.every((o) => o.fields.get(k)?.required) && v.required;
        const prev = fields.get(k);
        fields.set(k, { required: prev ? prev.required && requiredEverywhere : requiredEverywhere, never: v.never && (prev?.never ?? true) });
      }
    }
    return { fields, index: branches.some((b) => b.index), nullable: branches.some((b) => b.nullable) };
  }
  const inter = splitTop(t, "&");
  if (inter.length > 1) {
    const fields = new Map();
    let index = false;
    for (const part of inter.map((p) => fieldsOf(p, depth + 1))) {
      index ||= part.index;
      for (const [k, v] of part.fields) fields.set(k, { required: v.required || Boolean(fields.get(k)?.required), never: v.never });
    }
    return { fields, index, nullable: false };
  }
  if (t === "undefined" || t === "null") return { fields: new Map(), index: false, nullable: true };
  if (t.startsWith("{")) {
    const { members, index } = parseMembers(t.slice(1, matching(t, 0)));
    const fields = new Map([...members].map(([k, v]) => [k, { required: !v.optional && v.type !== "never", never: v.type === "never" }]));
    return { fields, index, nullable: false };
  }
  const { name, args } = generic(t);
  if (name === "Record") return { fields: new Map(), index: args[1] !== "never", nullable: false };
  if (decls.types.has(name)) return fieldsOf(decls.types.get(name).type, depth + 1);
  if (decls.interfaces.has(name)) {
    const fields = new Map();
    let index = false;
    const visit = (n) => {
      const i = decls.interfaces.get(n);
      for (const base of i.extends) visit(generic(base).name);
      index ||= i.index;
      for (const [k, v] of i.members) fields.set(k, { required: !v.optional, never: v.type === "never", type: v.type });
    };
    visit(name);
    // resolve generic parameters of the interface itself (e.g. SecretsList<T = SecretData>)
    const params = splitTop(decls.interfaces.get(name).generics, ",").map((g) => {
      const [p, dflt] = g.split("=").map((s) => s.trim());
      return { p, dflt };
    });
    const bindings = new Map(params.map(({ p, dflt }, i) => [p, args[i] ?? dflt]));
    for (const f of fields.values()) if (f.type) f.type = f.type.replace(/\b([A-Z])\b/g, (x) => bindings.get(x) ?? x);
    return { fields, index, nullable: false };
  }
  return { fields: new Map(), index: false, nullable: false, primitive: t };
}

/** The three type arguments of a method member `M<P, T, S>`. */
function methodTypes(member) {
  const { name, args } = generic(member.type);
  assert.ok(name === "M" || name === "MO", `${member.name}: declared with M<Params, Data, Status> (or MO<...>, all parameters optional), got ${member.type}`);
  assert.ok(args.length === 3, `${member.name}: ${name}<P, T, S> with an explicit status, got ${member.type}`);
  const [params, data, status] = args;
  return { params, data, status, optional: name === "MO" };
}

/** The declared member for a row, inherited ones included. */
function memberOf(row) {
  const member = allMembers(NAMESPACES[row.app]).get(row.name);
  assert.ok(member, `${NAMESPACES[row.app]} declares ${row.name}`);
  return member;
}

const routeParams = (route) => [...route.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
const specOp = (row) => findOperation(row.method, row.route);
function specParams(row) {
  const item = loadSpec().paths[row.route] ?? {};
  return [...(item.parameters ?? []), ...(specOp(row).parameters ?? [])];
}
const successStatuses = (row) => Object.keys(specOp(row).responses).filter((s) => /^2\d\d$/.test(s)).map(Number).sort();
const literalStatuses = (type) => splitTop(type, "|").map((s) => Number(s)).sort();

// ---------------------------------------------------------------------- tests

describe("index.d.ts", () => {
  test("is the package's types entry, and parses", () => {
    const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
    assert.equal(pkg.types, "./index.d.ts");
    assert.equal(pkg.exports["."].types, "./index.d.ts");
    assert.ok(decls.interfaces.size >= 20, `${decls.interfaces.size} interfaces parsed`);
    assert.ok(decls.classes.has("GitHubSecrets"));
  });

  test("contains no `any` (outside comments and strings)", () => {
    const hits = withoutStrings(code)
      .split("\n")
      .map((line, i) => [i + 1, line])
      .filter(([, line]) => /\bany\b/.test(line));
    assert.deepEqual(hits, []);
    // and the parser's view agrees: no member typed any
    for (const iface of decls.interfaces.values()) for (const m of iface.members.values()) assert.doesNotMatch(m.type, /\bany\b/, `${iface.name}.${m.name}`);
  });

  test("every runtime export of the package is declared and exported", () => {
    const names = Object.keys(ghseal);
    assert.ok(names.includes("GitHubSecrets") && names.includes("secretsEndpoints"));
    for (const name of names) {
      if (typeof ghseal[name] === "number") {
        assert.match(code, new RegExp(`export const ${name}: ${ghseal[name]};`), `${name} declared as the literal ${ghseal[name]}`);
        continue;
      }
      assert.ok(decls.exported.has(name), `${name} is exported by index.d.ts`);
      const kind = typeof ghseal[name] === "function" && /^class\b/.test(Function.prototype.toString.call(ghseal[name])) ? "class" : "function";
      assert.ok((kind === "class" ? decls.classes : decls.functions).has(name), `${name} declared as a ${kind}`);
    }
    assert.equal(decls.functions.get("secretsEndpoints").returns, "SecretsEndpoint[]");
  });

  test("GitHubSecrets: the five namespaces, paginate, request, setSecrets, and the constructor options", () => {
    const cls = decls.classes.get("GitHubSecrets");
    for (const [app, iface] of Object.entries(NAMESPACES)) {
      const member = cls.members.get(namespaceOf(app));
      assert.ok(member, `GitHubSecrets.${namespaceOf(app)}`);
      assert.equal(member.type, iface);
      assert.ok(member.readonly, `${app} is readonly`);
    }
    assert.equal(cls.members.get("paginate")?.type, "Paginate");
    for (const m of ["request", "setSecrets"]) assert.ok(cls.members.get(m)?.method, `GitHubSecrets.${m}()`);
    assert.match(cls.members.get("setSecrets").type, /Promise<SetSecretResult\[\]>/);
    const options = fieldsOf("GitHubSecretsOptions").fields;
    for (const k of ["auth", "baseUrl", "userAgent", "fetch", "timeout", "retry", "throttle", "onRetry"]) {
      assert.ok(options.has(k), `option ${k}`);
      assert.equal(options.get(k).required, false, `option ${k} is optional`);
    }
    const retry = fieldsOf(decls.interfaces.get("GitHubSecretsOptions").members.get("retry").type).fields;
    assert.deepEqual([...retry.keys()].sort(), ["baseDelay", "maxWait", "retries", "secondaryRateLimitWait"]);
    const throttle = fieldsOf(decls.interfaces.get("GitHubSecretsOptions").members.get("throttle").type).fields;
    assert.deepEqual([...throttle.keys()], ["minWriteInterval"]);
    const reasons = decls.interfaces.get("RetryEvent").members.get("reason").type;
    assert.deepEqual(splitTop(reasons, "|").sort(), ['"key-rotated"', '"network-error"', '"rate-limit"', '"secondary-rate-limit"', '"server-error"']);
    const results = decls.interfaces.get("SetSecretResult").members.get("status").type;
    assert.deepEqual(splitTop(results, "|").sort(), ['"created"', '"failed"', '"not-attempted"', '"updated"', '"would-create"', '"would-update"']);
  });

  test("SecretsEndpoint describes the rows of secretsEndpoints() (fields and their literal unions)", () => {
    const iface = decls.interfaces.get("SecretsEndpoint");
    assert.deepEqual([...iface.members.keys()].sort(), Object.keys(rows[0]).sort());
    for (const key of ["app", "method", "op", "scope", "kind"]) {
      let type = iface.members.get(key).type;
      if (decls.types.has(type)) type = decls.types.get(type).type; // an alias (EndpointApp, generated)
      const declared = splitTop(type, "|").map((s) => JSON.parse(s)).sort();
      const actual = [...new Set(rows.map((r) => r[key]))].sort();
      assert.deepEqual(declared, actual, key);
    }
    assert.equal(iface.members.get("paginated").type, "boolean");
  });

  test("each namespace interface declares exactly its app's methods", () => {
    for (const [app, iface] of Object.entries(NAMESPACES)) {
      const declared = [...allMembers(iface).keys()].sort();
      const expected = rows.filter((r) => r.app === app).map((r) => r.name).sort();
      assert.deepEqual(declared, expected, iface);
    }
    assert.equal(rows.length, 113);
  });

  test("every method's parameters: path parameters required, the spec's query and body parameters present", () => {
    for (const row of rows) {
      const label = `${row.app}.${row.name}`;
      const member = memberOf(row);
      const { params } = methodTypes(member);
      const { fields } = fieldsOf(params);
      for (const p of routeParams(row.route)) {
        assert.ok(fields.get(p)?.required, `${label}: path parameter ${p} is a required field of ${params}`);
      }
      const query = specParams(row).filter((p) => p.in === "query").map((p) => p.name);
      for (const q of query) {
        assert.ok(fields.has(q), `${label}: query parameter ${q} declared in ${params}`);
        assert.equal(fields.get(q).required, false, `${label}: ${q} optional`);
      }
      for (const q of ["per_page", "page"]) {
        if (!query.includes(q)) assert.ok(!fields.has(q), `${label}: ${q} is not a parameter of this operation`);
      }
      const body = specOp(row).requestBody?.content?.["application/json"]?.schema;
      for (const b of Object.keys(body?.properties ?? {})) {
        assert.ok(fields.has(b), `${label}: body parameter ${b} declared in ${params}`);
      }
      if (takesValue(row)) {
        assert.ok(fields.has("value"), `${label}: value`);
        assert.equal(fields.get("value").required, false, `${label}: value or encrypted_value`);
      }
      // GitHub requires visibility; the client makes it optional (an existing secret keeps its own).
      if (row.scope === "org" && row.op === "put") assert.equal(fields.get("visibility")?.required, false, `${label}: visibility optional`);
      if (row.op === "set-repos") assert.ok(fields.get("selected_repository_ids")?.required, `${label}: selected_repository_ids required`);
      // nothing else: every declared field is a path, query or body parameter (or the client's value)
      const known = new Set([...routeParams(row.route), ...query, ...Object.keys(body?.properties ?? {}), ...(takesValue(row) ? ["value"] : [])]);
      for (const f of fields.keys()) assert.ok(known.has(f), `${label}: ${f} is not a parameter of ${row.method} ${row.route}`);
    }
  });

  test("methods whose operation has no required parameter can be called without an argument (Octokit style)", () => {
    const mDecl = decls.types.get("M").type;
    const optionalParam = /\(\s*params\?\s*:/.test(mDecl);
    const offenders = [];
    for (const row of rows) {
      const op = specOp(row);
      const required = specParams(row).filter((p) => p.required).length + (op.requestBody?.required ? 1 : 0);
      if (required > 0) continue;
      const { params, optional } = methodTypes(memberOf(row));
      const acceptsNothing = optional || optionalParam || splitTop(params, "|").includes("void");
      if (!acceptsNothing) offenders.push(`${row.app}.${row.name}: (params: ${params})`);
    }
    assert.deepEqual(offenders, []);
  });

  test("every method's status literals are the spec's 2xx statuses", () => {
    for (const row of rows) {
      const member = memberOf(row);
      const { status } = methodTypes(member);
      assert.deepEqual(literalStatuses(status), successStatuses(row), `${row.app}.${row.name}: ${status}`);
    }
  });

  test("every method's data type: the spec's required response fields (and list items' fields), or undefined for no body", () => {
    for (const row of rows) {
      const label = `${row.app}.${row.name}`;
      const member = memberOf(row);
      const { data } = methodTypes(member);
      const resolved = fieldsOf(data);
      for (const code of successStatuses(row)) {
        const schema = specOp(row).responses[String(code)]?.content?.["application/json"]?.schema;
        if (!schema || (schema.type === "object" && !schema.properties)) {
          // no body (204) or an empty object (201 {}): undefined, or an object with no fields
          assert.ok(resolved.nullable || resolved.fields.size === 0, `${label} ${code}: ${data} allows an empty answer`);
          continue;
        }
        for (const field of schema.required ?? []) {
          assert.ok(resolved.fields.get(field)?.required, `${label} ${code}: required field ${field} in ${data}`);
        }
        for (const [key, prop] of Object.entries(schema.properties ?? {})) {
          if (prop.type !== "array" || !resolved.fields.has(key)) continue;
          const itemType = resolved.fields.get(key).type?.replace(/\[\]$/, "");
          assert.ok(itemType, `${label}: ${key} is an array type`);
          const items = fieldsOf(itemType);
          for (const field of prop.items?.required ?? []) {
            assert.ok(items.fields.has(field) || items.index, `${label}: ${key}[] items (${itemType}) have ${field}`);
          }
        }
      }
    }
  });

  test("list methods' item types match what paginate yields (secrets, variables, configurations or repositories)", () => {
    for (const row of rows.filter((r) => r.paginated)) {
      const member = memberOf(row);
      const { data } = methodTypes(member);
      const expected = row.op === "list-repos" ? "repositories" : ITEMS[row.kind];
      assert.ok(fieldsOf(data).fields.get(expected)?.required, `${row.app}.${row.name}: ${data} has ${expected}`);
    }
  });

  test("the parser is not vacuous: it sees known shapes and would notice a missing field", () => {
    assert.deepEqual([...fieldsOf("PublicKeyData").fields].filter(([, v]) => v.required).map(([k]) => k).sort(), ["key", "key_id"]);
    const org = fieldsOf("OrgParams & SecretParams & OrgSecretBody").fields;
    assert.ok(org.has("visibility") && !org.get("visibility").required && org.get("org").required && !org.get("value").required);
    assert.equal(fieldsOf("SecretValue").fields.get("encrypted_value").required, false);
    assert.ok(!fieldsOf("RepoParams").fields.has("secret_name"));
    assert.equal(fieldsOf("SecretsList<OrgSecretData>").fields.get("secrets").type, "OrgSecretData[]");
    assert.equal(fieldsOf("SecretsList").fields.get("secrets").type, "SecretData[]");
  });
});

// ------------------------------------------------------------------- tsc

function typeCheck(file) {
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler ?? ts.ModuleResolutionKind.NodeJs,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.asynciterable.d.ts"],
    types: [],
    baseUrl: repoRoot,
    paths: { ghseal: [join(pkgDir, "index.d.ts")] },
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : "";
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}

test("tests/types/usage.ts type-checks against the package's index.d.ts", () => {
  const usage = join(repoRoot, "tests", "types", "usage.ts");
  assert.ok(existsSync(usage));
  assert.deepEqual(typeCheck(usage), []);
});

test("tests/types/usage-no-arguments.ts type-checks (calls without an argument)", () => {
  assert.deepEqual(typeCheck(join(repoRoot, "tests", "types", "usage-no-arguments.ts")), []);
});
