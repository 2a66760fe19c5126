// `ghseal seal`'s plain command lines parsed without commander (issue #12, CLI
// start-up). Loading commander costs about 15 ms CPU (its seven files and
// node:child_process, which it requires), as much as the whole sealing-only wasm
// start-up: the most of what separated `ghseal seal --key K V` from a node script
// sealing with libsodium-wrappers. node:util's parseArgs (part of Node, no load
// cost) reads the same flags as program.js's registerSeal; anything it does not
// accept as plain (help, a missing --key, an unknown or ambiguous flag, two values)
// goes to commander, which gives the usage error or the help as before.
// (The default import: Node 18.0-18.2 have no util.parseArgs; commander then parses.)
import util from "node:util";

/** registerSeal's flags (program.js), as parseArgs options. */
const SEAL_OPTIONS = {
  key: { type: "string" },
  "key-id": { type: "string" },
  "allow-large": { type: "boolean" },
  json: { type: "boolean" },
  debug: { type: "boolean" },
};

/**
 * The arguments of a plain `ghseal seal` command line.
 * @param {string[]} argv process.argv (node, script, "seal", args...)
 * @returns {{ value: string | undefined, opts: { key: string, keyId?: string, allowLarge?: boolean, json?: boolean, debug?: boolean } } | undefined}
 *   commander's `(value, opts)` for the seal action, or undefined when commander
 *   must parse the line (not `seal`, help, or anything parseArgs refuses in strict mode)
 */
export function plainSealArgs(argv) {
  if (argv[2] !== "seal" || typeof util.parseArgs !== "function") return undefined;
  let parsed;
  try {
    parsed = util.parseArgs({ args: argv.slice(3), options: SEAL_OPTIONS, strict: true, allowPositionals: true });
  } catch {
    return undefined; // commander words the usage error
  }
  const { values, positionals } = parsed;
  if (values.key === undefined || positionals.length > 1) return undefined;
  const opts = { key: values.key };
  if (values["key-id"] !== undefined) opts.keyId = values["key-id"];
  if (values["allow-large"]) opts.allowLarge = true;
  if (values.json) opts.json = true;
  if (values.debug) opts.debug = true;
  return { value: positionals[0], opts };
}
