// Value sources of a `ghseal sync` manifest: environment variables, files, dotenv
// entries (parsed by the `dotenv` package), standard input, and variables'
// literals. Every problem is collected with its manifest path; values are kept
// in a Map keyed by that path and never appear in an error.

import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parse as parseDotenv } from "dotenv";
import { MAX_SECRET_BYTES } from "../limits.js";
import { ManifestError, parseManifest } from "./manifest.js";

/** GitHub's limit on a secret's or variable's value: 48 KiB (UTF-8 bytes); the package's MAX_SECRET_BYTES. */
export const MAX_VALUE_BYTES = MAX_SECRET_BYTES;

function readError(error, what) {
  if (error?.code === "ENOENT") return `${what} not found`;
  if (error?.code === "EACCES") return `${what} is not readable (permission denied)`;
  if (error?.code === "EISDIR") return `${what} is a directory`;
  return `${what} could not be read (${error?.code ?? error?.message ?? error})`;
}

/**
 * Read every value the manifest refers to.
 *
 * @param {{ targets: object[] }} manifest from parseManifest
 * @param {object} options
 * @param {Record<string, string|undefined>} [options.env=process.env]
 * @param {string} [options.baseDir="."] files are relative to it (the manifest's directory)
 * @param {(path: string) => string} [options.readFile] utf-8 reader (default fs.readFileSync)
 * @param {() => Promise<string>} [options.readStdin] standard input, read at most once
 * @param {(segments: Array<string|number>) => {line:number,column:number}} [options.locate]
 * @returns {Promise<{ values: Map<string, string>, errors: Array<{path,line,column,message}> }>}
 *   values keyed by entry path (`targets[0].secrets.TOKEN`)
 */
export async function resolveValues(manifest, options = {}) {
  const { env = process.env, baseDir = ".", readFile = (p) => readFileSync(p, "utf8"), readStdin, locate = () => ({ line: 0, column: 0 }) } = options;
  const values = new Map();
  const errors = [];
  const dotenvFiles = new Map();
  let stdinText;
  for (const target of manifest?.targets ?? []) {
    for (const entry of [...target.secrets, ...target.variables]) {
      const fail = (message, extra = []) => errors.push({ path: [entry.path, ...extra].join("."), ...locate([...entry.segments, ...extra]), message });
      const source = entry.source;
      if (!source) continue;
      let value;
      switch (source.type) {
        case "value":
          value = source.value;
          break;
        case "env":
          value = env[source.ref];
          if (value === undefined) fail(`environment variable ${source.ref} is not set`, ["env"]);
          break;
        case "file":
          try {
            value = readFile(resolve(baseDir, source.ref));
          } catch (error) {
            fail(readError(error, `file ${source.ref}`), ["file"]);
          }
          break;
        case "dotenv": {
          const file = resolve(baseDir, source.ref);
          if (!dotenvFiles.has(file)) {
            try {
              dotenvFiles.set(file, parseDotenv(readFile(file)));
            } catch (error) {
              dotenvFiles.set(file, error);
            }
          }
          const parsed = dotenvFiles.get(file);
          const key = source.key ?? String(entry.segments.at(-1));
          if (parsed instanceof Error) fail(readError(parsed, `dotenv file ${source.ref}`), ["dotenv"]);
          else if (!Object.hasOwn(parsed, key)) fail(`dotenv file ${source.ref} has no entry ${key}`, [source.key ? "key" : "dotenv"]);
          else value = parsed[key];
          break;
        }
        case "stdin":
          if (!readStdin) {
            fail("standard input is not available here", ["stdin"]);
            break;
          }
          stdinText ??= String(await readStdin()).replace(/\r?\n$/, "");
          value = stdinText;
          if (value === "") fail("standard input was empty", ["stdin"]);
          break;
        default:
          break;
      }
      if (value === undefined) continue;
      const bytes = Buffer.byteLength(value, "utf8");
      if (bytes > MAX_VALUE_BYTES) fail(`value is ${bytes} bytes; GitHub's limit is ${MAX_VALUE_BYTES} (48 KiB)`);
      else values.set(entry.path, value);
    }
  }
  return { values, errors };
}

/**
 * Read, parse, check and resolve a manifest file. Every problem (YAML, schema,
 * rules, missing variables or files, sizes) is thrown together as one ManifestError.
 *
 * @param {string} file path of the YAML manifest
 * @param {object} [options] as resolveValues (baseDir defaults to the manifest's directory)
 * @returns {Promise<{ file: string, manifest: { targets: object[] }, values: Map<string, string> }>}
 * @throws {ManifestError} (code `invalid_manifest`) with `errors[]`
 */
export async function loadManifest(file, options = {}) {
  const readFile = options.readFile ?? ((p) => readFileSync(p, "utf8"));
  let text;
  try {
    text = readFile(file);
  } catch (error) {
    throw new ManifestError(file, [{ path: "", line: 0, column: 0, message: readError(error, "the manifest") }]);
  }
  const { manifest, errors, locate } = parseManifest(text);
  const resolved = manifest ? await resolveValues(manifest, { baseDir: dirname(resolve(file)), ...options, readFile, locate }) : { values: new Map(), errors: [] };
  const all = [...errors, ...resolved.errors].sort((a, b) => a.line - b.line || a.column - b.column);
  if (all.length) throw new ManifestError(file, all);
  return { file, manifest, values: resolved.values };
}
