// The `ghseal sync` manifest: YAML (the `yaml` package) checked against the JSON
// Schema shipped beside this file (ajv, every error at once) and then against the
// rules a schema cannot say (exactly one value source, literal secrets refused,
// org-only settings...). Each error names its path in the manifest and its line.
// No I/O here beyond reading the schema; value sources are read by sources.js.

import { readFileSync } from "node:fs";
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from "yaml";
import Ajv from "ajv";

/** The JSON Schema of the manifest (also shipped as `ghseal/sync/manifest.schema.json`). */
export const MANIFEST_SCHEMA = JSON.parse(readFileSync(new URL("./manifest.schema.json", import.meta.url), "utf8"));

/** Apps a target may name; `actions` is the default. */
export const SYNC_APPS = ["actions", "dependabot", "codespaces", "agents"];
/** Apps that have variables (GitHub has no Dependabot or Codespaces variables). */
export const VARIABLE_APPS = ["actions", "agents"];
const SOURCES = ["env", "file", "dotenv", "stdin"];

let validator;
function validate(data) {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(MANIFEST_SCHEMA);
  validator(data);
  return validator.errors ?? [];
}

/**
 * Every problem of a manifest, reported together before any request (exit 2).
 * `errors`: `[{ path, line, column, message }]`, path like `targets[0].secrets.API_TOKEN`,
 * line/column 1-based (0 when unknown).
 */
export class ManifestError extends Error {
  constructor(file, errors) {
    super(`${file}: ${errors.length} problem${errors.length === 1 ? "" : "s"}:\n${errors.map((e) => `  ${formatError(file, e)}`).join("\n")}`);
    this.name = "ManifestError";
    this.code = "invalid_manifest";
    this.file = file;
    this.errors = errors;
  }
}

/** `ghseal.yml:12:7: targets[0].secrets.TOKEN: message`. */
export function formatError(file, e) {
  const where = e.line ? `${file}:${e.line}:${e.column}` : file;
  return `${where}: ${e.path || "(manifest)"}: ${e.message}`;
}

/** Render path segments as `targets[0].secrets.API_TOKEN`. */
export function pathText(segments) {
  return segments.map((s, i) => (typeof s === "number" || /^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

/** Line/column of the node at `segments` (the key's position when the last step is a map key). */
function locate(doc, lineCounter, segments) {
  let node = doc.contents;
  let at = node?.range?.[0] ?? 0;
  for (const seg of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(seg));
      if (!pair) break;
      at = pair.key?.range?.[0] ?? at;
      node = pair.value;
    } else if (isSeq(node)) {
      node = node.items[Number(seg)];
      if (!node) break;
      at = node.range?.[0] ?? at;
    } else break;
  }
  const { line, col } = lineCounter.linePos(at);
  return { line, column: col };
}

/** A glob or `/regex/flags` repository-name pattern -> RegExp; throws SyntaxError. */
export function namePattern(text) {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(text);
  if (m) return new RegExp(m[1], m[2]);
  const body = text.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "i");
}

function schemaMessage(err, data, segments) {
  const leaf = segments.at(-1);
  switch (err.keyword) {
    case "additionalProperties":
      return `unknown key ${JSON.stringify(err.params.additionalProperty)}`;
    case "propertyNames":
    case "pattern":
      if (segments.includes("secrets") || segments.includes("variables")) {
        return `invalid name ${JSON.stringify(leaf)}: use A-Z, a-z, 0-9 and _, not starting with a digit`;
      }
      return `${err.message}`;
    case "type":
      if (segments.at(-2) === "secrets" && data !== null && typeof data !== "object") {
        return "a literal secret value is refused (the manifest is meant to be committed): give { env: VAR }, { file: PATH }, { dotenv: PATH, key: NAME } or { stdin: true }";
      }
      return `must be ${err.params.type}`;
    case "enum":
      return `must be one of ${err.params.allowedValues.join(", ")}`;
    default:
      return err.message;
  }
}

function at(data, segments) {
  return segments.reduce((v, s) => (v == null ? undefined : v[s]), data);
}

/** Schema errors: one per distinct path and message (ajv's anyOf noise is folded). */
function schemaErrors(data, report) {
  const seen = new Set();
  for (const err of validate(data)) {
    const segments = err.instancePath.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
    if (err.keyword === "additionalProperties") segments.push(err.params.additionalProperty);
    if (err.keyword === "propertyNames") segments.push(err.params.propertyName);
    if (err.keyword === "pattern" && err.propertyName !== undefined) continue; // reported by propertyNames
    const message = schemaMessage(err, at(data, segments), segments);
    const key = `${segments.join("/")}\n${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      report(segments, message);
    }
  }
}

function checkSource(entry, base, kind, report, stdinUsers) {
  if (!entry || typeof entry !== "object" || Array.isArray(entry)) return null;
  const given = SOURCES.filter((k) => entry[k] !== undefined);
  const hasValue = entry.value !== undefined;
  if (kind === "variable" && hasValue) {
    if (given.length) report(base, `give either value or ${given.join("/")}, not both`);
    return { type: "value", value: String(entry.value) };
  }
  if (entry.key !== undefined && given[0] !== "dotenv") report([...base, "key"], "key is only used with dotenv");
  if (given.length !== 1) {
    const choices = kind === "secret" ? "env, file, dotenv or stdin" : "value, env, file or dotenv";
    report(base, given.length ? `give exactly one of ${choices} (got ${given.join(", ")})` : `no value source: give one of ${choices}`);
    return null;
  }
  if (given[0] === "stdin") {
    stdinUsers.push(base);
    if (stdinUsers.length === 2) report(base, `only one secret can read standard input (also ${pathText(stdinUsers[0])})`);
  }
  return { type: given[0], ref: entry[given[0]], key: entry.key };
}

function checkOrgSettings(entry, base, isOrg, report) {
  if (!entry || typeof entry !== "object" || Array.isArray(entry)) return {};
  const { visibility, repositories } = entry;
  if (!isOrg) {
    if (visibility !== undefined) report([...base, "visibility"], "visibility applies to organization targets only");
    if (repositories !== undefined) report([...base, "repositories"], "repositories applies to organization targets only");
    return {};
  }
  if (repositories !== undefined && visibility !== undefined && visibility !== "selected") {
    report([...base, "repositories"], `selected repositories need visibility: selected (got ${visibility})`);
  }
  const v = visibility ?? (repositories ? "selected" : "private");
  return { visibility: v, repositories: v === "selected" ? [...(repositories ?? [])] : undefined };
}

function normalizeTarget(t, i, report, stdinUsers) {
  const base = ["targets", i];
  if (!t || typeof t !== "object" || Array.isArray(t)) return null;
  const app = SYNC_APPS.includes(t.app) ? t.app : "actions";
  const out = { path: pathText(base), index: i, label: t.name, app, prune: t.prune === true, protect: [...(t.protect ?? [])], createEnvironments: t.createEnvironments === true, secrets: [], variables: [] };
  const hasRepos = t.repositories !== undefined;
  const hasOrg = t.organization !== undefined;
  if (hasRepos === hasOrg) report(base, hasRepos ? "give repositories or organization, not both" : "a target needs repositories (OWNER/REPO list or { org, match }) or organization");
  if (hasOrg) {
    out.organization = String(t.organization);
    if (t.environments !== undefined) report([...base, "environments"], "environments belong to repository targets");
  } else if (Array.isArray(t.repositories)) {
    out.repositories = t.repositories.map(String);
    const seen = new Map();
    t.repositories.forEach((r, j) => {
      const k = String(r).toLowerCase();
      if (seen.has(k)) report([...base, "repositories", j], `repository ${r} is listed twice`);
      seen.set(k, j);
    });
  } else if (t.repositories && typeof t.repositories === "object") {
    const { org, match, forks } = t.repositories;
    out.discover = { org, match, forks: forks === true };
    if (typeof match === "string") {
      try {
        out.discover.pattern = namePattern(match);
      } catch (error) {
        report([...base, "repositories", "match"], `bad pattern: ${error.message}`);
      }
    }
  }
  if (t.environments !== undefined) {
    out.environments = [...t.environments];
    if (app !== "actions") report([...base, "environments"], `environments hold Actions secrets only (app is ${app})`);
  }
  if (t.createEnvironments !== undefined && t.environments === undefined) report([...base, "createEnvironments"], "createEnvironments needs environments");
  if (t.variables !== undefined && !VARIABLE_APPS.includes(app)) report([...base, "variables"], `GitHub has no ${app} variables (use app: actions)`);
  for (const kind of ["secrets", "variables"]) {
    const names = new Map();
    for (const [name, entry] of Object.entries(t[kind] ?? {})) {
      const p = [...base, kind, name];
      const upper = name.toUpperCase();
      if (upper.startsWith("GITHUB_")) report(p, "names must not start with GITHUB_ (GitHub reserves the prefix)");
      if (names.has(upper)) report(p, `same name as ${names.get(upper)} (names are case-insensitive)`);
      names.set(upper, name);
      const literal = kind === "variables" && (entry === null || typeof entry !== "object");
      const source = literal ? { type: "value", value: entry === null ? "" : String(entry) } : checkSource(entry, p, kind === "secrets" ? "secret" : "variable", report, stdinUsers);
      const settings = checkOrgSettings(entry, p, hasOrg && !hasRepos, report);
      out[kind].push({ name: upper, path: pathText(p), segments: p, source, ...settings });
    }
  }
  return out;
}

/**
 * Parse and check a manifest's text. Never throws for bad input.
 *
 * @param {string} text YAML (JSON is YAML too)
 * @returns {{ manifest: { targets: object[] } | null, errors: Array<{path,line,column,message}>, locate: (segments) => {line,column} }}
 */
export function parseManifest(text) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(String(text), { lineCounter, uniqueKeys: true, prettyErrors: false });
  const errors = [];
  const where = (segments) => locate(doc, lineCounter, segments);
  if (doc.errors.length) {
    for (const e of doc.errors) {
      const pos = lineCounter.linePos(e.pos?.[0] ?? 0);
      errors.push({ path: "", line: pos.line, column: pos.col, message: `YAML: ${e.message.split("\n")[0]}` });
    }
    return { manifest: null, errors, locate: where };
  }
  const data = doc.toJS({ maxAliasCount: 100 });
  const report = (segments, message) => errors.push({ path: pathText(segments), ...where(segments), message });
  schemaErrors(data, report);
  const stdinUsers = [];
  const targets = Array.isArray(data?.targets) ? data.targets.map((t, i) => normalizeTarget(t, i, report, stdinUsers)).filter(Boolean) : [];
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  return { manifest: { targets }, errors, locate: where };
}
