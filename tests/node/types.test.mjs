// Types: the package's index.d.ts (and the files it re-exports, e.g. endpoints.d.ts,
// which scripts/gen-endpoints.mjs writes) describes every method's parameters and
// response data. Checked structurally against the runtime endpoint table and GitHub's
// OpenAPI description: every one of the 113 methods is declared in the right namespace
// interface, its parameter type names the route's path parameters, the spec's query and
// body parameters, its status literals are the spec's 2xx statuses and its data type has
// the spec's required response fields. No `any` anywhere.
//
// The declarations are read with the TypeScript compiler API (typescript 5, a
// devDependency): a ts.Program over the built index.d.ts and its type checker
// (tests/support/dts.mjs), resolving names through exports, re-exports and imports,
// so the declarations may be split over several .d.ts files.
//
// tests/types/usage.ts and usage-no-arguments.ts are type-checked, strict, against the
// built index.d.ts.
//
// Run: GHSEAL_PKG=target/pkg-client node --test tests/node/types.test.mjs

import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { assertBuilt, importPkg, pkgDir, repoRoot } from "../support/pkg.mjs";
import { anyKeywords, loadDeclarations, parseDts, typeCheck } from "../support/dts.mjs";
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
/** Type expressions the negative controls resolve through the checker. */
const PROBES = ["OrgParams & SecretParams & OrgSecretBody", "SecretsList<OrgSecretData>", "SecretsList", "Omit<PublicKeyData, \"key\">"];

let ghseal;
let rows;
let dts;

before(async () => {
  assertBuilt();
  ghseal = await importPkg();
  rows = ghseal.secretsEndpoints();
  dts = loadDeclarations({ probes: PROBES });
  loadSpec();
});

/** Whether the operation takes a sealed value (its body has encrypted_value): the client also takes `value`. */
const takesValue = (row) => Boolean(specOp(row).requestBody?.content?.["application/json"]?.schema?.properties?.encrypted_value);
const routeParams = (route) => [...route.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
const specOp = (row) => findOperation(row.method, row.route);
function specParams(row) {
  const item = loadSpec().paths[row.route] ?? {};
  return [...(item.parameters ?? []), ...(specOp(row).parameters ?? [])];
}
const successStatuses = (row) => Object.keys(specOp(row).responses).filter((s) => /^2\d\d$/.test(s)).map(Number).sort();

/** The declared member (a property symbol) for a row, inherited ones included. */
function memberOf(row) {
  const member = dts.property(dts.type(NAMESPACES[row.app]), row.name);
  assert.ok(member, `${NAMESPACES[row.app]} declares ${row.name}`);
  return member;
}
/** The fields of an exported type, by name. */
const fieldsNamed = (name) => dts.fieldsOf(dts.type(name)).fields;
const propertyType = (typeName, prop) => dts.typeOf(dts.property(dts.type(typeName), prop));
const sorted = (values) => [...values].sort();

describe("index.d.ts", () => {
  test("is the package's types entry, and compiles without errors", () => {
    const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
    assert.equal(pkg.types, "./index.d.ts");
    assert.equal(pkg.exports["."].types, "./index.d.ts");
    assert.deepEqual(dts.diagnostics(), []);
    const interfaces = [...dts.exports.values()].filter((s) => s.flags & ts.SymbolFlags.Interface);
    assert.ok(interfaces.length >= 20, `${interfaces.length} interfaces exported`);
    assert.ok(dts.symbol("GitHubSecrets").flags & ts.SymbolFlags.Class);
  });

  test("contains no `any` (in any declaration file it reaches, nor in a resolved member type)", () => {
    const files = dts.packageFiles();
    assert.ok(files.length >= 2, `index.d.ts and the files it re-exports: ${files.map((f) => f.fileName)}`);
    const hits = files.flatMap((f) => anyKeywords(f).map((h) => `${f.fileName}:${h.line} ${h.text}`));
    assert.deepEqual(hits, []);
    // and the checker's view agrees: no member of an exported interface or class resolves to any
    for (const [name, symbol] of dts.exports) {
      if (!(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class))) continue;
      for (const p of dts.checker.getPropertiesOfType(dts.type(name))) {
        assert.ok(!(dts.checker.getTypeOfSymbol(p).flags & ts.TypeFlags.Any), `${name}.${p.name}`);
      }
    }
    // negative control: the keyword walk finds `any` in types, not in comments or strings
    assert.deepEqual(anyKeywords(parseDts('/** any */ export type A = { a: "any"; b: any; c: Record<string, any> };')).map((h) => h.line), [1, 1]);
  });

  test("every runtime export of the package is declared and exported", () => {
    const names = Object.keys(ghseal);
    assert.ok(names.includes("GitHubSecrets") && names.includes("secretsEndpoints"));
    for (const name of names) {
      const symbol = dts.symbol(name);
      if (typeof ghseal[name] === "number") {
        const decl = symbol.valueDeclaration;
        assert.ok(decl && ts.isVariableDeclaration(decl) && decl.parent.flags & ts.NodeFlags.Const, `${name} declared as a const`);
        const type = dts.checker.getTypeOfSymbol(symbol);
        assert.ok(type.isNumberLiteral() && type.value === ghseal[name], `${name} declared as the literal ${ghseal[name]}, got ${dts.show(type)}`);
        continue;
      }
      const isClass = typeof ghseal[name] === "function" && /^class\b/.test(Function.prototype.toString.call(ghseal[name]));
      assert.ok(symbol.flags & (isClass ? ts.SymbolFlags.Class : ts.SymbolFlags.Function), `${name} declared as a ${isClass ? "class" : "function"}`);
    }
    const [signature] = dts.checker.getSignaturesOfType(dts.checker.getTypeOfSymbol(dts.symbol("secretsEndpoints")), ts.SignatureKind.Call);
    assert.equal(dts.show(signature.getReturnType()), "SecretsEndpoint[]");
  });

  test("GitHubSecrets: the five namespaces, paginate, request, setSecrets, and the constructor options", () => {
    const cls = dts.type("GitHubSecrets");
    for (const [app, iface] of Object.entries(NAMESPACES)) {
      const member = dts.property(cls, namespaceOf(app));
      assert.ok(member, `GitHubSecrets.${namespaceOf(app)}`);
      assert.equal(dts.typeOf(member).symbol, dts.symbol(iface), `${namespaceOf(app)}: ${iface}`);
      assert.ok(ts.getCombinedModifierFlags(member.valueDeclaration) & ts.ModifierFlags.Readonly, `${app} is readonly`);
    }
    assert.equal(dts.typeOf(dts.property(cls, "paginate")).symbol, dts.symbol("Paginate"));
    for (const m of ["request", "setSecrets"]) assert.ok(dts.property(cls, m)?.flags & ts.SymbolFlags.Method, `GitHubSecrets.${m}()`);
    const [setSecrets] = dts.checker.getSignaturesOfType(propertyType("GitHubSecrets", "setSecrets"), ts.SignatureKind.Call);
    assert.equal(dts.show(setSecrets.getReturnType()), "Promise<SetSecretResult[]>");
    const options = fieldsNamed("GitHubSecretsOptions");
    for (const k of ["auth", "baseUrl", "userAgent", "fetch", "timeout", "retry", "throttle", "onRetry"]) {
      assert.ok(options.has(k), `option ${k}`);
      assert.equal(options.get(k).required, false, `option ${k} is optional`);
    }
    assert.deepEqual(sorted(dts.fieldsOf(options.get("retry").type).fields.keys()), ["baseDelay", "maxWait", "retries", "secondaryRateLimitWait"]);
    assert.deepEqual([...dts.fieldsOf(options.get("throttle").type).fields.keys()], ["minWriteInterval"]);
    const reasons = dts.literals(propertyType("RetryEvent", "reason"));
    assert.deepEqual(sorted(reasons), ["key-rotated", "network-error", "rate-limit", "secondary-rate-limit", "server-error"]);
    const results = dts.literals(propertyType("SetSecretResult", "status"));
    assert.deepEqual(sorted(results), ["created", "failed", "not-attempted", "updated", "would-create", "would-update"]);
  });

  test("SecretsEndpoint describes the rows of secretsEndpoints() (fields and their literal unions)", () => {
    assert.deepEqual(sorted(fieldsNamed("SecretsEndpoint").keys()), sorted(Object.keys(rows[0])));
    for (const key of ["app", "method", "op", "scope", "kind"]) {
      // aliases (EndpointApp, generated) resolve through the checker
      const declared = sorted(dts.literals(propertyType("SecretsEndpoint", key)));
      const actual = sorted(new Set(rows.map((r) => r[key])));
      assert.deepEqual(declared, actual, key);
    }
    assert.equal(dts.show(propertyType("SecretsEndpoint", "paginated")), "boolean");
  });

  test("each namespace interface declares exactly its app's methods", () => {
    for (const [app, iface] of Object.entries(NAMESPACES)) {
      const declared = sorted(dts.checker.getPropertiesOfType(dts.type(iface)).map((p) => p.name));
      const expected = sorted(rows.filter((r) => r.app === app).map((r) => r.name));
      assert.deepEqual(declared, expected, iface);
    }
    assert.equal(rows.length, 113);
  });

  test("every method's parameters: path parameters required, the spec's query and body parameters present", () => {
    for (const row of rows) {
      const label = `${row.app}.${row.name}`;
      const { params } = dts.methodTypes(memberOf(row));
      const { fields } = dts.fieldsOf(params);
      const shown = dts.show(params);
      for (const p of routeParams(row.route)) {
        assert.ok(fields.get(p)?.required, `${label}: path parameter ${p} is a required field of ${shown}`);
      }
      const query = specParams(row).filter((p) => p.in === "query").map((p) => p.name);
      for (const q of query) {
        assert.ok(fields.has(q), `${label}: query parameter ${q} declared in ${shown}`);
        assert.equal(fields.get(q).required, false, `${label}: ${q} optional`);
      }
      for (const q of ["per_page", "page"]) {
        if (!query.includes(q)) assert.ok(!fields.has(q), `${label}: ${q} is not a parameter of this operation`);
      }
      const body = specOp(row).requestBody?.content?.["application/json"]?.schema;
      for (const b of Object.keys(body?.properties ?? {})) {
        assert.ok(fields.has(b), `${label}: body parameter ${b} declared in ${shown}`);
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
    const offenders = [];
    let required = 0;
    for (const row of rows) {
      const op = specOp(row);
      const { params, signature } = dts.methodTypes(memberOf(row));
      const needs = specParams(row).filter((p) => p.required).length + (op.requestBody?.required ? 1 : 0);
      if (needs > 0) {
        // the control: methods with required parameters must take an argument
        assert.equal(dts.acceptsNoArgument(signature), false, `${row.app}.${row.name} requires its parameters`);
        required++;
        continue;
      }
      if (!dts.acceptsNoArgument(signature)) offenders.push(`${row.app}.${row.name}: (params: ${dts.show(params)})`);
    }
    assert.deepEqual(offenders, []);
    assert.ok(required > 100, `${required} methods with required parameters`);
  });

  test("every method's status literals are the spec's 2xx statuses", () => {
    for (const row of rows) {
      const { status } = dts.methodTypes(memberOf(row));
      assert.deepEqual(sorted(dts.literals(status)), successStatuses(row), `${row.app}.${row.name}: ${dts.show(status)}`);
    }
  });

  test("every method's data type: the spec's required response fields (and list items' fields), or undefined for no body", () => {
    for (const row of rows) {
      const label = `${row.app}.${row.name}`;
      const { data } = dts.methodTypes(memberOf(row));
      const shown = dts.show(data);
      const resolved = dts.fieldsOf(data);
      for (const code of successStatuses(row)) {
        const schema = specOp(row).responses[String(code)]?.content?.["application/json"]?.schema;
        if (!schema || (schema.type === "object" && !schema.properties)) {
          // no body (204) or an empty object (201 {}): undefined, or an object with no fields
          assert.ok(resolved.nullable || resolved.fields.size === 0, `${label} ${code}: ${shown} allows an empty answer`);
          continue;
        }
        for (const field of schema.required ?? []) {
          assert.ok(resolved.fields.get(field)?.required, `${label} ${code}: required field ${field} in ${shown}`);
        }
        for (const [key, prop] of Object.entries(schema.properties ?? {})) {
          if (prop.type !== "array" || !resolved.fields.has(key)) continue;
          const itemType = dts.elementOf(resolved.fields.get(key).type);
          assert.ok(itemType, `${label}: ${key} is an array type`);
          const items = dts.fieldsOf(itemType);
          for (const field of prop.items?.required ?? []) {
            assert.ok(items.fields.has(field) || items.index, `${label}: ${key}[] items (${dts.show(itemType)}) have ${field}`);
          }
        }
      }
    }
  });

  test("list methods' item types match what paginate yields (secrets, variables, configurations or repositories)", () => {
    for (const row of rows.filter((r) => r.paginated)) {
      const { data } = dts.methodTypes(memberOf(row));
      const expected = row.op === "list-repos" ? "repositories" : ITEMS[row.kind];
      assert.ok(dts.fieldsOf(data).fields.get(expected)?.required, `${row.app}.${row.name}: ${dts.show(data)} has ${expected}`);
    }
  });

  test("the checks are not vacuous: they see known shapes and would notice a missing field", () => {
    const requiredOf = (fields) => sorted([...fields].filter(([, v]) => v.required).map(([k]) => k));
    assert.deepEqual(requiredOf(fieldsNamed("PublicKeyData")), ["key", "key_id"]);
    assert.deepEqual(requiredOf(dts.fieldsOf(dts.probe('Omit<PublicKeyData, "key">')).fields), ["key_id"]);
    const org = dts.fieldsOf(dts.probe("OrgParams & SecretParams & OrgSecretBody")).fields;
    assert.ok(org.has("visibility") && !org.get("visibility").required && org.get("org").required && !org.get("value").required);
    assert.equal(fieldsNamed("SecretValue").get("encrypted_value").required, false);
    assert.ok(!fieldsNamed("RepoParams").has("secret_name"));
    assert.equal(dts.show(dts.fieldsOf(dts.probe("SecretsList<OrgSecretData>")).fields.get("secrets").type), "OrgSecretData[]");
    assert.equal(dts.show(dts.fieldsOf(dts.probe("SecretsList")).fields.get("secrets").type), "SecretData[]");
    // a method declared without M<...> (or without an explicit status) is refused
    const fake = dts.property(dts.type("GitHubSecrets"), "request");
    assert.throws(() => dts.methodTypes(fake), /declared with M<Params, Data, Status>/);
  });
});

// ------------------------------------------------------------------- tsc

test("tests/types/usage.ts type-checks against the package's index.d.ts", () => {
  const usage = join(repoRoot, "tests", "types", "usage.ts");
  assert.ok(existsSync(usage));
  assert.deepEqual(typeCheck(usage), []);
});

test("tests/types/usage-no-arguments.ts type-checks (calls without an argument)", () => {
  assert.deepEqual(typeCheck(join(repoRoot, "tests", "types", "usage-no-arguments.ts")), []);
});
