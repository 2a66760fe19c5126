// The package's TypeScript declarations as the TypeScript compiler (typescript 5, a
// devDependency) sees them: one ts.Program over the built package's index.d.ts and its
// type checker. Every name is resolved through the checker (exports, `export type {..}
// from`, aliases, imports), never by reading a file's text, so the declarations may be
// split over any number of .d.ts files re-exported from index.d.ts.
//
//   const dts = loadDeclarations({ probes: ["SecretsList<OrgSecretData>"] });
//   dts.exports.has("GitHubSecrets");                 // exported from index.d.ts
//   dts.fieldsOf(dts.type("PublicKeyData")).fields;    // Map name -> { required, never, type }
//   dts.fieldsOf(dts.probe("SecretsList<OrgSecretData>"));
//
// Also `typeCheck(file, { paths })`: strict diagnostics of a user's .ts file against the
// package, as tests/types/*.ts are checked.
import assert from "node:assert/strict";
import { join } from "node:path";
import ts from "typescript";
import { pkgDir, repoRoot } from "./pkg.mjs";

/** Compiler options of a strict user project importing ghseal (ES2022 + DOM). */
const OPTIONS = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.asynciterable.d.ts"],
  types: [],
};

/** One diagnostic as `file:line message`. */
const formatDiagnostic = (d) => {
  const where = d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : "";
  return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
};

/**
 * Type-checks `file` strictly against the built package (`ghseal` -> index.d.ts, plus
 * `paths` for other entries, e.g. { "ghseal/sync": [".../sync/index.d.ts"] }).
 * @returns {string[]} the diagnostics, `file:line message`; [] when it type-checks
 */
export function typeCheck(file, { paths = {}, skipLibCheck = false, lib = OPTIONS.lib } = {}) {
  const program = ts.createProgram([file], {
    ...OPTIONS,
    lib,
    skipLibCheck,
    baseUrl: repoRoot,
    paths: { ghseal: [join(pkgDir, "index.d.ts")], ...paths },
  });
  return ts.getPreEmitDiagnostics(program).map(formatDiagnostic);
}

/** `any` keywords in a source file: [{ line, text }] (comments and strings are not nodes). */
export function anyKeywords(sourceFile) {
  const hits = [];
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) {
      hits.push({ line: sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1, text: node.parent.getText(sourceFile) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return hits;
}

/** A declaration file parsed on its own (for negative controls of the checks). */
export const parseDts = (text, name = "probe.d.ts") => ts.createSourceFile(name, text, ts.ScriptTarget.ES2022, true);

const NULLISH = ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void;

/**
 * Builds the program over `entry` (default: the package's index.d.ts).
 * @param {{ entry?: string, probes?: string[] }} options `probes`: type expressions over
 *   the entry's exported names (e.g. "OrgParams & SecretParams"), compiled in a virtual
 *   module beside the entry and read back with `probe(expression)`.
 */
export function loadDeclarations({ entry = join(pkgDir, "index.d.ts"), probes = [] } = {}) {
  let program = ts.createProgram([entry], OPTIONS);
  let checker = program.getTypeChecker();
  const exportNames = () => checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry))).map((s) => s.name);

  // A second program adds the probe module: `import type { every export } from "./index.js"`.
  const probeFile = join(pkgDir, "__ghseal_probe__.ts");
  if (probes.length > 0) {
    const text = `import type { ${exportNames().join(", ")} } from "./index.js";\n` + probes.map((p, i) => `export type Probe${i} = ${p};\n`).join("");
    const host = ts.createCompilerHost(OPTIONS);
    const { getSourceFile, fileExists, readFile } = host;
    host.getSourceFile = (name, ...rest) => (name === probeFile ? ts.createSourceFile(name, text, ts.ScriptTarget.ES2022, true) : getSourceFile.call(host, name, ...rest));
    host.fileExists = (name) => name === probeFile || fileExists.call(host, name);
    host.readFile = (name) => (name === probeFile ? text : readFile.call(host, name));
    program = ts.createProgram([entry, probeFile], OPTIONS, host, program);
    checker = program.getTypeChecker();
    const problems = ts.getPreEmitDiagnostics(program, program.getSourceFile(probeFile)).map(formatDiagnostic);
    assert.deepEqual(problems, [], "the probe types compile");
  }

  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry));
  const resolve = (s) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
  /** Exported name -> its symbol, aliases (re-exports, imports) resolved. */
  const exports = new Map(checker.getExportsOfModule(moduleSymbol).map((s) => [s.name, resolve(s)]));

  /** The exported symbol `name`; fails the test when it is not exported. */
  const symbol = (name) => {
    const s = exports.get(name);
    assert.ok(s, `${name} is exported by ${entry}`);
    return s;
  };
  /** The declared type of an exported interface, class (instance side) or type alias. */
  const type = (name) => checker.getDeclaredTypeOfSymbol(symbol(name));
  /** The type of a probe expression given to loadDeclarations. */
  const probe = (expression) => {
    const i = probes.indexOf(expression);
    assert.ok(i >= 0, `probe ${expression} was declared`);
    const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(probeFile)));
    return checker.getDeclaredTypeOfSymbol(exported.find((s) => s.name === `Probe${i}`));
  };
  /** The type of a property symbol, `undefined` of optional properties removed. */
  const typeOf = (prop) => checker.getNonNullableType(checker.getTypeOfSymbol(prop));
  /** Property `name` of a type (inherited ones included). */
  const property = (t, name) => checker.getPropertyOfType(t, name);
  const isOptional = (prop) => Boolean(prop.flags & ts.SymbolFlags.Optional);
  const show = (t) => checker.typeToString(t);
  /** The members of a union (a single type: itself). */
  const members = (t) => (t.isUnion() ? t.types : [t]);
  /** Values of a union of string or number literals; fails on any other member. */
  const literals = (t) =>
    members(t).map((m) => {
      assert.ok(m.isLiteral(), `${show(t)}: ${show(m)} is a literal`);
      return m.value;
    });

  /**
   * The fields a type offers: { fields: Map name -> { required, never, type }, index,
   * nullable, primitive? }. A union's field is required only when every branch requires
   * it; intersections merge their members (the checker's view); `undefined`/`null`/`void`
   * make it nullable; `index` is an index signature whose values are not `never`.
   */
  function fieldsOf(t) {
    if (t.isUnion() && !(t.flags & ts.TypeFlags.Boolean) && !(t.flags & ts.TypeFlags.EnumLiteral)) {
      const nullable = t.types.some((m) => m.flags & NULLISH);
      const rest = t.types.filter((m) => !(m.flags & NULLISH));
      const branches = rest.map(fieldsOf);
      const fields = new Map();
      for (const b of branches) {
        for (const [k, v] of b.fields) {
          const prev = fields.get(k);
          const requiredEverywhere = branches.every((o) => o.fields.get(k)?.required);
          fields.set(k, { required: requiredEverywhere, never: v.never && (prev?.never ?? true), type: prev?.type ?? v.type });
        }
      }
      const primitive = branches.length > 0 && branches.every((b) => b.primitive) ? show(t) : undefined;
      return { fields, index: branches.some((b) => b.index), nullable: nullable || branches.some((b) => b.nullable), primitive };
    }
    if (t.flags & NULLISH) return { fields: new Map(), index: false, nullable: true };
    if (!(t.flags & ts.TypeFlags.Object) && !t.isIntersection()) return { fields: new Map(), index: false, nullable: false, primitive: show(t) };
    const fields = new Map();
    for (const p of checker.getPropertiesOfType(t)) {
      const pt = typeOf(p);
      const never = Boolean(pt.flags & ts.TypeFlags.Never);
      fields.set(p.name, { required: !isOptional(p) && !never, never, type: pt });
    }
    const index = checker.getIndexInfosOfType(t).some((info) => !(info.type.flags & ts.TypeFlags.Never));
    return { fields, index, nullable: false };
  }

  /** The element type of an array type, or undefined. */
  const elementOf = (t) => (checker.isArrayType(t) ? checker.getTypeArguments(t)[0] : undefined);

  /**
   * A namespace method declared `M<Params, Data, Status>` (or `MO<...>`: all parameters
   * optional), with its three explicit type arguments and its call signature.
   */
  function methodTypes(prop) {
    const label = prop.name;
    const t = checker.getTypeOfSymbol(prop);
    const alias = t.aliasSymbol?.name;
    assert.ok(alias === "M" || alias === "MO", `${label}: declared with M<Params, Data, Status> (or MO<...>, all parameters optional), got ${show(t)}`);
    const node = prop.valueDeclaration?.type;
    assert.ok(node && ts.isTypeReferenceNode(node) && node.typeArguments?.length === 3, `${label}: ${alias}<P, T, S> with an explicit status`);
    const [params, data, status] = t.aliasTypeArguments;
    const signatures = checker.getSignaturesOfType(t, ts.SignatureKind.Call);
    assert.equal(signatures.length, 1, `${label}: one call signature`);
    return { params, data, status, optional: alias === "MO", signature: signatures[0] };
  }

  /** Whether a call signature accepts no argument (first parameter optional or void). */
  function acceptsNoArgument(signature) {
    const [first] = signature.getParameters();
    if (!first) return true;
    const decl = first.valueDeclaration;
    if (decl && ts.isParameter(decl) && checker.isOptionalParameter(decl)) return true;
    return members(checker.getTypeOfSymbol(first)).some((m) => m.flags & ts.TypeFlags.Void);
  }

  /** The package's own declaration files the program reached from `entry` (no lib, no node_modules). */
  const packageFiles = () => program.getSourceFiles().filter((f) => f.fileName.startsWith(pkgDir) && !f.fileName.includes("node_modules") && f.fileName !== probeFile);

  return {
    ts,
    program,
    checker,
    exports,
    symbol,
    type,
    probe,
    typeOf,
    property,
    isOptional,
    show,
    literals,
    fieldsOf,
    elementOf,
    methodTypes,
    acceptsNoArgument,
    packageFiles,
    diagnostics: () => ts.getPreEmitDiagnostics(program).map(formatDiagnostic),
  };
}
